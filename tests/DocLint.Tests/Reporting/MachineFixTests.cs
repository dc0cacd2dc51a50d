using System.Text;
using System.Text.Json;
using DocLint.Tests.Support;

namespace DocLint.Tests.Reporting;

/// <summary>
/// CONTRACT §6 machine-readable fixes: the JSON <c>fix</c> objects and the SARIF <c>fixes</c>, applied by this test
/// itself (line/column arithmetic, no DocLint code), give byte for byte the file <c>doclint check --fix</c> writes;
/// advice stays <c>suggestion</c>; sarif-multitool accepts the log with its fixes.
/// </summary>
public class MachineFixTests
{
    private const string Doc = Linting.FixerTests.Doc;
    private static string Golden(string name) => Linting.FixerTests.Golden(name);
    private static TempRepo RepoWith(byte[] doc) => Linting.FixerTests.RepoWith(doc);

    private static string At(TempRepo repo, string relative) => Path.Combine(repo.Root, relative);

    /// <summary>One edit as a report states it: 1-based, end exclusive, columns in UTF-16 code units.</summary>
    private sealed record Edit(int Line, int Column, int EndLine, int EndColumn, string Replacement);

    /// <summary>Applies <paramref name="edits"/> to the file's bytes: UTF-8, the BOM kept outside the text, lines
    /// separated by '\n' (a '\r' before it belongs to the line, as in an editor's CRLF file).</summary>
    private static byte[] Apply(byte[] original, IEnumerable<Edit> edits)
    {
        var bom = original.AsSpan().StartsWith(Encoding.UTF8.Preamble);
        var text = Encoding.UTF8.GetString(bom ? original[3..] : original);
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++) if (text[i] == '\n') lineStarts.Add(i + 1);
        int Offset(int line, int column) => lineStarts[line - 1] + column - 1;
        foreach (var e in edits.OrderByDescending(e => Offset(e.Line, e.Column)))
        {
            var start = Offset(e.Line, e.Column);
            var end = Offset(e.EndLine, e.EndColumn);
            Assert.True(start <= end && end <= text.Length, $"edit {e} is outside the file");
            text = text[..start] + e.Replacement + text[end..];
        }
        var bytes = Encoding.UTF8.GetBytes(text);
        return bom ? Encoding.UTF8.Preamble.ToArray().Concat(bytes).ToArray() : bytes;
    }

    [Theory]
    [InlineData("runbook")]
    [InlineData("runbook-crlf-bom")]
    public async Task Json_and_sarif_edits_applied_by_hand_equal_what_fix_writes(string name)
    {
        var before = File.ReadAllBytes(Golden(name + ".before.md"));
        using var reported = RepoWith(before);
        var (code, json, _) = await CliRun.Run("check", reported.Root, "--format", "json", "--report", "sarif=" + At(reported, "out.sarif"));
        Assert.Equal(1, code);
        Assert.Equal(before, File.ReadAllBytes(At(reported, Doc))); // reporting changes nothing

        using var doc = JsonDocument.Parse(json);
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray().ToList();
        var jsonEdits = findings.Where(f => f.TryGetProperty("fix", out _)).Select(f =>
        {
            Assert.Equal(Doc, f.GetProperty("path").GetString());
            var x = f.GetProperty("fix");
            return new Edit(x.GetProperty("line").GetInt32(), x.GetProperty("column").GetInt32(), x.GetProperty("endLine").GetInt32(),
                x.GetProperty("endColumn").GetInt32(), x.GetProperty("replacement").GetString()!);
        }).ToList();
        Assert.Equal(5, jsonEdits.Count);
        // Every finding with a fix also says so to a person; advice without a fix is never a fix object.
        Assert.All(findings.Where(f => f.TryGetProperty("fix", out _)), f => Assert.StartsWith("replace ", f.GetProperty("suggestion").GetString()));

        using var sarif = JsonDocument.Parse(File.ReadAllText(At(reported, "out.sarif")));
        var sarifEdits = new List<Edit>();
        foreach (var result in sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray())
        {
            if (!result.TryGetProperty("fixes", out var fixes)) continue;
            var change = Assert.Single(Assert.Single(fixes.EnumerateArray()).GetProperty("artifactChanges").EnumerateArray());
            Assert.Equal(Doc, change.GetProperty("artifactLocation").GetProperty("uri").GetString());
            var rep = Assert.Single(change.GetProperty("replacements").EnumerateArray());
            var del = rep.GetProperty("deletedRegion");
            sarifEdits.Add(new Edit(del.GetProperty("startLine").GetInt32(), del.GetProperty("startColumn").GetInt32(), del.GetProperty("endLine").GetInt32(),
                del.GetProperty("endColumn").GetInt32(), rep.GetProperty("insertedContent").GetProperty("text").GetString()!));
        }
        Assert.Equal(jsonEdits.OrderBy(e => e.Line).ThenBy(e => e.Column), sarifEdits.OrderBy(e => e.Line).ThenBy(e => e.Column));

        using var fixedRepo = RepoWith(before);
        var (fixCode, fixJson, fixErr) = await CliRun.Run("check", fixedRepo.Root, "--fix", "--format", "json");
        Assert.True(fixCode is 0 or 1, fixErr);
        Assert.DoesNotContain("\"fix\"", fixJson); // nothing fixable is left
        var written = File.ReadAllBytes(At(fixedRepo, Doc));
        Assert.NotEqual(before, written);
        Assert.Equal(written, Apply(before, jsonEdits));
        Assert.Equal(written, Apply(before, sarifEdits));
    }

    [Fact]
    public async Task Sarif_with_fixes_passes_sarif_multitool_validate()
    {
        using var repo = RepoWith(File.ReadAllBytes(Golden("runbook-crlf-bom.before.md")));
        var sarif = At(repo, "fixes.sarif.json");
        var (code, _, _) = await CliRun.Run("check", repo.Root, "--report", "sarif=" + sarif, "--docs-url", "https://gitlab.example.com/ops/doclint/-/blob/main/rules");
        Assert.Equal(1, code);
        Assert.Contains("\"fixes\"", File.ReadAllText(sarif));
        Assert.Contains("\"helpUri\": \"https://gitlab.example.com/ops/doclint/-/blob/main/rules/docs-action-name.md\"", File.ReadAllText(sarif));
        var problems = ReportPeers.MultitoolValidate(sarif).Where(v => v.Level is "error" or "warning").ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        var ajv = ReportPeers.AjvValidateSarif(sarif); // and the SARIF 2.1.0 schema itself
        Assert.True(ajv.ExitCode == 0, ajv.Output);

        // Negative control: a replacement without its deleted region is rejected by the same tool.
        var broken = At(repo, "broken.sarif.json");
        File.WriteAllText(broken, File.ReadAllText(sarif).Replace("\"deletedRegion\"", "\"deletedRegionX\""));
        Assert.Contains(ReportPeers.MultitoolValidate(broken), v => v.Level == "error" && v.Message.Contains("deletedRegion"));
    }
}
