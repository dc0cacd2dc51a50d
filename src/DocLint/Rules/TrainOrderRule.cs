using DocLint.Evaluate;
using DocLint.Findings;
using DocLint.Parse.Playbook;

namespace DocLint.Rules;

/// <summary>
/// The release order of every playbook agrees with the catalogue's <c>dependsOn</c> (CONTRACT §5.3): each repository
/// is listed at a level strictly after every repository it depends on; every catalogue project is listed, once; every
/// listed name (or wildcard) matches a catalogue project. The catalogue itself must be orderable: a <c>dependsOn</c>
/// cycle (named, <c>a → b → a</c>) or a <c>dependsOn</c> name that is no catalogue project is a finding at the catalogue.
/// </summary>
public sealed class TrainOrderRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new("train-order", Severity.Error,
        "The release order lists every catalogue project once, after everything it depends on", "CONTRACT §5.3", RuleScope.Playbooks);

    public override IEnumerable<Finding> Check(RuleContext ctx)
    {
        var catalogue = ctx.Model.Catalogue;
        var levels = ReleaseLevels.Compute(catalogue);
        var source = catalogue.File ?? "the catalogue";
        foreach (var u in levels.Unknown)
            yield return At(u.Span, $"{u.Project.Name} depends on {u.Name}, which is no project of {source}; expected dependsOn to name catalogue projects", $"depends-unknown:{u.Project.Name}:{u.Name}");
        foreach (var cycle in levels.Cycles)
        {
            var first = catalogue.Projects.First(p => p.Name == cycle[0]);
            var edge = first.DependsOn.ToList().IndexOf(cycle[1]);
            yield return At(first.DependencySpan(edge), $"dependsOn cycle {ReleaseLevels.Arrow(cycle)}: no release order can put each after the other; expected dependsOn without cycles (remove one of these dependencies)", $"cycle:{string.Join(">", cycle)}");
        }

        foreach (var playbook in ctx.Playbooks.Playbooks)
            foreach (var f in CheckPlaybook(playbook, ctx, levels)) yield return f;
    }

    private IEnumerable<Finding> CheckPlaybook(Playbook playbook, RuleContext ctx, ReleaseLevels levels)
    {
        var catalogue = ctx.Model.Catalogue;
        var source = catalogue.File ?? "the catalogue";
        var order = playbook.Order;
        if (order == null)
        {
            yield return At(Findings.SourceSpan.FileStart(playbook.Path), $"{playbook.Path} has no release order; expected a section whose heading contains \"Release Order\" listing the {catalogue.Projects.Count} projects of {source} under `Level N` lines", "no-order");
            yield break;
        }
        if (order.Levels.Count == 0)
        {
            yield return At(order.Heading, $"the release order lists no `Level N` lines; expected the {catalogue.Projects.Count} projects of {source} grouped under `Level 1`, `Level 2`, …", "no-levels");
            yield break;
        }
        var resolved = ResolvedOrder.Resolve(order, catalogue);
        foreach (var p in resolved.Problems) yield return At(p.Entry.Span, p.Message, p.Key);

        foreach (var project in catalogue.Projects.DistinctBy(p => p.Name))
        {
            if (resolved.Find(project.Name) is not { } unit)
            {
                var after = project.DependsOn.Count == 0 ? "it depends on nothing, so level 1 or later"
                    : "after " + string.Join(", ", project.DependsOn.Select(d => resolved.Find(d) is { } du ? $"{d} (level {du.Level})" : d));
                yield return At(order.Heading, $"catalogue project {project.Name} ({source}:{project.Span.Line}) is missing from the release order; expected it under a `Level N` line {after}", $"missing:{project.Name}");
                continue;
            }
            foreach (var dep in project.DependsOn.Distinct(StringComparer.Ordinal))
            {
                if (resolved.Find(dep) is not { } du || du.Level < unit.Level) continue;
                if (levels.Cycles.Any(c => c.Contains(dep) && c.Contains(project.Name))) continue; // the cycle finding says why
                var where = du.Level == unit.Level ? $"also at level {du.Level}" : $"at level {du.Level}";
                yield return At(unit.Entry.Span, $"{unit.Described} is at level {unit.Level} but depends on {dep}, {where}; expected {project.Name} at a level after {du.Level}", $"level:{project.Name}:{dep}");
            }
        }
    }
}
