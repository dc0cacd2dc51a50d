using System.Text;
using DocLint.Findings;
using DocLint.Load;

namespace DocLint.Reporting;

/// <summary>
/// The lines of the files a report quotes, read once each through the <see cref="Workspace"/> (so confinement, the
/// size limit and strict UTF-8 apply; a file it refuses is simply not quoted).
/// </summary>
public sealed class SourceLines(Workspace? workspace)
{
    private readonly Dictionary<string, string[]?> _cache = new(StringComparer.Ordinal);

    /// <summary>The lines of <paramref name="path"/> without line endings, or null when there is no workspace or the
    /// file cannot be read.</summary>
    public string[]? Of(string path)
    {
        if (workspace == null || string.IsNullOrEmpty(path)) return null;
        if (_cache.TryGetValue(path, out var lines)) return lines;
        var text = workspace.TryRead(path, out _);
        lines = text?.Text.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        if (lines is { Length: > 1 } && lines[^1].Length == 0) lines = lines[..^1];
        _cache[path] = lines;
        return lines;
    }

    /// <summary>
    /// The span clamped into <paramref name="lines"/>: 1-based lines, columns within each line (end column
    /// exclusive, never before the start). An end that only reaches into the indentation of a later line (a YAML
    /// node ends where the next one starts) is pulled back to the end of the last line with content.
    /// </summary>
    public static SourceSpan Clamp(SourceSpan span, string[] lines)
    {
        var line = Math.Clamp(span.Line, 1, lines.Length);
        var endLine = Math.Clamp(span.EndLine, line, lines.Length);
        var col = Math.Clamp(span.Column, 1, lines[line - 1].Length + 1);
        // An end past the last line (a node that ends at end of file) ends with the last line.
        var endCol = span.EndLine > lines.Length ? lines[^1].Length + 1 : Math.Clamp(span.EndColumn, 1, lines[endLine - 1].Length + 1);
        while (endLine > line && string.IsNullOrWhiteSpace(lines[endLine - 1][..(endCol - 1)]))
        {
            endLine--;
            endCol = lines[endLine - 1].Length + 1;
        }
        if (endLine == line && endCol < col) endCol = col;
        return span with { Line = line, Column = col, EndLine = endLine, EndColumn = endCol };
    }

    /// <summary>The text of a clamped span (lines joined with <c>\n</c>).</summary>
    public static string Text(SourceSpan s, string[] lines)
    {
        if (s.Line == s.EndLine) return lines[s.Line - 1][(s.Column - 1)..(s.EndColumn - 1)];
        var sb = new StringBuilder(lines[s.Line - 1][(s.Column - 1)..]);
        for (var l = s.Line + 1; l < s.EndLine; l++) sb.Append('\n').Append(lines[l - 1]);
        return sb.Append('\n').Append(lines[s.EndLine - 1][..(s.EndColumn - 1)]).ToString();
    }
}

/// <summary>Text that is safe in every report format.</summary>
public static class ReportText
{
    /// <summary>
    /// Control characters XML 1.0 forbids and HTML calls parse errors become visible Control Pictures (U+0001 → ␁,
    /// DEL → ␡); lone surrogates and the non-characters U+FFFE/U+FFFF become U+FFFD. Tab, LF and CR stay.
    /// </summary>
    public static string Visible(string s)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            string? repl = null;
            if (c < 0x20 && c is not ('\t' or '\n' or '\r')) repl = ((char)(0x2400 + c)).ToString();
            else if (c == 0x7F) repl = "\u2421";
            else if (c is '\uFFFE' or '\uFFFF') repl = "\uFFFD";
            else if (char.IsHighSurrogate(c))
            {
                if (i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                {
                    sb?.Append(c).Append(s[i + 1]);
                    i++;
                    continue;
                }
                repl = "\uFFFD";
            }
            else if (char.IsLowSurrogate(c)) repl = "\uFFFD";

            if (repl != null)
            {
                sb ??= new StringBuilder(s, 0, i, s.Length + 8);
                sb.Append(repl);
            }
            else sb?.Append(c);
        }
        return sb?.ToString() ?? s;
    }
}
