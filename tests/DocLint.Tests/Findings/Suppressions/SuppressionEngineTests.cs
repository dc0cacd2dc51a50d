using DocLint.Findings;
using DocLint.Findings.Suppressions;
using DocLint.Load;
using DocLint.Parse.Markdown;
using DocLint.Rules;

namespace DocLint.Tests.Findings.Suppressions;

/// <summary>
/// The engine on Markdown directives with synthetic findings: it takes findings of any rule, so the docs rules need
/// nothing of their own. The docs rule IDs are passed as known rules until those rules are registered.
/// </summary>
public class SuppressionEngineTests
{
    private const string Doc = "docs/a.md";
    private static readonly string[] Known = RuleSet.Descriptors.Select(d => d.Id).Concat(new[] { "docs-action-name", "docs-invocation", "docs-coverage" }).ToArray();

    private static Finding F(string rule, int line, string path = Doc) =>
        new(rule, Severity.Error, $"{rule} on {line}", SourceSpan.At(path, line, 1), $"k{line}");

    private static List<Finding> Apply(string markdown, IEnumerable<Finding> findings, string? config = null) =>
        SuppressionEngine.Apply(findings.ToList(), MarkdownDirectives.Extract(MarkdownDocument.Parse(Doc, markdown)),
            config == null ? DocLintConfig.Default : DocLintConfig.Parse(".doclint.yml", config), Known).ToList();

    private static string[] Left(IEnumerable<Finding> findings) => findings.Select(f => $"{f.RuleId}@{f.Span.Line}").ToArray();

    [Fact]
    public void Next_line_suppresses_only_the_named_rule_on_the_next_line()
    {
        var left = Apply("<!-- doclint-disable-next-line docs-action-name -->\naction=cut-off\naction=cut-off\n",
            new[] { F("docs-action-name", 2), F("docs-action-name", 3), F("docs-invocation", 2) });
        Assert.Equal(new[] { "docs-action-name@3", "docs-invocation@2" }, Left(left));
    }

    [Fact]
    public void A_rule_of_a_list_that_suppressed_nothing_is_reported_at_its_name()
    {
        var left = Apply("<!-- doclint-disable-next-line docs-action-name, docs-invocation -->\naction=cut-off project=all confirm=true\n",
            new[] { F("docs-action-name", 2) });
        var u = Assert.Single(left);
        Assert.Equal(("unused-suppression", Severity.Info, 1, 50), (u.RuleId, u.Severity, u.Span.Line, u.Span.Column));
        Assert.Equal("doclint-disable-next-line docs-invocation suppresses nothing: no docs-invocation finding on line 2; remove docs-invocation from it", u.Message);
    }

    [Fact]
    public void No_rule_means_every_rule()
    {
        var left = Apply("<!-- doclint-disable-next-line -->\naction=cut-off\n", new[] { F("docs-action-name", 2), F("docs-invocation", 2), F("docs-invocation", 3) });
        Assert.Equal(new[] { "docs-invocation@3" }, Left(left));

        var unused = Assert.Single(Apply("<!-- doclint-disable-next-line -->\n\naction=cut-off\n", new[] { F("docs-action-name", 3) }), f => f.RuleId == "unused-suppression");
        Assert.Equal("doclint-disable-next-line suppresses nothing: no finding on line 2; remove the comment", unused.Message);
    }

    [Fact]
    public void Disable_runs_to_its_enable_or_to_the_end_of_the_file()
    {
        const string md = "<!-- doclint-disable docs-action-name -->\na\nb\n<!-- doclint-enable docs-action-name -->\nc\n\n<!-- doclint-disable docs-invocation -->\nd\n";
        var left = Apply(md, new[] { F("docs-action-name", 2), F("docs-action-name", 3), F("docs-action-name", 5), F("docs-invocation", 8), F("docs-invocation", 5) });
        Assert.Equal(new[] { "docs-action-name@5", "docs-invocation@5" }, Left(left));

        var unused = Apply(md, Array.Empty<Finding>());
        Assert.Equal(new[]
        {
            "doclint-disable docs-action-name suppresses nothing: no docs-action-name finding on lines 1-3; remove the comment",
            "doclint-disable docs-invocation suppresses nothing: no docs-invocation finding from line 7 to the end of the file; remove the comment",
        }, unused.Select(f => f.Message));
    }

