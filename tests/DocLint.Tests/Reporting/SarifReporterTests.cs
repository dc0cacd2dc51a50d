using System.Text.Json;
using DocLint.Findings;
using DocLint.Reporting;
using DocLint.Rules;
using DocLint.Tests.Support;

namespace DocLint.Tests.Reporting;

public class SarifReporterTests
{
    private static readonly ReportSummary Summary = new(3, 42);

    /// <summary>Findings that stress the format: a path with a space and non-ASCII letters, control characters and
    /// quotes in a message, an id no rule class owns, every severity, a zero-length span, a span past the end of its
    /// file, a finding whose file does not exist, and a fix.</summary>
    private static (TempRepo Repo, ReportContext Context) EdgeCases()
    {
        var repo = new TempRepo(
            (".gitlab-ci.yml", "stages: [a]\njob:\n  script: echo \"hi\"\n  when: manual\n"),
            ("docs/run book ü.md", "# Run\n\nStart `action=cut-off` now.\n"));
        var findings = new[]
        {
            new Finding("confirm-gate", Severity.Error, "job starts without confirm=true", new SourceSpan(".gitlab-ci.yml", 3, 3, 4, 3), "job"),
            new Finding("confirm-gate", Severity.Error, "job is manual", new SourceSpan(".gitlab-ci.yml", 2, 1, 5, 1), "job2"),
            new Finding("docs-action-name", Severity.Warning, "obsolete action \"cut-off\"\u0001 in\tdocs; use `bring-all-code-to-release-branch`",
                new SourceSpan("docs/run book ü.md", 3, 8, 3, 22), "cut-off") { Suggestion = "replace cut-off with bring-all-code-to-release-branch" },
            new Finding("ci-parse", Severity.Info, "remote include is not fetched", SourceSpan.At(".gitlab-ci.yml", 1, 1), "remote"),
            new Finding("composition", Severity.Warning, "retired file still exists", new SourceSpan("gone.yml", 0, 0, 0, 0), "gone"),
            new Finding("signal-contract", Severity.Error, "past the end", new SourceSpan(".gitlab-ci.yml", 40, 3, 41, 9), "end"),
        };
        var ctx = new ReportContext(findings, Summary) { Workspace = repo.Workspace(), CheckedFiles = new[] { ".gitlab-ci.yml", "docs/run book ü.md", "docs/clean.md" } };
        return (repo, ctx);
    }

