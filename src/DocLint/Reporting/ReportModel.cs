using DocLint.Findings;

namespace DocLint.Reporting;

/// <summary>Run facts for the summary line/object.</summary>
public sealed record ReportSummary(int FilesChecked, long ElapsedMs);

/// <summary>Shared ordering and counting for the reporters.</summary>
public static class ReportOrder
{
    /// <summary>The <c>check --format</c> / <c>--report F=FILE</c> formats (CONTRACT §6).</summary>
    public static readonly string[] Supported = { "text", "json", "codequality", "sarif", "junit", "html" };

    /// <summary>Report order: path, line, column, rule (then message, for determinism).</summary>
    public static IReadOnlyList<Finding> Sort(IEnumerable<Finding> findings) => findings
        .OrderBy(f => Fingerprints.NormalizePath(f.Span.Path), StringComparer.Ordinal)
        .ThenBy(f => f.Span.Line).ThenBy(f => f.Span.Column)
        .ThenBy(f => f.RuleId, StringComparer.Ordinal)
        .ThenBy(f => f.Message, StringComparer.Ordinal)
        .ToList();

    public static int Count(IReadOnlyList<Finding> findings, Severity s) => findings.Count(f => f.Severity == s);

    /// <summary>"1 error", "0 errors", "2 files": the count and the noun, singular only for exactly one.</summary>
    public static string Plural(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    public static string Name(Severity s) => s.ToString().ToLowerInvariant();

    /// <summary>Renders <paramref name="format"/> (one of <see cref="Supported"/>) from the findings alone: no checked
    /// files, source lines or routing model (see <see cref="Render(string, ReportContext)"/>).</summary>
    public static string Render(string format, IReadOnlyList<Finding> findings, ReportSummary summary, bool color = false, bool quiet = false) =>
        Render(format, new ReportContext(findings, summary) { Color = color, Quiet = quiet });

    /// <summary>Renders <paramref name="format"/> (one of <see cref="Supported"/>).</summary>
    public static string Render(string format, ReportContext ctx) => format switch
    {
        "text" => TextReporter.Write(ctx.Findings, ctx.Summary, ctx.Color, ctx.Quiet),
        "json" => JsonReporter.Write(ctx.Findings, ctx.Summary),
        "codequality" => CodeQualityReporter.Write(ctx.Findings),
        "sarif" => SarifReporter.Write(ctx),
        "junit" => JUnitReporter.Write(ctx),
        "html" => HtmlReporter.Write(ctx),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unsupported report format"),
    };
}
