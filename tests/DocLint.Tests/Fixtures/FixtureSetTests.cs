using DocLint.Evaluate;
using DocLint.Load;
using DocLint.Rules;
using DocLint.Tests.Peers;
using DocLint.Tests.Support;

namespace DocLint.Tests.Fixtures;

/// <summary>
/// The shape of the fixture set (docs-fixtures/drift, docs-fixtures/clean) and what the clean variants must route.
/// <see cref="FixtureTests"/> checks each fixture's findings against its expected.txt; these tests check that the set
/// is what it claims: drifted copies of bf-dev with one mistake in the CI and untouched docs, at least two per CI
/// rule; clean variants that route every scenario exactly as bf-dev and that an independent GitLab model agrees with.
/// </summary>
public class FixtureSetTests
{
    private static readonly string BfDev = RepoPaths.Fixture("bf-dev");
    private static string Drift => Path.Combine(RepoPaths.Fixtures, "drift");
    private static string Clean => Path.Combine(RepoPaths.Fixtures, "clean");

    /// <summary>The CI and catalogue rules of CONTRACT §5.1.</summary>
    public static readonly string[] CiRules =
    {
        "ci-parse", "input-surface", "action-vocabulary", "project-options", "confirm-gate",
        "single-routing", "fanout-catalogue", "legacy-invoke", "signal-contract", "composition",
    };

    private static IEnumerable<string> Dirs(string under) =>
        Directory.GetFiles(under, "expected.txt", SearchOption.AllDirectories).Select(Path.GetDirectoryName).Cast<string>().Order(StringComparer.Ordinal);

    private static string Rel(string root, string file) => Path.GetRelativePath(root, file).Replace('\\', '/');

    private static Dictionary<string, byte[]> Files(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories).ToDictionary(f => Rel(root, f), File.ReadAllBytes, StringComparer.Ordinal);

    [Fact]
    public void Every_CI_rule_has_at_least_two_drifted_fixtures_that_raise_it()
    {
        Assert.Equal(CiRules.Order(StringComparer.Ordinal), RuleSet.All.Where(r => r.Descriptor.Scope == RuleScope.Ci).Select(r => r.Descriptor.Id).Append("ci-parse").Order(StringComparer.Ordinal));
        foreach (var rule in CiRules)
        {
            var dir = Path.Combine(Drift, rule);
            Assert.True(Directory.Exists(dir), $"docs-fixtures/drift/{rule} is missing");
            var cases = Dirs(dir).ToList();
            Assert.True(cases.Count >= 2, $"docs-fixtures/drift/{rule} has {cases.Count} fixture(s); at least two are required");
            foreach (var c in cases)
            {
                var expected = FixtureTests.ReadExpected(c);
                Assert.True(expected.Any(e => e.Rule == rule), $"{Rel(RepoPaths.Fixtures, c)}/expected.txt lists no {rule} finding");
                Assert.All(expected, e => Assert.False(string.IsNullOrEmpty(e.Message), $"{Rel(RepoPaths.Fixtures, c)}: every entry quotes part of its message"));
                var text = File.ReadAllText(Path.Combine(c, "expected.txt"));
                Assert.True(text.TrimStart().StartsWith("# Drift:", StringComparison.Ordinal), $"{Rel(RepoPaths.Fixtures, c)}/expected.txt starts with a '# Drift:' comment saying what the mistake is");
                // A drift raising more than one rule says why in its comment (CONTRACT: one mistake, one finding, unless
                // the same mistake genuinely breaks two contracts).
                if (expected.Select(e => e.Rule).Distinct().Count() > 1)
                    Assert.True(text.Contains("same mistake", StringComparison.OrdinalIgnoreCase),
                        $"{Rel(RepoPaths.Fixtures, c)} expects several rules: its comment must say why they are the same mistake");
            }
        }
    }

