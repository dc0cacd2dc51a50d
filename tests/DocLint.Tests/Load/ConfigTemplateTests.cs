using DocLint.Load;
using DocLint.Tests.Support;

namespace DocLint.Tests.Load;

public class ConfigTemplateTests
{
    [Fact]
    public void Init_on_bf_dev_is_a_valid_config_equal_to_the_default()
    {
        var text = ConfigTemplate.For(new Workspace(RepoPaths.Fixture("bf-dev")), ConfigTemplate.SchemaFileName);
        Assert.StartsWith("# yaml-language-server: $schema=.doclint.schema.json\n", text);
        Assert.DoesNotContain("yaml-language-server", ConfigTemplate.For(new Workspace(RepoPaths.Fixture("bf-dev"))));
        var parsed = DocLintConfig.Parse(".doclint.yml", text);
        var d = DocLintConfig.Default;
        Assert.Equal(d.Ci, parsed.Ci);
        Assert.Equal(d.Catalogue, parsed.Catalogue);
        Assert.Equal(d.Docs, parsed.Docs);
        Assert.Equal(d.RequiredDocs, parsed.RequiredDocs);
        Assert.Equal(d.Actions.Select(a => a.Name), parsed.Actions.Select(a => a.Name));
        // The generated-region markers (CONTRACT §9) are explained where the docs are configured.
        Assert.Contains("# Tables DocLint keeps true in these docs: put <!-- doclint:generate KIND --> and <!-- doclint:end -->", text);
        Assert.Contains("routing [action=NAME] [project=NAME], actions, projects, inputs", text);
    }

    [Fact]
    public void Init_pre_fills_what_it_finds_and_what_differs()
    {
        using var repo = new TempRepo(
            ("pipeline.gitlab-ci.yml", "spec:\n  inputs:\n    Action: { default: release, options: [release, rollback] }\n    target: { default: all, options: [all, a] }\n---\njob:\n  script: [echo]\n"),
            ("catalogue.yml", "projects:\n  - name: a\n"),
            ("handbook/train.md", "# Train\n\n## Release Order\n\nLevel 1\n- a\n"),
            ("bf-release/Cut-off.gitlab-ci.yml", "x: 1\n"),
            // Another project inside this one (a test fixture with its own CI file): its playbook is not ours.
            ("fixtures/other/.gitlab-ci.yml", "job:\n  script: [echo]\n"),
            ("fixtures/other/docs/train.md", "# Train\n\n## Release Order\n\nLevel 1\n- a\n"));
        var text = ConfigTemplate.For(repo.Workspace());
        var parsed = DocLintConfig.Parse(".doclint.yml", text);
        Assert.Equal("pipeline.gitlab-ci.yml", parsed.Ci);
        Assert.Equal("catalogue.yml", parsed.Catalogue);
        Assert.Equal(new InputNames("Action", "target", "confirm"), parsed.Inputs);
        Assert.Equal(new[] { "handbook/train.md" }, parsed.Playbooks);
        Assert.Equal(new[] { "handbook/**/*.md" }, parsed.Docs);
        Assert.Equal(DocLintConfig.Default.RequiredDocs, parsed.RequiredDocs);
        Assert.Contains("The action input offers: release, rollback", text);
        Assert.Contains("NOT FOUND yet", text);
        Assert.Contains("bf-release/Cut-off.gitlab-ci.yml", text);
    }

    [Fact]
    public void Init_without_a_ci_file_says_ci_null()
    {
        using var repo = new TempRepo(("docs/a.md", "# A\n"));
        var parsed = DocLintConfig.Parse(".doclint.yml", ConfigTemplate.For(repo.Workspace()));
        Assert.Null(parsed.Ci);
    }

    [Fact]
    public async Task Init_writes_the_file_once_and_refuses_to_overwrite()
    {
        using var repo = new TempRepo(("docs/a.md", "# A\n"));
        var err = new StringWriter();
        Assert.Equal(0, await DocLint.Cli.Cli.RunAsync(new[] { "init", repo.Root }, new StringWriter(), err));
        Assert.True(File.Exists(Path.Combine(repo.Root, ".doclint.yml")));
        // The modeline resolves offline: it names the schema copy init wrote beside the config, which is exactly what
        // `doclint schema` prints and what DocLint validates with.
        Assert.StartsWith("# yaml-language-server: $schema=.doclint.schema.json\n", File.ReadAllText(Path.Combine(repo.Root, ".doclint.yml")));
        var schemaOut = new StringWriter();
        Assert.Equal(0, await DocLint.Cli.Cli.RunAsync(new[] { "schema" }, schemaOut, new StringWriter()));
        Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "schema", "doclint.schema.json")), schemaOut.ToString());
        Assert.Equal(schemaOut.ToString(), File.ReadAllText(Path.Combine(repo.Root, ".doclint.schema.json")));
        Assert.Equal(2, await DocLint.Cli.Cli.RunAsync(new[] { "init", repo.Root }, new StringWriter(), err));
        Assert.Contains("already exists", err.ToString());
        var stdout = new StringWriter();
        Assert.Equal(0, await DocLint.Cli.Cli.RunAsync(new[] { "init", repo.Root, "--stdout" }, stdout, new StringWriter()));
        Assert.StartsWith("# DocLint configuration", stdout.ToString()); // printed alone: no modeline to a file not written
    }
}
