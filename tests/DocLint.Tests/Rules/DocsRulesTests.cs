using DocLint.Findings;
using DocLint.Linting;
using DocLint.Load;
using DocLint.Tests.Support;

namespace DocLint.Tests.Rules;

/// <summary>docs-action-name, docs-invocation and docs-coverage details: lines, edits, coverage, configuration.</summary>
public class DocsRulesTests
{
    private static IReadOnlyList<Finding> Check(string? config, params (string Path, string Text)[] files)
    {
        var all = new List<(string, string)> { (".gitlab-ci.yml", BfDevDrift.CleanCi), ("bf-release/Changes.gitlab-ci.yml", BfDevDrift.Changes) };
        if (config != null) all.Add((".doclint.yml", config));
        all.AddRange(files);
        using var repo = new TempRepo(all.ToArray());
        return Linter.Run(Project.Open(new[] { repo.Root }, null)).Findings;
    }

    private const string OneRequired = "requiredDocs: [docs/run.md]\n";

    [Fact]
    public void Missing_project_and_confirm_point_at_the_action_line_a_wrong_confirm_at_its_own()
    {
        var findings = Check(OneRequired, ("docs/run.md", "# Run\n\n```text\naction=deploy-release-branch-to-staging\nconfirm=false\n```\n\n`action=bring-all-code-to-release-branch project=all confirm=true`\n"));
        var inv = findings.Where(f => f.RuleId == "docs-invocation").OrderBy(f => f.Span.Line).ToList();
        Assert.Equal(2, inv.Count);
        Assert.Equal((4, 8), (inv[0].Span.Line, inv[0].Span.Column));
        Assert.Contains("names no project", inv[0].Message);
        Assert.Equal((5, 9), (inv[1].Span.Line, inv[1].Span.Column));
        Assert.Contains("confirm=false", inv[1].Message);
        Assert.DoesNotContain(findings, f => f.RuleId == "docs-coverage");
    }

    [Fact]
    public void Only_an_obsolete_name_carries_an_edit()
    {
        var findings = Check(OneRequired, ("docs/run.md", "`action=release project=all confirm=true`\n\n`action=rollback project=all confirm=true`\n\n`action=bring-all-code-to-release-branch project=all confirm=true`\n"));
        var names = findings.Where(f => f.RuleId == "docs-action-name").ToList();
        Assert.Equal(2, names.Count);
        var obsolete = names.Single(f => f.Message.Contains("obsolete"));
        Assert.Equal(new TextEdit(new SourceSpan("docs/run.md", 1, 9, 1, 16), 8, 7, "release", "deploy-release-branch-to-staging"), obsolete.Edit);
        Assert.Equal("replace release with deploy-release-branch-to-staging", obsolete.Suggestion);
        Assert.Null(names.Single(f => f.Message.Contains("placeholder")).Edit);
        Assert.Equal((1, 9, 1, 16), (obsolete.Span.Line, obsolete.Span.Column, obsolete.Span.EndLine, obsolete.Span.EndColumn));
    }

    [Fact]
    public void A_final_action_in_none_of_the_required_docs_is_a_warning()
    {
        var findings = Check(OneRequired, ("docs/run.md", "`action=bring-all-code-to-release-branch project=all confirm=true`\n"));
        var f = Assert.Single(findings);
        Assert.Equal(("docs-coverage", Severity.Warning, "docs/run.md", 1), (f.RuleId, f.Severity, f.Span.Path, f.Span.Line));
        Assert.StartsWith("action deploy-release-branch-to-staging appears in none of the required docs", f.Message);
    }

    [Fact]
    public void A_required_doc_outside_the_docs_patterns_is_still_read_and_checked()
    {
        var findings = Check("requiredDocs: [RUNBOOK.md]\n", ("docs/a.md", "x\n"),
            ("RUNBOOK.md", "Mention bring-all-code-to-release-branch and deploy-release-branch-to-staging, but run nothing.\n"));
        var f = Assert.Single(findings);
        Assert.Equal(("docs-coverage", "RUNBOOK.md"), (f.RuleId, f.Span.Path));
        Assert.Contains("holds no valid invocation", f.Message);
    }

    [Fact]
    public void Missing_required_docs_are_errors_at_the_configuration_that_requires_them()
    {
        // The embedded default has no file: at the missing doc itself, line 1 (the file to restore).
        var findings = Check(null, ("docs/a.md", "`action=bring-all-code-to-release-branch project=all confirm=true` and deploy-release-branch-to-staging\n"));
        Assert.Equal(DocLintConfig.Default.RequiredDocs.Select(p => $"required doc {p} is missing").Order(StringComparer.Ordinal),
            findings.Select(f => f.Message[..f.Message.IndexOf(" (", StringComparison.Ordinal)]).Order(StringComparer.Ordinal));
        Assert.All(findings, f => Assert.Equal(("docs-coverage", Severity.Error, f.Message.Split(' ')[2], 1, 1), (f.RuleId, f.Severity, f.Span.Path, f.Span.Line, f.Span.Column)));
        Assert.Equal(4, findings.Select(f => f.Key).Distinct().Count());

        // A config file that lists them: at the entry's line and column.
        var listed = Check("docs: [\"docs/**/*.md\"]\nrequiredDocs:\n  - docs/a.md\n  - docs/gone.md\n",
            ("docs/a.md", "`action=bring-all-code-to-release-branch project=all confirm=true` and deploy-release-branch-to-staging\n"));
        var f = Assert.Single(listed);
        Assert.Equal((".doclint.yml", 4, 5), (f.Span.Path, f.Span.Line, f.Span.Column));
        Assert.StartsWith("required doc docs/gone.md is missing (requiredDocs in .doclint.yml)", f.Message);
    }

