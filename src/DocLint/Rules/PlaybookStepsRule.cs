using DocLint.Findings;
using DocLint.Parse.Playbook;

namespace DocLint.Rules;

/// <summary>
/// The steps of a phase are numbered <c>N.1, N.2, …</c> (N = the phase number), without gaps or repeats, compared
/// numerically (3.9 &lt; 3.10), and every step has an owner (CONTRACT §5.3). One finding per defect: after a gap the
/// count resumes from the number written, a repeat of the step before is an extra step and takes no number, and any
/// other wrong number (malformed, of another phase, going back) is a typo that takes the number expected — so one
/// missing, extra or mistyped step is one finding.
/// </summary>
public sealed class PlaybookStepsRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new("playbook-steps", Severity.Warning,
        "Phase steps are numbered N.1, N.2, … and each has an owner", "CONTRACT §5.3", RuleScope.Playbooks);

    public override IEnumerable<Finding> Check(RuleContext ctx)
    {
        foreach (var playbook in ctx.Playbooks.Playbooks)
            foreach (var phase in playbook.Phases)
                foreach (var f in CheckPhase(phase)) yield return f;
    }

    private IEnumerable<Finding> CheckPhase(Phase phase)
    {
        var n = phase.Number;
        var next = 1;
        Step? previous = null;
        for (var t = 0; t < phase.Tables.Count; t++)
        {
            var table = phase.Tables[t];
            if (!table.HasOwner)
                yield return At(table.Header, $"the step table of {phase.Label} has no Owner column; expected Step, Action and Owner columns so every step has an owner", $"{phase.Label}:no-owner-column:{t}");
            foreach (var step in table.Steps)
            {
                var expected = $"{n}.{next}";
                var number = step.NumberText;
                if (step.Parsed is not { } parsed)
                {
                    var shown = number.Length == 0 ? "an empty step number" : $"step number {number}";
                    yield return At(step.Number.Span, $"{shown} in {phase.Label} is not N.M; expected {expected}", $"{phase.Label}:number:{next}");
                    next++;
                }
                else if (parsed.Major != n)
                {
                    yield return At(step.Number.Span, $"step {number} is in {phase.Label}; expected {expected}", $"{phase.Label}:phase:{number}");
                    next++;
                }
                else if (parsed.Minor != next)
                {
                    var what = previous == null ? $"{phase.Label} starts at step {number}"
                        : previous.Parsed == parsed ? $"step {number} repeats the number of the step before it"
                        : parsed.Minor < next ? $"step {number} goes back after step {previous.NumberText}"
                        : $"step {number} follows step {previous.NumberText}, leaving a gap";
                    yield return At(step.Number.Span, $"{what}; expected {expected}", $"{phase.Label}:sequence:{number}");
                    // a gap: count on from the number written; a repeat of the step before: an extra step, no number
                    // taken; anything else (going back, starting low): a typo that takes the expected number
                    if (parsed.Minor > next) next = parsed.Minor + 1;
                    else if (previous?.Parsed != parsed) next++;
                }
                else next++;
                previous = step;

                if (table.HasOwner && (step.Owner is not { } owner || !PlaybookText.NamesSomeone(owner.Text)))
                    yield return At(step.Owner?.Span ?? step.Row, $"step {(number.Length > 0 ? number : expected)} of {phase.Label} has no owner; expected a team or agent in its Owner cell", $"{phase.Label}:owner:{number}");
            }
        }
    }
}
