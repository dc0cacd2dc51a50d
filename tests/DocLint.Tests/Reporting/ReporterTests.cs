using System.Text;
using System.Text.Json;
using DocLint.Findings;
using DocLint.Reporting;
using DocLint.Tests.Support;
using NJsonSchema;

namespace DocLint.Tests.Reporting;

public class ReporterTests
{
    private static readonly ReportSummary Summary = new(3, 42);

    private static Finding F(string rule, string path, int line, string key, Severity sev = Severity.Error, string msg = "something is off")
        => new(rule, sev, msg, new SourceSpan(path, line, 5, line, 9), key);

    [Fact]
    public void Fingerprint_is_stable_when_lines_are_added_above_the_finding()
    {
        var before = Fingerprints.Compute(new[] { F("legacy-invoke", ".gitlab-ci.yml", 193, "release:fan-out") });
        var after = Fingerprints.Compute(new[] { F("legacy-invoke", ".gitlab-ci.yml", 207, "release:fan-out", msg: "something is off") });
        Assert.Equal(before[0], after[0]);
        Assert.Matches("^[0-9a-f]{64}$", before[0]);
    }

    [Fact]
    public void Fingerprint_differs_for_different_rule_path_or_key()
    {
        var fps = Fingerprints.Compute(new[]
        {
            F("legacy-invoke", ".gitlab-ci.yml", 1, "a"),
            F("confirm-gate", ".gitlab-ci.yml", 1, "a"),
            F("legacy-invoke", "other.yml", 1, "a"),
            F("legacy-invoke", ".gitlab-ci.yml", 1, "b"),
        });
        Assert.Equal(4, fps.Distinct().Count());
    }

    [Fact]
    public void Fingerprints_are_unique_for_equal_rule_path_and_key_via_the_occurrence_index()
    {
        var findings = new[] { F("r", "docs/a.md", 10, "term"), F("r", "docs/a.md", 20, "term"), F("r", "docs/a.md", 30, "term") };
        var fps = Fingerprints.Compute(ReportOrder.Sort(findings));
        Assert.Equal(3, fps.Distinct().Count());
        // Shifting all three down keeps every fingerprint.
        var shifted = Fingerprints.Compute(ReportOrder.Sort(findings.Select(f => f with { Span = f.Span with { Line = f.Span.Line + 7, EndLine = f.Span.EndLine + 7 } })));
        Assert.Equal(fps, shifted);
    }

    [Fact]
    public void Fingerprint_ignores_path_spelling_and_never_contains_an_absolute_path()
    {
        var a = Fingerprints.Compute(new[] { F("r", "docs/a.md", 1, "k") })[0];
        var b = Fingerprints.Compute(new[] { F("r", "./docs\\a.md", 1, "k") })[0];
        Assert.Equal(a, b);
        var cq = CodeQualityReporter.Write(new[] { F("r", "docs/a.md", 1, "k") });
        Assert.DoesNotContain(Path.GetTempPath(), cq);
        Assert.DoesNotContain(RepoPaths.Root, cq);
        Assert.Equal("a.md", Fingerprints.NormalizePath("/builds/group/project/a.md"));
        Assert.Equal("docs/a.md", Fingerprints.NormalizePath("./docs/a.md"));
    }

    [Fact]
    public void Text_prints_sorted_lines_and_the_summary()
    {
        var text = TextReporter.Write(new[]
        {
            F("b-rule", "z.yml", 2, "k", Severity.Warning, "second"),
            F("a-rule", "a.yml", 9, "k", Severity.Error, "first"),
            F("c-rule", "a.yml", 9, "k", Severity.Info, "third"),
        }, Summary);
        var lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal(new[]
        {
            "a.yml:9:5: error: first [a-rule]",
            "a.yml:9:5: info: third [c-rule]",
            "z.yml:2:5: warning: second [b-rule]",
            "1 error, 1 warning, 1 info in 2 files (3 files checked in 42 ms)",
        }, lines);
        Assert.DoesNotContain("\u001b[", text);
        Assert.Equal(3, TextReporter.Write(new[] { F("a", "a", 1, "") , F("b", "b", 1, ""), F("c", "c", 1, "") }, Summary, quiet: true).TrimEnd('\n').Split('\n').Length);
        Assert.Contains("\u001b[31merror\u001b[0m", TextReporter.Write(new[] { F("a", "a", 1, "") }, Summary, color: true));
    }