    [Fact]
    public void Sarif_has_one_run_with_rules_results_fingerprints_and_relative_uris()
    {
        var (repo, ctx) = EdgeCases();
        using var disposeRepo = repo;
        var sarif = SarifReporter.Write(ctx);
        using var doc = JsonDocument.Parse(sarif);
        var root = doc.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray());

        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("DocLint", driver.GetProperty("name").GetString());
        Assert.Equal(DocLintInfo.Version, driver.GetProperty("version").GetString());
        // No docs URL configured: no link anywhere (DocLint has no site); the help is embedded.
        Assert.False(driver.TryGetProperty("informationUri", out _));
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        var ruleIds = rules.Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(ruleIds.Distinct().Count(), ruleIds.Count);
        // Every registered rule, the reader ids, and the one id no rule class owns.
        Assert.All(RuleSet.All, r => Assert.Contains(r.Descriptor.Id, ruleIds));
        Assert.Contains("ci-parse", ruleIds);
        Assert.Contains("docs-action-name", ruleIds);
        foreach (var r in rules)
        {
            Assert.False(r.TryGetProperty("helpUri", out _));
            // A Pascal-case friendly name that does not merely repeat the id (SARIF1001, SARIF2012).
            Assert.Matches("^[A-Z][A-Za-z0-9]*$", r.GetProperty("name").GetString());
            Assert.NotEqual(r.GetProperty("id").GetString(), r.GetProperty("name").GetString(), StringComparer.OrdinalIgnoreCase);
            Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("shortDescription").GetProperty("text").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("fullDescription").GetProperty("text").GetString()));
            Assert.Contains(r.GetProperty("defaultConfiguration").GetProperty("level").GetString(), new[] { "error", "warning", "note" });
        }
        var confirmRule = rules.Single(r => r.GetProperty("id").GetString() == "confirm-gate");
        Assert.Equal("ConfirmGate", confirmRule.GetProperty("name").GetString());
        Assert.Equal("CompositionRule", rules.Single(r => r.GetProperty("id").GetString() == "composition").GetProperty("name").GetString());
        Assert.Contains("confirm=true", confirmRule.GetProperty("fullDescription").GetProperty("text").GetString());
        Assert.Contains("## Fails", confirmRule.GetProperty("help").GetProperty("markdown").GetString());

        var baseIds = run.GetProperty("originalUriBaseIds");
        var srcRoot = baseIds.GetProperty("SRCROOT");
        Assert.False(srcRoot.TryGetProperty("uri", out _), "no absolute path of the machine that ran DocLint");
        Assert.DoesNotContain(repo.Root, sarif);

        var sorted = ReportOrder.Sort(ctx.Findings);
        var fps = Fingerprints.Compute(sorted);
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(sorted.Count, results.Count);
        var artifacts = run.GetProperty("artifacts").EnumerateArray().Select(a => a.GetProperty("location").GetProperty("uri").GetString()).ToList();
        Assert.Contains("docs/clean.md", artifacts);
        for (var i = 0; i < results.Count; i++)
        {
            var res = results[i];
            var f = sorted[i];
            Assert.Equal(f.RuleId, res.GetProperty("ruleId").GetString());
            Assert.Equal(f.RuleId, ruleIds[res.GetProperty("ruleIndex").GetInt32()]);
            Assert.Equal(SarifReporter.Level(f.Severity), res.GetProperty("level").GetString());
            Assert.Equal(fps[i], res.GetProperty("partialFingerprints").GetProperty("doclint/v1").GetString());
            var loc = Assert.Single(res.GetProperty("locations").EnumerateArray()).GetProperty("physicalLocation");
            var art = loc.GetProperty("artifactLocation");
            Assert.Equal("SRCROOT", art.GetProperty("uriBaseId").GetString());
            var uri = art.GetProperty("uri").GetString()!;
            Assert.False(Uri.IsWellFormedUriString(uri, UriKind.Absolute), uri);
            Assert.True(Uri.IsWellFormedUriString(uri, UriKind.Relative), uri);
            Assert.Equal(uri, artifacts[art.GetProperty("index").GetInt32()]);
            var region = loc.GetProperty("region");
            Assert.True(region.GetProperty("startLine").GetInt32() >= 1);
            Assert.True(region.GetProperty("startColumn").GetInt32() >= 1);
            Assert.True(region.GetProperty("endLine").GetInt32() >= region.GetProperty("startLine").GetInt32());
        }

        var docs = results.Single(r => r.GetProperty("ruleId").GetString() == "docs-action-name");
        Assert.Equal("note", results.Single(r => r.GetProperty("ruleId").GetString() == "ci-parse").GetProperty("level").GetString());
        var docLoc = docs.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("docs/run%20book%20%C3%BC.md", docLoc.GetProperty("artifactLocation").GetProperty("uri").GetString());
        var docRegion = docLoc.GetProperty("region");
        Assert.Equal((3, 8, 3, 22), (docRegion.GetProperty("startLine").GetInt32(), docRegion.GetProperty("startColumn").GetInt32(),
            docRegion.GetProperty("endLine").GetInt32(), docRegion.GetProperty("endColumn").GetInt32()));
        Assert.Equal("action=cut-off", docRegion.GetProperty("snippet").GetProperty("text").GetString());
        Assert.Equal("# Run\n\nStart `action=cut-off` now.", docLoc.GetProperty("contextRegion").GetProperty("snippet").GetProperty("text").GetString());
        // The control character is made visible; the message is a sentence.
        Assert.Equal("obsolete action \"cut-off\"\u2401 in\tdocs; use `bring-all-code-to-release-branch`.", docs.GetProperty("message").GetProperty("text").GetString());
        Assert.Equal("replace cut-off with bring-all-code-to-release-branch", docs.GetProperty("properties").GetProperty("suggestion").GetString());

        // A YAML node that ends in the next line's indentation is cut back to the last line with content; one that
        // ends at the end of the file ends with its last line.
        JsonElement Region(string message) => results.Single(r => r.GetProperty("message").GetProperty("text").GetString() == message)
            .GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
        var gate = Region("job starts without confirm=true.");
        Assert.Equal((3, 20), (gate.GetProperty("endLine").GetInt32(), gate.GetProperty("endColumn").GetInt32()));
        Assert.Equal("script: echo \"hi\"", gate.GetProperty("snippet").GetProperty("text").GetString());
        var manual = Region("job is manual.");
        Assert.Equal((4, 15), (manual.GetProperty("endLine").GetInt32(), manual.GetProperty("endColumn").GetInt32()));
        Assert.Equal("job:\n  script: echo \"hi\"\n  when: manual", manual.GetProperty("snippet").GetProperty("text").GetString());
        // A span past the end of the file is clamped into it; one in a file that is gone keeps valid numbers.
        var end = results.Single(r => r.GetProperty("ruleId").GetString() == "signal-contract").GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
        Assert.Equal(4, end.GetProperty("startLine").GetInt32());
        var gone = results.Single(r => r.GetProperty("ruleId").GetString() == "composition").GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal(1, gone.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.False(gone.TryGetProperty("contextRegion", out _));
    }

    [Fact]
    public void Sarif_uri_encodes_each_segment()
    {
        Assert.Equal("docs/a%20b/c%23d.md", SarifReporter.Uri("docs/a b/c#d.md"));
        Assert.Equal(".gitlab-ci.yml", SarifReporter.Uri(".gitlab-ci.yml"));
    }

    /// <summary>The drifted bf-dev report from the CLI, a clean report and the edge cases, as files for the validators.</summary>
    private static async Task<List<string>> SarifFiles(DriftedBfDev drift)
    {
        var drifted = drift.Out("drifted.sarif.json");
        var (code, _, err) = await DriftedBfDev.Check(drift.Root, "--report", $"sarif={drifted}", "--quiet");
        Assert.Equal(1, code);
        Assert.Equal("", err);
        using (var doc = JsonDocument.Parse(File.ReadAllText(drifted)))
        {
            var ruleIds = doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Select(r => r.GetProperty("ruleId").GetString()).ToHashSet();
            Assert.Superset(DriftedBfDev.ExpectedRules.ToHashSet(), ruleIds!);
        }

        var clean = drift.Out("clean.sarif.json");
        var (cleanCode, cleanOut, _) = await DriftedBfDev.Check(RepoPaths.Fixture("bf-dev"), "--format", "sarif");
        Assert.Equal(0, cleanCode);
        File.WriteAllText(clean, cleanOut);

        var (repo, ctx) = EdgeCases();
        using (repo)
        {
            var edge = drift.Out("edge.sarif.json");
            File.WriteAllText(edge, SarifReporter.Write(ctx));
            return new List<string> { drifted, clean, edge };
        }
    }

    /// <summary>A log the validators must reject: wrong version, a line 0, a result without a message.</summary>
    private static string Broken(string validSarif)
    {
        var text = validSarif.Replace("\"version\": \"2.1.0\"", "\"version\": \"9.9\"");
        var at = text.IndexOf("\"startLine\": ", StringComparison.Ordinal);
        var num = text.IndexOfAny(new[] { ',', '\n' }, at);
        text = text[..(at + "\"startLine\": ".Length)] + "0" + text[num..];
        return text.Replace("\"message\": {", "\"messageX\": {");
    }

    [Fact]
    public async Task Sarif_passes_sarif_multitool_validate_and_a_broken_log_does_not()
    {
        using var drift = new DriftedBfDev();
        foreach (var file in await SarifFiles(drift))
        {
            var verdicts = ReportPeers.MultitoolValidate(file);
            var problems = verdicts.Where(v => v.Level is "error" or "warning").ToList();
            Assert.True(problems.Count == 0, $"{Path.GetFileName(file)}:\n{string.Join("\n", problems)}");
        }

        // Negative control: the same tool, the same way, reports errors for a broken log.
        var broken = drift.Out("broken.sarif.json");
        File.WriteAllText(broken, Broken(File.ReadAllText(drift.Out("drifted.sarif.json"))));
        var errors = ReportPeers.MultitoolValidate(broken).Where(v => v.Level == "error").ToList();
        Assert.Contains(errors, v => v.Message.Contains("version"));
        Assert.Contains(errors, v => v.Message.Contains("startLine"));
        Assert.Contains(errors, v => v.Message.Contains("message"));
    }

    [Fact]
    public async Task Sarif_validates_with_ajv_against_the_shipped_schema_and_a_broken_log_does_not()
    {
        using var drift = new DriftedBfDev();
        foreach (var file in await SarifFiles(drift))
        {
            var result = ReportPeers.AjvValidateSarif(file);
            Assert.True(result.ExitCode == 0, $"{Path.GetFileName(file)}: {result.Output}");
            Assert.Contains("valid", result.Output);
        }

        var broken = drift.Out("broken.sarif.json");
        File.WriteAllText(broken, Broken(File.ReadAllText(drift.Out("drifted.sarif.json"))));
        var bad = ReportPeers.AjvValidateSarif(broken);
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("invalid", bad.Output);
        Assert.Contains("/version", bad.Output);
        Assert.Contains("startLine", bad.Output);
    }
}

