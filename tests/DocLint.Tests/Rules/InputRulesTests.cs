using DocLint.Evaluate;
using DocLint.Findings;
using DocLint.Load;
using DocLint.Rules;
using DocLint.Tests.Support;
using static DocLint.Tests.Support.BfDevDrift;

namespace DocLint.Tests.Rules;

/// <summary>input-surface, action-vocabulary and project-options on the clean bf-dev fixture and on drifted copies.</summary>
public class InputRulesTests
{
    [Fact]
    public void Clean_fixture_raises_none_of_them()
    {
        var findings = Check(CleanCi);
        Assert.Empty(findings);
    }

    // ---- input-surface ----

    [Fact]
    public void Input_surface_fires_at_the_type_when_confirm_is_a_string()
    {
        var ci = Drift("    confirm:\n      type: boolean\n      default: false", "    confirm:\n      type: string\n      default: \"false\"");
        var f = Only(Check(ci), "input-surface");
        Assert.Equal(LineOf(ci, "type: string", 2), f.Span.Line);
        Assert.Contains("input `confirm` is type: string; expected type: boolean", f.Message);
    }

    [Fact]
    public void Input_surface_fires_at_the_input_key_when_a_description_is_missing()
    {
        var ci = Drift("      description: What project/s need it?\n", "");
        var f = Only(Check(ci), "input-surface");
        Assert.Equal(LineOf(ci, "    project:"), f.Span.Line);
        Assert.Contains("input `project` has no description", f.Message);
    }

    [Fact]
    public void Input_surface_fires_when_confirm_defaults_to_true()
    {
        var ci = Drift("      type: boolean\n      default: false", "      type: boolean\n      default: true");
        var findings = Check(ci);
        var f = Assert.Single(findings, x => x.RuleId == "input-surface");
        Assert.Equal(LineOf(ci, "default: true"), f.Span.Line);
        Assert.Contains("defaults to true; expected default: false", f.Message);
        // The consequence: a legacy web call (inputs at their defaults, so confirm=true, project=all) starts the
        // default action's fan-out, which legacy-invoke reports separately.
        Assert.All(findings, x => Assert.Contains(x.RuleId, new[] { "input-surface", "legacy-invoke" }));
    }

    [Fact]
    public void Input_surface_fires_at_the_file_start_without_a_spec_header()
    {
        var ci = "stages: [build]\nnoop:\n  script: [\"true\"]\n";
        var f = Assert.Single(Check(ci), x => x.RuleId == "input-surface");
        Assert.Equal(1, f.Span.Line);
        Assert.Contains("has no spec:inputs header", f.Message);
    }

    [Fact]
    public void Input_surface_leaves_a_root_file_that_is_not_valid_YAML_to_ci_parse()
    {
        var ci = Drift("$CI_PIPELINE_SOURCE == \"web\" && \"$[[ inputs.confirm ]]\" == \"true\" && \"$[[ inputs.action ]]\" == \"deploy-release-branch-to-staging\" && \"$[[ inputs.project ]]\" == \"all\"",
                       "$CI_PIPELINE_SOURCE == 'web' && \"$[[ inputs.confirm ]]\" == \"true\" && \"$[[ inputs.action ]]\" == \"deploy-release-branch-to-staging\" && \"$[[ inputs.project ]]\" == \"all\"");
        var f = Only(Check(ci), "ci-parse"); // not also "no spec:inputs header" and "INVOKE_* starts nothing"
        Assert.Contains("invalid YAML", f.Message);
    }

    [Fact]
    public void A_root_input_without_a_default_is_input_surfaces_finding_alone()
    {
        // GitLab refuses push and legacy pipelines then (required value has not been provided): the same defect.
        var ci = Drift("      type: boolean\n      default: false\n", "      type: boolean\n");
        var f = Only(Check(ci), "input-surface");
        Assert.Contains("input `confirm` has no default", f.Message);
    }

    // ---- action-vocabulary ----

    [Fact]
    public void Action_vocabulary_fires_at_an_obsolete_option_and_names_the_final_name()
    {
        var ci = Drift("        - deploy-release-branch-to-staging\n      default", "        - release-to-staging\n      default");
        var f = Only(Check(ci), "action-vocabulary");
        Assert.Equal(LineOf(ci, "        - release-to-staging"), f.Span.Line);
        Assert.Contains("release-to-staging is an obsolete action name; use deploy-release-branch-to-staging", f.Message);
    }

    [Fact]
    public void Action_vocabulary_fires_at_a_placeholder_option()
    {
        var ci = Drift("        - deploy-release-branch-to-staging\n      default", "        - deploy-release-branch-to-staging\n        - rollback\n      default");
        var f = Only(Check(ci), "action-vocabulary");
        Assert.Equal(LineOf(ci, "        - rollback"), f.Span.Line);
        Assert.Contains("rollback is a placeholder action", f.Message);
    }

    [Fact]
    public void Action_vocabulary_fires_at_the_options_list_when_a_final_name_is_missing()
    {
        var ci = Drift("        - deploy-release-branch-to-staging\n      default", "      default");
        var f = Only(Check(ci), "action-vocabulary");
        Assert.Equal(LineOf(ci, "      options:"), f.Span.Line);
        Assert.Contains("options lack deploy-release-branch-to-staging", f.Message);
    }

