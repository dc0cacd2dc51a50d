using System.Text;
using System.Text.Json;
using DocLint.Tests.Support;

namespace DocLint.Tests.Peers;

/// <summary>
/// DocLint's Code Quality file against the one a well-known tool writes (markdownlint-cli2 with
/// markdownlint-cli2-formatter-codequality): the fields GitLab reads (gitlab-facts §4.1) with the same JSON types,
/// severities in GitLab's set, repository-relative paths, no BOM.
/// </summary>
public class CodeQualityPeerTests
{
    private static readonly string[] GitLabSeverities = { "info", "minor", "major", "critical", "blocker" };

    /// <summary>The fields GitLab reads, as paths into an entry, and the JSON type each must have.</summary>
    private static readonly (string Path, JsonValueKind Kind)[] Required =
    {
        ("description", JsonValueKind.String),
        ("check_name", JsonValueKind.String),
        ("fingerprint", JsonValueKind.String),
        ("severity", JsonValueKind.String),
        ("location.path", JsonValueKind.String),
        ("location.lines.begin", JsonValueKind.Number),
    };

    private static JsonElement? At(JsonElement e, string path)
    {
        foreach (var part in path.Split('.'))
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(part, out e)) return null;
        }
        return e;
    }

    /// <summary>Checks one Code Quality file as GitLab reads it; returns its entries.</summary>
    private static List<JsonElement> CheckReport(string who, string file, string repoRoot)
    {
        var bytes = File.ReadAllBytes(file);
        Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, $"{who}: the file starts with a BOM (GitLab's parser refuses it)");
        var doc = JsonDocument.Parse(new UTF8Encoding(false, true).GetString(bytes));
        Assert.Equal(JsonValueKind.Array, doc.RootElement.ValueKind);
        var entries = doc.RootElement.EnumerateArray().ToList();
        Assert.True(entries.Count > 0, $"{who}: no entries");
        foreach (var e in entries)
        {
            foreach (var (path, kind) in Required)
            {
                var v = At(e, path);
                Assert.True(v is { } x && x.ValueKind == kind, $"{who}: {path} is {v?.ValueKind.ToString() ?? "missing"}, GitLab reads a {kind} in {e}");
            }
            Assert.True(At(e, "location.lines.begin")!.Value.TryGetInt32(out var line) && line >= 1, $"{who}: lines.begin is not a positive integer in {e}");
            Assert.Contains(At(e, "severity")!.Value.GetString(), GitLabSeverities);
            Assert.False(string.IsNullOrWhiteSpace(At(e, "fingerprint")!.Value.GetString()), $"{who}: empty fingerprint");
            var rel = At(e, "location.path")!.Value.GetString()!;
            Assert.False(Path.IsPathRooted(rel) || rel.StartsWith("./", StringComparison.Ordinal) || rel.Contains('\\'), $"{who}: location.path {rel} is not repository-relative with '/'");
            Assert.True(File.Exists(Path.Combine(repoRoot, rel)), $"{who}: location.path {rel} names no file of the repository");
        }
        var text = Encoding.UTF8.GetString(bytes);
        Assert.DoesNotContain(repoRoot, text);
        return entries;
    }

    [Fact]
    public async Task Our_code_quality_file_has_the_fields_and_types_of_markdownlint_cli2s()
    {
        var peer = MarkdownlintCli2.Require();

        // The peer: markdownlint-cli2 on a small Markdown sample (two files, one in a folder), Code Quality formatter.
        using var sample = new TempRepo(
            ("README.md", "# Release notes\n\n### Skipped a level\n\nTrailing spaces   \n\n\n\nEnd\n"),
            ("docs/runbook.md", "Intro before any heading\n# Late heading\n"));
        var formatter = JsonSerializer.Serialize(peer.CodeQualityFormatter);
        sample.Write(".markdownlint-cli2.jsonc", $"{{ \"outputFormatters\": [ [ {formatter}, {{ \"name\": \"gl-code-quality-report.json\" }} ] ] }}\n");
        var (exit, stdout, stderr) = MarkdownlintCli2.Run(sample.Root, "README.md", "docs/*.md");
        Assert.True(exit == 1, $"markdownlint-cli2 {peer.Version} should find issues (exit 1), got {exit}:\n{stdout}\n{stderr}");
        var theirFile = Path.Combine(sample.Root, "gl-code-quality-report.json");
        Assert.True(File.Exists(theirFile), $"the formatter wrote no file:\n{stdout}\n{stderr}");
        var theirs = CheckReport("markdownlint-cli2", theirFile, sample.Root);
        Assert.Contains(theirs, e => At(e, "location.path")!.Value.GetString() == "docs/runbook.md");

        // Ours: doclint check on a drifted fixture with findings in three files, errors and a warning, written by --report.
        using var repo = TempRepo.CopyOf(Path.Combine(RepoPaths.Fixtures, "drift", "composition", "job-in-include"));
        repo.Write("bf-release/Release.gitlab-ci.yml", "# Old per-project release jobs.\n");
        var ourFile = Path.Combine(repo.Root, "gl-code-quality-report.json");
        var code = await DocLint.Cli.Cli.RunAsync(new[] { "check", repo.Root, "--quiet", "--report", $"codequality={ourFile}" }, new StringWriter(), new StringWriter());
        Assert.Equal(1, code);
        var ours = CheckReport("doclint", ourFile, repo.Root);
        Assert.Equal(3, ours.Select(e => At(e, "location.path")!.Value.GetString()).Distinct().Count());
        Assert.Contains(ours, e => At(e, "severity")!.Value.GetString() == "minor");
        Assert.Contains(ours, e => At(e, "severity")!.Value.GetString() == "major");
        Assert.Equal(ours.Count, ours.Select(e => At(e, "fingerprint")!.Value.GetString()).Distinct().Count());

        // Field for field: every field GitLab reads has the same JSON type in both files. The one field the peer writes
        // and we do not is Code Climate's "type": "issue", which GitLab does not read (it "only processes the fields
        // listed", gitlab-facts §4.1).
        static HashSet<string> Keys(JsonElement e, string prefix = "") =>
            e.EnumerateObject().SelectMany(p => p.Value.ValueKind == JsonValueKind.Object ? Keys(p.Value, prefix + p.Name + ".") : new HashSet<string> { prefix + p.Name }).ToHashSet();
        foreach (var (path, _) in Required)
            Assert.Equal(At(theirs[0], path)!.Value.ValueKind, At(ours[0], path)!.Value.ValueKind);
        Assert.Equal(new[] { "type" }, Keys(theirs[0]).Except(Keys(ours[0])));
        Assert.Empty(Keys(ours[0]).Except(Keys(theirs[0])));
    }
}
