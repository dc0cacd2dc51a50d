namespace DocLint.Findings.Suppressions;

/// <summary>What an inline comment asks for (CONTRACT §5.4).</summary>
public enum DirectiveKind
{
    /// <summary><c>doclint-disable-next-line</c>: the next line (YAML: the next line that is not blank and not only a comment).</summary>
    NextLine,
    /// <summary><c>doclint-disable</c>: from its line to the matching <c>doclint-enable</c>, or to the end of the file (Markdown).</summary>
    Disable,
    /// <summary><c>doclint-enable</c>: ends a <c>doclint-disable</c> (Markdown).</summary>
    Enable,
    /// <summary><c>doclint-disable-file</c>: the whole file (Markdown).</summary>
    File,
    /// <summary>A <c>doclint-…</c> comment that is no directive of this file type (a typo, or a Markdown-only form in YAML).</summary>
    Invalid,
}

/// <summary>One rule ID named in a directive, with the span of its name.</summary>
public sealed record DirectiveRule(string Id, SourceSpan Span);

/// <summary>
/// One <c>doclint-…</c> comment found by parsing (a real YAML comment token, or an HTML comment node of the Markdown
/// AST). <see cref="Rules"/> empty means every rule. For <see cref="DirectiveKind.NextLine"/>, <see cref="TargetLine"/>
/// is the line it applies to (0: there is none, the comment ends the file).
/// </summary>
public sealed record Directive(DirectiveKind Kind, string Name, SourceSpan Span, IReadOnlyList<DirectiveRule> Rules)
{
    public int TargetLine { get; init; }
    /// <summary>Why an <see cref="DirectiveKind.Invalid"/> directive does nothing.</summary>
    public string? Problem { get; init; }
    public string Path => Span.Path;
    public bool AllRules => Rules.Count == 0;
}

/// <summary>
/// The text of a directive comment: <c>doclint-NAME [RULE[, RULE]…] [-- reason]</c>. Rule IDs are separated by commas
/// and/or spaces; a <c>--</c> token ends the list (what follows is a free-text reason for reviewers). Only a comment
/// whose text starts with <c>doclint-</c> is a directive; every other comment is left alone.
/// </summary>
internal static class DirectiveSyntax
{
    public const string Prefix = "doclint-";
    public const string NextLine = "doclint-disable-next-line";
    public const string Disable = "doclint-disable";
    public const string Enable = "doclint-enable";
    public const string DisableFile = "doclint-disable-file";

    private static readonly string[] MarkdownNames = { NextLine, Disable, Enable, DisableFile };

    /// <param name="body">The comment's text (after <c>#</c>, or between <c>&lt;!--</c> and <c>--&gt;</c>).</param>
    /// <param name="spanOf">Maps a [start, end) range of <paramref name="body"/> to a source span.</param>
    /// <param name="whole">The span of the whole comment.</param>
    /// <param name="yaml">YAML knows only <c>doclint-disable-next-line</c>.</param>
    public static Directive? Parse(string body, Func<int, int, SourceSpan> spanOf, SourceSpan whole, bool yaml)
    {
        var i = 0;
        while (i < body.Length && char.IsWhiteSpace(body[i])) i++;
        if (string.CompareOrdinal(body, i, Prefix, 0, Prefix.Length) != 0) return null;
        var nameStart = i;
        while (i < body.Length && !char.IsWhiteSpace(body[i]) && body[i] != ',') i++;
        var name = body[nameStart..i];

        var rules = new List<DirectiveRule>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (i < body.Length)
        {
            while (i < body.Length && (char.IsWhiteSpace(body[i]) || body[i] == ',')) i++;
            var start = i;
            while (i < body.Length && !char.IsWhiteSpace(body[i]) && body[i] != ',') i++;
            if (i == start) break;
            var token = body[start..i];
            if (token == "--") break;
            if (seen.Add(token)) rules.Add(new DirectiveRule(token, spanOf(start, i)));
        }

        var kind = name switch
        {
            NextLine => DirectiveKind.NextLine,
            Disable when !yaml => DirectiveKind.Disable,
            Enable when !yaml => DirectiveKind.Enable,
            DisableFile when !yaml => DirectiveKind.File,
            _ => DirectiveKind.Invalid,
        };
        string? problem = null;
        if (kind == DirectiveKind.Invalid)
            problem = yaml && MarkdownNames.Contains(name)
                ? $"'{name}' works in Markdown only; in YAML write '# {NextLine} [RULE]' on the line before the node"
                : yaml
                    ? $"unknown directive '{name}'; in YAML the directive is '# {NextLine} [RULE[, RULE]]'"
                    : $"unknown directive '{name}'; expected {NextLine}, {Disable}, {Enable} or {DisableFile}";
        return new Directive(kind, name, whole, rules) { Problem = problem };
    }
}
