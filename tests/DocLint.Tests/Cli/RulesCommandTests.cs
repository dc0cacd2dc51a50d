using DocLint.Reporting;
using DocLint.Rules;
using DocLint.Tests.Support;

namespace DocLint.Tests.Cli;

public class RulesCommandTests
{
    [Fact]
    public async Task Rules_lists_every_rule_id_with_its_default_severity()
    {
        var (code, output, err) = await CliRun.Run("rules");
        Assert.Equal(0, code);
        Assert.Equal("", err);
        foreach (var rule in RuleCatalog.All)
            Assert.Matches($@"(?m)^  {System.Text.RegularExpressions.Regex.Escape(rule.Id)} +{ReportOrder.Name(rule.DefaultSeverity)} ", output);
    }

    [Fact]
    public async Task Rules_ID_prints_the_doc_why_examples_message_and_link()
    {
        var (code, output, _) = await CliRun.Run("rules", "confirm-gate");
        Assert.Equal(0, code);
        Assert.StartsWith("confirm-gate: Orchestration never starts without confirm=true\nseverity: error · enforces: FR-005", output);
        var doc = RuleDocs.Find("confirm-gate")!;
        Assert.Contains("Fails:", output);
        Assert.Contains("Passes:", output);
        Assert.Contains("→ " + doc.Failing[0].Message, output);
        Assert.DoesNotContain("More:", output); // no docs URL given: no link (DocLint has no site)
        var (linked, withUrl, _) = await CliRun.Run("rules", "confirm-gate", "--docs-url", "https://gitlab.example.com/ops/doclint/-/blob/main/rules");
        Assert.Equal(0, linked);
        Assert.EndsWith("\nMore: https://gitlab.example.com/ops/doclint/-/blob/main/rules/confirm-gate.md\n", withUrl);
        var (bad, _, err) = await CliRun.Run("rules", "confirm-gate", "--docs-url", "docs/rules");
        Assert.Equal(2, bad);
        Assert.Equal("doclint: error: --docs-url: expected an absolute http(s) URL, got 'docs/rules'\n", err.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Every_rule_has_a_page()
    {
        foreach (var rule in RuleCatalog.All)
        {
            var (code, output, _) = await CliRun.Run("rules", rule.Id);
            Assert.Equal(0, code);
            Assert.Contains("Fails:", output);
            Assert.Contains("Passes:", output);
        }
    }

    [Fact]
    public async Task An_unknown_rule_is_exit_2_with_a_suggestion()
    {
        var (code, output, err) = await CliRun.Run("rules", "confirm-gat");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("did you mean confirm-gate?", err);
    }
}