    [Fact]
    public void Code_quality_has_exactly_the_fields_and_types_GitLab_reads()
    {
        var json = CodeQualityReporter.Write(new[]
        {
            F("legacy-invoke", ".gitlab-ci.yml", 193, "release:fan-out", Severity.Error),
            F("w", "docs/x.md", 4, "k", Severity.Warning),
            F("i", "docs/x.md", 5, "k", Severity.Info),
        });
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.Array, doc.RootElement.ValueKind);
        var items = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(3, items.Count);
        foreach (var e in items)
        {
            Assert.Equal(new[] { "check_name", "description", "fingerprint", "location", "severity" }, e.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.Equal(JsonValueKind.String, e.GetProperty("description").ValueKind);
            Assert.Equal(JsonValueKind.String, e.GetProperty("check_name").ValueKind);
            Assert.Matches("^[0-9a-f]{64}$", e.GetProperty("fingerprint").GetString());
            var loc = e.GetProperty("location");
            Assert.Equal(new[] { "lines", "path" }, loc.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.Equal(JsonValueKind.String, loc.GetProperty("path").ValueKind);
            var lines = loc.GetProperty("lines");
            Assert.Equal("begin", Assert.Single(lines.EnumerateObject()).Name);
            Assert.Equal(JsonValueKind.Number, lines.GetProperty("begin").ValueKind);
            Assert.True(lines.GetProperty("begin").GetInt32() >= 1);
        }
        var first = items[0];
        Assert.Equal("legacy-invoke", first.GetProperty("check_name").GetString());
        Assert.StartsWith("[legacy-invoke] ", first.GetProperty("description").GetString());
        Assert.Equal(".gitlab-ci.yml", first.GetProperty("location").GetProperty("path").GetString());
        Assert.Equal(193, first.GetProperty("location").GetProperty("lines").GetProperty("begin").GetInt32());
        Assert.Equal(new[] { "major", "minor", "info" }, items.Select(e => e.GetProperty("severity").GetString()));
        Assert.Equal(3, items.Select(e => e.GetProperty("fingerprint").GetString()).Distinct().Count());
    }

    [Fact]
    public void Atomic_write_has_no_BOM_and_replaces_the_target()
    {
        using var repo = new TempRepo(("old.json", "stale"));
        var target = Path.Combine(repo.Root, "old.json");
        ReportWriter.WriteAtomic(target, CodeQualityReporter.Write(new[] { F("r", "a.md", 1, "k") }));
        var bytes = File.ReadAllBytes(target);
        Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "BOM written");
        Assert.StartsWith("[", Encoding.UTF8.GetString(bytes));
        Assert.Equal(new[] { "old.json" }, Directory.GetFiles(repo.Root).Select(Path.GetFileName));

        var missing = Path.Combine(repo.Root, "no-such-dir", "r.json");
        Assert.ThrowsAny<IOException>(() => ReportWriter.WriteAtomic(missing, "x"));
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public async Task Json_output_validates_against_the_schema()
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(RepoPaths.Root, "schema", "report.schema.json"));
        var withFix = F("r", "docs/a.md", 3, "k", Severity.Warning) with
        {
            Suggestion = "replace X with Y",
            Edit = new TextEdit(new SourceSpan("docs/a.md", 3, 9, 3, 10), 40, 1, "X", "Y"),
        };
        var advice = F("obsolete", ".gitlab-ci.yml", 7, "job", Severity.Warning) with { Suggestion = "rename the job" };
        var json = JsonReporter.Write(new[] { F("legacy-invoke", ".gitlab-ci.yml", 193, "release:fan-out"), withFix, advice, F("i", "docs/a.md", 1, "k", Severity.Info) }, Summary);
        Assert.Empty(schema.Validate(json));
        Assert.Empty(schema.Validate(JsonReporter.Write(Array.Empty<Finding>(), Summary)));

        using var doc = JsonDocument.Parse(json);
        Assert.Equal(1, doc.RootElement.GetProperty("version").GetInt32());
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(".gitlab-ci.yml", findings[0].GetProperty("path").GetString());
        // fix: the edit --fix applies, only where there is one; suggestion: advice, also without an edit.
        var fix = findings.Single(f => f.TryGetProperty("fix", out _)).GetProperty("fix");
        Assert.Equal((3, 9, 3, 10, "Y"), (fix.GetProperty("line").GetInt32(), fix.GetProperty("column").GetInt32(),
            fix.GetProperty("endLine").GetInt32(), fix.GetProperty("endColumn").GetInt32(), fix.GetProperty("replacement").GetString()));
        Assert.Equal(new[] { "rename the job", "replace X with Y" },
            findings.Where(f => f.TryGetProperty("suggestion", out _)).Select(f => f.GetProperty("suggestion").GetString()).Order());
        Assert.Equal(1, doc.RootElement.GetProperty("summary").GetProperty("errors").GetInt32());

        // The schema does reject a malformed report.
        Assert.NotEmpty(schema.Validate("{\"version\":2,\"findings\":[{\"ruleId\":\"r\"}],\"summary\":{}}"));
        Assert.NotEmpty(schema.Validate(json.Replace("\"path\": \"docs/a.md\"", "\"path\": \"/abs/docs/a.md\"")));
        Assert.NotEmpty(schema.Validate(json.Replace("\"replacement\": \"Y\"", "\"replacement\": 1")));
        Assert.NotEmpty(schema.Validate(json.Replace("\"suggestion\": \"rename the job\"", "\"fix\": \"rename the job\"")));
    }
}
