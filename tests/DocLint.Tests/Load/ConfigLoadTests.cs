using DocLint.Evaluate;
using DocLint.Findings;
using DocLint.Linting;
using DocLint.Load;
using DocLint.Tests.Support;
using static DocLint.Tests.Support.CliRun;

namespace DocLint.Tests.Load;

/// <summary>
/// <c>.doclint.yml</c> (CONTRACT §4): a config overrides only the keys it names, per-rule severities and <c>off</c>,
/// <c>ci: null</c>; and an invalid config is exit 2 with every schema error on a line of its own, at the node's
/// line and column.
/// </summary>
public class ConfigLoadTests
{
    private static DocLintConfig Parse(string text) => DocLintConfig.Parse(".doclint.yml", text);

    private static IReadOnlyList<string> Errors(string text) =>
        Assert.Throws<ConfigException>(() => Parse(text)).Errors;

    private static TempRepo BfDev(string? config = null)
    {
        var repo = TempRepo.CopyOf(RepoPaths.Fixture("bf-dev"));
        if (config != null) repo.Write(".doclint.yml", config);
        return repo;
    }

    /// <summary>bf-dev with the legacy INVOKE_RELEASE rule removed: exactly one legacy-invoke error.</summary>
    private static TempRepo DriftedBfDev(string? config = null)
    {
        var repo = BfDevDrift.LegacyDriftedCopy();
        if (config != null) repo.Write(".doclint.yml", config);
        return repo;
    }

    // ------------------------------------------------------------------ valid configs

    [Fact]
    public void A_partial_config_changes_only_the_keys_it_names()
    {
        var c = Parse("# yaml-language-server: $schema=https://example.invalid/doclint.schema.json\ndefaultBranch: develop\n");
        var d = DocLintConfig.Default;
        Assert.Equal("develop", c.DefaultBranch);
        Assert.Equal(".doclint.yml", c.Source);
        Assert.Equal(d.Ci, c.Ci);
        Assert.Equal(d.Catalogue, c.Catalogue);
        Assert.Equal(d.Actions, c.Actions, (a, b) => a!.Name == b!.Name && a.Signal == b.Signal && a.ObsoleteNames.SequenceEqual(b.ObsoleteNames));
        Assert.Equal(d.RequiredDocs, c.RequiredDocs);
        Assert.Equal(d.Unsuppressible, c.Unsuppressible);
    }

    [Fact]
    public void The_default_is_the_contract()
    {
        var d = DocLintConfig.Default;
        Assert.Equal(".gitlab-ci.yml", d.Ci);
        Assert.Equal("ci", d.Catalogue);
        Assert.Equal(new[] { "ORCHESTRATION_CUT_OFF", "ORCHESTRATION_RELEASE" }, d.Signals);
        Assert.Equal(new[] { "confirm-gate" }, d.Unsuppressible);
        Assert.Null(d.ReleaseBranch);
        Assert.Empty(d.Rules);
    }

    [Fact]
    public void An_empty_or_comment_only_config_is_the_default()
    {
        foreach (var text in new[] { "", "# nothing\n", "---\n", "~\n" })
        {
            var c = Parse(text);
            Assert.Equal(DocLintConfig.Default.Docs, c.Docs);
            Assert.Equal(DocLintConfig.Default.Actions.Count, c.Actions.Count);
        }
    }

    [Fact]
    public void Lists_replace_the_default_and_mappings_merge_key_by_key()
    {
        var c = Parse("docs: [runbooks/*.md]\nunsuppressible: []\nactions:\n  - name: ship-it\n    signal: SHIP\ncomposition:\n  allowedIncludes: []\ninputs:\n  project: repo\n");
        Assert.Equal(new[] { "runbooks/*.md" }, c.Docs);
        Assert.Empty(c.Unsuppressible);
        var a = Assert.Single(c.Actions);
        Assert.Equal(("ship-it", "SHIP", (string?)null), (a.Name, a.Signal, a.LegacyVariable));
        Assert.Empty(a.ObsoleteNames);
        Assert.Empty(c.Composition.AllowedIncludes);
        Assert.Equal(DocLintConfig.Default.Composition.RetiredFiles, c.Composition.RetiredFiles);
        Assert.Equal(new InputNames("action", "repo", "confirm"), c.Inputs);
    }