    [Fact]
    public void Drifted_fixtures_are_bf_dev_with_only_the_CI_changed_and_the_docs_untouched()
    {
        var clean = Files(BfDev);
        var cases = Dirs(Drift).ToList();
        Assert.NotEmpty(cases);
        foreach (var dir in cases)
        {
            var name = Rel(RepoPaths.Fixtures, dir);
            var files = Files(dir);
            // Every bf-dev file is there (a complete, realistic repository), and every doc is byte-identical: the docs
            // rules will run over these fixtures and must see bf-dev's clean docs.
            foreach (var (path, bytes) in clean)
            {
                if (path == "expected.txt") continue;
                var ci = path == ".gitlab-ci.yml" || path.StartsWith("bf-release/", StringComparison.Ordinal) && path.EndsWith(".gitlab-ci.yml", StringComparison.Ordinal);
                Assert.True(files.ContainsKey(path) || ci, $"{name}: {path} of bf-dev is missing");
                // bf-dev's generated regions (CONTRACT §9) describe bf-dev's pipeline: a drift keeps the doc without
                // them (they would be stale there, a second finding for the one CI mistake), and the rest byte for byte.
                var want = path.EndsWith(".md", StringComparison.Ordinal) ? BfDevDrift.WithoutRegions(bytes) : bytes;
                if (!ci) Assert.True(files.TryGetValue(path, out var b) && b.AsSpan().SequenceEqual(want), $"{name}: {path} differs from bf-dev (outside its generated regions); a drift changes the CI only");
            }
            // What is added: CI files, a retired bf-release file, or a .doclint.yml the drift needs.
            foreach (var path in files.Keys.Except(clean.Keys))
                Assert.True(path.EndsWith(".gitlab-ci.yml", StringComparison.Ordinal) || path == ".doclint.yml",
                    $"{name}: {path} is not in bf-dev; a drift adds only CI files or a .doclint.yml");
            var changed = files.Keys.Where(p => !clean.TryGetValue(p, out var b) || !b.AsSpan().SequenceEqual(files[p])).Where(p => p != "expected.txt").ToList();
            Assert.True(changed.Count > 0, $"{name} is identical to bf-dev");
        }
    }

    [Fact]
    public void Bf_dev_shows_generated_regions_that_drifted_copies_leave_out()
    {
        var doc = File.ReadAllBytes(Path.Combine(BfDev, "docs/reference/platform/ci-and-release.md"));
        var stripped = BfDevDrift.WithoutRegions(doc);
        Assert.True(doc.Length - stripped.Length > 1000, "bf-dev's CI/release reference holds its generated regions");
        Assert.Equal(File.ReadAllBytes(Path.Combine(Drift, "confirm-gate/push-to-main/docs/reference/platform/ci-and-release.md")), stripped);
    }

    private static List<string> VariantNames() => Dirs(Clean).Select(d => Path.GetFileName(d)).ToList();

    public static TheoryData<string> CleanVariants()
    {
        var data = new TheoryData<string>();
        foreach (var v in VariantNames()) data.Add(v);
        return data;
    }

    [Fact]
    public void There_are_clean_variants_in_several_styles() => Assert.True(VariantNames().Count >= 6);

    /// <summary>A scenario's routing as the contract sees it: the targets, branches and configured signals passed.</summary>
    private static string Routing(DocLintConfig config, ScenarioOutcome o) =>
        string.Join("; ", o.Triggers.Select(t => $"{t.Project}@{t.Branch} {string.Join(",", config.Signals.Where(t.Variables.ContainsKey).Select(s => s + "=" + t.Variables[s]))}")
            .Order(StringComparer.Ordinal));

    private static string Key(ScenarioOutcome o) => $"{o.Scenario.Kind} {o.Scenario.Source} {o.Scenario.Describe()}";

