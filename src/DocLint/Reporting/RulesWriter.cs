using System.Text;
using DocLint.Rules;

namespace DocLint.Reporting;

/// <summary>
/// <c>doclint rules [ID]</c>: the rule list (id, default severity, scope, what it enforces, title), or one rule's page —
/// title, severity, what it enforces, why, the failing and passing examples with the message the failing one gives,
/// and the help link — from the rules' metadata (<see cref="RuleDescriptor"/>) and their <c>rules/&lt;id&gt;.md</c>.
/// </summary>
public static class RulesWriter
{
    public static string List()
    {
        var rules = RuleCatalog.All.OrderBy(r => r.Scope).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        var width = rules.Max(r => r.Id.Length);
        var sb = new StringBuilder();
        foreach (var group in rules.GroupBy(r => r.Scope))
        {
            sb.Append(group.Key switch { RuleScope.Ci => "CI and catalogue", RuleScope.Docs => "Docs", RuleScope.Playbooks => "Release-train playbooks", _ => "Suppressions" })
              .Append('\n');
            foreach (var r in group)
                sb.Append("  ").Append(r.Id.PadRight(width)).Append("  ").Append(ReportOrder.Name(r.DefaultSeverity).PadRight(7))
                  .Append("  ").Append(r.Title).Append(r.Enforces.Length > 0 ? $" ({r.Enforces})" : "").Append('\n');
        }
        sb.Append("\n`doclint rules ID` describes one rule.\n");
        return sb.ToString();
    }

    /// <summary>One rule's page, or null when no rule has that id.</summary>
    public static string? Describe(string id, string? docsUrl = null)
    {
        var rule = RuleCatalog.All.FirstOrDefault(r => r.Id == id);
        if (rule == null) return null;
        var doc = RuleDocs.Find(id);
        var sb = new StringBuilder();
        sb.Append(rule.Id).Append(": ").Append(rule.Title).Append('\n');
        sb.Append("severity: ").Append(ReportOrder.Name(rule.DefaultSeverity));
        if (rule.Enforces.Length > 0) sb.Append(" · enforces: ").Append(rule.Enforces);
        sb.Append(" · scope: ").Append(rule.Scope.ToString().ToLowerInvariant()).Append('\n');
        if (doc != null)
        {
            sb.Append('\n').Append(Wrap(RuleDoc.PlainText(doc.Why))).Append('\n');
            foreach (var ex in doc.Failing)
            {
                sb.Append("\nFails:\n").Append(Indent(ex.Code));
                foreach (var m in ex.Messages) sb.Append("  → ").Append(m).Append('\n');
            }
            foreach (var ex in doc.Passing) sb.Append("\nPasses:\n").Append(Indent(ex.Code));
            if (doc.Advice != null) sb.Append('\n').Append(Wrap(RuleDoc.PlainText(doc.Advice))).Append('\n');
        }
        if (rule.HelpUriFor(docsUrl) is { } more) sb.Append("\nMore: ").Append(more).Append('\n');
        return sb.ToString();
    }

    /// <summary>" (did you mean X?)" for an unknown id.</summary>
    public static string Suggest(string id) =>
        Findings.Spelling.Suggest(id, RuleCatalog.All.Select(r => r.Id));

    private static string Indent(string code) =>
        string.Concat(code.Replace("\r\n", "\n").TrimEnd('\n').Split('\n').Select(l => "    " + l + "\n"));

    private static string Wrap(string text)
    {
        var sb = new StringBuilder();
        foreach (var para in text.Replace("\r\n", "\n").Split("\n\n"))
        {
            var col = 0;
            foreach (var word in para.Split(new[] { ' ', '\n' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (col > 0 && col + 1 + word.Length > 100) { sb.Append('\n'); col = 0; }
                else if (col > 0) { sb.Append(' '); col++; }
                sb.Append(word);
                col += word.Length;
            }
            sb.Append("\n\n");
        }
        return sb.ToString().TrimEnd('\n');
    }
}
