using System.Text.Json;
using DocLint.Findings;
using DocLint.Linting;
using DocLint.Reporting;
using DocLint.Tests.Support;

namespace DocLint.Tests.Reporting;

/// <summary>
/// Fingerprints of real runs (CONTRACT §6; gitlab-facts §4.3), on the drifted fixtures: stable when lines are added
/// above a finding, unique within a report, free of absolute paths. <see cref="ReporterTests"/> checks the same
/// properties on hand-made findings; these check what the rules really emit (their keys).
/// </summary>
public class FixtureFingerprintTests
{
    private static IEnumerable<string> FixtureDirs() =>
        Directory.GetFiles(RepoPaths.Fixtures, "expected.txt", SearchOption.AllDirectories)
            .Select(f => Path.GetDirectoryName(f)!).Order(StringComparer.Ordinal);

    private static IEnumerable<string> DriftDirs() => FixtureDirs().Where(d => d.Contains($"{Path.DirectorySeparatorChar}drift{Path.DirectorySeparatorChar}"));

    private static IReadOnlyList<(Finding Finding, string Fingerprint)> Run(string root)
    {
        var findings = Linter.Run(RepoPaths.OpenFixture(root)).Findings; // already in report order
        var fps = Fingerprints.Compute(findings);
        return findings.Select((f, i) => (f, fps[i])).ToList();
    }

    /// <summary>Unrelated lines above everything a rule looks at: a comment block at the top of each CI file, and an
    /// unrelated job in the root file before the first job.</summary>
    private static int AddLinesAbove(string root)
    {
        const string comment = "# Maintainers: see docs/reference/platform/ci-and-release.md\n# before changing the orchestration below.\n#\n";
        foreach (var file in Directory.GetFiles(root, "*.gitlab-ci.yml", SearchOption.AllDirectories).Append(Path.Combine(root, ".gitlab-ci.yml")).Distinct())
            if (File.Exists(file)) File.WriteAllText(file, comment + File.ReadAllText(file));
        var ci = Path.Combine(root, ".gitlab-ci.yml");
        var text = File.ReadAllText(ci);
        const string anchor = "# ---------------------------------------------------------------------------\n# Validation";
        Assert.Contains(anchor, text);
        const string job = "yaml:lint:\n  stage: validate\n  image: alpine:3.20\n  script:\n    - echo lint\n  rules:\n    - if: $CI_PIPELINE_SOURCE == \"merge_request_event\"\n\n";
        File.WriteAllText(ci, text.Replace(anchor, job + anchor));
        return comment.Count(c => c == '\n');
    }

    [Fact]
    public void Adding_lines_above_a_finding_leaves_its_fingerprint_unchanged_in_every_drifted_fixture()
    {
        var checkedFindings = 0;
        foreach (var dir in DriftDirs())
        {
            var name = Path.GetRelativePath(RepoPaths.Fixtures, dir);
            using var repo = TempRepo.CopyOf(dir);
            var before = Run(repo.Root);
            var shift = AddLinesAbove(repo.Root);
            var after = Run(repo.Root);
            Assert.True(before.Count > 0, $"{name}: a drifted fixture has findings");
            Assert.True(before.Count == after.Count, $"{name}: {before.Count} findings before, {after.Count} after adding unrelated lines:\n  {string.Join("\n  ", after.Select(a => a.Finding))}");
            Assert.Equal(before.Select(b => b.Fingerprint).Order(), after.Select(a => a.Fingerprint).Order());
            foreach (var (f, fp) in before)
            {
                var moved = after.Single(a => a.Fingerprint == fp).Finding;
                Assert.Equal(f.RuleId, moved.RuleId);
                // The finding really moved (its line is part of nothing the fingerprint hashes)...
                if (f.Span.Line > 1) Assert.True(moved.Span.Line > f.Span.Line, $"{name}: {f} did not move ({moved})");
                // ...and kept its place in the file: a CI finding stays at its own node.
                if (f.Span.Path == ".gitlab-ci.yml" && f.Span.Line > 1)
                    Assert.True(moved.Span.Line - f.Span.Line >= shift, $"{name}: {f} moved by {moved.Span.Line - f.Span.Line}");
                checkedFindings++;
            }
        }
        Assert.True(checkedFindings >= 30, $"only {checkedFindings} findings checked");
    }

