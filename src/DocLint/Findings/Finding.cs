namespace DocLint.Findings;

public enum Severity { Info = 0, Warning = 1, Error = 2 }

/// <summary>A 1-based position range in a repository-relative file (path uses '/').</summary>
public readonly record struct SourceSpan(string Path, int Line, int Column, int EndLine, int EndColumn)
{
    public static SourceSpan At(string path, int line, int column) => new(path, line, column, line, column);
    public static SourceSpan FileStart(string path) => new(path, 1, 1, 1, 1);
    public override string ToString() => $"{Path}:{Line}:{Column}";
}

/// <summary>
/// One defect. <see cref="Key"/> is the semantic identity (job, input, term...) used for fingerprints,
/// so a finding keeps its fingerprint when unrelated lines move.
/// </summary>
public sealed record Finding(string RuleId, Severity Severity, string Message, SourceSpan Span, string Key = "")
{
    /// <summary>Advice for a person (the JSON report's <c>suggestion</c>; html shows it). An edit DocLint can make
    /// itself is <see cref="Edit"/>, not this.</summary>
    public string? Suggestion { get; init; }
    /// <summary>The rewrite <c>--fix</c> applies, when the fix is unambiguous (CONTRACT §7).</summary>
    public TextEdit? Edit { get; init; }
    /// <summary>
    /// The stable fingerprint, assigned once per run over the whole finding set (<see cref="Reporting.Fingerprints"/>)
    /// so that filtering (baseline) never shifts another finding's value; null until then.
    /// </summary>
    public string? Fingerprint { get; init; }
    public override string ToString() => $"{Span}: {Severity.ToString().ToLowerInvariant()}: {Message} [{RuleId}]";
}

/// <summary>
/// Replace <see cref="Length"/> UTF-16 characters at <see cref="Offset"/> of the decoded text of <see cref="Path"/>
/// (BOM excluded) with <see cref="Replacement"/>. <see cref="Expected"/> is the text being replaced, checked before
/// any rewrite so a stale edit never lands. <see cref="Range"/> is the same span as 1-based line and column (end
/// exclusive, columns in UTF-16 code units): what the JSON <c>fix</c>, SARIF <c>fixes</c> and the language server's
/// edits carry (CONTRACT §6).
/// </summary>
public sealed record TextEdit(SourceSpan Range, int Offset, int Length, string Expected, string Replacement)
{
    public string Path => Range.Path;
}

/// <summary>Collects findings, dropping exact duplicates (same rule, place and message).</summary>
public sealed class FindingSink
{
    private readonly List<Finding> _items = new();
    private readonly HashSet<(string, SourceSpan, string)> _seen = new();

    public IReadOnlyList<Finding> Items => _items;

    public void Add(Finding finding)
    {
        if (_seen.Add((finding.RuleId, finding.Span, finding.Message))) _items.Add(finding);
    }

    public void AddRange(IEnumerable<Finding> findings)
    {
        foreach (var f in findings) Add(f);
    }
}
