using DocLint.Findings;
using DocLint.Load;

namespace DocLint.Rules;

/// <summary>Every rule DocLint knows, and running them with the configuration's severities (<c>rules:</c> key).</summary>
public static class RuleSet
{
    public static IReadOnlyList<Rule> All { get; } = new Rule[]
    {
        new InputSurfaceRule(),
        new ActionVocabularyRule(),
        new ProjectOptionsRule(),
        new ConfirmGateRule(),
        new SingleRoutingRule(),
        new FanoutCatalogueRule(),
        new LegacyInvokeRule(),
        new SignalContractRule(),
        new CompositionRule(),
    };

    public static IReadOnlyList<Finding> Run(RuleContext ctx)
    {
        var sink = new FindingSink();
        foreach (var rule in All)
        {
            if (IsOff(ctx.Config, rule.Descriptor.Id)) continue;
            if (rule.Descriptor.Scope == RuleScope.Ci && !ctx.Model.HasCi) continue; // ci: null
            sink.AddRange(Configured(ctx.Config, rule.Check(ctx)));
        }
        return sink.Items;
    }

    public static bool IsOff(DocLintConfig config, string ruleId) =>
        config.Rules.TryGetValue(ruleId, out var s) && s == "off";

    /// <summary>
    /// Findings with the severity the config's <c>rules:</c> gives their rule, and without those of rules set to
    /// <c>off</c>: for rule results and for what loading reports under a rule ID (ci-parse, catalogue problems).
    /// </summary>
    public static IEnumerable<Finding> Configured(DocLintConfig config, IEnumerable<Finding> findings)
    {
        foreach (var f in findings)
        {
            var setting = config.Rules.TryGetValue(f.RuleId, out var s) ? s : null;
            if (setting == "off") continue;
            Severity? severity = setting switch { "error" => Severity.Error, "warning" => Severity.Warning, "info" => Severity.Info, _ => null };
            yield return severity is { } sev ? f with { Severity = sev } : f;
        }
    }
}
