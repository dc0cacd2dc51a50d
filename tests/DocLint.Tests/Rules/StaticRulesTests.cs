using DocLint.Evaluate;
using DocLint.Findings;
using DocLint.Load;
using DocLint.Rules;
using DocLint.Tests.Support;
using static DocLint.Tests.Support.BfDevDrift;

namespace DocLint.Tests.Rules;

/// <summary>The static rules (signal-contract, composition) on the clean bf-dev fixture and on drifted copies with one realistic mistake each.</summary>
public class StaticRulesTests
{
    [Fact]
    public void Clean_fixture_raises_nothing() => Assert.Empty(Check(CleanCi));

    [Fact]
    public void Clean_fixture_with_its_release_branch_raises_nothing() =>
        Assert.Empty(Check(CleanCi, config: DocLintConfig.Parse(".doclint.yml", "releaseBranch: release\n")));

    // ------------------------------------------------------------------ signal-contract

    [Fact]
    public void Signal_contract_fires_at_the_value_of_a_signal_passed_as_yes_on_a_job_never_created()
    {
        // A standby job that no scenario creates: only the static read sees it.
        var ci = CleanCi + "\nrelease:standby:\n  extends: .orchestration-trigger\n  variables:\n    ORCHESTRATION_RELEASE: \"yes\"\n  trigger:\n    project: betterfleet/$[[ inputs.project ]]\n  rules:\n    - when: never\n";
        var f = Only(Check(ci), "signal-contract");
        Assert.Equal(".gitlab-ci.yml", f.Span.Path);
        Assert.Equal(LineOf(ci, "ORCHESTRATION_RELEASE: \"yes\""), f.Span.Line);
        Assert.Equal("    ORCHESTRATION_RELEASE: ".Length + 1, f.Span.Column); // the value node, not the key
        Assert.Contains("release:standby, which no scenario creates, passes ORCHESTRATION_RELEASE=\"yes\"; a signal is only ever passed as \"true\"", f.Message);
    }

    [Fact]
    public void Signal_contract_fires_at_the_value_of_a_created_signal_passed_as_yes()
    {
        var ci = Drift("ORCHESTRATION_RELEASE: \"true\"", "ORCHESTRATION_RELEASE: \"yes\"", nth: 1);
        var findings = Check(ci);
        // One defect, one finding: the routing rules leave a wrong signal value to signal-contract.
        var f = Only(findings, "signal-contract");
        Assert.Equal(LineOf(ci, "ORCHESTRATION_RELEASE: \"yes\""), f.Span.Line);
        Assert.Contains("action=deploy-release-branch-to-staging project=bf-manage-core confirm=true starts release:single passing ORCHESTRATION_RELEASE=\"yes\"; a signal is only ever passed as \"true\"", f.Message);
    }

    [Fact]
    public void Signal_contract_judges_a_variable_reference_by_its_expanded_value()
    {
        var ci = Drift("ORCHESTRATION_RELEASE: \"true\"", "ORCHESTRATION_RELEASE: $RELEASE_SIGNAL\n    RELEASE_SIGNAL: \"on\"", nth: 1);
        var f = Only(Check(ci), "signal-contract");
        Assert.Equal(LineOf(ci, "ORCHESTRATION_RELEASE: $RELEASE_SIGNAL"), f.Span.Line);
        Assert.Contains("starts release:single passing ORCHESTRATION_RELEASE=\"on\"", f.Message);

        var fine = Drift("ORCHESTRATION_RELEASE: \"true\"", "ORCHESTRATION_RELEASE: $RELEASE_SIGNAL\n    RELEASE_SIGNAL: \"true\"", nth: 1);
        Assert.Empty(Check(fine));
    }

    [Fact]
    public void Signal_contract_fires_at_an_unknown_orchestration_name()
    {
        var ci = Drift("ORCHESTRATION_CUT_OFF: \"true\"", "ORCHESTRATION_CUTOFF: \"true\"", nth: 2);
        // The fan-outs that then lack ORCHESTRATION_CUT_OFF are this defect too: signal-contract's alone (CONTRACT §8).
        var f = Only(Check(ci), "signal-contract");
        Assert.Equal(LineOf(ci, "ORCHESTRATION_CUTOFF"), f.Span.Line);
        Assert.Contains("action=bring-all-code-to-release-branch project=all confirm=true starts cut-off:fan-out ×9 passing ORCHESTRATION_CUTOFF, which is not a configured signal; expected one of ORCHESTRATION_CUT_OFF, ORCHESTRATION_RELEASE", f.Message);
    }

    [Fact]
    public void Signal_contract_fires_at_a_global_signal()
    {
        var ci = Drift("  DOCS_GLOB: \"docs/**/*.md\"\n", "  DOCS_GLOB: \"docs/**/*.md\"\n  ORCHESTRATION_CUT_OFF: \"true\"\n");
        var f = Only(Check(ci), "signal-contract");
        Assert.Equal(LineOf(ci, "  ORCHESTRATION_CUT_OFF: \"true\""), f.Span.Line);
        Assert.Contains("global variables set ORCHESTRATION_CUT_OFF=\"true\", which every trigger job inheriting global variables passes downstream", f.Message);
    }

