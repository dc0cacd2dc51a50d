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

    /// <summary>The scenarios GitLab would create a pipeline for; a refused one is ci-parse's finding, not the routing rules'.</summary>
    public static IEnumerable<ScenarioOutcome> Judged(RuleContext ctx) => ctx.Model.Outcomes.Where(o => o.Refusal == null);

    /// <summary>Whether a rule runs under this configuration (a defect another rule owns is left to it only while it runs).</summary>
    public static bool Enabled(RuleContext ctx, string ruleId) => !RuleSet.Setting(ctx.Config, ruleId).Off;

    /// <summary>
    /// Whether signal-contract owns this trigger's signal defect (CONTRACT §8: only configured signals count for the
    /// routing rules): the expected signal passed with a value other than "true", or an unknown ORCHESTRATION_* name
    /// passed where the expected signal is missing (a misspelt signal). The routing rules then say nothing about its signal.
    /// </summary>
    public static bool SignalDefectIsSignalContracts(RuleContext ctx, OrchestrationTrigger t, string expected)
    {
        if (!Enabled(ctx, "signal-contract")) return false;
        if (t.Variables.TryGetValue(expected, out var v)) return v != "true";
        var signals = ctx.Config.Signals.ToHashSet(StringComparer.Ordinal);
        return t.Variables.Keys.Any(k => k.StartsWith("ORCHESTRATION_", StringComparison.Ordinal) && !signals.Contains(k));
    }

    /// <summary>The trigger passes the expected signal as "true", or its signal defect is signal-contract's.</summary>
    public static bool SignalFine(RuleContext ctx, OrchestrationTrigger t, string expected) =>
        t.Variables.TryGetValue(expected, out var v) && v == "true" || SignalDefectIsSignalContracts(ctx, t, expected);

    /// <summary>" (and N more …)" for a finding that stands for several scenarios; empty for one.</summary>
    public static string More(int n, string what = "scenarios") => n > 0 ? $" (and {n} more {(n == 1 ? what.TrimEnd('s') : what)})" : "";

    /// <summary>The created jobs of these triggers, each once: GitLab's name for one instance, "job ×N" for several (manual marked).</summary>
    public static string Jobs(IEnumerable<OrchestrationTrigger> triggers) =>
        string.Join(", ", triggers.GroupBy(t => t.Job.Job.Name).Select(g =>
            (g.Count() > 1 ? $"{g.Key} ×{g.Count()}" : g.First().JobName) + (g.First().Manual ? " (manual)" : "")));
}
