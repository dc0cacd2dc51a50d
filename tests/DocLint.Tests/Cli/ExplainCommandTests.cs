using System.Text.Json;
using DocLint.Tests.Support;

namespace DocLint.Tests.Cli;

public class ExplainCommandTests
{
    /// <summary>Runs doclint in-process; <c>ExplainCommandTestsNative</c> runs every test here against the native binary.</summary>
    protected virtual Task<(int Code, string Out, string Err)> Run(params string[] args) => CliRun.Run(args);

    [Fact]
    public async Task Json_lists_every_scenario_with_the_contract_fields()
    {
        var (code, output, err) = await Run("explain", RepoPaths.Fixture("bf-dev"), "--format", "json");
        Assert.Equal(0, code);
        Assert.Equal("", err);
        using var doc = JsonDocument.Parse(output);
        var scenarios = doc.RootElement.GetProperty("scenarios").EnumerateArray().ToList();
        Assert.Equal(2 * 10 * 2 + 2 * 4 + 1, scenarios.Count);

        var single = scenarios.Single(s => s.GetProperty("kind").GetString() == "ui"
            && s.GetProperty("inputs").GetProperty("action").GetString() == "deploy-release-branch-to-staging"
            && s.GetProperty("inputs").GetProperty("project").GetString() == "bf-manage-core"
            && s.GetProperty("inputs").GetProperty("confirm").GetBoolean());
        Assert.Equal("web", single.GetProperty("source").GetString());
        Assert.Empty(single.GetProperty("variables").EnumerateObject());
        var trigger = Assert.Single(single.GetProperty("triggers").EnumerateArray());
        Assert.Equal("release:single", trigger.GetProperty("job").GetString());
        Assert.Equal("betterfleet/bf-manage-core", trigger.GetProperty("project").GetString());
        Assert.Equal("release", trigger.GetProperty("branch").GetString());
        Assert.Equal("true", trigger.GetProperty("variables").GetProperty("ORCHESTRATION_RELEASE").GetString());

        var fanOut = scenarios.Single(s => s.GetProperty("kind").GetString() == "legacy" && s.GetProperty("source").GetString() == "schedule"
            && s.GetProperty("variables").TryGetProperty("INVOKE_CUT_OFF", out _));
        var jobs = fanOut.GetProperty("triggers").EnumerateArray().Select(t => t.GetProperty("job").GetString()).ToList();
        Assert.Equal(9, jobs.Count);
        Assert.Contains("cut-off:fan-out: [bf-telematics]", jobs);

        Assert.All(scenarios.Where(s => s.GetProperty("kind").GetString() == "push"
                                        || s.GetProperty("inputs").GetProperty("confirm").ValueKind == JsonValueKind.False
                                           && s.GetProperty("kind").GetString() == "ui"),
            s => Assert.Empty(s.GetProperty("triggers").EnumerateArray()));
    }

    [Theory]
    [InlineData("table", "KIND")]
    [InlineData("markdown", "| Kind | Source | Choice | Triggers |")]
    [InlineData("mermaid", "flowchart LR")]
    public async Task Other_formats_render_the_same_model(string format, string marker)
    {
        var (code, output, _) = await Run("explain", RepoPaths.Fixture("bf-dev"), "--format", format);
        Assert.Equal(0, code);
        Assert.Contains(marker, output);
        Assert.Contains("release:fan-out", output);
        Assert.Contains("betterfleet/bf-telematics", output);
    }

    [Fact]
    public async Task Json_adds_the_release_levels_of_the_catalogues_dependsOn()
    {
        var (code, output, err) = await Run("explain", RepoPaths.Fixture("release-train"), "--format", "json");
        Assert.Equal((0, ""), (code, err));
        using var doc = JsonDocument.Parse(output);
        Assert.Empty(doc.RootElement.GetProperty("scenarios").EnumerateArray()); // ci: null
        var levels = doc.RootElement.GetProperty("releaseLevels").EnumerateArray()
            .Select(l => $"{l.GetProperty("level").GetInt32()}: {string.Join(", ", l.GetProperty("projects").EnumerateArray().Select(p => p.GetString()))}").ToList();
        Assert.Equal(new[]
        {
            "1: blackroad-os-infra",
            "2: blackroad-os-api-gateway, blackroad-os-archive",
            "3: blackroad-os-api, blackroad-os-core",
            "4: blackroad-os-web, blackroad-os-pack-finance, blackroad-os-pack-legal",
            "5: blackroad-os-prism-console, blackroad-os-docs, blackroad-os-home",
        }, levels);
        Assert.Empty(doc.RootElement.GetProperty("dependsOnCycles").EnumerateArray());
        Assert.Empty(doc.RootElement.GetProperty("unlevelledProjects").EnumerateArray());

        // catalogue: ci has no dependsOn: no levels
        var (_, bf, _) = await Run("explain", RepoPaths.Fixture("bf-dev"), "--format", "json");
        using var bfDoc = JsonDocument.Parse(bf);
        Assert.Empty(bfDoc.RootElement.GetProperty("releaseLevels").EnumerateArray());
    }