    [Fact]
    public void Action_vocabulary_reports_a_typo_of_a_final_name_once_at_the_option()
    {
        var ci = Drift("        - deploy-release-branch-to-staging\n      default", "        - deploy-release-branch-to-stagging\n      default");
        var f = Only(Check(ci), "action-vocabulary"); // not also "options lack deploy-release-branch-to-staging"
        Assert.Equal(LineOf(ci, "- deploy-release-branch-to-stagging"), f.Span.Line);
        Assert.Contains("option deploy-release-branch-to-stagging is not a configured action (a typo of deploy-release-branch-to-staging?)", f.Message);
        // Something far from every final name is an extra option, and the missing final name is reported too.
        var other = Drift("        - deploy-release-branch-to-staging\n      default", "        - promote-to-production\n      default");
        var findings = Check(other);
        Assert.Equal(2, findings.Count);
        Assert.Contains(findings, x => x.Message.Contains("option promote-to-production is not a configured action; expected exactly"));
        Assert.Contains(findings, x => x.Message.Contains("options lack deploy-release-branch-to-staging"));
        Assert.Equal(3, DocLint.Findings.Spelling.Distance("deploy-release-branch-to-staging", "deploy-release-brnch-to-stagign"));
    }

    [Fact]
    public void Action_vocabulary_fires_at_a_default_that_is_not_an_option()
    {
        var ci = Drift("      default: bring-all-code-to-release-branch", "      default: cut-off");
        var f = Only(Check(ci), "action-vocabulary");
        Assert.Equal(LineOf(ci, "default: cut-off"), f.Span.Line);
        Assert.Contains("default cut-off is not one of its options", f.Message);
    }

    // ---- project-options ----

    [Fact]
    public void Project_options_fires_at_the_option_list_for_a_typo_in_the_fan_out_matrix()
    {
        var ci = Drift("          - bf-telematics\n", "          - bf-telematic\n");
        var f = Only(Check(ci), "project-options");
        Assert.Equal(LineOf(ci, "      options:", 1), f.Span.Line);
        Assert.Contains("list of cut-off:fan-out, release:fan-out", f.Message);
        Assert.Contains("lacks bf-telematics and has bf-telematic, which the options do not, so project=all leaves out bf-telematics and triggers bf-telematic", f.Message);
        // The fan-outs that then leave out bf-telematics (ui and legacy, both actions) are this one defect: the list
        // that drifted, reported once here (CONTRACT §8), not again by fanout-catalogue and legacy-invoke.
    }

    [Fact]
    public void Project_options_fires_at_the_option_list_when_all_is_missing()
    {
        var ci = Drift("        - all\n", "").Replace("      default: all", "      default: bf-manage-core");
        var f = Only(Check(ci).Where(x => x.RuleId != "legacy-invoke" && x.RuleId != "fanout-catalogue").ToList(), "project-options");
        Assert.Equal(LineOf(ci, "      options:", 1), f.Span.Line);
        Assert.Contains("options lack the all selector `all`", f.Message);
    }

    [Fact]
    public void Project_options_fires_at_a_duplicated_entry()
    {
        var ci = Drift("        - bf-mobile-api\n", "        - bf-mobile-api\n        - bf-billing\n");
        var f = Only(Check(ci), "project-options");
        Assert.Equal(LineOf(ci, "        - bf-billing", 1), f.Span.Line);
        Assert.Contains("bf-billing is listed twice", f.Message);
    }

    [Fact]
    public void Project_options_joins_the_entries_of_a_matrix_split_into_several()
    {
        var ci = Drift("      - PROJECT: &supported-projects\n          - bf-manage-core\n", "      - PROJECT: bf-manage-core\n      - PROJECT: &supported-projects\n");
        Assert.DoesNotContain(Check(ci), x => x.RuleId == "project-options" && x.Message.Contains("cut-off:fan-out"));
        var missing = Drift("      - PROJECT: &supported-projects\n          - bf-manage-core\n", "      - PROJECT: &supported-projects\n");
        var f = Assert.Single(Check(missing), x => x.RuleId == "project-options");
        Assert.Contains("list of cut-off:fan-out, release:fan-out", f.Message);
        Assert.Contains("lacks bf-manage-core, so project=all leaves out bf-manage-core;", f.Message);
    }

    [Fact]
    public void Project_options_compares_the_options_with_a_catalogue_file()
    {
        var config = DocLintConfig.Parse(".doclint.yml", "catalogue: catalogue.yml\n");
        Assert.DoesNotContain(Check(CleanCi, config: config, extra: CatalogueFile), x => x.RuleId == "project-options");
        var ci = Drift("        - bf-portal\n", "        - bf-portl\n");
        var mine = Check(ci, config: config, extra: CatalogueFile).Where(x => x.RuleId == "project-options").ToList();
        Assert.Equal(2, mine.Count);
        Assert.Contains(mine, x => x.Span.Line == LineOf(ci, "- bf-portl") && x.Message.Contains("bf-portl is not in the catalogue catalogue.yml"));
        Assert.Contains(mine, x => x.Span.Line == LineOf(ci, "      options:", 1) && x.Message.Contains("lack bf-portal, which the catalogue catalogue.yml lists"));
    }
}
