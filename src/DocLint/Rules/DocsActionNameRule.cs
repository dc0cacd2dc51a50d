using DocLint.Findings;
using DocLint.Parse.Markdown;

namespace DocLint.Rules;

/// <summary>
/// FR-009, FR-010, NFR-005: a documented invocation names a configured final action (an obsolete name is rewritten
/// by <c>--fix</c>); a placeholder action (<c>rollback</c>) is never documented as runnable; an obsolete static job
/// name (<c>cut-off:bf-portal</c>, <c>release:all</c>) does not appear in inline code or a code block.
/// </summary>
public sealed class DocsActionNameRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new("docs-action-name", Severity.Error,
        "Documented invocations name a configured final action; no obsolete job names", "FR-009, FR-010, NFR-005", RuleScope.Docs);

    public override IEnumerable<Finding> Check(RuleContext ctx)
    {
        var facts = new DocsFacts(ctx);
        var input = ctx.Config.Inputs.Action;
        var finals = string.Join(" or ", facts.Finals);
        foreach (var doc in ctx.Docs.Documents)
        {
            foreach (var inv in facts.Invocations(doc))
            {
                var a = inv.Action;
                if (a.IsPlaceholder || facts.IsFinal(a.Value)) continue;
                var span = doc.Span(a.Offset, a.Offset + a.Length);
                if (facts.ObsoleteOf(a.Value) is { } renamed)
                {
                    yield return At(span, $"{input}={a.Value} is an obsolete action name; use {input}={renamed.Name}", "obsolete:" + a.Value) with
                    {
                        Suggestion = $"replace {a.Value} with {renamed.Name}",
                        Edit = new TextEdit(span, a.Offset, a.Length, a.Value, renamed.Name),
                    };
                }
                else if (facts.IsPlaceholderAction(a.Value))
                    yield return At(span, $"{input}={a.Value} is documented as runnable, but {a.Value} is a placeholder action the pipeline does not offer; " +
                                          $"describe the manual procedure instead (the actions are {finals})", "placeholder:" + a.Value);
                else if (facts.Finals.FirstOrDefault(f => f.Equals(a.Value, StringComparison.OrdinalIgnoreCase)) is { } cased)
                    yield return At(span, $"{input}={a.Value} is not a configured action (action names are case-sensitive); use {input}={cased}", "case:" + a.Value)
                        with { Suggestion = $"replace {a.Value} with {cased}" };
                else
                {
                    var near = DocsFacts.Closest(a.Value, facts.Finals);
                    yield return At(span, $"{input}={a.Value} is not a configured action; " +
                                          (near != null ? $"did you mean {input}={near}?" : $"use {finals}"), "unknown:" + a.Value);
                }
            }
            if (facts.JobNames.Count == 0) continue;
            foreach (var code in doc.Invocations(ctx.Config.Inputs).Code)
            {
                if (doc.Regions.Covers(code.Offset)) continue; // generated: docs-generated's to judge
                if (code.Inline) { if (JobName(ctx, facts, doc, code.Offset, code.Length) is { } f) yield return f; continue; }
                var end = code.Offset + code.Length;
                var i = code.Offset;
                while (i < end)
                {
                    while (i < end && char.IsWhiteSpace(doc.Text[i])) i++;
                    var start = i;
                    while (i < end && !char.IsWhiteSpace(doc.Text[i])) i++;
                    if (i > start && JobName(ctx, facts, doc, start, i - start) is { } f) yield return f;
                }
            }
        }
    }

    /// <summary>CONTRACT §8: a whole token (an inline code span's content, or a code-block token) after dropping
    /// trailing <c>:</c>, <c>,</c>, <c>.</c> and <c>;</c>.</summary>
    private Finding? JobName(RuleContext ctx, DocsFacts facts, MarkdownDocument doc, int offset, int length)
    {
        var end = offset + length;
        while (end > offset && doc.Text[end - 1] is ':' or ',' or '.' or ';') end--;
        var span = doc.Text.AsSpan(offset, end - offset);
        if (span.IndexOf(':') < 0 || !facts.JobNameLookup.TryGetValue(span, out var job)) return null; // no string per token
        var token = span.ToString();
        var names = ctx.Config.Inputs;
        var instead = job.Action != null
            ? $"run the pipeline with {names.Action}={job.Action.Name} {names.Project}={job.Project} {names.Confirm}=true"
            : "run the pipeline with its inputs";
        return At(doc.Span(offset, end), $"{token} is an obsolete job name (the per-project jobs no longer exist); {instead}", "job:" + token)
            with { Suggestion = instead };
    }
}
