using DocLint.Evaluate;
using DocLint.Findings;

namespace DocLint.Rules;

/// <summary>
/// FR-004: a confirmed ui choice of <c>project=all</c> creates exactly one trigger per catalogue project (none
/// missing, none extra, none twice), each passing the action's signal as "true" and no other.
/// </summary>
public sealed class FanoutCatalogueRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new("fanout-catalogue", Severity.Error,
        "project=all fans out to exactly the catalogue", "FR-004");

    public override IEnumerable<Finding> Check(RuleContext ctx)
    {
        foreach (var o in ctx.Model.Outcomes)
        {
            var s = o.Scenario;
            if (s.Kind != ScenarioKind.Ui || !RoutingFacts.Confirmed(ctx, s)) continue;
            if (RoutingFacts.Input(ctx, s, ctx.Config.Inputs.Project) != ctx.Config.AllSelector) continue;
            var action = RoutingFacts.ActionOf(ctx, s);
            if (action?.Signal == null) continue;
            foreach (var f in FanOutDefects(ctx, o, action, s.Describe(), Descriptor, $"ui:{action.Name}")) yield return f;
        }
    }

    /// <summary>Defects of a fan-out (shared with legacy-invoke): missing, extra, duplicated targets and wrong signals.</summary>
    internal static IEnumerable<Finding> FanOutDefects(RuleContext ctx, ScenarioOutcome o, Load.ActionConfig action, string what,
        RuleDescriptor rule, string keyPrefix)
    {
        Finding F(SourceSpan span, string message, string key) => new(rule.Id, rule.DefaultSeverity, message, span, $"{keyPrefix}:{key}");
        var catalogue = ctx.Model.Catalogue.Projects;
        var expect = $"expected one trigger per catalogue project ({catalogue.Count}) passing {action.Signal}=\"true\"";
        if (o.Triggers.Count == 0)
        {
            yield return F(RoutingFacts.OptionSpan(ctx, ctx.Config.Inputs.Project, ctx.Config.AllSelector),
                $"{what} starts no orchestration trigger; {expect}", "none");
            yield break;
        }
        // A job none of whose triggers passes the action's signal is another action's job started by mistake:
        // one finding for it, and it is left out of the coverage checks below.
        var wrongJobs = o.Triggers.GroupBy(t => t.Job.Job.Name)
            .Where(g => g.All(t => !(t.Variables.TryGetValue(action.Signal!, out var v) && v == "true"))).ToList();
        foreach (var g in wrongJobs)
        {
            var first = g.First();
            var passes = g.SelectMany(t => RoutingFacts.WrongSignals(ctx, t, action.Signal)).Distinct().ToList();
            var passing = passes.Count > 0 ? $" (passing {string.Join(", ", passes)}=\"true\")" : " (without the signal)";
            yield return F(Rule.SpanOf(first.Job), $"{what} starts {first.Describe()}{(g.Count() > 1 ? $" and {g.Count() - 1} more instances" : "")}{passing}; {expect}", $"wrong-job:{g.Key}");
        }
        var right = o.Triggers.Where(t => wrongJobs.All(g => g.Key != t.Job.Job.Name)).ToList();
        if (right.Count == 0)
        {
            yield return F(RoutingFacts.OptionSpan(ctx, ctx.Config.Inputs.Project, ctx.Config.AllSelector),
                $"{what} starts no trigger passing {action.Signal}=\"true\"; {expect}", "none");
            yield break;
        }
        var anchor = right[0];
        var targeted = right.Where(t => t.Target != null).GroupBy(t => t.Target!.Name).ToDictionary(g => g.Key, g => g.ToList());
        var missing = catalogue.Where(p => !targeted.ContainsKey(p.Name)).Select(p => p.Name).ToList();
        if (missing.Count > 0)
            yield return F(Rule.SpanOf(anchor.Job), $"{what} leaves out {string.Join(", ", missing)}; {expect}", "missing");
        foreach (var extra in right.Where(t => t.Target == null).GroupBy(t => t.Job.Job.Name))
            yield return F(RoutingFacts.TargetSpan(extra.First()),
                $"{what} also triggers {string.Join(", ", extra.Select(t => t.Project ?? "(no project)").Distinct())} ({extra.Key}), which is not in the catalogue; {expect}", $"extra:{extra.Key}");
        var twice = targeted.Where(kv => kv.Value.Count > 1).ToList();
        if (twice.Count > 0)
        {
            var jobs = twice.SelectMany(kv => kv.Value).Select(t => t.Job.Job.Name).Distinct().ToList();
            yield return F(Rule.SpanOf(twice[0].Value[1].Job),
                $"{what} triggers {string.Join(", ", twice.Select(kv => kv.Key))} more than once (jobs {string.Join(", ", jobs)}); {expect}", "twice");
        }
        foreach (var g in right.GroupBy(t => t.Job.Job.Name))
        {
            var first = g.First();
            if (g.Any(t => !(t.Variables.TryGetValue(action.Signal!, out var v) && v == "true")))
                yield return F(Rule.SpanOf(first.Job), $"{what} starts {first.Describe()} without {action.Signal}=\"true\"; {expect}", $"signal:{g.Key}");
            var wrong = g.SelectMany(t => RoutingFacts.WrongSignals(ctx, t, action.Signal)).Distinct().ToList();
            if (wrong.Count > 0)
                yield return F(Rule.SpanOf(first.Job), $"{what} starts {first.Describe()} passing {string.Join(", ", wrong)}=\"true\" as well; only {action.Signal} may be \"true\"", $"other:{g.Key}");
        }
    }
}
