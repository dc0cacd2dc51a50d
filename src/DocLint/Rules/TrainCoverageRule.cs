using DocLint.Findings;
using DocLint.Parse.Playbook;

namespace DocLint.Rules;

/// <summary>
/// A phase that deploys named repositories (<c>Deploy `name`</c> in an Action cell; a backticked wildcard covers every
/// match) deploys every repository of the release order, in level order (CONTRACT §5.3, §8). Also: a deployed name the
/// release order does not list, and a <c>playbooks</c> pattern that matches no file.
/// </summary>
public sealed class TrainCoverageRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new("train-coverage", Severity.Warning,
        "A deployment phase deploys every repository of the release order, in level order", "CONTRACT §5.3", RuleScope.Playbooks);

    public override IEnumerable<Finding> Check(RuleContext ctx)
    {
        foreach (var pattern in ctx.Playbooks.UnmatchedPatterns)
            yield return At(SourceSpan.FileStart(ctx.Config.Source), $"`playbooks` pattern {pattern} matches no file; expected it to match the release-train playbooks (a check must not pass vacuously)", $"unmatched:{pattern}");

        foreach (var playbook in ctx.Playbooks.Playbooks)
        {
            if (playbook.Order is not { Levels.Count: > 0 } order) continue; // train-order reports it
            var resolved = ResolvedOrder.Resolve(order, ctx.Model.Catalogue);
            foreach (var phase in playbook.Phases)
                foreach (var f in CheckPhase(phase, resolved)) yield return f;
        }
    }

    private IEnumerable<Finding> CheckPhase(Phase phase, ResolvedOrder order)
    {
        var deploying = phase.Steps.Where(s => s.Deploys.Count > 0).ToList();
        if (deploying.Count == 0) yield break;
        var covered = new HashSet<OrderUnit>();
        var maxLevel = 0;
        Step? maxStep = null;
        OrderUnit? maxUnit = null;
        foreach (var step in deploying)
        {
            foreach (var target in step.Deploys)
            {
                var units = order.Units.Where(u => target.Covers(u.Name)).ToList();
                if (units.Count == 0)
                {
                    yield return At(target.Span, $"step {step.NumberText} of {phase.Label} deploys {target.Name}, which the release order does not list; expected a repository of the release order", $"{phase.Label}:unlisted:{target.Name}");
                    continue;
                }
                covered.UnionWith(units);
                var low = units.MinBy(u => u.Level)!;
                if (maxStep != null && maxUnit != null && low.Level < maxLevel)
                    yield return At(target.Span, $"step {step.NumberText} deploys {low.Name} (level {low.Level}) after step {maxStep.NumberText} deployed {maxUnit.Name} (level {maxLevel}); expected {phase.Label} to deploy every level-{low.Level} repository before any level-{maxLevel} one", $"{phase.Label}:order:{low.Name}");
                var high = units.MaxBy(u => u.Level)!;
                if (high.Level > maxLevel) (maxLevel, maxStep, maxUnit) = (high.Level, step, high);
            }
        }

        // Missing repositories: a wildcard none of whose matches is deployed is one finding naming the wildcard.
        foreach (var group in order.Units.Where(u => !covered.Contains(u)).GroupBy(u => u.ViaWildcard ? u.Entry.Name : u.Name))
        {
            var missing = group.ToList();
            var allOfWildcard = missing[0].ViaWildcard && order.Units.Where(u => u.ViaWildcard && u.Entry == missing[0].Entry).All(u => !covered.Contains(u));
            if (allOfWildcard)
            {
                var w = missing[0].Entry;
                yield return At(phase.Heading, $"{phase.Label} deploys named repositories but none of {w.Name} (level {w.Level}: {string.Join(", ", missing.Select(m => m.Name))}); expected a step \"Deploy `{w.Name}`\" with the level-{w.Level} repositories", $"{phase.Label}:missing:{w.Name}");
                continue;
            }
            foreach (var m in missing)
                yield return At(phase.Heading, $"{phase.Label} deploys named repositories but has no step for {m.Described} (level {m.Level}); expected a step \"Deploy `{m.Name}`\" with the level-{m.Level} repositories", $"{phase.Label}:missing:{m.Name}");
        }
    }
}