    [Fact]
    public void Rule_severities_and_off_are_read_as_written_with_off_a_string_as_in_yaml_1_2()
    {
        var c = Parse("rules:\n  legacy-invoke: warning\n  composition: info\n  confirm-gate: off\n  ci-parse: 'off'\n  single-routing: error\n");
        Assert.Equal("warning", c.Rules["legacy-invoke"]);
        Assert.Equal("info", c.Rules["composition"]);
        Assert.Equal("off", c.Rules["confirm-gate"]);
        Assert.Equal("off", c.Rules["ci-parse"]);
        Assert.Equal("error", c.Rules["single-routing"]);
    }

    [Fact]
    public async Task A_rule_set_to_warning_reports_warnings_and_no_longer_fails_the_run()
    {
        using var plain = DriftedBfDev();
        var (code, output, _) = await Run("check", plain.Root, "--no-color");
        Assert.Equal(1, code);
        Assert.Contains("error: ", output);
        Assert.Contains("[legacy-invoke]", output);

        using var warn = DriftedBfDev("rules:\n  legacy-invoke: warning\n");
        (code, output, _) = await Run("check", warn.Root, "--no-color");
        Assert.Equal(0, code);
        Assert.Contains("warning: ", output);
        Assert.Contains("[legacy-invoke]", output);
        Assert.DoesNotContain("error: ", output);
        Assert.Equal(1, (await Run("check", warn.Root, "--fail-on", "warning")).Code);

        using var off = DriftedBfDev("rules:\n  legacy-invoke: off\n");
        (code, output, _) = await Run("check", off.Root, "--no-color");
        Assert.Equal(0, code);
        Assert.DoesNotContain("legacy-invoke", output);
    }

    [Fact]
    public void Severities_apply_to_what_loading_reports_too_ci_parse_included()
    {
        using var repo = BfDev();
        repo.Write(".gitlab-ci.yml", "job: [unclosed\n");
        var project = Project.Open(new[] { repo.Root }, null);
        Assert.Contains(Linter.Run(project).Findings, f => f.RuleId == "ci-parse" && f.Severity == Severity.Error);

        repo.Write(".doclint.yml", "rules:\n  ci-parse: info\n");
        var info = Linter.Run(Project.Open(new[] { repo.Root }, null)).Findings.Where(f => f.RuleId == "ci-parse").ToList();
        Assert.NotEmpty(info);
        Assert.All(info, f => Assert.Equal(Severity.Info, f.Severity));

        repo.Write(".doclint.yml", "rules:\n  ci-parse: off\n");
        Assert.DoesNotContain(Linter.Run(Project.Open(new[] { repo.Root }, null)).Findings, f => f.RuleId == "ci-parse");
    }

    [Fact]
    public async Task Ci_null_means_no_ci_file_an_empty_routing_model_and_no_ci_rules()
    {
        using var repo = BfDev("ci: null\n");
        // Whatever sits in .gitlab-ci.yml is not read.
        repo.Write(".gitlab-ci.yml", "this: [is not: valid\n");
        // bf-dev's generated regions describe the CI that `ci: null` turns off (they would be stale): left out here.
        const string reference = "docs/reference/platform/ci-and-release.md";
        repo.WriteBytes(reference, BfDevDrift.WithoutRegions(File.ReadAllBytes(Path.Combine(repo.Root, reference))));
        var project = Project.Open(new[] { repo.Root }, null);
        Assert.Null(project.Config.Ci);
        var model = RoutingModel.Build(project.Workspace, project.Config);
        Assert.False(model.HasCi);
        Assert.Empty(model.Outcomes);
        Assert.Empty(model.Findings);
        Assert.Empty(model.Composer.LoadedFiles);
        Assert.Empty(model.Catalogue.Projects);
        var result = Linter.Run(project);
        Assert.DoesNotContain(result.Findings, f => DocLint.Rules.RuleSet.All.Any(r => r.Descriptor.Id == f.RuleId) || f.RuleId == "ci-parse");
        Assert.DoesNotContain(".gitlab-ci.yml", result.CheckedFiles);

        var (code, _, err) = await Run("check", repo.Root, "--no-color", "--quiet");
        Assert.Equal("", err);
        Assert.Equal(0, code);
    }

