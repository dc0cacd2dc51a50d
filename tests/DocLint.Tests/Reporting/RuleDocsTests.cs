using DocLint.Reporting;
using DocLint.Rules;
using DocLint.Tests.Support;

namespace DocLint.Tests.Reporting;

public class RuleDocsTests
{
    [Fact]
    public void Every_rules_md_is_embedded_and_every_registered_rule_has_a_complete_doc()
    {
        var files = Directory.GetFiles(Path.Combine(RepoPaths.Root, "rules"), "*.md").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        Assert.Equal(files, RuleDocs.Ids);
        foreach (var rule in RuleSet.All)
        {
            var id = rule.Descriptor.Id;
            var doc = RuleDocs.Find(id);
            Assert.True(doc != null, $"rules/{id}.md is not embedded");
            Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "rules", id + ".md")).Replace("\r\n", "\n"), doc.Markdown);
            Assert.StartsWith("**Severity:**", doc.Header);
            Assert.False(string.IsNullOrWhiteSpace(doc.Why), $"{id}: no explanation");
            Assert.False(string.IsNullOrWhiteSpace(doc.WhySummary), $"{id}: no first paragraph");
            Assert.True(doc.Failing.Count > 0, $"{id}: no failing example");
            Assert.True(doc.Passing.Count > 0, $"{id}: no passing example");
            Assert.All(doc.Failing.Concat(doc.Passing), e => Assert.False(string.IsNullOrWhiteSpace(e.Code)));
        }
        Assert.Null(RuleDocs.Find("no-such-rule"));
    }

    [Fact]
    public void A_doc_splits_into_header_explanation_examples_messages_and_advice()
    {
        var doc = RuleDocs.Parse("demo", """
            # demo

            **Severity:** error · **Enforces:** FR-005

            First paragraph says
            what it checks.

            - a list item

            ## Why

            Because **operators** rely on it.

            ## Fails

            ```yaml
            job: bad
            ```

            `job is bad; make it good`

            ```yaml
            other: bad
            ```

            ## Passes

            ```yaml
            job: good
            ```

            Watch `||`.
            """);
        Assert.Equal("**Severity:** error · **Enforces:** FR-005", doc.Header);
        Assert.Equal("First paragraph says\nwhat it checks.\n\n- a list item", doc.Explanation);
        Assert.Equal("Because **operators** rely on it.", doc.Why);
        Assert.Equal("Because **operators** rely on it.", doc.WhySummary);
        Assert.Equal(new[] { ("yaml", "job: bad", (string?)"job is bad; make it good"), ("yaml", "other: bad", null) },
            doc.Failing.Select(e => (e.Language, e.Code, e.Message)));
        Assert.Equal("job: good", Assert.Single(doc.Passing).Code);
        Assert.Equal("Watch `||`.", doc.Advice);
        Assert.Equal("First paragraph says what it checks.\na list item", RuleDoc.PlainText(doc.Explanation));
        Assert.Equal(new[] { "Fails", "Passes", "Why" }, doc.Sections.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_rule_id_a_finding_can_carry_has_a_descriptor()
    {
        var ids = RuleCatalog.All.Select(r => r.Id).ToList();
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        Assert.Contains("ci-parse", ids);
        Assert.Contains("unused-suppression", ids);
        Assert.Contains("docs-coverage", ids);
        Assert.All(RuleSet.All, r => Assert.Contains(r.Descriptor.Id, ids));
    }
}
