using DocLint.Findings;
using DocLint.Parse.GitLab.Inputs;
using DocLint.Parse.Yaml;

namespace DocLint.Rules;

/// <summary>
/// FR-001: the root CI file offers the Run pipeline form: a <c>spec:inputs</c> header with the action, project and
/// confirm inputs; action and project with <c>options</c>; confirm a <c>boolean</c> defaulting to <c>false</c>; every
/// input with a <c>description</c> and a <c>default</c> (without one GitLab cannot start push or merge-request pipelines).
/// </summary>
public sealed class InputSurfaceRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new("input-surface", Severity.Error,
        "The root CI file offers action, project and confirm in the Run pipeline form", "FR-001");

    public override IEnumerable<Finding> Check(RuleContext ctx)
    {
        if (ctx.Model.RootUnreadable) yield break; // ci-parse reports why; nothing can be said about its header
        var names = ctx.Config.Inputs;
        var inputs = ctx.Model.Inputs;
        var spec = ctx.Model.Composer.RootFile.Spec;
        var expected = $"expected spec:inputs with {names.Action}, {names.Project} and {names.Confirm}";
        if (spec == null || !inputs.Declared)
        {
            var span = spec?.Span ?? SourceSpan.FileStart(ctx.Model.Composer.RootPath);
            yield return At(span, $"{ctx.Model.Composer.RootPath} has no spec:inputs header, so the Run pipeline form asks nothing; {expected}", "no-spec");
            yield break;
        }
        var header = (YNode?)spec.KeyNode("inputs") ?? spec;
        foreach (var name in new[] { names.Action, names.Project, names.Confirm })
            if (!inputs.Inputs.ContainsKey(name))
                yield return At(header, $"spec:inputs has no `{name}` input; {expected}", $"missing:{name}");

        foreach (var name in new[] { names.Action, names.Project })
            if (inputs.Inputs.TryGetValue(name, out var s) && (s.Options == null || s.Options.Count == 0))
                yield return At(s.KeyNode, $"input `{name}` has no options, so operators type it freely; expected an options list", $"no-options:{name}");

        if (inputs.Inputs.TryGetValue(names.Confirm, out var confirm))
        {
            if (confirm.Type != InputType.Boolean)
                yield return At((YNode?)confirm.Node?["type"] ?? confirm.KeyNode,
                    $"input `{names.Confirm}` is type: {confirm.Type.ToString().ToLowerInvariant()}; expected type: boolean (a tick box) with default: false",
                    $"confirm-type");
            if (!IsFalse(confirm.Default))
                yield return At((YNode?)confirm.Default ?? confirm.KeyNode,
                    confirm.Default == null
                        ? $"input `{names.Confirm}` has no default; expected default: false so nothing starts unless it is ticked"
                        : $"input `{names.Confirm}` defaults to {Text(confirm.Default)}; expected default: false so nothing starts unless it is ticked",
                    "confirm-default");
        }

        foreach (var s in inputs.Ordered)
        {
            if (string.IsNullOrWhiteSpace(s.Description))
                yield return At(s.KeyNode, $"input `{s.Name}` has no description; expected a description the Run pipeline form shows as its question", $"no-description:{s.Name}");
            if (s.Name != names.Confirm && s.IsMandatory)
                yield return At(s.KeyNode, $"input `{s.Name}` has no default; expected a default, else GitLab cannot start push or merge-request pipelines", $"no-default:{s.Name}");
        }
    }

    private static bool IsFalse(YNode? node) => node is YScalar s && s.AsText == "false";

    private static string Text(YNode node) => node is YScalar s ? (s.IsNull ? "null" : s.AsText) : "a " + node.GetType().Name[1..].ToLowerInvariant();
}
