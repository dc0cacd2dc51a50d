using DocLint.Findings;
using DocLint.Findings.Suppressions;
using DocLint.Linting;
using DocLint.Load;
using DocLint.Parse.Markdown;
using DocLint.Tests.Support;

namespace DocLint.Tests.Findings.Suppressions;

/// <summary>
/// The language server's "disable for this line": the inserted comment really suppresses the finding when the file
/// is checked again (and leaves no unused or invalid directive), wherever the line is: a paragraph's first or later
/// line, a table row, a code block, a YAML key.
/// </summary>
public class DisableEditsTests
{
    private static IReadOnlyList<Finding> Check(TempRepo repo) =>
        Linter.Run(Project.AtRoot(new Workspace(repo.Root, new Limits { RegexTimeout = TimeSpan.FromSeconds(30) }))).Findings;

    private static string Apply(string text, IReadOnlyList<Insertion> inserts)
    {
        foreach (var i in inserts.OrderByDescending(i => i.Offset)) text = text.Insert(i.Offset, i.Text);
        return text;
    }

    [Theory]
    [InlineData("Run it with action=cut-off project=all confirm=true today.\n", "<!-- doclint-disable-next-line docs-action-name -->\n")]
    [InlineData("First line of the paragraph,\nthen action=cut-off project=all confirm=true.\n", " <!-- doclint-disable-next-line docs-action-name -->")]
    [InlineData("| step | choice |\n| --- | --- |\n| 1 | `action=cut-off project=all confirm=true` |\n", "<!-- doclint-disable docs-action-name -->\n")]
    [InlineData("- a list item\n  with action=cut-off project=all confirm=true\n", " <!-- doclint-disable-next-line docs-action-name -->")]
    [InlineData("```text\naction=cut-off project=all confirm=true\n```\n", "<!-- doclint-enable docs-action-name -->\n")]
    public void The_comment_suppresses_the_markdown_finding(string body, string inserted)
    {
        using var repo = Processes.CopyFixture("bf-dev");
        const string path = "docs/operations/runbooks/extra.md";
        var text = "# Extra\n\n" + body;
        repo.Write(path, text);
        var finding = Assert.Single(Check(repo));
        Assert.Equal("docs-action-name", finding.RuleId);
        var inserts = DisableEdits.For(finding, text, MarkdownDocument.Parse(path, text), DocLintConfig.Default)!;
        Assert.Contains(inserts, i => i.Text == inserted);
        repo.Write(path, Apply(text, inserts));
        Assert.Empty(Check(repo));
    }

    [Fact]
    public void The_comment_suppresses_a_CI_finding_and_none_is_offered_for_an_unsuppressible_rule()
    {
        using var repo = BfDevDrift.LegacyDriftedCopy();
        var finding = Assert.Single(Check(repo));
        Assert.Equal("legacy-invoke", finding.RuleId);
        var ci = File.ReadAllText(Path.Combine(repo.Root, ".gitlab-ci.yml"));
        var inserts = DisableEdits.For(finding, ci, null, DocLintConfig.Default)!;
        Assert.StartsWith("# doclint-disable-next-line legacy-invoke", Assert.Single(inserts).Text.TrimStart());
        repo.Write(".gitlab-ci.yml", Apply(ci, inserts));
        Assert.Empty(Check(repo));

        var strict = DocLintConfig.Default with { Unsuppressible = new[] { "confirm-gate", "legacy-invoke" } };
        Assert.Null(DisableEdits.For(finding, ci, null, strict));
    }
}
