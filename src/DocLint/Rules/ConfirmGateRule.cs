using DocLint.Evaluate;
using DocLint.Findings;

namespace DocLint.Rules;

/// <summary>
/// FR-005: a ui scenario with <c>confirm=false</c>, or the push scenario, must create no orchestration trigger.
/// One finding per trigger job (at its matched <c>- if:</c>), naming the first scenario that starts it.
/// </summary>
public sealed class ConfirmGateRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new("confirm-gate", Severity.Error,
        "Orchestration never starts without confirm=true", "FR-005");

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        var confirm = context.Config.Inputs.Confirm;
        var reported = new HashSet<(string, SourceSpan)>();
        foreach (var outcome in context.Model.Outcomes)
        {
            var s = outcome.Scenario;
            var unconfirmed = s.Kind == ScenarioKind.Push
                              || s.Kind == ScenarioKind.Ui && s.Inputs.TryGetValue(confirm, out var c) && c.Text != "true";
            if (!unconfirmed) continue;
            foreach (var t in outcome.Triggers)
            {
                var span = SpanOf(t.Job);
                if (!reported.Add((t.Job.Job.Name, span))) continue;
                var what = s.Kind == ScenarioKind.Push ? "a push to the default branch" : s.Describe();
                var expected = s.Kind == ScenarioKind.Push
                    ? "orchestration must only start from a confirmed Run pipeline form or legacy automation"
                    : "a release must not start without confirm=true";
                yield return At(span, $"{what} starts {t.Describe()}; {expected}", $"{t.Job.Job.Name}:{s.Kind}");
            }
        }
    }
}