    [Fact]
    public void A_root_ci_file_named_by_ci_that_is_missing_is_a_ci_parse_finding_at_its_first_line()
    {
        using var repo = BfDev("ci: ci/root.gitlab-ci.yml\n");
        var result = Linter.Run(Project.Open(new[] { repo.Root }, null));
        var f = Assert.Single(result.Findings, x => x.RuleId == "ci-parse");
        Assert.Equal(SourceSpan.FileStart("ci/root.gitlab-ci.yml"), f.Span);
        Assert.Contains("'ci/root.gitlab-ci.yml' does not exist", f.Message);
    }

    [Fact]
    public async Task Ci_names_another_root_file()
    {
        using var repo = BfDev("ci: pipelines/root.yml\n");
        Directory.CreateDirectory(Path.Combine(repo.Root, "pipelines"));
        File.Move(Path.Combine(repo.Root, ".gitlab-ci.yml"), Path.Combine(repo.Root, "pipelines", "root.yml"));
        var (code, output, err) = await Run("check", repo.Root, "--no-color");
        Assert.Equal("", err);
        Assert.Equal(0, code);
        Assert.DoesNotContain("ci-parse", output);
    }

    [Fact]
    public async Task Config_option_names_a_config_file_anywhere()
    {
        using var repo = DriftedBfDev();
        using var elsewhere = new TempRepo(("strict.yml", "rules:\n  legacy-invoke: info\n"));
        var (code, output, _) = await Run("check", repo.Root, "--config", Path.Combine(elsewhere.Root, "strict.yml"), "--no-color");
        Assert.Equal(0, code);
        Assert.Contains("info: ", output);

        elsewhere.Write("bad.yml", "rules:\n  legacy-invoke: loud\n");
        var bad = Path.Combine(elsewhere.Root, "bad.yml");
        var (code2, out2, err2) = await Run("check", repo.Root, "--config", bad);
        Assert.Equal(2, code2);
        Assert.Equal("", out2);
        Assert.Equal($"doclint: error: {bad}:2:18: rules.legacy-invoke: expected one of error, warning, info, off, got \"loud\"\n", err2);
    }

    [Fact]
    public async Task Config_option_naming_no_file_is_exit_2()
    {
        using var repo = BfDev();
        var (code, _, err) = await Run("check", repo.Root, "--config", Path.Combine(repo.Root, "nope.yml"));
        Assert.Equal(2, code);
        Assert.Contains("config file not found", err);
    }

    // ------------------------------------------------------------------ invalid configs

    [Fact]
    public async Task The_contract_example_bad_severity_is_exit_2_at_the_value()
    {
        var text = "# DocLint\nci: .gitlab-ci.yml\ncatalogue: ci\ndefaultBranch: main\nreleaseBranch: null\nrules:\n  confirm-gate: fatal\n";
        using var repo = BfDev(text);
        var (code, output, err) = await Run("check", repo.Root);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal("doclint: error: .doclint.yml:7:17: rules.confirm-gate: expected one of error, warning, info, off, got \"fatal\"\n", err);
    }

