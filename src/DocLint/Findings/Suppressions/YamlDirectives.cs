using YamlDotNet.Core;
using YamlDotNet.Core.Tokens;

namespace DocLint.Findings.Suppressions;

/// <summary>
/// Finds <c># doclint-disable-next-line [RULE[, RULE]]</c> in a YAML file with YamlDotNet's scanner (comments kept),
/// so only real comments count: a <c>#</c> inside a quoted string, a block scalar (<c>script: |</c>) or a plain scalar
/// such as <c>a#b</c> is text, not a comment. The directive applies to the next line that is not blank and not only a
/// comment, i.e. the next line on which a YAML token starts; a finding is suppressed when it starts on that line. A
/// trailing directive (<c>key: v # doclint-disable-next-line</c>) also applies to the following line. When the file is
/// not valid YAML, the comments before the error still count and the error's line is a line like any other; nothing
/// after the error is read.
/// </summary>
public static class YamlDirectives
{
    public static IReadOnlyList<Directive> Extract(string path, string text)
    {
        if (!text.Contains(DirectiveSyntax.Prefix, StringComparison.Ordinal)) return Array.Empty<Directive>();
        var comments = new List<Comment>();
        var tokenLines = new List<int>();
        var scanner = new Scanner(new StringReader(text), skipComments: false);
        // The scanner emits a token per indicator or scalar, so a file of N characters has fewer than N + a few
        // tokens; the bound only guards against a scanner that stops advancing.
        var budget = 4L * text.Length + 16;
        try
        {
            var scanning = true;
            while (scanning && budget-- > 0 && scanner.MoveNext())
            {
                switch (scanner.Current)
                {
                    case Comment c:
                        comments.Add(c);
                        break;
                    case Error error:
                        // A scanner error repeats forever at the same place: the rest of the file is unreadable.
                        tokenLines.Add((int)error.Start.Line);
                        scanning = false;
                        break;
                    case StreamStart or StreamEnd or BlockEnd:
                        break;
                    case { } token:
                        tokenLines.Add((int)token.Start.Line);
                        break;
                }
            }
        }
        catch (YamlException e)
        {
            tokenLines.Add((int)e.Start.Line);
        }
        tokenLines.Sort();

        var result = new List<Directive>();
        foreach (var c in comments)
        {
            var line = (int)c.Start.Line;
            var hash = (int)c.Start.Index;
            var end = (int)Math.Min(c.End.Index, text.Length);
            if (hash < 0 || hash >= end || text[hash] != '#') continue;
            var body = text[(hash + 1)..end];
            var column = (int)c.Start.Column + 1; // column of body[0]
            var whole = new SourceSpan(path, line, (int)c.Start.Column, line, column + body.Length);
            var directive = DirectiveSyntax.Parse(body, (a, b) => new SourceSpan(path, line, column + a, line, column + b), whole, yaml: true);
            if (directive == null) continue;
            result.Add(directive with { TargetLine = NextTokenLine(tokenLines, line) });
        }
        return result;
    }

    private static int NextTokenLine(List<int> sortedLines, int after)
    {
        var i = sortedLines.BinarySearch(after + 1);
        if (i < 0) i = ~i;
        else while (i > 0 && sortedLines[i - 1] == after + 1) i--;
        return i < sortedLines.Count ? sortedLines[i] : 0;
    }
}
