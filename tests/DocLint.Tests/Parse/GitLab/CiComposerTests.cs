using DocLint.Findings;
using DocLint.Parse.Yaml;
using DocLint.Tests.Support;

namespace DocLint.Tests.Parse.GitLab;

public class CiComposerTests
{
    private static string Script(DocLint.Parse.GitLab.CiJob job) => string.Join(";", YTree.Items(job["script"]).Select(YTree.Text));

    [Fact]
    public void Local_includes_in_every_form_are_merged_under_the_root()
    {
        using var repo = new TempRepo(
            (".gitlab-ci.yml", "include:\n  - a.yml\n  - local: /ci/b.yml\nroot:\n  script: r\nshared:\n  stage: deploy\n"),
            ("a.yml", "from-a:\n  script: a\nshared:\n  script: a\n  stage: build\n"),
            ("ci/b.yml", "include: ci/c.yml\nfrom-b:\n  script: b\n"),
            ("ci/c.yml", "from-c:\n  script: c\n"));
        var c = Ci.Compose(repo);
        Assert.Empty(c.Findings);
        Assert.Equal(new[] { "from-a", "shared", "from-c", "from-b", "root" }, c.Jobs.Select(j => j.Name));
        var shared = c.Jobs.Single(j => j.Name == "shared");
        Assert.Equal("a", Script(shared));                      // deep merge keeps the included script
        Assert.Equal("deploy", YTree.Text(shared["stage"]));     // the root file wins
        Assert.Equal(new[] { ".gitlab-ci.yml", "a.yml", "ci/b.yml", "ci/c.yml" }, c.LocalFiles);
    }

    [Fact]
    public void A_single_include_mapping_and_a_string_are_accepted()
    {
        using var repo = new TempRepo((".gitlab-ci.yml", "include:\n  local: a.yml\n"), ("a.yml", "j:\n  script: x\n"));
        Assert.Single(Ci.Compose(repo).Jobs);
    }

    [Fact]
    public void Missing_cyclic_and_outside_includes_are_findings_at_the_include()
    {
        using var repo = new TempRepo(
            (".gitlab-ci.yml", "include:\n  - local: missing.yml\n  - local: ../escape.yml\n  - local: loop-a.yml\nj:\n  script: x\n"),
            ("loop-a.yml", "include: loop-b.yml\n"),
            ("loop-b.yml", "include: loop-a.yml\n"));
        var f = Ci.Compose(repo).Findings;
        Assert.Contains(f, x => x.Message.Contains("'missing.yml' does not exist") && x.Span.Path == ".gitlab-ci.yml" && x.Span.Line == 2);
        Assert.Contains(f, x => x.Message.Contains("outside the repository") && x.Span.Line == 3);
        Assert.Contains(f, x => x.Message.Contains("include cycle: loop-a.yml → loop-b.yml → loop-a.yml") && x.Span.Path == "loop-b.yml");
        Assert.All(f, x => Assert.Equal("ci-parse", x.RuleId));
    }

    [Fact]
    public void Remote_project_template_and_component_includes_are_never_fetched_and_reported_as_info()
    {
        using var repo = new TempRepo((".gitlab-ci.yml",
            "include:\n  - https://example.com/x.yml\n  - project: g/p\n    file: /a.yml\n  - template: Auto-DevOps.gitlab-ci.yml\n  - component: gitlab.com/c/d@1\nj:\n  script: x\n"));
        var f = Ci.Compose(repo).Findings;
        Assert.Equal(4, f.Count);
        Assert.All(f, x => Assert.Equal(Severity.Info, x.Severity));
        Assert.Contains(f, x => x.Message.Contains("include:project 'g/p:/a.yml'"));
    }

    [Fact]
    public void Extends_deep_merges_hashes_replaces_arrays_and_honours_parent_order()
    {
        using var repo = new TempRepo((".gitlab-ci.yml", """
            .base:
              script: [base]
              variables: { A: base, B: base }
              tags: [one, two]
            .other:
              variables: { B: other, C: other }
            .mid:
              extends: .base
              tags: [three]
            job:
              extends: [.mid, .other]
              variables: { C: job }
            """));
        var c = Ci.Compose(repo);
        Assert.Empty(c.Findings);
        var job = Assert.Single(c.Jobs);
        var vars = (YMapping)job["variables"]!;
        Assert.Equal("base", YTree.Text(vars["A"]));
        Assert.Equal("other", YTree.Text(vars["B"]));   // later parent wins
        Assert.Equal("job", YTree.Text(vars["C"]));     // the job wins
        Assert.Equal(new[] { "three" }, YTree.Flatten(job["tags"]).Select(YTree.Text)); // arrays replace
        Assert.Equal("base", Script(job));
        Assert.False(job.Definition.ContainsKey("extends"));
    }

    [Fact]
    public void Extends_limits_cycles_and_missing_parents_are_findings()
    {
        var chain = string.Join("\n", Enumerable.Range(0, 13).Select(i => i == 0 ? ".l0:\n  script: x" : $".l{i}:\n  extends: .l{i - 1}"));
        using var repo = new TempRepo((".gitlab-ci.yml", chain + "\ndeep:\n  extends: .l12\nok:\n  extends: .l5\nloop:\n  extends: .loop2\n  script: x\n.loop2:\n  extends: loop\nmissing:\n  extends: .nope\n  script: x\n"));
        var c = Ci.Compose(repo);
        Assert.Contains(c.Findings, f => f.Message.Contains("levels of extends; GitLab allows at most 11"));
        Assert.Single(c.Findings, f => f.Message.Contains("circular"));
        Assert.Contains(c.Findings, f => f.Message.Contains("circular dependency in extends"));
        Assert.Contains(c.Findings, f => f.Message.Contains("'missing' extends '.nope', which is not defined"));
        Assert.Contains(c.Jobs, j => j.Name == "ok");
        Assert.DoesNotContain(c.Jobs, j => j.Name == "deep");
    }

