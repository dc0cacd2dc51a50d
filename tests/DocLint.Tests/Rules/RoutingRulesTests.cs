using DocLint.Evaluate;
using DocLint.Findings;
using DocLint.Load;
using DocLint.Rules;
using DocLint.Tests.Support;
using static DocLint.Tests.Support.BfDevDrift;

namespace DocLint.Tests.Rules;

/// <summary>The routing rules on the clean bf-dev fixture and on drifted copies with one realistic mistake each.</summary>
public class RoutingRulesTests
{
    [Fact]
    public void Clean_fixture_raises_nothing() => Assert.Empty(Check(CleanCi));

    [Fact]
    public void Confirm_gate_fires_once_when_one_rule_misses_the_confirm_condition()
    {
        var ci = Drift("\"$[[ inputs.confirm ]]\" == \"true\" && \"$[[ inputs.action ]]\" == \"deploy-release-branch-to-staging\" && \"$[[ inputs.project ]]\" != \"all\"",
                       "\"$[[ inputs.action ]]\" == \"deploy-release-branch-to-staging\" && \"$[[ inputs.project ]]\" != \"all\"");
        var f = Assert.Single(Check(ci));
        Assert.Equal("confirm-gate", f.RuleId);
        Assert.Equal(LineOf(ci, "deploy-release-branch-to-staging\" && \"$[[ inputs.project ]]\" != \"all\""), f.Span.Line);
        Assert.Contains("action=deploy-release-branch-to-staging project=bf-manage-core confirm=false starts release:single", f.Message);
        Assert.Contains("a release must not start without confirm=true", f.Message);
    }

    [Fact]
    public void Confirm_gate_catches_or_precedence_letting_confirm_false_through()
    {
        var ci = Drift("- if: '$CI_PIPELINE_SOURCE == \"web\" && \"$[[ inputs.confirm ]]\" == \"true\" && \"$[[ inputs.action ]]\" == \"bring-all-code-to-release-branch\" && \"$[[ inputs.project ]]\" == \"all\"'",
                       "- if: '$CI_PIPELINE_SOURCE == \"web\" && \"$[[ inputs.action ]]\" == \"bring-all-code-to-release-branch\" && \"$[[ inputs.project ]]\" == \"all\" && \"$[[ inputs.confirm ]]\" == \"true\" || $CI_PIPELINE_SOURCE == \"web\" && \"$[[ inputs.project ]]\" == \"all\" && \"$[[ inputs.action ]]\" == \"bring-all-code-to-release-branch\"'");
        var findings = Check(ci);
        var f = Assert.Single(findings, x => x.RuleId == "confirm-gate");
        Assert.Contains("project=all confirm=false starts cut-off:fan-out", f.Message);
        // The same `||` also lets INVOKE_RELEASE on a web pipeline start the cut-off fan-out: a mixed legacy fan-out.
        var legacy = Assert.Single(findings, x => x.RuleId == "legacy-invoke");
        Assert.Contains("INVOKE_RELEASE=true (source=web) starts cut-off:fan-out: [bf-manage-core] and 8 more instances (passing ORCHESTRATION_CUT_OFF=\"true\")", legacy.Message);
        Assert.Equal(2, findings.Count);
    }

    [Fact]
    public void Single_routing_fires_at_the_trigger_project_when_it_names_one_project_literally()
    {
        var ci = Drift("project: betterfleet/$[[ inputs.project ]]", "project: betterfleet/bf-manage-core", nth: 1);
        var findings = Check(ci);
        // The literal project is also the retired per-project cockpit coming back (composition, CONTRACT §5.1).
        Assert.Equal(new[] { "composition", "single-routing" }, findings.Select(x => x.RuleId).Order());
        var f = findings.Single(x => x.RuleId == "single-routing");
        Assert.Equal("single-routing", f.RuleId);
        Assert.Equal(LineOf(ci, "project: betterfleet/bf-manage-core"), f.Span.Line);
        Assert.Contains("targeting betterfleet/bf-manage-core", f.Message);
        Assert.Contains("(and 7 more)", f.Message);
    }

    [Fact]
    public void Fanout_catalogue_fires_when_the_matrix_misses_a_project()
    {
        var ci = Drift("          - bf-billing\n", "");
        var findings = Check(ci).Where(f => f.RuleId == "fanout-catalogue").ToList();
        Assert.Equal(2, findings.Count); // once per fan-out job: the matrix list is shared by an alias
        Assert.All(findings, f => Assert.Contains("leaves out bf-billing", f.Message));
        Assert.Contains(Check(ci), f => f.RuleId == "legacy-invoke");
    }

    [Fact]
    public void Legacy_invoke_fires_when_the_legacy_rule_is_gone()
    {
        var ci = Drift("    - if: $INVOKE_RELEASE == \"true\"\n", "");
        var f = Assert.Single(Check(ci));
        Assert.Equal("legacy-invoke", f.RuleId);
        Assert.Contains("INVOKE_RELEASE=true starts nothing", f.Message);
    }

    [Fact]
    public void Legacy_invoke_fires_when_the_legacy_rule_moved_to_the_wrong_job()
    {
        var ci = Drift("    - if: $INVOKE_RELEASE == \"true\"\n", "").Replace("    - if: $INVOKE_CUT_OFF == \"true\"\n", "    - if: $INVOKE_CUT_OFF == \"true\"\n    - if: $INVOKE_RELEASE == \"true\"\n");
        var findings = Check(ci);
        Assert.All(findings, f => Assert.Equal("legacy-invoke", f.RuleId));
        Assert.Contains(findings, f => f.Message.Contains("starts cut-off:fan-out: [bf-manage-core] and 8 more instances (passing ORCHESTRATION_CUT_OFF=\"true\")"));
    }

    [Fact]
    public void Rule_severity_can_be_changed_or_turned_off_by_config()
    {
        var ci = Drift("    - if: $INVOKE_RELEASE == \"true\"\n", "");
        using var repo = new TempRepo((".gitlab-ci.yml", ci), ("bf-release/Changes.gitlab-ci.yml", Changes));
        var ws = repo.Workspace();
        var off = DocLintConfig.Parse(".doclint.yml", "rules:\n  legacy-invoke: off\n");
        Assert.Empty(RuleSet.Run(new RuleContext(off, RoutingModel.Build(ws, off), ws), RuleScope.Ci));
        var warn = DocLintConfig.Parse(".doclint.yml", "rules:\n  legacy-invoke: warning\n");
        Assert.Equal(Severity.Warning, Assert.Single(RuleSet.Run(new RuleContext(warn, RoutingModel.Build(ws, warn), ws), RuleScope.Ci)).Severity);
    }
}
