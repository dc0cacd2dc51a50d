using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using DocLint.Findings;
using DocLint.Reporting;
using DocLint.Tests.Support;

namespace DocLint.Tests.Reporting;

public class JUnitReporterTests
{
    /// <summary>A test case as GitLab's JUnit parser (lib/gitlab/ci/parsers/test/junit.rb) sees it.</summary>
    private sealed record GitLabCase(string Suite, string? ClassName, string? Name, string? File, string Status, IReadOnlyList<string> Output);

    /// <summary>
    /// Reads the report the way GitLab does: one optional top-level <c>testsuites</c>, then <c>testsuite</c>
    /// elements (nested ones too) and their <c>testcase</c> children; a case with a <c>failure</c> child is failed
    /// and its failure texts are the output, otherwise it succeeded.
    /// </summary>
    private static List<GitLabCase> ReadLikeGitLab(XDocument doc)
    {
        var cases = new List<GitLabCase>();
        void Suites(XElement parent)
        {
            foreach (var suite in parent.Elements("testsuite"))
            {
                foreach (var tc in suite.Elements("testcase"))
                {
                    var failures = tc.Elements("failure").Select(f => f.Value).ToList();
                    cases.Add(new GitLabCase((string?)suite.Attribute("name") ?? "", (string?)tc.Attribute("classname"), (string?)tc.Attribute("name"),
                        (string?)tc.Attribute("file"), failures.Count > 0 ? "failed" : tc.Element("error") != null ? "error" : "success", failures));
                }
                Suites(suite);
            }
        }
        var root = doc.Root!;
        if (root.Name == "testsuites") Suites(root);
        else if (root.Name == "testsuite") Suites(new XElement("wrapper", root));
        return cases;
    }