public class SarifFixDescriptionTests
{
    [Fact]
    public void A_fix_is_described_by_the_finding_s_advice_not_by_quoting_the_whole_replacement()
    {
        using var repo = new TempRepo(("docs/ref.md", "<!-- doclint:generate actions -->\nold\n<!-- doclint:end -->\n"));
        var table = "| action | signal |\n| --- | --- |\n| bring-all-code-to-release-branch | ORCHESTRATION_CUT_OFF |\n";
        var region = new Finding("docs-generated", Severity.Error, "region actions is stale", SourceSpan.At("docs/ref.md", 2, 1), "stale:actions")
        {
            Suggestion = "replace the region's content with what doclint renders now (3 lines)",
            Edit = new TextEdit(new SourceSpan("docs/ref.md", 2, 1, 3, 1), 34, 4, "old\n", table),
        };
        var ctx = new ReportContext(new[] { region }, new ReportSummary(1, 1)) { Workspace = repo.Workspace(), CheckedFiles = new[] { "docs/ref.md" } };
        using var doc = JsonDocument.Parse(SarifReporter.Write(ctx));
        var fix = Assert.Single(Assert.Single(doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()).GetProperty("fixes").EnumerateArray());
        Assert.Equal("replace the region's content with what doclint renders now (3 lines).", fix.GetProperty("description").GetProperty("text").GetString());
        var replacement = fix.GetProperty("artifactChanges")[0].GetProperty("replacements")[0];
        Assert.Equal(table, replacement.GetProperty("insertedContent").GetProperty("text").GetString());
    }
}
