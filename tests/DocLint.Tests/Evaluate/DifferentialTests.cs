using DocLint.Evaluate;
using DocLint.Load;
using DocLint.Parse.GitLab.Inputs;
using DocLint.Tests.Peers;
using DocLint.Tests.Support;

namespace DocLint.Tests.Evaluate;

/// <summary>
/// Differential test against an independent implementation, gitlab-ci-local: for each fixture and scenario, the set
/// of job names DocLint says GitLab creates must equal gitlab-ci-local's. Its known divergences from GitLab
/// (tests/peers/DIVERGENCES.md) are excluded explicitly, never silently:
///  - workflow:rules never stop a pipeline in gitlab-ci-local: a scenario DocLint says creates no pipeline is checked
///    to be a workflow decision and is not compared;
///  - matrix names are "job: [a,b]" there and "job: [a, b]" in GitLab: converted with ToGitLabJobName.
/// Fixtures avoid the constructs it evaluates differently (only/except, nested variables in rules:if, a root input
/// name reused by an include, substring =~).
/// </summary>
public class DifferentialTests
{
    private static readonly string StylesFixture = Path.Combine(RepoPaths.Root, "tests", "DocLint.Tests", "Evaluate", "Differential", "styles");

    [Fact]
    public void Bf_dev_fixture_creates_the_same_jobs_as_gitlab_ci_local_in_every_scenario()
    {
        var root = RepoPaths.Fixture("bf-dev");
        var model = RoutingModel.Build(new Workspace(root), DocLintConfig.Default);
        Assert.Equal(49, model.Outcomes.Count);
        Compare(root, model.Outcomes.Select(o => (o.Scenario, o.Pipeline)).ToList());
    }

    [Fact]
    public void Styles_fixture_creates_the_same_jobs_as_gitlab_ci_local()
    {
        var ws = new Workspace(StylesFixture);
        var rules = new RuleMatcher(ws.AnyFileMatches, ws.Limits.RegexTimeout);
        var composer = new DocLint.Parse.GitLab.CiComposer(ws, ".gitlab-ci.yml", rules);
        var evaluator = new PipelineEvaluator(rules, ws.Limits);
        var cases = new List<(Scenario, PipelineResult)>();
        var variableSets = new[]
        {
            new Dictionary<string, string>(),
            new Dictionary<string, string> { ["DEPLOY"] = "yes" },
            new Dictionary<string, string> { ["MODE"] = "canary" },
            new Dictionary<string, string> { ["MODE"] = "canary", ["DEPLOY"] = "yes", ["NIGHTLY"] = "1" },
            new Dictionary<string, string> { ["SKIP_BUILD"] = "true", ["NIGHTLY"] = "1" },
        };
        foreach (var source in new[] { "web", "push", "schedule", "api" })
        foreach (var vars in variableSets)
        foreach (var env in new[] { "staging", "production" })
        {
            if (source != "web" && env == "production") continue;
            var inputs = new Dictionary<string, InputValue> { ["environment"] = InputValue.Of(env), ["dry_run"] = InputValue.Of(source == "web" && vars.Count == 0) };
            var scenario = new Scenario(ScenarioKind.Ui, source, inputs, vars);
            var composed = composer.Compose(inputs, PipelineEvaluator.Predefined(scenario, "main"), source + string.Join(",", vars));
            Assert.Empty(composed.Findings);
            var findings = new List<DocLint.Findings.Finding>();
            cases.Add((scenario, evaluator.Evaluate(composed, scenario, "main", findings)));
            Assert.Empty(findings);
        }
        Assert.Contains(cases, c => !c.Item2.Created);      // the workflow exclusion is exercised
        Assert.Contains(cases, c => c.Item2.Jobs.Any(j => j.Matrix != null));
        Compare(StylesFixture, cases);
    }

    private static void Compare(string root, IReadOnlyList<(Scenario Scenario, PipelineResult Pipeline)> cases)
    {
        GitLabCiLocal.EnsureAvailable();
        var compared = cases.Where(c => c.Pipeline.Created).ToList();
        foreach (var excluded in cases.Where(c => !c.Pipeline.Created))
            Assert.Contains("workflow:rules", excluded.Pipeline.NotCreatedReason); // divergence: workflow never stops gitlab-ci-local
        var requests = compared.Select(c => new ListRequest(root)
        {
            PipelineSource = c.Scenario.Source,
            Inputs = c.Scenario.Inputs,
            Variables = c.Scenario.Variables,
        }).ToList();
        var results = GitLabCiLocal.ListMany(requests, maxParallel: 2);
        var mismatches = new List<string>();
        for (var i = 0; i < compared.Count; i++)
        {
            var ours = compared[i].Pipeline.Jobs.Select(j => j.Name).ToHashSet();
            var theirs = results[i].Jobs.Select(j => GitLabCiLocal.ToGitLabJobName(j.Name)).ToHashSet();
            if (!ours.SetEquals(theirs))
                mismatches.Add($"{requests[i].Describe()}: only DocLint [{string.Join(", ", ours.Except(theirs))}], only gitlab-ci-local [{string.Join(", ", theirs.Except(ours))}]");
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        Assert.Contains(compared, c => c.Pipeline.Jobs.Count > 0);
    }
}
