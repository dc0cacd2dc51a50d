using DocLint.Evaluate;
using DocLint.Findings;
using DocLint.Parse.Yaml;

namespace DocLint.Rules;

/// <summary>
/// FR-007: for each action's legacy variable V, some legacy source (api, schedule, trigger, web) yields exactly the
/// all fan-out of V's action, and no source yields a partial or mixed one. A source that creates nothing is fine
/// while another yields the exact fan-out (CONTRACT §8). A defect the confirmed ui fan-out of the same action shows
/// too (the same job's matrix, the same wrong signal) is fanout-catalogue's finding, not again this rule's.
/// </summary>
public sealed class LegacyInvokeRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new("legacy-invoke", Severity.Error,
        "INVOKE_* variables still start the matching all fan-out", "FR-007");

    public override IEnumerable<Finding> Check(RuleContext ctx)
    {
        var uiDefects = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        if (RoutingFacts.Enabled(ctx, "fanout-catalogue"))
            foreach (var (o, a) in FanoutCatalogueRule.UiFanOuts(ctx))
                foreach (var d in FanoutCatalogueRule.FanOutDefects(ctx, o, a))
                    (uiDefects.TryGetValue(a.Name, out var set) ? set : uiDefects[a.Name] = new HashSet<string>(StringComparer.Ordinal)).Add(d.Group);

        foreach (var action in ctx.Config.Actions)
        {
            if (action.LegacyVariable is not { } variable || action.Signal == null) continue;
            var outcomes = RoutingFacts.Judged(ctx).Where(o => o.Scenario.Kind == ScenarioKind.Legacy && o.Scenario.Variables.ContainsKey(variable)).ToList();
            if (outcomes.Count == 0) continue; // every legacy pipeline is refused: ci-parse (or input-surface) says why
            var exact = 0;
            var groups = new FanoutCatalogueRule.DefectGroups();
            var expected = $"a legacy bulk invocation must start the whole fan-out of {action.Name}";
            foreach (var o in outcomes)
            {
                if (o.Triggers.Count == 0) continue;
                var defects = FanoutCatalogueRule.FanOutDefects(ctx, o, action);
                if (defects.Count == 0) { exact++; continue; }
                foreach (var d in defects)
                    if (!(uiDefects.TryGetValue(action.Name, out var ui) && ui.Contains(d.Group)))
                        groups.Add(d, $"{variable}=true (source={o.Scenario.Source})");
            }
            var any = false;
            foreach (var (d, what, more) in groups.Items)
            {
                any = true;
                yield return At(d.Span, $"{what} {d.Detail}; {expected}: {d.Expected}{RoutingFacts.More(more, "sources")}", $"legacy:{variable}:{d.Key}");
            }
            if (exact == 0 && !any && outcomes.All(o => o.Triggers.Count == 0))
                yield return At(LegacySpan(ctx, variable, action),
                    $"{variable}=true starts nothing in any of the sources {string.Join(", ", RoutingModel.LegacySources)}; {expected} ({action.Signal}=\"true\" to every catalogue project)",
                    $"legacy:{variable}:none");
        }
    }

    /// <summary>
    /// Where a legacy variable that starts nothing is fixed: the first trigger job rule that tests it (one that never
    /// matches or is never reached), else the job key of the action's ui fan-out (the job that should have the rule),
    /// else the root file's first line.
    /// </summary>
    private static SourceSpan LegacySpan(RuleContext ctx, string variable, Load.ActionConfig action)
    {
        var composed = StaticFacts.Composed(ctx);
        foreach (var job in composed.Jobs.Where(StaticFacts.IsTriggerJob))
            foreach (var rule in YTree.Flatten(job["rules"]).OfType<YMapping>())
                if (YTree.Text(rule["if"]) is { } text && text.Contains("$" + variable)) return rule.Span;
        var fanOut = FanoutCatalogueRule.UiFanOuts(ctx).Where(x => x.Action.Name == action.Name)
            .SelectMany(x => x.Outcome.Triggers).FirstOrDefault(t => t.Variables.TryGetValue(action.Signal!, out var v) && v == "true");
        return fanOut?.Job.Job.KeyNode.Span ?? SourceSpan.FileStart(ctx.Model.Composer.RootPath);
    }
}
