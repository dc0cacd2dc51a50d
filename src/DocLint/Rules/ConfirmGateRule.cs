using DocLint.Evaluate;
using DocLint.Findings;

namespace DocLint.Rules;

/// <summary>
/// FR-005: a ui scenario with <c>confirm=false</c>, or the push scenario, must create no orchestration trigger.
/// One finding per trigger job and matched <c>- if:</c>, naming the first scenario that starts it and how many more do.
/// </summary>
public sealed class ConfirmGateRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new("confirm-gate", Severity.Error,
        "Orchestration never starts without confirm=true", "FR-005");

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        var confirm = context.Config.Inputs.Confirm;
        var groups = new Dictionary<(string, SourceSpan), (ScenarioOutcome First, List<OrchestrationTrigger> Triggers, int More)>();
        var order = new List<(string, SourceSpan)>();
        foreach (var outcome in RoutingFacts.Judged(context))
        {
            var s = outcome.Scenario;
            var unconfirmed = s.Kind == ScenarioKind.Push
                              || s.Kind == ScenarioKind.Ui && s.Inputs.TryGetValue(confirm, out var c) && c.Text != "true";
            if (!unconfirmed) continue;
            foreach (var byJob in outcome.Triggers.GroupBy(t => (t.Job.Job.Name, SpanOf(t.Job))))
            {
                if (groups.TryGetValue(byJob.Key, out var g)) { groups[byJob.Key] = g with { More = g.More + 1 }; continue; }
                groups[byJob.Key] = (outcome, byJob.ToList(), 0);
                order.Add(byJob.Key);
            }
        }
        foreach (var key in order)
        {
            var (first, triggers, more) = groups[key];
            var s = first.Scenario;
            var what = s.Kind == ScenarioKind.Push ? "a push to the default branch" : s.Describe();
            var expected = s.Kind == ScenarioKind.Push
                ? "orchestration must only start from a confirmed Run pipeline form or legacy automation"
                : "a release must not start without confirm=true";
            yield return At(key.Item2, $"{what} starts {RoutingFacts.Jobs(triggers)}; {expected}{RoutingFacts.More(more)}", $"{key.Item1}:{s.Kind}");
        }
    }
}
