using DocLint.Findings;
using DocLint.Parse.Yaml;

namespace DocLint.Rules;

/// <summary>
/// FR-009: the <c>action</c> options are exactly the configured final action names: none missing, no obsolete name,
/// no placeholder action, nothing else, nothing twice; and the default is one of them. A missing or option-less
/// <c>action</c> input is input-surface's finding.
/// </summary>
public sealed class ActionVocabularyRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new("action-vocabulary", Severity.Error,
        "The action options are exactly the configured action names", "FR-009");

    public override IEnumerable<Finding> Check(RuleContext ctx)
    {
        var name = ctx.Config.Inputs.Action;
        if (!ctx.Model.Inputs.Inputs.TryGetValue(name, out var spec) || spec.Options is not { Count: > 0 } options) yield break;
        var finals = ctx.Config.Actions.Select(a => a.Name).ToList();
        var expected = $"expected exactly {string.Join(", ", finals)}";
        var listNode = (YNode?)spec.Node?.KeyNode("options") ?? spec.KeyNode;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var renamed = new HashSet<string>(StringComparer.Ordinal); // finals whose obsolete name stands in for them
        var findings = new List<Finding>();
        foreach (var node in options)
        {
            var value = node is YScalar s ? s.AsText : null;
            if (value == null)
            {
                findings.Add(At(node, $"`{name}` option is not a plain value; {expected}", "not-scalar"));
                continue;
            }
            if (!seen.Add(value))
            {
                findings.Add(At(node, $"`{name}` option {value} is listed twice; {expected}, each once", $"twice:{value}"));
                continue;
            }
            if (finals.Contains(value)) continue;
            var renamedFrom = ctx.Config.Actions.FirstOrDefault(a => a.ObsoleteNames.Contains(value));
            if (renamedFrom != null)
            {
                renamed.Add(renamedFrom.Name);
                findings.Add(At(node, $"`{name}` option {value} is an obsolete action name; use {renamedFrom.Name}", $"obsolete:{value}"));
            }
            else if (ctx.Config.PlaceholderActions.Contains(value))
                findings.Add(At(node, $"`{name}` option {value} is a placeholder action that must not be offered as runnable; remove it ({expected})", $"placeholder:{value}"));
            else if (ClosestMissing(value, finals, options, renamed) is { } meant)
            {
                renamed.Add(meant); // a typo of a final name: one defect, not "extra" and "missing"
                findings.Add(At(node, $"`{name}` option {value} is not a configured action (a typo of {meant}?); use {meant}", $"typo:{value}"));
            }
            else
                findings.Add(At(node, $"`{name}` option {value} is not a configured action; {expected}", $"extra:{value}"));
        }
        foreach (var final in finals)
            if (!seen.Contains(final) && !renamed.Contains(final))
                findings.Add(At(listNode, $"`{name}` options lack {final}; {expected}", $"missing:{final}"));
        if (spec.DefaultInOptions == false && spec.Default != null)
            findings.Add(At(spec.Default, $"`{name}` default {(spec.Default as YScalar)?.AsText} is not one of its options (GitLab rejects the pipeline); expected one of {string.Join(", ", finals)}", "default"));
        foreach (var f in findings) yield return f;
    }

    /// <summary>The final name this unknown option most likely misspells: one not offered, at most 3 edits away.</summary>
    private static string? ClosestMissing(string value, IReadOnlyList<string> finals, IReadOnlyList<YNode> options, HashSet<string> taken)
    {
        var offered = options.OfType<YScalar>().Select(o => o.AsText).ToHashSet(StringComparer.Ordinal);
        return finals.Where(f => !offered.Contains(f) && !taken.Contains(f))
            .Select(f => (Name: f, Distance: Spelling.Distance(value, f)))
            .Where(x => x.Distance <= 3).OrderBy(x => x.Distance).Select(x => x.Name).FirstOrDefault();
    }
}
