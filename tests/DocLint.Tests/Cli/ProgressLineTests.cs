using DocLint.Cli;
using DocLint.Linting;
using DocLint.Tests.Support;

namespace DocLint.Tests.Cli;

/// <summary>
/// The progress line of <c>doclint check</c>: drawn on a terminal's stderr once a run passes one second, overwritten
/// in place, erased before the report; never when stderr is piped or captured, or with <c>--quiet</c>.
/// </summary>
public class ProgressLineTests
{
    private sealed class Clock
    {
        public TimeSpan Now;
    }

    [Fact]
    public void Nothing_is_drawn_in_the_first_second_then_the_line_is_overwritten_throttled_and_cleared()
    {
        var err = new StringWriter();
        var clock = new Clock();
        var line = new ProgressLine(err, () => clock.Now);
        clock.Now = TimeSpan.FromMilliseconds(900);
        line.Report(new CheckProgress(10, 5000));
        line.Clear();
        Assert.Equal("", err.ToString());

        clock.Now = TimeSpan.FromMilliseconds(1000);
        line.Report(new CheckProgress(11, 5000));
        clock.Now = TimeSpan.FromMilliseconds(1050);
        line.Report(new CheckProgress(12, 5000)); // within 100 ms of the last: not drawn
        clock.Now = TimeSpan.FromMilliseconds(1060);
        line.Report(new CheckProgress(5000, 5000)); // the last is always drawn
        Assert.Equal("\rdoclint: 11 / 5000 files checked\rdoclint: 5000 / 5000 files checked", err.ToString());

        line.Clear();
        Assert.EndsWith("\r" + new string(' ', "doclint: 5000 / 5000 files checked".Length) + "\r", err.ToString());
        Assert.DoesNotContain('\n', err.ToString());
    }

    [Fact]
    public void A_shorter_line_pads_over_the_longer_one()
    {
        var err = new StringWriter();
        var ticks = 0;
        var line = new ProgressLine(err, () => TimeSpan.FromSeconds(5 + ticks++)); // a second between draws
        line.Report(new CheckProgress(1000, 1000));
        line.Report(new CheckProgress(5, 9));
        Assert.EndsWith("\rdoclint: 5 / 9 files checked".PadRight("\rdoclint: 1000 / 1000 files checked".Length), err.ToString());
    }

    [Fact]
    public void Only_the_real_terminal_stderr_gets_a_progress_line()
    {
        Assert.Null(ProgressLine.ForConsole(new StringWriter(), quiet: false));
        Assert.Null(ProgressLine.ForConsole(Console.Error, quiet: true));
        Assert.Equal(!Console.IsErrorRedirected, ProgressLine.ForConsole(Console.Error, quiet: false) != null);
    }

    /// <summary>bf-dev with <paramref name="runbooks"/> more runbooks (copies of its cut-off runbook): a run that takes
    /// a few seconds.</summary>
    private static TempRepo LongRun(int runbooks)
    {
        var repo = TempRepo.CopyOf(RepoPaths.Fixture("bf-dev"));
        var runbook = Directory.GetFiles(Path.Combine(repo.Root, "docs"), "*.md", SearchOption.AllDirectories).OrderByDescending(f => new FileInfo(f).Length).First();
        var text = File.ReadAllBytes(runbook);
        for (var i = 0; i < runbooks; i++) repo.WriteBytes($"docs/operations/runbooks/generated/runbook-{i:D4}.md", text);
        return repo;
    }

    private static int CheckedMs(string stdout) =>
        int.Parse(System.Text.RegularExpressions.Regex.Match(stdout, @"files checked in (\d+) ms").Groups[1].Value);

    [Fact]
    public async Task In_process_and_redirected_runs_write_no_progress()
    {
        using var repo = LongRun(3000);
        var (code, stdout, stderr) = await CliRun.Run("check", repo.Root, "--fail-on", "never");
        Assert.Equal(0, code);
        Assert.True(CheckedMs(stdout) > 1000, $"the run took {CheckedMs(stdout)} ms, too short to show progress: the test proves nothing");
        Assert.DoesNotContain('\r', stderr);
        Assert.DoesNotContain("files checked", stderr);

        var piped = Processes.Run("dotnet", new[] { Processes.DoclintDll, "check", repo.Root, "--fail-on", "never" }, repo.Root);
        Assert.True(piped.ExitCode == 0, piped.ToString());
        Assert.True(CheckedMs(piped.Stdout) > 1000, piped.ToString());
        Assert.DoesNotContain('\r', piped.Stderr);
        Assert.DoesNotContain('\r', piped.Stdout);
    }

    /// <summary>Under a real pseudo-terminal (util-linux <c>script</c>), a long run shows the line and erases it.</summary>
    [Fact]
    public void A_terminal_sees_the_progress_line_and_then_only_the_report()
    {
        using var repo = LongRun(3000);
        var command = $"dotnet {Processes.DoclintDll} check {repo.Root} --fail-on never --no-color";
        var tty = Processes.Run("script", new[] { "-qec", command, "/dev/null" }, repo.Root);
        Assert.True(tty.ExitCode == 0, tty.ToString());
        var output = tty.Stdout;
        Assert.Matches(@"\rdoclint: \d+ / 30\d\d files checked", output);
        var total = System.Text.RegularExpressions.Regex.Match(output, @"/ (\d+) files checked").Groups[1].Value;
        Assert.Contains($"\rdoclint: {total} / {total} files checked", output);
        // Erased (spaces over it, back to column 0) before anything else is written.
        var lastDraw = output.LastIndexOf("\rdoclint: ", StringComparison.Ordinal);
        var cleared = System.Text.RegularExpressions.Regex.Match(output[(lastDraw + 1)..], @"^doclint: \d+ / \d+ files checked *\r +\r");
        Assert.True(cleared.Success, output[lastDraw..]);
        var after = output[(lastDraw + 1 + cleared.Length)..];
        Assert.DoesNotContain("\rdoclint: ", after);
        Assert.Matches(@"^(.*\n)*\d+ errors, \d+ warnings, \d+ infos in \d+ files", after.Replace("\r\n", "\n"));

        var quiet = Processes.Run("script", new[] { "-qec", command + " --quiet", "/dev/null" }, repo.Root);
        Assert.True(quiet.ExitCode == 0, quiet.ToString());
        Assert.DoesNotContain("files checked", quiet.Stdout);
    }
}
