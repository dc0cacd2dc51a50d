using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DocLint.Findings;

namespace DocLint.Reporting;

/// <summary>
/// GitLab Code Quality artifact (CONTRACT §6, gitlab-facts §4): a JSON array of
/// {description, check_name, fingerprint, severity, location:{path, lines:{begin}}}.
/// The rule id is prefixed to the description because GitLab does not display check_name.
/// Write the result as UTF-8 without a BOM (<see cref="ReportWriter"/> does).
/// </summary>
public static class CodeQualityReporter
{
    public static string Severity(Findings.Severity s) => s switch
    {
        Findings.Severity.Error => "major",
        Findings.Severity.Warning => "minor",
        _ => "info",
    };

    public static string Write(IReadOnlyList<Finding> findings)
    {
        var sorted = ReportOrder.Sort(findings);
        var fps = Fingerprints.Compute(sorted);
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartArray();
            for (var i = 0; i < sorted.Count; i++)
            {
                var f = sorted[i];
                w.WriteStartObject();
                w.WriteString("description", $"[{f.RuleId}] {f.Message}");
                w.WriteString("check_name", f.RuleId);
                w.WriteString("fingerprint", fps[i]);
                w.WriteString("severity", Severity(f.Severity));
                w.WriteStartObject("location");
                w.WriteString("path", Fingerprints.NormalizePath(f.Span.Path));
                w.WriteStartObject("lines");
                w.WriteNumber("begin", Math.Max(1, f.Span.Line));
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }
}
