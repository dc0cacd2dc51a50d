using System.Text.Json;
using DocLint.Linting;
using DocLint.Load;
using DocLint.Tests.Support;

namespace DocLint.Tests.Linting;

public class BaselineTests
{
    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await DocLint.Cli.Cli.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>bf-dev with two unrelated drifts: the release fan-out loses its legacy rule, rollback is offered.</summary>
    private static TempRepo Drifted(bool second)
    {
        var repo = Processes.CopyFixture("bf-dev");
        var ci = Path.Combine(repo.Root, ".gitlab-ci.yml");
        var text = File.ReadAllText(ci);
        text = text.Replace("    - if: $INVOKE_RELEASE == \"true\"\n", "");
        if (second) text = text.Replace("        - deploy-release-branch-to-staging\n      default:", "        - deploy-release-branch-to-staging\n        - rollback\n      default:");
        File.WriteAllText(ci, text);
        return repo;
    }

    [Fact]
    public async Task Write_baseline_then_check_with_it_reports_only_what_is_new()
    {
        using var repo = Drifted(second: false);
        using var outDir = new TempRepo();
        var file = Path.Combine(outDir.Root, "doclint-baseline.json");

        var (wcode, wout, werr) = await Run("check", repo.Root, "--write-baseline", file);
        Assert.Equal(0, wcode);
        Assert.Equal("", wout);
        Assert.Contains("wrote 1 fingerprint to", werr);
        using (var doc = JsonDocument.Parse(File.ReadAllText(file)))
        {
            var entry = Assert.Single(doc.RootElement.GetProperty("findings").EnumerateArray());
            Assert.Equal("legacy-invoke", entry.GetProperty("ruleId").GetString());
            Assert.Matches("^[0-9a-f]{64}$", entry.GetProperty("fingerprint").GetString());
        }

        var (code, output, err) = await Run("check", repo.Root, "--baseline", file);
        Assert.Equal(0, code);
        Assert.StartsWith("0 errors", output);
        Assert.Contains("1 finding hidden by the baseline", err);

        // A new drift is reported; the baselined one stays hidden, even with lines added above it.
        var ci = Path.Combine(repo.Root, ".gitlab-ci.yml");
        var text = File.ReadAllText(ci).Replace("        - deploy-release-branch-to-staging\n      default:", "        - deploy-release-branch-to-staging\n        - rollback\n      default:");
        File.WriteAllText(ci, "# a new comment\n# and another\n" + text);
        var (ncode, noutput, _) = await Run("check", repo.Root, "--baseline", file, "--quiet");
        Assert.Equal(1, ncode);
        Assert.Contains("[action-vocabulary]", noutput);
        Assert.DoesNotContain("[legacy-invoke]", noutput);
    }

    [Fact]
    public void Hiding_a_finding_never_changes_another_findings_fingerprint()
    {
        using var repo = Drifted(second: true);
        var project = Project.Open(new[] { repo.Root }, null);
        var all = Linter.Run(project);
        Assert.True(all.Findings.Count >= 2, string.Join("\n", all.Findings));
        using var outDir = new TempRepo();
        var file = Path.Combine(outDir.Root, "b.json");
        File.WriteAllText(file, Baseline.Write(all.Findings.Take(1).ToList()));
        var rest = Linter.Run(project, new CheckOptions { Baseline = Baseline.Read(file) });
        Assert.Equal(1, rest.Baselined);
        Assert.Equal(all.Findings.Skip(1).Select(f => f.Fingerprint), rest.Findings.Select(f => f.Fingerprint));
    }

    [Theory]
    [InlineData("{ not json", "invalid baseline JSON")]
    [InlineData("[1, 2]", "not a DocLint baseline")]
    [InlineData("{\"findings\": [{\"ruleId\": \"x\"}]}", "needs a string 'fingerprint'")]
    public async Task A_bad_baseline_file_is_exit_2_with_one_line(string content, string expected)
    {
        using var outDir = new TempRepo();
        var file = Path.Combine(outDir.Root, "b.json");
        File.WriteAllText(file, content);
        var (code, output, err) = await Run("check", RepoPaths.Fixture("bf-dev"), "--baseline", file);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains(expected, err);
        Assert.Single(err.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task A_missing_baseline_file_is_exit_2()
    {
        var (code, _, err) = await Run("check", RepoPaths.Fixture("bf-dev"), "--baseline", "/nonexistent/doclint-baseline.json");
        Assert.Equal(2, code);
        Assert.Contains("cannot read baseline", err);
    }
}
