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
        Assert.Contains("INVOKE_RELEASE=true (source=web) starts cut-off:fan-out ×9 passing ORCHESTRATION_CUT_OFF=\"true\" instead", legacy.Message);
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
        Assert.Contains("(and 7 more scenarios)", f.Message);
    }

    [Fact]
    public void A_matrix_list_missing_a_project_is_one_finding_of_project_options_under_catalogue_ci()
    {
        // The options are the catalogue: the list that drifted is project-options' finding (CONTRACT §8), and the
        // fan-outs (ui and legacy, both actions) that then leave bf-billing out are the same defect, not four more.
        var ci = Drift("          - bf-billing\n", "");
        var f = Only(Check(ci), "project-options");
        Assert.Contains("lacks bf-billing, so project=all leaves out bf-billing", f.Message);
        // With project-options off, fanout-catalogue still reports the defect: nothing is lost.
        var off = DocLintConfig.Parse(".doclint.yml", "rules:\n  project-options: off\n");
        Assert.Equal("fanout-catalogue", Only(Check(ci, config: off), "fanout-catalogue").RuleId);
    }

    [Fact]
    public void Fanout_catalogue_reports_a_shared_matrix_list_missing_a_catalogue_project_once_at_the_list()
    {
        // With a catalogue file the matrix lists are fanout-catalogue's: the aliased list shared by both fan-outs is one
        // defect (not one per action), and legacy-invoke does not repeat what the ui fan-out already shows.
        var config = DocLintConfig.Parse(".doclint.yml", "catalogue: catalogue.yml\n");
        var catalogue = CatalogueFile;
        var ci = Drift("          - bf-billing\n", "");
        var f = Only(Check(ci, config: config, extra: catalogue), "fanout-catalogue");
        Assert.Equal(LineOf(ci, "- PROJECT: &supported-projects"), f.Span.Line);
        Assert.Contains("action=bring-all-code-to-release-branch project=all confirm=true leaves out bf-billing (the parallel:matrix PROJECT list of cut-off:fan-out, .gitlab-ci.yml:", f.Message);
        Assert.EndsWith("passing ORCHESTRATION_CUT_OFF=\"true\" (and 1 more scenario)", f.Message);

        var typo = Drift("          - bf-telematics\n", "          - bf-telematic\n");
        var t = Only(Check(typo, config: config, extra: catalogue), "fanout-catalogue");
        Assert.Equal(LineOf(typo, "          - bf-telematic"), t.Span.Line); // the entry outside the catalogue
        Assert.Contains("leaves out bf-telematics and triggers betterfleet/bf-telematic, which the catalogue does not list", t.Message);
    }

    [Fact]
    public void A_signal_defect_of_signal_contract_is_not_reported_again_by_the_routing_rules()
    {
        var yes = Drift("ORCHESTRATION_RELEASE: \"true\"", "ORCHESTRATION_RELEASE: \"yes\"", nth: 1);
        Assert.Equal("signal-contract", Only(Check(yes), "signal-contract").RuleId);
        var misspelt = Drift("ORCHESTRATION_CUT_OFF: \"true\"", "ORCHESTRATION_CUTOFF: \"true\"", nth: 2);
        Assert.Equal("signal-contract", Only(Check(misspelt), "signal-contract").RuleId);
        // While signal-contract is off, the routing rules report the trigger without its signal.
        var off = DocLintConfig.Parse(".doclint.yml", "rules:\n  signal-contract: off\n");
        var f = Only(Check(yes, config: off), "single-routing");
        Assert.Contains("starts release:single without ORCHESTRATION_RELEASE=\"true\"", f.Message);
    }

    [Fact]
    public void Rules_variables_override_a_job_variable_so_a_false_default_set_true_by_every_creating_rule_is_clean()
    {
        // Issue 15: GitLab gives rules:variables precedence over job variables; every created release:single passes "true".
        var ci = Drift("    ORCHESTRATION_RELEASE: \"true\"\n  trigger:\n    project: betterfleet/$[[ inputs.project ]]\n  rules:\n    - if: '$CI_PIPELINE_SOURCE == \"web\" && \"$[[ inputs.confirm ]]\" == \"true\" && \"$[[ inputs.action ]]\" == \"deploy-release-branch-to-staging\" && \"$[[ inputs.project ]]\" != \"all\"'\n",
                       "    ORCHESTRATION_RELEASE: \"false\"\n  trigger:\n    project: betterfleet/$[[ inputs.project ]]\n  rules:\n    - if: '$CI_PIPELINE_SOURCE == \"web\" && \"$[[ inputs.confirm ]]\" == \"true\" && \"$[[ inputs.action ]]\" == \"deploy-release-branch-to-staging\" && \"$[[ inputs.project ]]\" != \"all\"'\n      variables:\n        ORCHESTRATION_RELEASE: \"true\"\n");
        Assert.Empty(Check(ci));
        // A creating rule that does not set it leaves the job's "false": that one is still reported, at the job value.
        var partly = Drift("      variables:\n        ORCHESTRATION_RELEASE: \"true\"\n", "", text: ci);
        var f = Assert.Single(Check(partly), x => x.RuleId == "signal-contract");
        Assert.Contains("ORCHESTRATION_RELEASE=\"false\"", f.Message);
    }

    // Issue 15: pipeline-creation errors decide whether a choice creates anything; each is one ci-parse finding at the
    // offending entry, and the refused scenarios are not judged again by the routing rules.
    private const string ReleaseSingleVariables = "release:single:\n  extends: .orchestration-trigger\n  variables:\n";

    private static string WithReleaseSingle(string extra, string? jobs = null) =>
        Drift(ReleaseSingleVariables, "release:single:\n  extends: .orchestration-trigger\n" + extra + "  variables:\n") + (jobs ?? "");

    [Fact]
    public void A_trigger_job_that_needs_a_job_of_a_later_stage_is_one_ci_parse_finding_at_the_need()
    {
        var ci = WithReleaseSingle("  needs: [announce]\n", "\nannounce:\n  stage: .post\n  script: echo done\n");
        var f = Only(Check(ci), "ci-parse");
        Assert.Equal(LineOf(ci, "  needs: [announce]"), f.Span.Line);
        Assert.Contains("release:single job: need announce is not defined in current or prior stages", f.Message);
        Assert.Contains("GitLab refuses this pipeline", f.Message);
    }

    [Fact]
    public void Needs_and_dependencies_on_undefined_jobs_or_later_stages_are_refusals()
    {
        var undefined = WithReleaseSingle("  needs:\n    - job: build-notes\n");
        Assert.Contains("undefined need: build-notes", Only(Check(undefined), "ci-parse").Message);
        // An optional need on a job that is not defined is ignored by GitLab.
        Assert.Empty(Check(WithReleaseSingle("  needs:\n    - job: build-notes\n      optional: true\n")));
        var later = WithReleaseSingle("  dependencies: [announce]\n", "\nannounce:\n  stage: .post\n  script: echo done\n");
        Assert.Contains("dependency announce is not defined in current or prior stages", Only(Check(later), "ci-parse").Message);
        var stage = WithReleaseSingle("  stage: deploy\n");
        Assert.Contains("uses stage 'deploy', which is not in stages", Only(Check(stage), "ci-parse").Message);
        // A need on a job of an earlier stage that the same scenarios create is fine.
        Assert.Empty(Check(WithReleaseSingle("  needs: [orchestration:preflight]\n")));
    }

    [Fact]
    public void A_trigger_job_needing_a_job_absent_from_its_pipeline_is_refused_once_not_reported_as_no_trigger()
    {
        // docs:lint runs only in merge-request pipelines: every pipeline that creates release:single is refused.
        var ci = WithReleaseSingle("  needs: [docs:lint]\n");
        var f = Only(Check(ci), "ci-parse");
        Assert.Equal(LineOf(ci, "  needs: [docs:lint]"), f.Span.Line);
        Assert.Contains("'release:single' job needs 'docs:lint' job, but 'docs:lint' does not exist in the pipeline", f.Message);
        // needs:optional is GitLab's way out.
        Assert.Empty(Check(WithReleaseSingle("  needs:\n    - job: docs:lint\n      optional: true\n")));
    }

    [Fact]
    public void Single_routing_reports_a_copied_signal_once_as_passing_the_wrong_signal_instead()
    {
        var ci = Drift("cut-off:single:\n  extends: .orchestration-trigger\n  variables:\n    ORCHESTRATION_CUT_OFF", "cut-off:single:\n  extends: .orchestration-trigger\n  variables:\n    ORCHESTRATION_RELEASE");
        var f = Only(Check(ci), "single-routing");
        Assert.Equal(LineOf(ci, "\"$[[ inputs.action ]]\" == \"bring-all-code-to-release-branch\" && \"$[[ inputs.project ]]\" != \"all\""), f.Span.Line);
        Assert.Contains("starts cut-off:single passing ORCHESTRATION_RELEASE=\"true\" instead of ORCHESTRATION_CUT_OFF=\"true\"", f.Message);
    }

    [Fact]
    public void Single_routing_reports_a_fan_out_started_for_one_project_once()
    {
        var ci = Drift(" && \"$[[ inputs.project ]]\" == \"all\"'\n    # Legacy bulk invocation (staging", "'\n    # Legacy bulk invocation (staging");
        var f = Only(Check(ci), "single-routing");
        Assert.Contains("project=bf-manage-core confirm=true starts 10 orchestration triggers (release:single, release:fan-out ×9); expected exactly one trigger of bf-manage-core passing ORCHESTRATION_RELEASE=\"true\", never the all fan-out too (and 8 more scenarios)", f.Message);
    }

    [Fact]
    public void Routing_rules_do_not_judge_a_pipeline_GitLab_refuses()
    {
        // `$[[ inputs.confirm ]]` unquoted leaves a bare true/false: GitLab refuses every pipeline, so ci-parse's one
        // finding (not one per interpolation) is the whole story; "starts no trigger" would be noise.
        var ci = Drift("\"$[[ inputs.confirm ]]\" == \"true\" && \"$[[ inputs.action ]]\" == \"deploy-release-branch-to-staging\" && \"$[[ inputs.project ]]\" != \"all\"",
                       "$[[ inputs.confirm ]] == \"true\" && \"$[[ inputs.action ]]\" == \"deploy-release-branch-to-staging\" && \"$[[ inputs.project ]]\" != \"all\"");
        var f = Only(Check(ci), "ci-parse");
        Assert.Contains("booleans are not values in rules:if", f.Message);
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
        var f = Only(findings, "legacy-invoke");
        Assert.Equal(LineOf(ci, "    - if: $INVOKE_RELEASE == \"true\""), f.Span.Line); // the moved rule
        Assert.Contains("INVOKE_RELEASE=true (source=api) starts cut-off:fan-out ×9 passing ORCHESTRATION_CUT_OFF=\"true\" instead", f.Message);
        Assert.EndsWith("(and 3 more sources)", f.Message);
    }

    [Fact]
    public void Confirm_gate_names_a_push_that_starts_a_fan_out_with_its_instances()
    {
        var ci = Drift("    - if: $INVOKE_CUT_OFF == \"true\"\n", "    - if: $INVOKE_CUT_OFF == \"true\"\n    - if: $CI_PIPELINE_SOURCE == \"push\"\n");
        var f = Only(Check(ci), "confirm-gate");
        Assert.Equal(LineOf(ci, "# Legacy bulk invocation (weekly cut-off") + 2, f.Span.Line); // the push rule, after the legacy one
        Assert.Equal("a push to the default branch starts cut-off:fan-out ×9; orchestration must only start from a confirmed Run pipeline form or legacy automation", f.Message);
    }

    [Fact]
    public void Legacy_invoke_points_at_the_dead_rule_or_else_at_the_fan_out_job_that_lacks_it()
    {
        // A rule that never matches: at that rule, not at the first rule anywhere that mentions the variable
        // (orchestration:preflight's `when: never` rule, changes:notes in bf-release/).
        var typo = Drift("    - if: $INVOKE_CUT_OFF == \"true\"\n    - when: never", "    - if: $INVOKE_CUT_OFF == \"True\"\n    - when: never");
        var f = Only(Check(typo), "legacy-invoke");
        Assert.Equal((".gitlab-ci.yml", LineOf(typo, "$INVOKE_CUT_OFF == \"True\"")), (f.Span.Path, f.Span.Line));
        // No rule at all: at the job key of the action's fan-out.
        var gone = Drift("    - if: $INVOKE_CUT_OFF == \"true\"\n    - when: never", "    - when: never");
        var g = Only(Check(gone), "legacy-invoke");
        Assert.Equal((".gitlab-ci.yml", LineOf(gone, "cut-off:fan-out:")), (g.Span.Path, g.Span.Line));
        Assert.Contains("INVOKE_CUT_OFF=true starts nothing in any of the sources api, schedule, trigger, web", g.Message);
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