    [Fact]
    public async Task Several_errors_give_several_lines_in_file_order_each_at_its_node()
    {
        var text = string.Join("\n",
            "rules:",                          // 1
            "  confrm-gate: error",            // 2  unknown rule id, near confirm-gate
            "  legacy-invoke: false",          // 3  boolean, not a severity
            "docs: \"docs/*.md\"",             // 4  string, not a list
            "actions:",                        // 5
            "  - name: ship",                  // 6
            "    signal: 7",                   // 7  number
            "  - signal: BAD-NAME",            // 8  name missing; signal not a variable name
            "owner: [1]",                      // 9  unknown key
            "inputs: { action: action, projet: p }", // 10 unknown nested key
            "unsuppressible: [confirm-gate, nope]",  // 11 unknown rule id in a list
            "defaultBranch: ''",               // 12 empty
            "");
        using var repo = BfDev(text);
        var (code, output, err) = await Run("check", repo.Root);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        var ids = "ci-parse, input-surface, action-vocabulary, project-options, confirm-gate, single-routing, fanout-catalogue, legacy-invoke, signal-contract, composition, docs-action-name, docs-invocation, docs-generated, docs-coverage, train-order, train-coverage, playbook-steps, unused-suppression";
        var keys = "ci, catalogue, defaultBranch, inputs, allSelector, releaseBranch, actions, placeholderActions, obsoleteJobNames, composition, docs, requiredDocs, playbooks, rules, unsuppressible, docsUrl";
        var expected = new[]
        {
            $".doclint.yml:2:3: rules.confrm-gate: unknown key; expected one of {ids} (did you mean confirm-gate?)",
            ".doclint.yml:3:18: rules.legacy-invoke: expected a string, got false",
            ".doclint.yml:4:7: docs: expected a list, got \"docs/*.md\"",
            ".doclint.yml:7:13: actions[0].signal: expected a string or null, got 7",
            ".doclint.yml:8:5: actions[1].name: missing; expected a name key in this mapping",
            ".doclint.yml:8:13: actions[1].signal: expected a string matching ^[A-Za-z_][A-Za-z0-9_]*$, got \"BAD-NAME\"",
            $".doclint.yml:9:1: owner: unknown key; expected one of {keys}",
            ".doclint.yml:10:27: inputs.projet: unknown key; expected one of action, project, confirm (did you mean project?)",
            $".doclint.yml:11:32: unsuppressible[1]: expected one of {ids}, got \"nope\"",
            ".doclint.yml:12:16: defaultBranch: expected a non-empty string, got \"\"",
        };
        Assert.Equal(string.Concat(expected.Select(e => "doclint: error: " + e + "\n")), err);
    }

    [Theory]
    [InlineData("- ci\n", ".doclint.yml:1:1: (root): expected a mapping, got a list")]
    [InlineData("just text\n", ".doclint.yml:1:1: (root): expected a mapping, got \"just text\"")]
    [InlineData("ci: [a.yml]\n", ".doclint.yml:1:5: ci: expected a string or null, got a list")]
    [InlineData("catalogue: null\n", ".doclint.yml:1:12: catalogue: expected a string, got null")]
    [InlineData("releaseBranch: 2026\n", ".doclint.yml:1:16: releaseBranch: expected a string or null, got 2026")]
    [InlineData("rules: [confirm-gate]\n", ".doclint.yml:1:8: rules: expected a mapping, got a list")]
    [InlineData("playbooks:\n", ".doclint.yml:1:11: playbooks: expected a list, got null")]
    [InlineData("composition:\n  retired: []\n", ".doclint.yml:2:3: composition.retired: unknown key; expected one of allowedIncludes, retiredFiles")]
    [InlineData("actions:\n  - name: a\n    obsolete: [b]\n", ".doclint.yml:3:5: actions[0].obsolete: unknown key; expected one of name, signal, legacyVariable, obsoleteNames")]
    [InlineData("docs: [docs/*.md, 3]\n", ".doclint.yml:1:19: docs[1]: expected a string, got 3")]
    [InlineData("\"odd key\": 1\n", ".doclint.yml:1:1: [\"odd key\"]: unknown key; expected one of ci, catalogue, defaultBranch, inputs, allSelector, releaseBranch, actions, placeholderActions, obsoleteJobNames, composition, docs, requiredDocs, playbooks, rules, unsuppressible, docsUrl")]
    public void Each_kind_of_schema_error_is_one_line_at_the_offending_node(string text, string expected) =>
        Assert.Equal(new[] { expected }, Errors(text));

