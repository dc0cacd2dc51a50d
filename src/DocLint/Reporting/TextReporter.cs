using System.Text;
using DocLint.Findings;

namespace DocLint.Reporting;

/// <summary>CONTRACT §6 text: <c>path:line:col: severity: message [rule-id]</c> lines, then the summary line.</summary>
public static class TextReporter
{
    private const string Reset = "\u001b[0m";

    public static string Write(IReadOnlyList<Finding> findings, ReportSummary summary, bool color = false, bool quiet = false)
    {
        var sorted = ReportOrder.Sort(findings);
        var sb = new StringBuilder();
        foreach (var f in sorted)
        {
            var sev = ReportOrder.Name(f.Severity);
            if (color) sev = Colour(f.Severity) + sev + Reset;
            sb.Append(Fingerprints.NormalizePath(f.Span.Path)).Append(':').Append(f.Span.Line).Append(':').Append(f.Span.Column)
              .Append(": ").Append(sev).Append(": ").Append(f.Message).Append(" [").Append(f.RuleId).Append(']').Append('\n');
        }
        if (!quiet)
        {
            var files = sorted.Select(f => Fingerprints.NormalizePath(f.Span.Path)).Distinct(StringComparer.Ordinal).Count();
            sb.Append($"{ReportOrder.Plural(ReportOrder.Count(sorted, Severity.Error), "error")}, {ReportOrder.Plural(ReportOrder.Count(sorted, Severity.Warning), "warning")}, " +
                      $"{ReportOrder.Plural(ReportOrder.Count(sorted, Severity.Info), "info")} in {ReportOrder.Plural(files, "file")} ({ReportOrder.Plural(summary.FilesChecked, "file")} checked in {summary.ElapsedMs} ms)\n");
        }
        return sb.ToString();
    }

    private static string Colour(Severity s) => s switch
    {
        Severity.Error => "\u001b[31m",
        Severity.Warning => "\u001b[33m",
        _ => "\u001b[36m",
    };
}
