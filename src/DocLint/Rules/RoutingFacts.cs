using DocLint.Evaluate;
using DocLint.Findings;
using DocLint.Load;
using DocLint.Parse.Yaml;

namespace DocLint.Rules;

/// <summary>Shared questions the routing rules ask of the model.</summary>
internal static class RoutingFacts
{
    public static ActionConfig? ActionOf(RuleContext ctx, Scenario s) =>
        s.Inputs.TryGetValue(ctx.Config.Inputs.Action, out var a) ? ctx.Config.Actions.FirstOrDefault(x => x.Name == a.Text) : null;

    public static string? Input(RuleContext ctx, Scenario s, string name) =>
        s.Inputs.TryGetValue(name, out var v) ? v.Text : null;

    public static bool Confirmed(RuleContext ctx, Scenario s) => Input(ctx, s, ctx.Config.Inputs.Confirm) == "true";

    /// <summary>The span of an option entry of an input (for findings about a choice), else the input key, else the file start.</summary>
    public static SourceSpan OptionSpan(RuleContext ctx, string input, string? value)
    {
        if (ctx.Model.Inputs.Inputs.TryGetValue(input, out var spec))
        {
            var option = spec.Options?.OfType<YScalar>().FirstOrDefault(o => o.AsText == value);
            return (option ?? (YNode)spec.KeyNode).Span;
        }
        return SourceSpan.FileStart(ctx.Model.Composer.RootPath);
    }

    /// <summary>Other configured signals this trigger passes as "true".</summary>
    public static List<string> WrongSignals(RuleContext ctx, OrchestrationTrigger t, string? expected) =>
        t.TrueSignals(ctx.Config.Signals).Where(x => x != expected).ToList();

    public static SourceSpan TargetSpan(OrchestrationTrigger t) =>
        (t.Job.Trigger?.ProjectNode ?? t.Job.Trigger?.Node ?? (YNode)t.Job.Job.KeyNode).Span;

    public static string More(int n) => n > 0 ? $" (and {n} more)" : "";
}
