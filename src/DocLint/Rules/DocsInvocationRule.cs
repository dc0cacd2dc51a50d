using DocLint.Findings;

namespace DocLint.Rules;

/// <summary>
/// FR-010, NFR-005: a documented invocation is complete: it names a project (a catalogue project, the all selector,
/// or a placeholder) and sets <c>confirm=true</c>, so an operator following it starts what the runbook says.
/// </summary>
public sealed class DocsInvocationRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new("docs-invocation", Severity.Error,
        "Documented invocations name a catalogue project (or all) and confirm=true", "FR-010, NFR-005", RuleScope.Docs);

    public override IEnumerable<Finding> Check(RuleContext ctx)
    {
        var facts = new DocsFacts(ctx);
        var (action, project, confirm) = (ctx.Config.Inputs.Action, ctx.Config.Inputs.Project, ctx.Config.Inputs.Confirm);
        var choices = facts.Projects.Count == 0
            ? $"{project}={facts.AllSelector} (the catalogue is empty)"
            : $"{project}={facts.AllSelector} or one of {string.Join(", ", facts.Projects)}";
        foreach (var doc in ctx.Docs.Documents)
        foreach (var inv in facts.Invocations(doc))
        {
            var a = inv.Action;
            var actionSpan = doc.Span(a.Offset, a.Offset + a.Length);
            var what = $"invocation {action}={a.Value}";
            if (inv.Projects.Count == 0)
                yield return At(actionSpan, $"{what} names no {project}; add {choices}", "no-project:" + a.Value);
            foreach (var p in inv.Projects)
            {
                if (facts.IsKnownProject(p)) continue;
                var near = DocsFacts.Closest(p.Value, facts.Projects.Append(facts.AllSelector));
                yield return At(doc.Span(p.Offset, p.Offset + p.Length),
                    $"{project}={p.Value} is not in the catalogue and not {facts.AllSelector}; " + (near != null ? $"did you mean {project}={near}?" : $"use {choices}"),
                    "project:" + p.Value);
            }
            if (inv.Confirms.Count == 0)
                yield return At(actionSpan, $"{what} does not set {confirm}=true; nothing is triggered without it", "no-confirm:" + a.Value);
            else if (!inv.Confirms.Any(c => DocsFacts.IsTrue(c) || c.IsPlaceholder))
            {
                var c = inv.Confirms[0];
                yield return At(doc.Span(c.Offset, c.Offset + c.Length),
                    $"{confirm}={c.Value} in {what}: nothing is triggered unless {confirm}=true", "confirm:" + c.Value);
            }
        }
    }
}