    [Fact]
    public void Enable_of_one_rule_inside_a_disable_of_all()
    {
        const string md = "<!-- doclint-disable -->\na\n<!-- doclint-enable docs-invocation -->\nb\n<!-- doclint-enable -->\nc\n";
        var left = Apply(md, new[] { F("docs-action-name", 2), F("docs-invocation", 2), F("docs-action-name", 4), F("docs-invocation", 4), F("docs-action-name", 6) });
        Assert.Equal(new[] { "docs-invocation@4", "docs-action-name@6" }, Left(left));
    }

    [Fact]
    public void An_enable_that_ends_nothing_is_reported()
    {
        var left = Apply("a\n<!-- doclint-enable docs-invocation -->\n<!-- doclint-enable -->\n", Array.Empty<Finding>());
        Assert.Equal(new[]
        {
            "doclint-enable docs-invocation ends no doclint-disable of docs-invocation; remove the comment",
            "doclint-enable ends no doclint-disable (none is open above it); remove the comment",
        }, left.Select(f => f.Message));
        Assert.All(left, f => Assert.Equal(Severity.Info, f.Severity));
    }

    [Fact]
    public void Disable_file_covers_the_whole_file_wherever_it_is_written()
    {
        var left = Apply("# T\n\ntext\n\n<!-- doclint-disable-file docs-coverage -->\n", new[] { F("docs-coverage", 1), F("docs-coverage", 1, "docs/b.md") });
        Assert.Equal(new[] { "docs/b.md" }, left.Select(f => f.Span.Path));
        var unused = Assert.Single(Apply("<!-- doclint-disable-file docs-coverage -->\n", Array.Empty<Finding>()));
        Assert.Contains("no docs-coverage finding in this file", unused.Message);
    }

    [Fact]
    public void An_unsuppressible_rule_stays_reported_and_the_directive_is_a_warning()
    {
        var left = Apply("<!-- doclint-disable-next-line confirm-gate -->\nx\n", new[] { F("confirm-gate", 2) });
        Assert.Equal(new[] { "confirm-gate@2", "unused-suppression@1" }, Left(left));
        var w = left[1];
        Assert.Equal(Severity.Warning, w.Severity);
        Assert.Equal(32, w.Span.Column);
        Assert.Contains("confirm-gate is unsuppressible", w.Message);
        Assert.Contains("can only be turned off in .doclint.yml", w.Message);
    }

    [Fact]
    public void A_no_rule_directive_over_an_unsuppressible_finding_suppresses_the_rest_and_warns()
    {
        var left = Apply("<!-- doclint-disable-next-line -->\nx\n", new[] { F("confirm-gate", 2), F("docs-invocation", 2) });
        Assert.Equal(new[] { "confirm-gate@2", "unused-suppression@1" }, Left(left));
        Assert.Equal(Severity.Warning, left[1].Severity);
        Assert.StartsWith("doclint-disable-next-line does not suppress the confirm-gate finding on line 2: confirm-gate is unsuppressible", left[1].Message);
    }

    [Fact]
    public void Config_unsuppressible_decides_which_rules_are_safety_rules()
    {
        const string md = "<!-- doclint-disable-next-line confirm-gate, docs-action-name -->\nx\n";
        var left = Apply(md, new[] { F("confirm-gate", 2), F("docs-action-name", 2) }, "unsuppressible: [docs-action-name]\n");
        Assert.Equal(new[] { "docs-action-name@2", "unused-suppression@1" }, Left(left));
        Assert.Contains("docs-action-name is unsuppressible", left[1].Message);

        Assert.Empty(Apply(md, new[] { F("confirm-gate", 2), F("docs-action-name", 2) }, "unsuppressible: []\n"));
    }

    [Fact]
    public void Unknown_rules_and_directives_are_warnings()
    {
        var left = Apply("<!-- doclint-disable-next-line docs-action-nmae -->\nx\n<!-- doclint-disabel -->\n", new[] { F("docs-action-name", 2) });
        Assert.Equal(new[] { "docs-action-name@2", "unused-suppression@1", "unused-suppression@3" }, Left(left));
        Assert.All(left.Skip(1), f => Assert.Equal(Severity.Warning, f.Severity));
        Assert.Equal("doclint-disable-next-line names unknown rule 'docs-action-nmae' (did you mean docs-action-name?), so it suppresses nothing; `doclint rules` lists the rule IDs", left[1].Message);
        Assert.Contains("unknown directive 'doclint-disabel'", left[2].Message);
    }