    [Fact]
    public void Reference_tags_resolve_nested_across_files()
    {
        using var repo = new TempRepo(
            (".gitlab-ci.yml", "include: lib.yml\n.rules:\n  rules:\n    - if: $A\n.nested:\n  script:\n    - !reference [.setup, script]\n    - echo end\njob:\n  script: !reference [.nested, script]\n  rules: !reference [.rules, rules]\n"),
            ("lib.yml", ".setup:\n  script: [echo one, echo two]\n"));
        var c = Ci.Compose(repo);
        Assert.Empty(c.Findings);
        var job = c.Jobs.Single();
        Assert.Equal("echo one;echo two;echo end", Script(job));
        Assert.Single(YTree.Flatten(job["rules"]));
    }

    [Fact]
    public void Reference_to_nothing_cycles_and_depth_are_findings()
    {
        var chain = string.Join("\n", Enumerable.Range(0, 12).Select(i => i == 0 ? ".r0:\n  script: [x]" : $".r{i}:\n  script: !reference [.r{i - 1}, script]"));
        using var repo = new TempRepo((".gitlab-ci.yml", chain + "\nj1:\n  script: !reference [.nope, script]\nj2:\n  script: !reference [.r11, script]\n.c1:\n  script: !reference [.c2, script]\n.c2:\n  script: !reference [.c1, script]\n"));
        var f = Ci.Compose(repo).Findings;
        Assert.Contains(f, x => x.Message.Contains("!reference [.nope, script] points to nothing"));
        Assert.Contains(f, x => x.Message.Contains("nested deeper than 10 levels"));
        Assert.Contains(f, x => x.Message.Contains("circular !reference"));
    }

    [Fact]
    public void Hidden_jobs_are_templates_and_default_fills_missing_keys()
    {
        using var repo = new TempRepo((".gitlab-ci.yml", "default:\n  image: alpine\n  tags: [d]\n.hidden:\n  script: x\njob:\n  script: x\n  tags: [own]\nopt-out:\n  script: x\n  inherit:\n    default: false\n"));
        var c = Ci.Compose(repo);
        Assert.Equal(new[] { "job", "opt-out" }, c.Jobs.Select(j => j.Name));
        Assert.Equal("alpine", YTree.Text(c.Jobs[0]["image"]));
        Assert.Equal("own", YTree.Text(((YSequence)c.Jobs[0]["tags"]!).Items[0]));
        Assert.Null(c.Jobs[1]["image"]);
    }

    [Fact]
    public void Invalid_yaml_and_jobs_gitlab_refuses_are_findings()
    {
        using var bad = new TempRepo((".gitlab-ci.yml", "job:\n  script: [x\n"));
        var f = Assert.Single(Ci.Compose(bad).Findings);
        Assert.StartsWith("invalid YAML", f.Message);

        using var refused = new TempRepo((".gitlab-ci.yml", "stages: [build]\nnoscript:\n  stage: build\nwrongstage:\n  stage: deploy\n  script: x\nscalar: 3\n"));
        var r = Ci.Compose(refused).Findings;
        Assert.Contains(r, x => x.Message.Contains("'noscript' has no script"));
        Assert.Contains(r, x => x.Message.Contains("stage 'deploy', which is not in stages"));
        Assert.Contains(r, x => x.Message.Contains("'scalar' must be a mapping"));
    }

    [Fact]
    public void Spec_header_must_be_its_own_document()
    {
        using var repo = new TempRepo((".gitlab-ci.yml", "spec:\n  inputs: {}\njob:\n  script: x\n"));
        Assert.Contains(Ci.Compose(repo).Findings, f => f.Message.Contains("header document of its own"));
    }

    [Fact]
    public void Include_count_limit_is_enforced()
    {
        var files = Enumerable.Range(0, 5).Select(i => ($"i{i}.yml", $"j{i}:\n  script: x\n")).ToList();
        files.Add((".gitlab-ci.yml", "include:\n" + string.Join("", Enumerable.Range(0, 5).Select(i => $"  - i{i}.yml\n"))));
        using var repo = new TempRepo(files.ToArray());
        var c = Ci.Compose(repo, limits: new DocLint.Load.Limits { MaxIncludes = 3 });
        Assert.Contains(c.Findings, f => f.Message.Contains("more than 3 includes"));
        Assert.Equal(3, c.Jobs.Count);
    }

    [Fact]
    public void Consequences_of_an_unread_include_are_info_not_errors()
    {
        using var repo = new TempRepo((".gitlab-ci.yml", "include:\n  - template: Jobs/Build.gitlab-ci.yml\njob:\n  extends: .from-template\n  stage: containerize\n"));
        var f = Ci.Compose(repo).Findings;
        Assert.All(f, x => Assert.Equal(Severity.Info, x.Severity));
        Assert.Contains(f, x => x.Message.Contains("extends '.from-template'") && x.Message.Contains("may come from an include"));

        using var complete = new TempRepo((".gitlab-ci.yml", "job:\n  extends: .nope\n  script: x\n"));
        Assert.Equal(Severity.Error, Assert.Single(Ci.Compose(complete).Findings).Severity);
    }
}
