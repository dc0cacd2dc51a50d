using DocLint.Evaluate;
using DocLint.Findings;

namespace DocLint.Rules;

/// <summary>
/// FR-002/FR-003: a confirmed ui choice of one project P creates exactly one orchestration trigger, targeting P,
/// passing the action's signal as "true" and no other signal as "true". Defects are grouped (one finding per
/// defect and job, naming the first scenario that shows it), not repeated per scenario.
/// </summary>
public sealed class SingleRoutingRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new("single-routing", Severity.Error,
        "A confirmed single-project choice triggers exactly that project with the action's signal", "FR-002, FR-003");

    public override IEnumerable<Finding> Check(RuleContext ctx)
    {
        var groups = new Dictionary<string, (SourceSpan Span, string Message, int Count)>();
        void Add(string key, SourceSpan span, string message)
        {
            groups[key] = groups.TryGetValue(key, out var g) ? g with { Count = g.Count + 1 } : (span, message, 0);
        }
        foreach (var o in ctx.Model.Outcomes)
        {
            var s = o.Scenario;
            if (s.Kind != ScenarioKind.Ui || !RoutingFacts.Confirmed(ctx, s)) continue;
            var project = RoutingFacts.Input(ctx, s, ctx.Config.Inputs.Project);
            if (project == null || project == ctx.Config.AllSelector) continue;
            if (!ctx.Model.Catalogue.Projects.Any(p => p.Name == project)) continue; // project-options reports it
            var action = RoutingFacts.ActionOf(ctx, s);
            if (action?.Signal == null) continue;                                      // action-vocabulary reports it
            var expect = $"expected exactly one trigger of {project} passing {action.Signal}=\"true\"";
            if (o.Triggers.Count == 0)
            {
                Add($"none:{action.Name}", RoutingFacts.OptionSpan(ctx, ctx.Config.Inputs.Action, action.Name),
                    $"{s.Describe()} starts no orchestration trigger; {expect}");
                continue;
            }
            if (o.Triggers.Count > 1)
            {
                var extra = o.Triggers.Skip(1).First();
                Add($"many:{action.Name}:{extra.Job.Job.Name}", SpanOf(extra.Job),
                    $"{s.Describe()} starts {o.Triggers.Count} orchestration triggers ({string.Join(", ", o.Triggers.Take(4).Select(t => t.Describe()))}); {expect}, never the all path too");
            }
            foreach (var t in o.Triggers)
            {
                if (t.Target?.Name != project)
                    Add($"target:{t.Job.Job.Name}", RoutingFacts.TargetSpan(t),
                        $"{s.Describe()} starts {t.Describe()} targeting {t.Project ?? "(no project)"}; {expect}");
                if (!(t.Variables.TryGetValue(action.Signal, out var v) && v == "true"))
                    Add($"signal:{t.Job.Job.Name}:{action.Signal}", SpanOf(t.Job),
                        $"{s.Describe()} starts {t.Describe()} without {action.Signal}=\"true\"; {expect}");
                foreach (var wrong in RoutingFacts.WrongSignals(ctx, t, action.Signal))
                    Add($"other:{t.Job.Job.Name}:{wrong}", SpanOf(t.Job),
                        $"{s.Describe()} starts {t.Describe()} passing {wrong}=\"true\" as well; only {action.Signal} may be \"true\"");
            }
        }
        foreach (var (key, g) in groups)
            yield return At(g.Span, g.Message + RoutingFacts.More(g.Count), key);
    }
}
