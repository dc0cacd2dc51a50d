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
        new DocsActionNameRule(),
        new DocsInvocationRule(),
        new DocsGeneratedRule(),
        new DocsCoverageRule(),
        new TrainOrderRule(),
        new TrainCoverageRule(),
        new PlaybookStepsRule(),
    };

    /// <summary>Findings the routing model itself raises while reading the CI files (not a <see cref="Rule"/> class).</summary>
    public static RuleDescriptor CiParse { get; } = new("ci-parse", Severity.Error,
        "GitLab can read the CI configuration and create the pipeline", "GitLab's own validation");

    /// <summary>Raised by the suppression engine after the rules ran (Findings/Suppressions), not by <see cref="Run"/>.</summary>
    public static RuleDescriptor UnusedSuppression { get; } = new("unused-suppression", Severity.Info,
        "Every inline suppression suppresses something, and only what may be suppressed", "CONTRACT §5.4", RuleScope.Any);

    /// <summary>Every rule ID a finding can carry: the <see cref="All"/> rules plus those the engine raises itself
    /// (what <c>doclint rules</c> lists and inline directives may name).</summary>
    public static IReadOnlyList<RuleDescriptor> Descriptors { get; } =
        All.Select(r => r.Descriptor).Append(CiParse).Append(UnusedSuppression).ToList();

    /// <summary>The config's <c>rules:</c> entry for a rule: off, a severity override, or neither (null: keep the rule's own).</summary>
    public static (bool Off, Severity? Severity) Setting(DocLintConfig config, string ruleId)
    {
        var setting = config.Rules.TryGetValue(ruleId, out var s) ? s : null;
        Severity? severity = setting switch { "error" => Severity.Error, "warning" => Severity.Warning, "info" => Severity.Info, _ => null };
        return (setting == "off", severity);
    }

    private static readonly HashSet<string> CatalogueRules = new(StringComparer.Ordinal)
        { "project-options", "fanout-catalogue", "legacy-invoke", "train-order", "train-coverage" };

    /// <param name="scope">only the rules of this scope (null: every rule)</param>
    public static IReadOnlyList<Finding> Run(RuleContext ctx, RuleScope? scope = null)
    {
        var selected = new List<Rule>();
        foreach (var rule in All)
        {
            if (scope is { } only && rule.Descriptor.Scope != only) continue;
            var (off, _) = Setting(ctx.Config, rule.Descriptor.Id);
            if (off) continue;
            if (rule.Descriptor.Scope == RuleScope.Ci && !ctx.Model.HasCi) continue; // `ci: null`: no CI to check
            // A catalogue file that cannot be read is reported once (project-options, at the config line naming it); the
            // rules that compare against the catalogue would only repeat it for every project, so they do not run.
            if (ctx.Model.Catalogue is { FromFile: true, Read: false } && CatalogueRules.Contains(rule.Descriptor.Id)) continue;
            selected.Add(rule);
        }
        // The rules only read the context, so they run side by side on the cores; their findings are gathered in
        // the rules' order, so the result is the same as one after the other.
        var found = new List<Finding>[selected.Count];
        try
        {
            Parallel.For(0, selected.Count, i => found[i] = Configured(ctx.Config, selected[i].Check(ctx)).ToList());
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        var sink = new FindingSink();
        foreach (var findings in found) sink.AddRange(findings);
        return sink.Items;
    }

    /// <summary>
    /// Findings with the severity the config's <c>rules:</c> gives their rule, and without those of rules set to
    /// <c>off</c>: for rule results and for what loading reports under a rule ID (ci-parse, catalogue problems).
    /// </summary>
    public static IEnumerable<Finding> Configured(DocLintConfig config, IEnumerable<Finding> findings)
    {
        foreach (var f in findings)
        {
            var (off, severity) = Setting(config, f.RuleId);
            if (off) continue;
            yield return severity is { } sev ? f with { Severity = sev } : f;
        }
    }
}
