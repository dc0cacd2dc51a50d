using DocLint.Reporting;
using DocLint.Rules;
using DocLint.Tests.Support;

namespace DocLint.Tests.Cli;

/// <summary><c>doclint rules ID</c> as a user's terminal gets it: the rule's own examples, no path into DocLint's
/// source tree, and a final newline (so the shell prompt starts on a line of its own).</summary>
public class RulesPageTests
{
    [Fact]
    public void Every_rule_page_shows_its_own_examples_without_source_tree_paths_and_ends_with_a_newline()
    {
        foreach (var rule in RuleCatalog.All)
        {
            var r = Processes.Run(NativeBinary.Path, new[] { "rules", rule.Id }, Path.GetTempPath(), timeoutMs: 60_000);
            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.EndsWith("\n", r.Stdout);
            Assert.DoesNotContain("docs-fixtures", r.Stdout);
            var doc = RuleDocs.Find(rule.Id)!;
            var firstLine = doc.Failing[0].Code.Replace("\r\n", "\n").Split('\n')[0];
            Assert.Contains("Fails:\n    " + firstLine, r.Stdout);
        }
    }
}