    [Theory]
    [InlineData("rules:\n  confirm-gate: [error\n", ".doclint.yml:3:1: invalid YAML: ")]
    [InlineData("ci: .gitlab-ci.yml\n\tdocs: []\n", ".doclint.yml:1:5: invalid YAML: While scanning a plain scalar, found a tab")]
    [InlineData("a: *nowhere\n", ".doclint.yml:1:4: invalid YAML: unknown alias '*nowhere'")]
    [InlineData("ci: a.yml\n---\nci: b.yml\n", ".doclint.yml:3:1: (root): a config file holds one YAML document; found 2")]
    public void Invalid_yaml_is_one_line_with_line_and_column(string text, string prefix)
    {
        var e = Assert.Single(Errors(text));
        Assert.StartsWith(prefix, e);
    }

    [Fact]
    public void Anchors_and_merge_keys_are_read_before_validation()
    {
        var c = Parse("actions:\n  - &deploy\n    name: deploy-release-branch-to-staging\n    signal: ORCHESTRATION_RELEASE\n  - <<: *deploy\n    name: deploy-again\n");
        Assert.Equal(new[] { "deploy-release-branch-to-staging", "deploy-again" }, c.Actions.Select(a => a.Name));
        Assert.Equal("ORCHESTRATION_RELEASE", c.Actions[1].Signal);
        // The error of an aliased node is reported where the alias is used (its path), at the anchored node.
        var errors = Errors("docs: &d [1]\nplaybooks: *d\n");
        Assert.Equal(new[] { ".doclint.yml:1:11: docs[0]: expected a string, got 1", ".doclint.yml:1:11: playbooks[0]: expected a string, got 1" }, errors);
    }

    [Fact]
    public async Task A_config_that_is_not_utf8_or_too_large_is_exit_2_with_one_line()
    {
        using var repo = BfDev();
        repo.WriteBytes(".doclint.yml", new byte[] { (byte)'c', (byte)'i', (byte)':', (byte)' ', 0xFF, (byte)'\n' });
        var (code, _, err) = await Run("check", repo.Root);
        Assert.Equal(2, code);
        Assert.Equal("doclint: error: .doclint.yml:1:5: cannot read the config: '.doclint.yml' is not valid UTF-8 (invalid byte at line 1, column 5)\n", err);

        repo.Write(".doclint.yml", "# " + new string('x', 6 * 1024 * 1024) + "\n");
        (code, _, err) = await Run("check", repo.Root);
        Assert.Equal(2, code);
        Assert.StartsWith("doclint: error: .doclint.yml:1:1: cannot read the config: '.doclint.yml' is 6291459 bytes, over the 5242880-byte file size limit", err);
        Assert.Single(err.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task A_bom_in_the_config_is_accepted()
    {
        using var repo = DriftedBfDev();
        repo.WriteBytes(".doclint.yml", new byte[] { 0xEF, 0xBB, 0xBF }.Concat(System.Text.Encoding.UTF8.GetBytes("rules:\n  legacy-invoke: warning\n")).ToArray());
        Assert.Equal(0, (await Run("check", repo.Root)).Code);
    }

    [Fact]
    public async Task Explain_reports_an_invalid_config_as_check_does()
    {
        using var repo = BfDev("rules:\n  confirm-gate: fatal\n");
        var (code, output, err) = await Run("explain", repo.Root);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal("doclint: error: .doclint.yml:2:17: rules.confirm-gate: expected one of error, warning, info, off, got \"fatal\"\n", err);
    }
}
