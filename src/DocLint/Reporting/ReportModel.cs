using DocLint.Findings;

namespace DocLint.Reporting;

/// <summary>Run facts for the summary line/object.</summary>
public sealed record ReportSummary(int FilesChecked, long ElapsedMs);

/// <summary>Shared ordering and counting for the reporters.</summary>
public static class ReportOrder
{
    public static readonly string[] Supported = { "text", "json", "codequality" };
    public static readonly string[] Later = { "sarif", "junit", "html" };

    /// <summary>Report order: path, line, column, rule (then message, for determinism).</summary>
    public static IReadOnlyList<Finding> Sort(IEnumerable<Finding> findings) => findings
        .OrderBy(f => Fingerprints.NormalizePath(f.Span.Path), StringComparer.Ordinal)
        .ThenBy(f => f.Span.Line).ThenBy(f => f.Span.Column)
        .ThenBy(f => f.RuleId, StringComparer.Ordinal)
        .ThenBy(f => f.Message, StringComparer.Ordinal)
        .ToList();

    public static int Count(IReadOnlyList<Finding> findings, Severity s) => findings.Count(f => f.Severity == s);

    public static string Name(Severity s) => s.ToString().ToLowerInvariant();

    /// <summary>Renders <paramref name="format"/> (one of <see cref="Supported"/>).</summary>
    public static string Render(string format, IReadOnlyList<Finding> findings, ReportSummary summary, bool color = false, bool quiet = false) => format switch
    {
        "text" => TextReporter.Write(findings, summary, color, quiet),
        "json" => JsonReporter.Write(findings, summary),
        "codequality" => CodeQualityReporter.Write(findings),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unsupported report format"),
    };
}
