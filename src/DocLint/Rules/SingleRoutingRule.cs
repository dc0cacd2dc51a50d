using DocLint.Evaluate;
using DocLint.Findings;

namespace DocLint.Rules;

/// <summary>
/// FR-002/FR-003: a confirmed ui choice of one project P creates exactly one orchestration trigger, targeting P,
/// passing the action's signal as "true" and no other signal as "true". One finding per defect and job, naming the
/// first scenario that shows it and how many more do, not one per scenario. A signal passed with a wrong value or
/// under a misspelt name is signal-contract's finding.
/// </summary>
public sealed class SingleRoutingRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new("single-routing", Severity.Error,
        "A confirmed single-project choice triggers exactly that project with the action's signal", "FR-002, FR-003");

    public override IEnumerable<Finding> Check(RuleContext ctx)
    {
        var groups = new FanoutCatalogueRule.DefectGroups();
        foreach (var o in RoutingFacts.Judged(ctx))
        {
            var s = o.Scenario;
            if (s.Kind != ScenarioKind.Ui || !RoutingFacts.Confirmed(ctx, s)) continue;
            var project = RoutingFacts.Input(ctx, s, ctx.Config.Inputs.Project);
            if (project == null || project == ctx.Config.AllSelector) continue;
            if (!ctx.Model.Catalogue.Projects.Any(p => p.Name == project)) continue; // project-options reports it
            var action = RoutingFacts.ActionOf(ctx, s);
            if (action?.Signal is not { } signal) continue;                         // action-vocabulary reports it
            foreach (var d in Defects(ctx, o, action.Name, signal, project)) groups.Add(d, s.Describe());
        }
        foreach (var (d, what, more) in groups.Items)
            yield return At(d.Span, $"{what} {d.Detail}; {d.Expected}{RoutingFacts.More(more)}", d.Key);
    }

    private static IEnumerable<FanoutCatalogueRule.Defect> Defects(RuleContext ctx, ScenarioOutcome o, string action, string signal, string project)
    {
        var expect = $"expected exactly one trigger of {project} passing {signal}=\"true\"";
        if (o.Triggers.Count == 0)
        {
            yield return new($"none:{action}", RoutingFacts.OptionSpan(ctx, ctx.Config.Inputs.Action, action), "starts no orchestration trigger", expect);
            yield break;
        }
        var onTarget = o.Triggers.Where(t => t.Target?.Name == project).ToList();
        var others = o.Triggers.Except(onTarget).ToList();
        var judged = onTarget;
        if (o.Triggers.Count > 1 && others.Count > 0)
        {
            // More than one trigger: one defect at the rule that let the first unwanted one through.
            var fanOut = others.Any(t => t.Job.Matrix != null) ? ", never the all fan-out too" : "";
            yield return new($"many:{action}:{others[0].Job.Job.Name}", SpanOf(others[0].Job),
                $"starts {o.Triggers.Count} orchestration triggers ({RoutingFacts.Jobs(o.Triggers)})", expect + fanOut);
        }
        else if (others.Count == 1)
        {
            var t = others[0];
            yield return new($"target:{t.Job.Job.Name}", RoutingFacts.TargetSpan(t), $"starts {t.Describe()} targeting {t.Project ?? "(no project)"}", expect);
            judged = others;
        }
        else if (onTarget.Count > 1)
            yield return new($"twice:{action}", SpanOf(onTarget[1].Job), $"starts {onTarget.Count} triggers of {project} ({RoutingFacts.Jobs(onTarget)})", expect);

        foreach (var t in judged.GroupBy(t => t.Job.Job.Name).Select(g => g.First()))
        {
            var missing = !RoutingFacts.SignalFine(ctx, t, signal);
            var wrong = RoutingFacts.WrongSignals(ctx, t, signal);
            var passing = $"{string.Join(", ", wrong)}=\"true\"";
            if (missing && wrong.Count > 0)
                yield return new($"signal:{t.Job.Job.Name}:{signal}", SpanOf(t.Job), $"starts {t.Describe()} passing {passing} instead of {signal}=\"true\"", expect);
            else if (missing)
                yield return new($"signal:{t.Job.Job.Name}:{signal}", SpanOf(t.Job), $"starts {t.Describe()} without {signal}=\"true\"", expect);
            else if (wrong.Count > 0)
                yield return new($"other:{t.Job.Job.Name}:{string.Join(",", wrong)}", SpanOf(t.Job), $"starts {t.Describe()} passing {passing} as well", $"only {signal} may be \"true\"");
        }
    }
}