    [Fact]
    public void A_pattern_matching_nothing_points_at_its_config_line_or_with_the_default_at_the_ci_file()
    {
        // (requiredDocs: [] — a missing required doc under the pattern would be the one finding instead.)
        var f = Assert.Single(Check("requiredDocs: []\n"), f => f.Message.StartsWith("docs pattern", StringComparison.Ordinal));
        Assert.Equal((".gitlab-ci.yml", 1, Severity.Warning), (f.Span.Path, f.Span.Line, f.Severity));
        var g = Assert.Single(Check("requiredDocs: []\ndocs:\n  - handbook/**/*.md\n"));
        Assert.Equal((".doclint.yml", 3, 5), (g.Span.Path, g.Span.Line, g.Span.Column));
    }

    [Fact]
    public void An_unreadable_doc_is_one_coverage_error()
    {
        var all = new List<(string, string)> { (".gitlab-ci.yml", BfDevDrift.CleanCi), ("bf-release/Changes.gitlab-ci.yml", BfDevDrift.Changes), (".doclint.yml", "requiredDocs: [docs/run.md]\n") };
        using var repo = new TempRepo(all.ToArray());
        repo.WriteBytes("docs/run.md", new byte[] { 0x61, 0xFF, 0x62, 0x0A });
        var findings = Linter.Run(Project.Open(new[] { repo.Root }, null)).Findings;
        var f = Assert.Single(findings);
        Assert.Equal(("docs-coverage", "docs/run.md"), (f.RuleId, f.Span.Path));
        Assert.Contains("not valid UTF-8", f.Message);
    }

    [Fact]
    public void A_catalogue_file_and_custom_input_names_are_honoured()
    {
        const string config = "requiredDocs: []\ncatalogue: catalogue.yml\n";
        var findings = Check(config, ("catalogue.yml", "projects:\n  - name: bf-portal\n"),
            ("docs/a.md", "`action=bring-all-code-to-release-branch project=bf-portal confirm=true`\n\n`action=bring-all-code-to-release-branch project=bf-billing confirm=true`\n"));
        var wrong = Assert.Single(findings, f => f.RuleId == "docs-invocation");
        Assert.Contains("project=bf-billing is not in the catalogue", wrong.Message);

        var renamed = Check("requiredDocs: []\ninputs: { action: operation }\n",
            ("docs/a.md", "`operation=release project=all confirm=true` and `action=release`\n"));
        var f = Assert.Single(renamed, f => f.RuleId == "docs-action-name");
        Assert.StartsWith("operation=release is an obsolete action name", f.Message);
    }

    [Fact]
    public void Rule_severity_and_off_come_from_the_config()
    {
        const string doc = "`action=release project=nowhere`\n";
        var findings = Check("requiredDocs: []\nrules: { docs-invocation: warning, docs-action-name: off }\n", ("docs/a.md", doc));
        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(("docs-invocation", Severity.Warning), (f.RuleId, f.Severity)));
    }

    [Fact]
    public void A_markdown_suppression_silences_a_docs_finding_and_fix_leaves_it_alone()
    {
        const string doc = "<!-- doclint-disable-next-line docs-action-name -->\n`action=release project=all confirm=true`\n\n`action=cut-off project=all confirm=true`\n";
        var all = new List<(string, string)> { (".gitlab-ci.yml", BfDevDrift.CleanCi), ("bf-release/Changes.gitlab-ci.yml", BfDevDrift.Changes), (".doclint.yml", "requiredDocs: []\n"), ("docs/a.md", doc) };
        using var repo = new TempRepo(all.ToArray());
        var project = Project.Open(new[] { repo.Root }, null);
        var f = Assert.Single(Linter.Run(project).Findings);
        Assert.Equal(("docs-action-name", 4), (f.RuleId, f.Span.Line));
        var (fixes, after) = Linter.Fix(project);
        Assert.Equal("docs/a.md:4: cut-off → bring-all-code-to-release-branch", Assert.Single(fixes.Rewrites).ToString());
        Assert.Empty(after.Findings);
        Assert.Contains("`action=release project=all", File.ReadAllText(Path.Combine(repo.Root, "docs/a.md")));
    }
}