    /// <summary>Parses with the checks a strict consumer applies (well-formed XML 1.0, legal characters, no DTD).</summary>
    private static XDocument Parse(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { CheckCharacters = true, DtdProcessing = DtdProcessing.Prohibit });
        return XDocument.Load(reader);
    }

    private static int Attr(XElement e, string name) => int.Parse((string)e.Attribute(name)!);

    [Fact]
    public async Task Drifted_bf_dev_junit_has_a_case_per_checked_file_and_a_failure_per_finding()
    {
        using var drift = new DriftedBfDev();
        var junit = drift.Out("doclint-junit.xml");
        var json = drift.Out("doclint.json");
        var (code, _, err) = await DriftedBfDev.Check(drift.Root, "--report", $"junit={junit}", "--report", $"json={json}", "--quiet");
        Assert.Equal(1, code);
        Assert.Equal("", err);

        var bytes = File.ReadAllBytes(junit);
        Assert.Equal((byte)'<', bytes[0]); // no BOM
        var doc = Parse(File.ReadAllText(junit));
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var findings = report.RootElement.GetProperty("findings").EnumerateArray().ToList();
        var filesChecked = report.RootElement.GetProperty("summary").GetProperty("filesChecked").GetInt32();

        var suites = doc.Root!;
        Assert.Equal("testsuites", suites.Name.LocalName);
        var suite = Assert.Single(suites.Elements("testsuite"));
        var cases = ReadLikeGitLab(doc);
        var failed = cases.Where(c => c.Status == "failed").ToList();

        // Counts agree with each other, with what GitLab computes, and with the json report of the same run.
        // The checked files plus the retired bf-release/Cut-off.gitlab-ci.yml, which nothing includes (so it is not
        // read as CI) but which has a finding.
        Assert.Equal(filesChecked + 1, cases.Count);
        Assert.Contains(cases, c => c.Name == "bf-release/Cut-off.gitlab-ci.yml" && c.Status == "failed");
        Assert.Equal(cases.Count, Attr(suite, "tests"));
        Assert.Equal(cases.Count, Attr(suites, "tests"));
        Assert.Equal(failed.Count, Attr(suite, "failures"));
        Assert.Equal(failed.Count, Attr(suites, "failures"));
        Assert.Equal(0, Attr(suite, "errors"));
        Assert.Equal(findings.Count, suite.Descendants("failure").Count());
        Assert.Equal(findings.Count, failed.Sum(c => c.Output.Count));
        Assert.Equal(findings.Select(f => f.GetProperty("path").GetString()).Distinct().Order(StringComparer.Ordinal),
            failed.Select(c => c.File).Order(StringComparer.Ordinal));
        Assert.Equal(cases.Count, cases.Select(c => c.Name).Distinct().Count()); // GitLab keys a case by suite, class and name
        Assert.Contains(cases, c => c.Name == "docs/operations/runbooks/index.md" && c.Status == "success");

        // One finding, field by field.
        var legacy = findings.Single(f => f.GetProperty("ruleId").GetString() == "legacy-invoke");
        var failure = suite.Descendants("failure").Single(f => (string?)f.Attribute("type") == "legacy-invoke");
        Assert.Equal(".gitlab-ci.yml", (string?)failure.Parent!.Attribute("file"));
        Assert.Equal(legacy.GetProperty("message").GetString(), (string?)failure.Attribute("message"));
        Assert.Equal($".gitlab-ci.yml:{legacy.GetProperty("line").GetInt32()}:{legacy.GetProperty("column").GetInt32()}: error: {legacy.GetProperty("message").GetString()} [legacy-invoke]",
            failure.Value);
        var warning = suite.Descendants("failure").Single(f => (string?)f.Attribute("type") == "composition");
        Assert.Contains(": warning: ", warning.Value);
        Assert.DoesNotContain(drift.Root, File.ReadAllText(junit));
    }

    [Fact]
    public void Junit_escapes_markup_and_makes_characters_XML_cannot_carry_visible()
    {
        var message = "a <b> & \"c\" 'd' ]]> \u0001\u001b\u0000 x\ud800y \ufffe\nsecond line";
        var findings = new[]
        {
            new Finding("docs-invocation", Severity.Error, message, SourceSpan.At("docs/a&b <c>.md", 3, 1), "k"),
            new Finding("r", Severity.Info, "no file", SourceSpan.At("", 1, 1), "k"),
        };
        var xml = JUnitReporter.Write(new ReportContext(findings, new ReportSummary(1, 1500)) { CheckedFiles = new[] { "docs/a&b <c>.md", "z.md" } });
        var doc = Parse(xml);
        var suite = doc.Root!.Element("testsuite")!;
        Assert.Equal("1.5", (string?)suite.Attribute("time"));
        var failure = suite.Descendants("failure").Single(f => (string?)f.Attribute("type") == "docs-invocation");
        Assert.Equal("a <b> & \"c\" 'd' ]]> \u2401\u241b\u2400 x\ufffdy \ufffd\nsecond line", (string?)failure.Attribute("message"));
        Assert.Equal("docs/a&b <c>.md", (string?)failure.Parent!.Attribute("name"));
        Assert.StartsWith("docs/a&b <c>.md:3:1: error: a <b> &", failure.Value);

        var cases = ReadLikeGitLab(doc);
        Assert.Equal(new[] { "(repository)", "docs/a&b <c>.md", "z.md" }, cases.Select(c => c.Name));
        Assert.Null(cases[0].File);
        Assert.Equal(new[] { "failed", "failed", "success" }, cases.Select(c => c.Status));
        Assert.Equal(2, Attr(suite, "failures"));
        Assert.Equal(3, Attr(suite, "tests"));
    }

    [Fact]
    public async Task Clean_fixture_junit_has_only_passing_cases()
    {
        var (code, output, _) = await DriftedBfDev.Check(RepoPaths.Fixture("bf-dev"), "--format", "junit");
        Assert.Equal(0, code);
        var doc = Parse(output);
        var cases = ReadLikeGitLab(doc);
        Assert.NotEmpty(cases);
        Assert.All(cases, c => Assert.Equal("success", c.Status));
        Assert.Equal(0, Attr(doc.Root!, "failures"));
        Assert.Equal(cases.Count, Attr(doc.Root!, "tests"));
        Assert.Contains(cases, c => c.Name == ".gitlab-ci.yml");
    }
}
