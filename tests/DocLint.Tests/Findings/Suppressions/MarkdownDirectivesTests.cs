using DocLint.Findings.Suppressions;
using DocLint.Load;
using DocLint.Parse.Markdown;

namespace DocLint.Tests.Findings.Suppressions;

public class MarkdownDirectivesTests
{
    private static IReadOnlyList<Directive> Extract(string text) => MarkdownDirectives.Extract(MarkdownDocument.Parse("docs/a.md", text));

    [Fact]
    public void The_four_forms_with_rule_lists()
    {
        var ds = Extract("""
            <!-- doclint-disable-file docs-coverage -->
            # Title

            <!-- doclint-disable-next-line docs-action-name, docs-invocation -->
            action=cut-off

            <!-- doclint-disable docs-action-name docs-invocation -- history -->
            text
            <!-- doclint-enable -->
            """);
        Assert.Equal(new[] { DirectiveKind.File, DirectiveKind.NextLine, DirectiveKind.Disable, DirectiveKind.Enable }, ds.Select(d => d.Kind));
        Assert.Equal(new[] { 1, 4, 7, 9 }, ds.Select(d => d.Span.Line));
        Assert.Equal(5, ds[1].TargetLine);
        Assert.Equal(new[] { "docs-action-name", "docs-invocation" }, ds[1].Rules.Select(r => r.Id));
        Assert.Equal(new[] { "docs-action-name", "docs-invocation" }, ds[2].Rules.Select(r => r.Id));
        Assert.True(ds[3].AllRules);
        // "<!-- doclint-disable-next-line " is 31 characters: the first rule starts at column 32.
        Assert.Equal((4, 32, 4, 48), (ds[1].Rules[0].Span.Line, ds[1].Rules[0].Span.Column, ds[1].Rules[0].Span.EndLine, ds[1].Rules[0].Span.EndColumn));
        Assert.Equal((4, 1, 4, 69), (ds[1].Span.Line, ds[1].Span.Column, ds[1].Span.EndLine, ds[1].Span.EndColumn));
    }

    [Fact]
    public void Code_spans_code_blocks_and_front_matter_hold_no_directives()
    {
        var ds = Extract("""
            ---
            note: <!-- doclint-disable-file -->
            ---
            Write `<!-- doclint-disable-next-line -->` above the line.

            ```markdown
            <!-- doclint-disable docs-action-name -->
            ```

                <!-- doclint-disable-file -->

            ~~~
            <!-- doclint-enable -->
            ~~~
            """);
        Assert.Empty(ds);
    }

    [Fact]
    public void Inline_comments_in_paragraphs_lists_quotes_and_html_blocks_are_directives()
    {
        var ds = Extract("""
            Run it <!-- doclint-disable-next-line docs-invocation --> now
            action=release

            - step <!-- doclint-disable-next-line -->
              action=cut-off

            > <!-- doclint-disable-next-line docs-action-name -->
            > action=cut-off

            <details>
            <!-- doclint-disable-next-line --><!-- doclint-enable docs-invocation -->
            </details>
            """);
        Assert.Equal(5, ds.Count);
        Assert.Equal((1, 8, 2), (ds[0].Span.Line, ds[0].Span.Column, ds[0].TargetLine));
        Assert.Equal((4, 8, 5), (ds[1].Span.Line, ds[1].Span.Column, ds[1].TargetLine));
        Assert.Equal((7, 3, 8), (ds[2].Span.Line, ds[2].Span.Column, ds[2].TargetLine));
        Assert.Equal(34, ds[2].Rules[0].Span.Column);
        Assert.Equal((11, 1, 12), (ds[3].Span.Line, ds[3].Span.Column, ds[3].TargetLine));
        Assert.Equal((DirectiveKind.Enable, 11, 35), (ds[4].Kind, ds[4].Span.Line, ds[4].Span.Column));
    }

    [Fact]
    public void A_multi_line_comment_targets_the_line_after_its_end()
    {
        var d = Assert.Single(Extract("<!-- doclint-disable-next-line\n     docs-action-name -->\naction=cut-off\n"));
        Assert.Equal((1, 3), (d.Span.Line, d.TargetLine));
        Assert.Equal((2, 6), (d.Rules[0].Span.Line, d.Rules[0].Span.Column));
    }

    [Fact]
    public void Other_comments_and_unknown_directives()
    {
        var ds = Extract("<!-- markdownlint-disable MD013 -->\n<!-- TODO doclint-disable -->\n<!-- doclint-disable-line docs-invocation -->\n");
        var d = Assert.Single(ds);
        Assert.Equal(DirectiveKind.Invalid, d.Kind);
        Assert.Contains("unknown directive 'doclint-disable-line'", d.Problem);
    }

    [Fact]
    public void Crlf_and_bom_keep_exact_positions()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat("# T\r\n\r\n<!-- doclint-disable-next-line docs-invocation -->\r\nä action=cut-off <!-- doclint-enable -->\r\n"u8.ToArray()).ToArray();
        var source = Workspace.Decode("docs/a.md", bytes, out _)!;
        var ds = MarkdownDirectives.Extract(MarkdownDocument.Parse(source));
        Assert.Equal(2, ds.Count);
        Assert.Equal((3, 1, 4), (ds[0].Span.Line, ds[0].Span.Column, ds[0].TargetLine));
        Assert.Equal((3, 32), (ds[0].Rules[0].Span.Line, ds[0].Rules[0].Span.Column));
        Assert.Equal((4, 18), (ds[1].Span.Line, ds[1].Span.Column));
    }
}
