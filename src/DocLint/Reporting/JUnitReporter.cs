using System.Globalization;
using System.Text;
using System.Xml;
using DocLint.Findings;

namespace DocLint.Reporting;

/// <summary>
/// CONTRACT §6 junit, shaped for GitLab's <c>artifacts:reports:junit</c> parser (it reads
/// testsuites/testsuite/testcase and a testcase's failure): one <c>&lt;testsuite name="doclint"&gt;</c> with one
/// <c>&lt;testcase&gt;</c> per checked file (plus any other file with a finding) and one <c>&lt;failure&gt;</c>
/// per finding, whose <c>message</c> is the finding's message, <c>type</c> its rule id and body the text report's
/// line. <c>tests</c> counts test cases and <c>failures</c> the test cases with at least one failure (a file fails
/// once however many findings it has), so the counts agree with what GitLab and other consumers compute.
/// Characters XML cannot carry become visible (<see cref="ReportText.Visible"/>).
/// </summary>
public static class JUnitReporter
{
    public const string SuiteName = "doclint";
    /// <summary>The test case name for findings that have no file.</summary>
    public const string RepositoryCase = "(repository)";

    public static string Write(ReportContext ctx)
    {
        var sorted = ReportOrder.Sort(ctx.Findings);
        var byFile = sorted.GroupBy(f => Name(f)).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var cases = ctx.Files().Where(p => p.Length > 0).Concat(byFile.Keys)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var failing = cases.Count(byFile.ContainsKey).ToString(CultureInfo.InvariantCulture);
        var tests = cases.Count.ToString(CultureInfo.InvariantCulture);
        var time = (ctx.Summary.ElapsedMs / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);

        using var ms = new MemoryStream();
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Entitize,
        };
        using (var w = XmlWriter.Create(ms, settings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("testsuites");
            w.WriteAttributeString("name", "DocLint");
            w.WriteAttributeString("tests", tests);
            w.WriteAttributeString("failures", failing);
            w.WriteAttributeString("errors", "0");
            w.WriteAttributeString("time", time);

            w.WriteStartElement("testsuite");
            w.WriteAttributeString("name", SuiteName);
            w.WriteAttributeString("tests", tests);
            w.WriteAttributeString("failures", failing);
            w.WriteAttributeString("errors", "0");
            w.WriteAttributeString("skipped", "0");
            w.WriteAttributeString("time", time);
            foreach (var file in cases)
            {
                w.WriteStartElement("testcase");
                w.WriteAttributeString("classname", SuiteName);
                w.WriteAttributeString("name", ReportText.Visible(file));
                if (file != RepositoryCase) w.WriteAttributeString("file", ReportText.Visible(file));
                w.WriteAttributeString("time", "0");
                if (byFile.TryGetValue(file, out var findings))
                    foreach (var f in findings)
                    {
                        w.WriteStartElement("failure");
                        w.WriteAttributeString("message", ReportText.Visible(f.Message));
                        w.WriteAttributeString("type", ReportText.Visible(f.RuleId));
                        w.WriteString(ReportText.Visible(
                            $"{Fingerprints.NormalizePath(f.Span.Path)}:{f.Span.Line}:{f.Span.Column}: {ReportOrder.Name(f.Severity)}: {f.Message} [{f.RuleId}]"));
                        w.WriteEndElement();
                    }
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndDocument();
        }
        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }

    private static string Name(Finding f)
    {
        var p = Fingerprints.NormalizePath(f.Span.Path);
        return p.Length == 0 ? RepositoryCase : p;
    }
}