    [Theory]
    [MemberData(nameof(CleanVariants))]
    public void Clean_variant_routes_every_scenario_exactly_as_bf_dev(string variant)
    {
        var expected = Model(BfDev);
        var actual = Model(Path.Combine(Clean, variant));
        Assert.Empty(actual.Model.Findings);
        Assert.Equal(49, actual.Model.Outcomes.Count);
        Assert.Equal(28, actual.Model.Outcomes.Count(o => o.Triggers.Count > 0));
        var want = expected.Model.Outcomes.ToDictionary(Key, o => Routing(expected.Config, o));
        var got = actual.Model.Outcomes.ToDictionary(Key, o => Routing(actual.Config, o));
        var diff = want.Where(kv => !got.TryGetValue(kv.Key, out var g) || g != kv.Value)
            .Select(kv => $"{kv.Key}:\n    bf-dev: {kv.Value}\n    {variant}: {got.GetValueOrDefault(kv.Key)}").ToList();
        Assert.True(diff.Count == 0, string.Join("\n", diff));
        Assert.Equal(want.Keys.Order(), got.Keys.Order());
    }

    private static (DocLintConfig Config, RoutingModel Model) Model(string dir)
    {
        var project = RepoPaths.OpenFixture(dir);
        return (project.Config, RoutingModel.Build(project.Workspace, project.Config));
    }

    /// <summary>
    /// The clean variants must be pipelines GitLab would create the same way, not DocLint-only fantasies: for a sample of
    /// scenarios (each kind, both actions, single and all, unconfirmed) the jobs DocLint creates are the jobs
    /// gitlab-ci-local creates. The peer is required (a missing peer fails with the reason).
    /// </summary>
    [Fact]
    public void Clean_variants_create_the_jobs_gitlab_ci_local_creates()
    {
        GitLabCiLocal.EnsureAvailable();
        var cases = new List<(string Variant, ScenarioOutcome Outcome, ListRequest Request)>();
        foreach (var variant in VariantNames())
        {
            var dir = Path.Combine(Clean, variant);
            var (_, model) = Model(dir);
            foreach (var o in model.Outcomes.Where(Sampled))
                cases.Add((variant, o, new ListRequest(dir)
                {
                    PipelineSource = o.Scenario.Source,
                    Inputs = o.Scenario.Inputs,
                    Variables = o.Scenario.Variables,
                    JsonSchemaValidation = true,
                }));
        }
        Assert.True(cases.Count >= VariantNames().Count * 5, $"sampled {cases.Count} scenarios");
        var results = GitLabCiLocal.ListMany(cases.Select(c => c.Request), maxParallel: 2);
        var mismatches = new List<string>();
        for (var i = 0; i < cases.Count; i++)
        {
            var ours = cases[i].Outcome.Pipeline.Jobs.Select(j => j.Name).ToHashSet();
            var theirs = results[i].Jobs.Select(j => GitLabCiLocal.ToGitLabJobName(j.Name)).ToHashSet();
            if (!ours.SetEquals(theirs))
                mismatches.Add($"{cases[i].Variant} {Key(cases[i].Outcome)}: only DocLint [{string.Join(", ", ours.Except(theirs))}], only gitlab-ci-local [{string.Join(", ", theirs.Except(ours))}]");
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    /// <summary>Six scenarios per variant: confirmed single (release), confirmed all (cut-off), unconfirmed all, two legacy sources, push.</summary>
    private static bool Sampled(ScenarioOutcome o)
    {
        var s = o.Scenario;
        string? In(string name) => s.Inputs.TryGetValue(name, out var v) ? v.Text : null;
        return s.Kind switch
        {
            ScenarioKind.Ui => (In("action"), In("project"), In("confirm")) is ("deploy-release-branch-to-staging", "bf-telematics", "true")
                                                                     or ("bring-all-code-to-release-branch", "all", "true")
                                                                     or ("deploy-release-branch-to-staging", "all", "false"),
            ScenarioKind.Legacy => s.Variables.ContainsKey("INVOKE_RELEASE") && s.Source == "schedule" || s.Variables.ContainsKey("INVOKE_CUT_OFF") && s.Source == "api",
            _ => true,
        };
    }
}
