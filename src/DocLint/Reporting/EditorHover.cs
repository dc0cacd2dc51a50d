using System.Text;
using DocLint.Evaluate;
using DocLint.Findings;
using DocLint.Load;
using DocLint.Parse.Markdown;
using DocLint.Parse.Yaml;

namespace DocLint.Reporting;

/// <summary>
/// What the language server shows on hover (CONTRACT §10), as Markdown: on a documented invocation, the
/// <c>explain</c> rows of the Run pipeline choices it describes (what GitLab creates: jobs, downstream projects,
/// branches); on an option of the CI file's <c>spec:inputs</c>, the docs lines that document it.
/// </summary>
public static class EditorHover
{
    /// <summary>The invocation whose action or project/confirm assignment (key included) covers <paramref name="offset"/>.</summary>
    public static (Invocation Invocation, int Start, int End)? InvocationAt(MarkdownDocument doc, InputNames names, int offset)
    {
        foreach (var inv in doc.Invocations(names).Invocations)
        {
            foreach (var a in inv.Projects.Prepend(inv.Action).Concat(inv.Confirms))
            {
                var keyLength = (a.Key switch { InputKey.Action => names.Action, InputKey.Project => names.Project, _ => names.Confirm }).Length;
                var start = Math.Max(0, a.Offset - keyLength - 3);
                // The key sits before the value (action=, action: , "action": "); the line bounds the reach back.
                var lineStart = doc.Text.LastIndexOf('\n', Math.Max(0, a.Offset - 1)) + 1;
                start = Math.Max(start, lineStart);
                if (offset >= start && offset <= a.Offset + a.Length) return (inv, a.Offset, a.Offset + a.Length);
            }
        }
        return null;
    }

    /// <summary>The explain rows of the Run pipeline choices an invocation describes (a placeholder project: every project).</summary>
    public static string ForInvocation(RoutingModel model, Invocation inv)
    {
        var names = model.Config.Inputs;
        var projects = inv.Projects.Where(p => !p.IsPlaceholder).Select(p => p.Value).ToHashSet(StringComparer.Ordinal);
        var anyProject = projects.Count == 0;
        var confirms = inv.Confirms.Where(c => !c.IsPlaceholder).Select(c => c.Value.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var sb = new StringBuilder();
        var described = $"{names.Action}={inv.Action.Value}"
                        + (inv.Projects.Count > 0 ? $" {names.Project}={string.Join(",", inv.Projects.Select(p => p.Value))}" : "")
                        + (inv.Confirms.Count > 0 ? $" {names.Confirm}={string.Join(",", inv.Confirms.Select(c => c.Value))}" : "");
        sb.Append("**What GitLab creates** for `").Append(described).Append("` (doclint explain)\n\n");
        var rows = ExplainWriter.Rows(model).Where(r => r.Outcome.Scenario.Kind == ScenarioKind.Ui).Where(r =>
        {
            var inputs = r.Outcome.Scenario.Inputs;
            if (!inputs.TryGetValue(names.Action, out var a) || a.Text != inv.Action.Value) return false;
            if (inputs.TryGetValue(names.Project, out var p) && !(anyProject ? p.Text != model.Config.AllSelector : projects.Contains(p.Text))) return false;
            return confirms.Count == 0 || !inputs.TryGetValue(names.Confirm, out var c) || confirms.Contains(c.Text.ToLowerInvariant());
        }).ToList();
        if (rows.Count == 0)
        {
            sb.Append(model.RootUnreadable
                ? $"The CI file {model.Composer.RootPath} cannot be read, so nothing can be said about this invocation.\n"
                : "No choice of the Run pipeline form matches this invocation.\n");
            return sb.ToString();
        }
        foreach (var r in rows.Take(20)) sb.Append("- `").Append(r.Choice).Append("` → ").Append(r.Triggers).Append('\n');
        if (rows.Count > 20) sb.Append($"- … and {rows.Count - 20} more choices\n");
        return sb.ToString();
    }

    /// <summary>The option of the root CI file's <c>spec:inputs</c> (action or project) at a 1-based position, or null.</summary>
    public static (string Input, string Value, SourceSpan Span)? OptionAt(RoutingModel model, string path, int line, int column)
    {
        if (!model.HasCi || path != model.Composer.RootPath) return null;
        var names = model.Config.Inputs;
        foreach (var input in new[] { names.Action, names.Project })
        {
            if (!model.Inputs.Inputs.TryGetValue(input, out var spec) || spec.Options == null) continue;
            foreach (var o in spec.Options.OfType<YScalar>())
            {
                var s = o.Span;
                if (line == s.Line && column >= s.Column && (s.EndLine > s.Line || column <= s.EndColumn)) return (input, o.AsText, s);
            }
        }
        return null;
    }

    /// <summary>The docs lines that document an option: every invocation assigning it, as <c>path:line: text</c>.</summary>
    public static string ForOption(RoutingModel model, DocSet docs, string input, string value)
    {
        var names = model.Config.Inputs;
        var sb = new StringBuilder().Append("**Documented in** (`").Append(input).Append('=').Append(value).Append("`)\n\n");
        var count = 0;
        foreach (var doc in docs.Documents)
        {
            var seen = new HashSet<int>();
            foreach (var inv in doc.Invocations(names).Invocations)
            {
                var hits = input == names.Action ? new[] { inv.Action } : inv.Projects.ToArray();
                foreach (var a in hits.Where(a => a.Value == value))
                {
                    var (line, _) = doc.Position(a.Offset);
                    if (!seen.Add(line)) continue;
                    if (++count <= 30)
                    {
                        var start = doc.Text.LastIndexOf('\n', Math.Max(0, a.Offset - 1)) + 1;
                        var end = doc.Text.IndexOf('\n', a.Offset);
                        var text = doc.Text[start..(end < 0 ? doc.Text.Length : end)].Trim();
                        if (text.Length > 120) text = text[..120] + "…";
                        sb.Append("- ").Append(doc.Path).Append(':').Append(line).Append(": `").Append(text.Replace("`", "'")).Append("`\n");
                    }
                }
            }
        }
        if (count == 0) sb.Append("No doc documents it.\n");
        else if (count > 30) sb.Append($"- … and {count - 30} more lines\n");
        return sb.ToString();
    }
}
