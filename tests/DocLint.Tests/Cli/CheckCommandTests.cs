using System.Text.Json;
using DocLint.Tests.Support;
using NJsonSchema;

namespace DocLint.Tests.Cli;

public class CheckCommandTests
{
    /// <summary>Runs doclint in-process; <c>CheckCommandTestsNative</c> runs every test here against the native binary.</summary>
    protected virtual Task<(int Code, string Out, string Err)> Run(params string[] args) => CliRun.Run(args);

    /// <summary>A copy of bf-dev whose release fan-out lost its legacy INVOKE_RELEASE rule (legacy-invoke error).</summary>
    private static TempRepo DriftedRepo() => BfDevDrift.LegacyDriftedCopy();

    [Fact]
    public async Task Clean_fixture_as_json_has_no_findings_and_exit_0()
    {
        var (code, output, err) = await Run("check", RepoPaths.Fixture("bf-dev"), "--format", "json");
        Assert.Equal(0, code);
        Assert.Equal("", err);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(1, doc.RootElement.GetProperty("version").GetInt32());
        Assert.Empty(doc.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal(0, doc.RootElement.GetProperty("summary").GetProperty("errors").GetInt32());
    }

    [Fact]
    public async Task Clean_fixture_as_text_prints_the_summary_unless_quiet()
    {
        var (code, output, _) = await Run("check", RepoPaths.Fixture("bf-dev"));
        Assert.Equal(0, code);
        Assert.Matches(@"^0 errors, 0 warnings, 0 infos in 0 files \(\d+ files checked in \d+ ms\)\n$", output);
        var (qcode, quiet, _) = await Run("check", RepoPaths.Fixture("bf-dev"), "--quiet", "--no-color");
        Assert.Equal(0, qcode);
        Assert.Equal("", quiet);
    }

    [Fact]
    public async Task Drifted_repo_fails_with_a_legacy_invoke_error_unless_fail_on_never()
    {
        using var repo = DriftedRepo();
        var (code, output, _) = await Run("check", repo.Root);
        Assert.Equal(1, code);
        Assert.Matches(@"^\.gitlab-ci\.yml:\d+:\d+: error: .* \[legacy-invoke\]$", output.Split('\n').First(l => l.Contains("[legacy-invoke]")));
        Assert.DoesNotContain("\u001b[", output);

        var (never, _, _) = await Run("check", repo.Root, "--fail-on", "never");
        Assert.Equal(0, never);
        var (warning, _, _) = await Run("check", repo.Root, "--fail-on", "warning");
        Assert.Equal(1, warning);
    }

    [Fact]
    public async Task Drifted_repo_json_validates_against_the_schema_and_has_no_absolute_path()
    {
        using var repo = DriftedRepo();
        var (code, output, _) = await Run("check", repo.Root, "--format", "json");
        Assert.Equal(1, code);
        var schema = await JsonSchema.FromFileAsync(Path.Combine(RepoPaths.Root, "schema", "report.schema.json"));
        Assert.Empty(schema.Validate(output));
        Assert.DoesNotContain(repo.Root, output);
        using var doc = JsonDocument.Parse(output);
        Assert.Contains(doc.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "legacy-invoke");
    }

    [Fact]
    public async Task Two_reports_in_one_run_are_both_written()
    {
        using var repo = DriftedRepo();
        using var outDir = new TempRepo();
        var cq = Path.Combine(outDir.Root, "gl-code-quality-report.json");
        var js = Path.Combine(outDir.Root, "doclint.json");
        var (code, output, err) = await Run("check", repo.Root, "--report", $"codequality={cq}", "--report", $"json={js}", "--quiet");
        Assert.Equal(1, code);
        Assert.Equal("", err);
        Assert.Contains("[legacy-invoke]", output);

        var cqBytes = File.ReadAllBytes(cq);
        Assert.Equal((byte)'[', cqBytes[0]);
        using var cqDoc = JsonDocument.Parse(cqBytes);
        var entry = Assert.Single(cqDoc.RootElement.EnumerateArray(), e => e.GetProperty("check_name").GetString() == "legacy-invoke");
        Assert.Equal("major", entry.GetProperty("severity").GetString());
        Assert.Equal(".gitlab-ci.yml", entry.GetProperty("location").GetProperty("path").GetString());
        Assert.DoesNotContain(repo.Root, File.ReadAllText(cq));

        using var jsDoc = JsonDocument.Parse(File.ReadAllBytes(js));
        var jsFinding = Assert.Single(jsDoc.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "legacy-invoke");
        Assert.Equal(entry.GetProperty("fingerprint").GetString(), jsFinding.GetProperty("fingerprint").GetString());
        Assert.Equal(new[] { "doclint.json", "gl-code-quality-report.json" }, Directory.GetFiles(outDir.Root).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Fingerprints_survive_lines_added_above_the_finding()
    {
        using var repo = DriftedRepo();
        var (_, before, _) = await Run("check", repo.Root, "--format", "codequality");
        var ci = Path.Combine(repo.Root, ".gitlab-ci.yml");
        File.WriteAllText(ci, "# added\n# lines\n# above\n" + File.ReadAllText(ci));
        var (_, after, _) = await Run("check", repo.Root, "--format", "codequality");
        static List<(string?, int)> Read(string s) => JsonDocument.Parse(s).RootElement.EnumerateArray()
            .Select(e => (e.GetProperty("fingerprint").GetString(), e.GetProperty("location").GetProperty("lines").GetProperty("begin").GetInt32())).ToList();
        var b = Read(before);
        var a = Read(after);
        Assert.NotEmpty(b);
        Assert.Equal(b.Select(x => x.Item1), a.Select(x => x.Item1));
        Assert.All(b.Zip(a), p => Assert.Equal(p.First.Item2 + 3, p.Second.Item2));
    }

    [Theory]
    [InlineData("--format", "xml")]
    [InlineData("--report", "junit")]
    [InlineData("--report", "pdf=out.pdf")]
    [InlineData("--report", "json")]
    [InlineData("--fail-on", "sometimes")]
    public async Task Bad_usage_exits_2_with_one_line(string option, string value)
    {
        var (code, output, err) = await Run("check", RepoPaths.Fixture("bf-dev"), option, value);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith("doclint: error: ", err);
        if (value is "xml" or "pdf=out.pdf") Assert.Contains("expected one of: text, json, codequality, sarif, junit, html", err);
    }

    [Fact]
    public async Task Unwritable_report_path_exits_2_with_one_line_and_no_partial_file()
    {
        using var outDir = new TempRepo();
        var target = Path.Combine(outDir.Root, "missing", "report.json");
        var (code, _, err) = await Run("check", RepoPaths.Fixture("bf-dev"), "--report", $"json={target}");
        Assert.Equal(2, code);
        Assert.Single(err.TrimEnd('\n').Split('\n'));
        Assert.Contains("cannot write json report", err);
        Assert.False(File.Exists(target));
        Assert.Empty(Directory.GetFileSystemEntries(outDir.Root));
    }
}

/// <summary>Every test of <see cref="CheckCommandTests"/> against the Native AOT doclint (<see cref="NativeBinary"/>).</summary>
public class CheckCommandTestsNative : CheckCommandTests
{
    protected override Task<(int Code, string Out, string Err)> Run(params string[] args) => NativeBinary.Run(args);
}