    [Fact]
    public void No_two_findings_of_one_report_share_a_fingerprint()
    {
        foreach (var dir in FixtureDirs())
        {
            var fps = Run(dir).Select(r => r.Fingerprint).ToList();
            Assert.True(fps.Distinct().Count() == fps.Count, $"{Path.GetRelativePath(RepoPaths.Fixtures, dir)}: duplicate fingerprints");
        }

        // Many mistakes in one repository, several of one rule in one file with the same kind of key: every drift of
        // the input rules at once, a duplicated option three times, two global signals, a misspelt signal.
        using var repo = TempRepo.CopyOf(RepoPaths.Fixture("bf-dev"));
        var ci = Path.Combine(repo.Root, ".gitlab-ci.yml");
        var text = File.ReadAllText(ci)
            .Replace("        - deploy-release-branch-to-staging\n      default", "        - deploy-release-branch-to-staging\n        - rollback\n        - release\n        - cut-off\n      default")
            .Replace("        - bf-mobile-api\n      default: all", "        - bf-mobile-api\n        - bf-billing\n        - bf-billing\n        - bf-portal\n      default: all")
            .Replace("      description: What project/s need it?\n", "")
            .Replace("  DOCS_GLOB: \"docs/**/*.md\"\n", "  DOCS_GLOB: \"docs/**/*.md\"\n  ORCHESTRATION_CUT_OFF: \"false\"\n  ORCHESTRATION_RELEASE: \"false\"\n");
        File.WriteAllText(ci, text);
        repo.Write("bf-release/Release.gitlab-ci.yml", "# retired\n").Write("bf-release/Cut-off.gitlab-ci.yml", "# retired\n");
        var findings = Run(repo.Root);
        Assert.True(findings.Count >= 10, string.Join("\n", findings.Select(f => f.Finding)));
        Assert.Contains(findings, f => f.Finding.Message.Contains("bf-billing is listed twice"));
        Assert.True(findings.Count(f => f.Finding.Key == "twice:bf-billing") == 2, "the same key twice: told apart by the occurrence index");
        Assert.Equal(findings.Count, findings.Select(f => f.Fingerprint).Distinct().Count());

        // And the codequality report GitLab keys by fingerprint keeps every one of them.
        using var doc = JsonDocument.Parse(CodeQualityReporter.Write(findings.Select(f => f.Finding).ToList()));
        Assert.Equal(findings.Count, doc.RootElement.EnumerateArray().Select(e => e.GetProperty("fingerprint").GetString()).Distinct().Count());
    }

    [Fact]
    public void Reports_of_every_fixture_hold_no_absolute_path_and_only_repository_relative_paths()
    {
        foreach (var dir in FixtureDirs())
        {
            var name = Path.GetRelativePath(RepoPaths.Fixtures, dir);
            var result = Linter.Run(RepoPaths.OpenFixture(Path.GetFullPath(dir)));
            var cq = CodeQualityReporter.Write(result.Findings);
            var json = JsonReporter.Write(result.Findings, result.Summary);
            foreach (var report in new[] { cq, json })
            {
                Assert.DoesNotContain(RepoPaths.Root, report);
                Assert.DoesNotContain(Path.GetFullPath(dir), report);
                Assert.DoesNotContain(Path.GetTempPath(), report);
            }
            using var doc = JsonDocument.Parse(cq);
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                var path = e.GetProperty("location").GetProperty("path").GetString()!;
                Assert.True(File.Exists(Path.Combine(dir, path)), $"{name}: {path} is not a file of the repository");
                Assert.False(path.StartsWith('/') || path.StartsWith("./", StringComparison.Ordinal) || path.Contains('\\'), $"{name}: path {path}");
            }
        }
    }
}