    [Fact]
    public void Signal_contract_fires_at_a_workflow_rules_signal()
    {
        var ci = Drift("    - if: $CI_PIPELINE_SOURCE =~ /^(web|api|schedule|trigger)$/\n",
                       "    - if: $CI_PIPELINE_SOURCE =~ /^(web|api|schedule|trigger)$/\n      variables:\n        ORCHESTRATION_RELEASE: \"true\"\n");
        var f = Assert.Single(Check(ci), x => x.RuleId == "signal-contract");
        Assert.Equal(LineOf(ci, "        ORCHESTRATION_RELEASE: \"true\""), f.Span.Line);
    }

    [Fact]
    public void Signal_contract_fires_once_at_the_shared_branch_when_the_release_branch_differs()
    {
        var config = DocLintConfig.Parse(".doclint.yml", "releaseBranch: release/2026-11\n");
        var f = Only(Check(CleanCi, config: config), "signal-contract");
        Assert.Equal(LineOf(CleanCi, "    branch: release"), f.Span.Line);
        Assert.Contains("starts cut-off:fan-out ×9 targeting branch release; every orchestration trigger must target the release branch release/2026-11", f.Message);
    }

    // ------------------------------------------------------------------ composition

    [Fact]
    public void Composition_fires_at_a_literal_per_project_trigger_job()
    {
        var ci = CleanCi + "\ncut-off:bf-telematics:\n  extends: .orchestration-trigger\n  variables:\n    ORCHESTRATION_CUT_OFF: \"true\"\n  trigger:\n    project: betterfleet/bf-telematics\n  rules:\n    - when: never\n";
        var f = Only(Check(ci), "composition");
        Assert.Equal(LineOf(ci, "project: betterfleet/bf-telematics"), f.Span.Line);
        Assert.Contains("cut-off:bf-telematics triggers betterfleet/bf-telematics, one catalogue project written literally", f.Message);
    }

    [Fact]
    public void Composition_fires_at_the_include_of_a_retired_file_and_only_there()
    {
        var ci = Drift("  - local: bf-release/Changes.gitlab-ci.yml\n", "  - local: bf-release/Changes.gitlab-ci.yml\n  - local: bf-release/Cut-off.gitlab-ci.yml\n");
        var cutOff = "# Retired: cut-off orchestration moved to the root pipeline.\n.cut-off-retired:\n  script: [\"true\"]\n";
        var f = Only(Check(ci, extra: ("bf-release/Cut-off.gitlab-ci.yml", cutOff)), "composition");
        Assert.Equal(".gitlab-ci.yml", f.Span.Path);
        Assert.Equal(LineOf(ci, "- local: bf-release/Cut-off.gitlab-ci.yml"), f.Span.Line);
        Assert.Contains("includes bf-release/Cut-off.gitlab-ci.yml, a retired file; only bf-release/Changes.gitlab-ci.yml may be included", f.Message);
        Assert.Equal(Severity.Error, f.Severity);
    }

    [Fact]
    public void Composition_fires_at_a_nested_include_of_an_unlisted_release_file()
    {
        var changes = "include:\n  - local: /bf-release/Hotfix.gitlab-ci.yml\n" + Changes;
        var hotfix = ".hotfix:\n  script: [\"true\"]\n";
        var f = Only(Check(CleanCi, changes, extra: ("bf-release/Hotfix.gitlab-ci.yml", hotfix)), "composition");
        Assert.Equal("bf-release/Changes.gitlab-ci.yml", f.Span.Path);
        Assert.Equal(2, f.Span.Line);
        Assert.Contains("bf-release/Hotfix.gitlab-ci.yml, not an allowed include", f.Message);
    }

    [Fact]
    public void Composition_warns_at_line_1_of_a_retired_file_that_still_exists()
    {
        var f = Only(Check(CleanCi, extra: ("bf-release/Release.gitlab-ci.yml", "# old release jobs\n")), "composition");
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Equal("bf-release/Release.gitlab-ci.yml", f.Span.Path);
        Assert.Equal(1, f.Span.Line);
        Assert.Contains("retired file bf-release/Release.gitlab-ci.yml still exists; delete it", f.Message);
    }

    [Fact]
    public void Composition_fires_at_a_trigger_job_moved_into_the_included_changes_file()
    {
        var job = "release:single:\n  extends: .orchestration-trigger\n  variables:\n    ORCHESTRATION_RELEASE: \"true\"\n  trigger:\n    project: betterfleet/$[[ inputs.project ]]\n" +
                  "  rules:\n    - if: '$CI_PIPELINE_SOURCE == \"web\" && \"$[[ inputs.confirm ]]\" == \"true\" && \"$[[ inputs.action ]]\" == \"deploy-release-branch-to-staging\" && \"$[[ inputs.project ]]\" != \"all\"'\n    - when: never\n";
        var start = CleanCi.IndexOf("release:single:\n", StringComparison.Ordinal);
        var end = CleanCi.IndexOf("cut-off:fan-out:\n", StringComparison.Ordinal);
        var ci = CleanCi[..start] + CleanCi[end..];
        var changes = Changes + "\n" + job.Replace("$[[ inputs.", "$[[ inputs.");
        var findings = Check(ci, changes);
        var f = Assert.Single(findings, x => x.RuleId == "composition");
        Assert.Equal("bf-release/Changes.gitlab-ci.yml", f.Span.Path);
        Assert.Equal(LineOf(changes, "release:single:"), f.Span.Line);
        Assert.Contains("orchestration trigger job release:single is defined in bf-release/Changes.gitlab-ci.yml; orchestration trigger jobs belong in the root CI file .gitlab-ci.yml", f.Message);
    }
}