    [Theory]
    [InlineData("table", "  level 2: blackroad-os-api-gateway\n  dependsOn cycle: blackroad-os-api → blackroad-os-web → blackroad-os-api\n  no level (on or behind a cycle): blackroad-os-api, blackroad-os-web, blackroad-os-pack-a, blackroad-os-pack-b, blackroad-os-docs\n")]
    [InlineData("markdown", "| 2 | `blackroad-os-api-gateway` |\n| none (on or behind dependsOn cycle blackroad-os-api → blackroad-os-web → blackroad-os-api) | `blackroad-os-api`, `blackroad-os-web`, `blackroad-os-pack-a`, `blackroad-os-pack-b`, `blackroad-os-docs` |\n")]
    [InlineData("mermaid", "  subgraph level2[\"release level 2\"]\n    r1[\"blackroad-os-api-gateway\"]\n  end\n  subgraph unlevelled[\"no level: dependsOn cycle blackroad-os-api → blackroad-os-web → blackroad-os-api\"]\n")]
    [InlineData("json", "\"dependsOnCycles\": [\n    [\n      \"blackroad-os-api\",\n      \"blackroad-os-web\",\n      \"blackroad-os-api\"\n    ]\n  ]")]
    public async Task Every_format_prints_the_release_levels_and_names_a_cycle(string format, string expected)
    {
        var (code, output, _) = await Run("explain", RepoPaths.Fixture("release-train-rules/train-order-cycle"), "--format", format);
        Assert.Equal(0, code);
        Assert.Contains(expected, output);
    }

    [Fact]
    public async Task Mermaid_draws_dependsOn_as_dotted_edges_between_level_subgraphs()
    {
        var (_, output, _) = await Run("explain", RepoPaths.Fixture("release-train"), "--format", "mermaid");
        Assert.Contains("  subgraph level1[\"release level 1\"]\n    r0[\"blackroad-os-infra\"]\n  end\n", output);
        Assert.Contains("  r0 -.-> r1\n", output); // infra → api-gateway
        Assert.DoesNotContain("unlevelled", output);
    }

    [Fact]
    public async Task Bad_usage_and_unreadable_paths_exit_2_with_one_line()
    {
        var (c1, _, e1) = await Run("explain", RepoPaths.Fixture("bf-dev"), "--format", "yaml");
        Assert.Equal(2, c1);
        Assert.Contains("yaml", e1);
        var (c2, _, e2) = await Run("explain", "/nonexistent/doclint/path");
        Assert.Equal(2, c2);
        Assert.Equal("doclint: error: /nonexistent/doclint/path: no such file or directory", e2.Trim());
    }

    [Fact]
    public async Task Problems_in_the_ci_files_exit_1_with_findings_on_stderr_and_what_could_be_evaluated_on_stdout()
    {
        using var repo = new TempRepo((".gitlab-ci.yml", "job:\n  script: x\n  rules:\n    - if: $[[ inputs.nope ]] == \"x\"\n"));
        var (code, output, err) = await Run("explain", repo.Root, "--format", "json");
        Assert.Equal(1, code);
        Assert.Contains(".gitlab-ci.yml:4:", err);
        Assert.Contains("[ci-parse]", err);
        using var doc = JsonDocument.Parse(output);
        Assert.NotEmpty(doc.RootElement.GetProperty("scenarios").EnumerateArray());
    }

    [Fact]
    public async Task A_scenario_GitLab_refuses_shows_why_in_json_and_table()
    {
        using var repo = new TempRepo((".gitlab-ci.yml", "stages: [build, deploy]\nship:\n  stage: build\n  needs: [later]\n  variables: { ORCHESTRATION_RELEASE: \"true\" }\n  trigger: betterfleet/bf-portal\nlater:\n  stage: deploy\n  script: x\n"));
        var (code, output, _) = await Run("explain", repo.Root, "--format", "json");
        Assert.Equal(1, code);
        using var doc = JsonDocument.Parse(output);
        var push = doc.RootElement.GetProperty("scenarios").EnumerateArray().Single(s => s.GetProperty("kind").GetString() == "push");
        Assert.False(push.GetProperty("pipelineCreated").GetBoolean());
        Assert.Contains("GitLab refuses this pipeline: \"ship job: need later is not defined in current or prior stages\"", push.GetProperty("notCreatedReason").GetString());
        Assert.Contains(".gitlab-ci.yml:4", push.GetProperty("notCreatedReason").GetString());
        var (_, table, _) = await Run("explain", repo.Root);
        Assert.Contains("no pipeline (GitLab refuses this pipeline: \"ship job: need later", table);
    }

    [Fact]
    public async Task Invalid_config_exits_2_naming_file_line_and_column()
    {
        using var repo = new TempRepo((".gitlab-ci.yml", "job:\n  script: x\n"), (".doclint.yml", "actions: [1, 2\n"));
        var (code, _, err) = await Run("explain", repo.Root);
        Assert.Equal(2, code);
        Assert.StartsWith("doclint: error: .doclint.yml:", err);
    }
}

/// <summary>Every test of <see cref="ExplainCommandTests"/> against the Native AOT doclint (<see cref="NativeBinary"/>).</summary>
public class ExplainCommandTestsNative : ExplainCommandTests
{
    protected override Task<(int Code, string Out, string Err)> Run(params string[] args) => NativeBinary.Run(args);
}
