using System.Diagnostics;
using DocLint.Linting;

namespace DocLint.Cli;

/// <summary>
/// <c>files checked / total</c> on one terminal line of stderr, overwritten in place with <c>\r</c>, for runs that take
/// longer than <see cref="Delay"/>; cleared before the report is written. The CLI creates one only for a terminal
/// (<see cref="ForConsole"/>); the library only reports progress (<see cref="CheckOptions.Progress"/>).
/// </summary>
public sealed class ProgressLine : IProgress<CheckProgress>
{
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);
    /// <summary>At most this often a new line is drawn (the last one is always drawn).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly TextWriter _err;
    private readonly Func<TimeSpan> _elapsed;
    private TimeSpan? _drawnAt;
    private int _width;

    /// <param name="elapsed">Time since the run started (tests pass a fake clock).</param>
    public ProgressLine(TextWriter stderr, Func<TimeSpan>? elapsed = null)
    {
        _err = stderr;
        if (elapsed == null)
        {
            var clock = Stopwatch.StartNew();
            elapsed = () => clock.Elapsed;
        }
        _elapsed = elapsed;
    }

    /// <summary>A progress line when <paramref name="stderr"/> is this process's real stderr and that is a terminal, and
    /// the run is not <c>--quiet</c>; otherwise null (piped, redirected, captured by a caller, or quiet: nothing).</summary>
    public static ProgressLine? ForConsole(TextWriter stderr, bool quiet) =>
        !quiet && ReferenceEquals(stderr, StdStreams.Err) && !Console.IsErrorRedirected ? new ProgressLine(stderr) : null;

    public void Report(CheckProgress value)
    {
        var now = _elapsed();
        if (now < Delay) return;
        var last = value.Checked >= value.Total;
        if (!last && _drawnAt is { } drawn && now - drawn < Interval) return;
        _drawnAt = now;
        var text = $"doclint: {value.Checked} / {value.Total} files checked";
        _err.Write("\r" + text.PadRight(_width));
        _width = Math.Max(_width, text.Length);
        _err.Flush();
    }

    /// <summary>Erases the line, when one was drawn.</summary>
    public void Clear()
    {
        if (_width == 0) return;
        _err.Write("\r" + new string(' ', _width) + "\r");
        _err.Flush();
        _width = 0;
    }
}