    [Fact]
    public void A_rule_that_is_off_in_config_is_not_nagged_about()
    {
        var left = Apply("<!-- doclint-disable-next-line docs-invocation -->\nx\n<!-- doclint-disable docs-invocation -->\n<!-- doclint-enable docs-invocation -->\n",
            Array.Empty<Finding>(), "rules: { docs-invocation: off }\n");
        Assert.Empty(left);
    }

    [Fact]
    public void Config_rules_set_unused_suppression_itself()
    {
        const string md = "<!-- doclint-disable-next-line docs-invocation -->\nx\n";
        Assert.Equal(Severity.Error, Assert.Single(Apply(md, Array.Empty<Finding>(), "rules: { unused-suppression: error }\n")).Severity);
        Assert.Empty(Apply(md, Array.Empty<Finding>(), "rules: { unused-suppression: off }\n"));
        // off only silences the reports: the suppressions still work.
        Assert.Empty(Apply(md, new[] { F("docs-invocation", 2) }, "rules: { unused-suppression: off }\n"));
    }

    [Fact]
    public void Unused_suppression_cannot_be_suppressed_inline()
    {
        var left = Apply("<!-- doclint-disable-file unused-suppression -->\n<!-- doclint-disable-next-line docs-invocation -->\nx\n", Array.Empty<Finding>());
        Assert.Equal(2, left.Count);
        Assert.Contains("unused-suppression cannot be suppressed by an inline comment", left[0].Message);
        Assert.Equal(Severity.Warning, left[0].Severity);
        Assert.Contains("suppresses nothing", left[1].Message);
    }

    [Fact]
    public void A_directive_in_a_code_block_or_code_span_does_nothing()
    {
        var left = Apply("```\n<!-- doclint-disable-next-line -->\naction=cut-off\n```\n\n`<!-- doclint-disable-file -->`\n", new[] { F("docs-action-name", 3) });
        Assert.Equal(new[] { "docs-action-name@3" }, Left(left));
    }

    [Fact]
    public void Findings_on_crlf_and_bom_docs_are_matched_by_line()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat("# T\r\n<!-- doclint-disable-next-line docs-action-name -->\r\naction=cut-off\r\naction=cut-off\r\n"u8.ToArray()).ToArray();
        var doc = MarkdownDocument.Parse(Workspace.Decode(Doc, bytes, out _)!);
        var at = doc.Text.IndexOf("action=cut-off", StringComparison.Ordinal);
        var finding = new Finding("docs-action-name", Severity.Error, "obsolete", doc.Span(at, at + 14), "cut-off");
        var second = finding with { Span = doc.Span(doc.Text.LastIndexOf("action", StringComparison.Ordinal), doc.Text.Length - 2) };
        var left = SuppressionEngine.Apply(new[] { finding, second }, MarkdownDirectives.Extract(doc), DocLintConfig.Default, Known);
        Assert.Equal(4, Assert.Single(left).Span.Line);
    }

    [Fact]
    public void The_markdown_example_of_the_rule_doc_suppresses_the_table_row()
    {
        var text = File.ReadAllText(Path.Combine(Support.RepoPaths.Root, "rules", "unused-suppression.md"));
        var start = text.IndexOf("<!-- doclint-disable docs-action-name -- old pages' invocations", StringComparison.Ordinal);
        Assert.True(start >= 0, "the Markdown passing example of rules/unused-suppression.md");
        var end = text.IndexOf("<!-- doclint-enable docs-action-name -->", start, StringComparison.Ordinal) + 40;
        var example = text[start..end] + "\naction=cut-off\n";
        var rowLine = example[..example.IndexOf("| `action=cut-off", StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        var after = example.Split('\n').Length - 1;
        var left = Apply(example, new[] { F("docs-action-name", rowLine), F("docs-action-name", after) });
        Assert.Equal(new[] { $"docs-action-name@{after}" }, Left(left));
    }
}
