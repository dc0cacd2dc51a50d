using DocLint.Findings.Suppressions;
using DocLint.Tests.Support;

namespace DocLint.Tests.Findings.Suppressions;

public class YamlDirectivesTests
{
    [Fact]
    public void Next_line_skips_blank_and_comment_only_lines_and_reads_the_rule_list()
    {
        const string yaml = "a: 1\n# doclint-disable-next-line legacy-invoke, confirm-gate\n\n# why: CHG-1\n   \nb: 2\n";
        var d = Assert.Single(YamlDirectives.Extract("ci.yml", yaml));
        Assert.Equal(DirectiveKind.NextLine, d.Kind);
        Assert.Equal((2, 1), (d.Span.Line, d.Span.Column));
        Assert.Equal(6, d.TargetLine);
        Assert.Equal(new[] { "legacy-invoke", "confirm-gate" }, d.Rules.Select(r => r.Id));
        // Columns of the rule names: "# doclint-disable-next-line " is 28 characters.
        Assert.Equal((2, 29, 2, 42), (d.Rules[0].Span.Line, d.Rules[0].Span.Column, d.Rules[0].Span.EndLine, d.Rules[0].Span.EndColumn));
        Assert.Equal(44, d.Rules[1].Span.Column);
    }

    [Fact]
    public void No_rule_form_spaces_and_a_reason()
    {
        var ds = YamlDirectives.Extract("ci.yml", "x:\n  # doclint-disable-next-line\n  - a\n  #doclint-disable-next-line ci-parse legacy-invoke -- moved, see CHG-9\n  - b\n");
        Assert.Equal(2, ds.Count);
        Assert.True(ds[0].AllRules);
        Assert.Equal(3, ds[0].TargetLine);
        Assert.Equal(new[] { "ci-parse", "legacy-invoke" }, ds[1].Rules.Select(r => r.Id));
        Assert.Equal(5, ds[1].TargetLine);
    }

    [Fact]
    public void A_hash_inside_a_string_a_block_scalar_or_a_plain_scalar_is_no_directive()
    {
        const string yaml = """
            a: '# doclint-disable-next-line'
            b: "# doclint-disable-next-line legacy-invoke"
            c: x# doclint-disable-next-line
            script: |
              # doclint-disable-next-line
              echo hi
            folded: >
              # doclint-disable-next-line
            d: [ "# doclint-disable-next-line" ]
            """;
        Assert.Empty(YamlDirectives.Extract("ci.yml", yaml));
    }

    [Fact]
    public void A_trailing_directive_applies_to_the_following_line()
    {
        var d = Assert.Single(YamlDirectives.Extract("ci.yml", "a: 1 # doclint-disable-next-line\nb: 2\n"));
        Assert.Equal((1, 6), (d.Span.Line, d.Span.Column));
        Assert.Equal(2, d.TargetLine);
    }

    [Fact]
    public void A_line_inside_a_multi_line_flow_value_is_a_target()
    {
        var d = Assert.Single(YamlDirectives.Extract("ci.yml", "x: [a,\n  # doclint-disable-next-line\n  b]\n"));
        Assert.Equal(3, d.TargetLine);
    }

    [Fact]
    public void A_directive_ending_the_file_has_no_target()
    {
        var d = Assert.Single(YamlDirectives.Extract("ci.yml", "a: 1\n# doclint-disable-next-line\n\n# end\n"));
        Assert.Equal(0, d.TargetLine);
    }

    [Fact]
    public void Markdown_only_forms_and_unknown_names_are_invalid_in_yaml()
    {
        var ds = YamlDirectives.Extract("ci.yml", "# doclint-disable legacy-invoke\na: 1\n# doclint-disable-line\nb: 2\n# doclintish comment\n");
        Assert.Equal(new[] { DirectiveKind.Invalid, DirectiveKind.Invalid }, ds.Select(d => d.Kind));
        Assert.Contains("works in Markdown only", ds[0].Problem);
        Assert.Contains("unknown directive 'doclint-disable-line'", ds[1].Problem);
    }

    [Fact]
    public void Crlf_lines_count_as_one_break()
    {
        var d = Assert.Single(YamlDirectives.Extract("ci.yml", "a: 1\r\n\r\n  # doclint-disable-next-line ci-parse\r\n\r\nb: 2\r\n"));
        Assert.Equal((3, 3), (d.Span.Line, d.Span.Column));
        Assert.Equal(5, d.TargetLine);
        Assert.Equal(31, d.Rules[0].Span.Column);
        Assert.Equal(39, d.Rules[0].Span.EndColumn);
    }

    [Fact]
    public void A_bom_file_read_through_the_workspace_keeps_its_lines()
    {
        using var repo = new TempRepo();
        repo.WriteBytes("ci.yml", [0xEF, 0xBB, 0xBF, .."# doclint-disable-next-line\r\na: 1\r\n"u8.ToArray()]);
        var source = repo.Workspace().TryRead("ci.yml", out _)!;
        var d = Assert.Single(YamlDirectives.Extract(source.Path, source.Text));
        Assert.Equal((1, 1, 2), (d.Span.Line, d.Span.Column, d.TargetLine));
    }

    [Fact]
    public void Comments_before_a_yaml_error_still_count()
    {
        var ds = YamlDirectives.Extract("ci.yml", "a: 1\n# doclint-disable-next-line ci-parse\nb: [unclosed\n");
        var d = Assert.Single(ds);
        Assert.Equal(3, d.TargetLine);
    }

    [Fact]
    public void A_scanner_error_token_ends_the_scan_instead_of_repeating_forever()
    {
        // `landmark:: tracking::` puts a mapping indicator inside a plain sequence entry: YamlDotNet's scanner then
        // returns the same Error token on every MoveNext (a corpus file ran out of memory on it).
        var ds = YamlDirectives.Extract("ci.yml", "# doclint-disable-next-line ci-parse\nscript:\n  - cargo test -- landmark:: tracking::\n# doclint-disable-next-line\n");
        var d = Assert.Single(ds);
        Assert.Equal(2, d.TargetLine);
    }

    [Fact]
    public void A_file_without_the_prefix_is_not_scanned_and_yields_nothing() =>
        Assert.Empty(YamlDirectives.Extract("ci.yml", "# a comment\na: 1\n"));
}
