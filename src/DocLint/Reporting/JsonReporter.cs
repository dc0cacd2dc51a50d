using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DocLint.Findings;

namespace DocLint.Reporting;

/// <summary>CONTRACT §6 json, described by schema/report.schema.json.</summary>
public static class JsonReporter
{
    public const int Version = 1;

    public static string Write(IReadOnlyList<Finding> findings, ReportSummary summary)
    {
        var sorted = ReportOrder.Sort(findings);
        var fps = Fingerprints.Compute(sorted);
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("version", Version);
            w.WriteStartArray("findings");
            for (var i = 0; i < sorted.Count; i++)
            {
                var f = sorted[i];
                w.WriteStartObject();
                w.WriteString("ruleId", f.RuleId);
                w.WriteString("severity", ReportOrder.Name(f.Severity));
                w.WriteString("message", f.Message);
                w.WriteString("path", Fingerprints.NormalizePath(f.Span.Path));
                w.WriteNumber("line", f.Span.Line);
                w.WriteNumber("column", f.Span.Column);
                w.WriteNumber("endLine", f.Span.EndLine);
                w.WriteNumber("endColumn", f.Span.EndColumn);
                w.WriteString("fingerprint", fps[i]);
                if (f.Edit is { } edit)
                {
                    // Exactly the edit --fix applies (CONTRACT §6): the replaced span, 1-based, end exclusive, UTF-16 columns.
                    w.WriteStartObject("fix");
                    w.WriteNumber("line", edit.Range.Line);
                    w.WriteNumber("column", edit.Range.Column);
                    w.WriteNumber("endLine", edit.Range.EndLine);
                    w.WriteNumber("endColumn", edit.Range.EndColumn);
                    w.WriteString("replacement", edit.Replacement);
                    w.WriteEndObject();
                }
                if (f.Suggestion != null) w.WriteString("suggestion", f.Suggestion);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("summary");
            w.WriteNumber("errors", ReportOrder.Count(sorted, Severity.Error));
            w.WriteNumber("warnings", ReportOrder.Count(sorted, Severity.Warning));
            w.WriteNumber("infos", ReportOrder.Count(sorted, Severity.Info));
            w.WriteNumber("filesWithFindings", sorted.Select(f => Fingerprints.NormalizePath(f.Span.Path)).Distinct(StringComparer.Ordinal).Count());
            w.WriteNumber("filesChecked", summary.FilesChecked);
            w.WriteNumber("elapsedMs", summary.ElapsedMs);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }
}
