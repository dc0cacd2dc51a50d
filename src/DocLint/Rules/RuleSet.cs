using DocLint.Findings;

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
        new DocsActionNameRule(),
        new DocsInvocationRule(),
        new DocsCoverageRule(),
    };

    /// <param name="scope">only the rules of this scope (null: every rule)</param>
    public static IReadOnlyList<Finding> Run(RuleContext ctx, RuleScope? scope = null)
    {
        var sink = new FindingSink();
        foreach (var rule in All)
        {
            if (scope is { } only && rule.Descriptor.Scope != only) continue;
            var setting = ctx.Config.Rules.TryGetValue(rule.Descriptor.Id, out var s) ? s : null;
            if (setting == "off") continue;
            Severity? severity = setting switch { "error" => Severity.Error, "warning" => Severity.Warning, "info" => Severity.Info, _ => null };
            foreach (var f in rule.Check(ctx)) sink.Add(severity is { } sev ? f with { Severity = sev } : f);
        }
        return sink.Items;
    }
}
