using System.Text.RegularExpressions;
using DocLint.Findings;
using DocLint.Parse.GitLab;
using DocLint.Parse.Yaml;

namespace DocLint.Rules;

/// <summary>
/// NFR-002: the <c>project</c> options are exactly the all selector plus the catalogue, each once, and the default is
/// one of them. With a catalogue file the CI list and the file must agree; with <c>catalogue: ci</c> every
/// <c>parallel:matrix</c> list that feeds an orchestration fan-out must equal the options minus the all selector
/// (reported at the option list). A missing or option-less <c>project</c> input is input-surface's finding.
/// </summary>
public sealed partial class ProjectOptionsRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new("project-options", Severity.Error,
        "The project options are exactly all plus the catalogue", "NFR-002");

    public override IEnumerable<Finding> Check(RuleContext ctx)
    {
        var name = ctx.Config.Inputs.Project;
        var all = ctx.Config.AllSelector;
        if (!ctx.Model.Inputs.Inputs.TryGetValue(name, out var spec) || spec.Options is not { Count: > 0 } options) yield break;
        var listNode = (YNode?)spec.Node?.KeyNode("options") ?? spec.KeyNode;
        var catalogue = ctx.Model.Catalogue;
        var values = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in options)
        {
            if (node is not YScalar s)
            {
                yield return At(node, $"`{name}` option is not a plain value; expected {all} and project names", "not-scalar");
                continue;
            }
            var value = s.AsText;
            if (!seen.Add(value))
            {
                yield return At(node, $"`{name}` option {value} is listed twice; expected each project once", $"twice:{value}");
                continue;
            }
            values.Add(value);
            if (catalogue.FromFile && value != all && !catalogue.Projects.Any(p => p.Name == value))
                yield return At(node, $"`{name}` option {value} is not in the catalogue {catalogue.File}; expected only {all} and the catalogue's projects", $"extra:{value}");
        }
        if (!seen.Contains(all))
            yield return At(listNode, $"`{name}` options lack the all selector `{all}`; expected {all} plus the catalogue, so one choice starts the whole fan-out", "no-all");
        if (catalogue.FromFile)
        {
            var missing = catalogue.Projects.Select(p => p.Name).Where(p => !seen.Contains(p)).Distinct().ToList();
            foreach (var m in missing)
                yield return At(listNode, $"`{name}` options lack {m}, which the catalogue {catalogue.File} lists; expected {all} plus every catalogue project", $"missing:{m}");
        }
        else
        {
            var expected = values.Where(v => v != all).ToList();
            foreach (var (listItems, list, jobs, variable) in FanOutMatrixLists(ctx))
            {
                var items = listItems.Select(x => x.AsText).ToList();
                var lacks = expected.Where(e => !items.Contains(e)).ToList();
                var extra = items.Where(i => !expected.Contains(i)).Distinct().ToList();
                var twice = items.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
                if (lacks.Count + extra.Count + twice.Count == 0) continue;
                var diff = new List<string>();
                var effect = new List<string>();
                if (lacks.Count > 0) { diff.Add($"lacks {string.Join(", ", lacks)}"); effect.Add($"leaves out {string.Join(", ", lacks)}"); }
                if (extra.Count > 0) { diff.Add($"has {string.Join(", ", extra)}, which the options do not"); effect.Add($"triggers {string.Join(", ", extra)}"); }
                if (twice.Count > 0) { diff.Add($"lists {string.Join(", ", twice)} twice"); effect.Add($"triggers {string.Join(", ", twice)} twice"); }
                var where = $"{list.File}:{list.Start.Line}";
                yield return At(listNode,
                    $"the parallel:matrix {variable} list of {string.Join(", ", jobs)} ({where}) {Join(diff)}, so {name}={all} {Join(effect)}; expected the same projects as the `{name}` options minus {all}",
                    $"matrix:{jobs[0]}:{variable}");
            }
        }
        if (spec.DefaultInOptions == false && spec.Default != null)
            yield return At(spec.Default, $"`{name}` default {(spec.Default as YScalar)?.AsText} is not one of its options (GitLab rejects the pipeline); expected {all} or a catalogue project", "default");
    }

    /// <summary>
    /// The matrix lists feeding an orchestration fan-out: for each trigger job created from a matrix, the values of the
    /// matrix variables its written <c>trigger:project</c> uses (all variables when it names none), joined over the
    /// matrix entries (a value may be a list or a single scalar). Lists shared by an alias are one list, naming every
    /// job using them.
    /// </summary>
    private static List<(IReadOnlyList<YScalar> Items, YNode At, List<string> Jobs, string Variable)> FanOutMatrixLists(RuleContext ctx)
    {
        var jobs = new Dictionary<string, (CiJob Job, YNode? Project)>(StringComparer.Ordinal);
        foreach (var o in ctx.Model.Outcomes)
        foreach (var t in o.Triggers)
            if (t.Job.Matrix != null) jobs.TryAdd(t.Job.Job.Name, (t.Job.Job, t.Job.Trigger?.ProjectNode));
        var lists = new Dictionary<string, (IReadOnlyList<YScalar> Items, YNode At, List<string> Jobs, string Variable)>(StringComparer.Ordinal);
        foreach (var (jobName, (job, project)) in jobs)
            foreach (var feed in FeedingLists(job, project))
            {
                var key = feed.Variable + "|" + string.Join(";", feed.Nodes.Select(n => $"{n.File}:{n.Start.Line}:{n.Start.Column}"));
                if (lists.TryGetValue(key, out var known)) { if (!known.Jobs.Contains(jobName)) known.Jobs.Add(jobName); continue; }
                lists[key] = (feed.Items, feed.Nodes[0], new List<string> { jobName }, feed.Variable);
            }
        return lists.Values.ToList();
    }

    /// <summary>One matrix variable feeding a trigger's project: its value nodes over the matrix entries, and their items.</summary>
    internal sealed record MatrixFeed(string Variable, IReadOnlyList<YNode> Nodes, IReadOnlyList<YScalar> Items);

    /// <summary>
    /// The <c>parallel:matrix</c> variables a trigger job's written <c>trigger:project</c> uses (every variable when it
    /// names none), each with its values joined over the matrix entries.
    /// </summary>
    internal static IReadOnlyList<MatrixFeed> FeedingLists(CiJob job, YNode? project)
    {
        if (job["parallel"] is not YMapping parallel || parallel["matrix"] is not YSequence matrix) return Array.Empty<MatrixFeed>();
        var used = project is YScalar p ? VariableRef().Matches(p.Value).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).ToHashSet() : null;
        var byVariable = new Dictionary<string, List<YNode>>(StringComparer.Ordinal);
        foreach (var entry in matrix.Items.OfType<YMapping>())
        foreach (var e in entry.Entries)
        {
            if (used is { Count: > 0 } && !used.Contains(e.Key.Value)) continue;
            if (e.Value is not (YSequence or YScalar)) continue;
            (byVariable.TryGetValue(e.Key.Value, out var l) ? l : byVariable[e.Key.Value] = new List<YNode>()).Add(e.Value);
        }
        return byVariable.Select(kv => new MatrixFeed(kv.Key, kv.Value,
            kv.Value.SelectMany(n => n is YSequence seq ? seq.Items.OfType<YScalar>() : new[] { (YScalar)n }).ToList())).ToList();
    }

    /// <summary>
    /// Whether this rule owns a fan-out's coverage defects that come from its matrix list (CONTRACT §8: with
    /// <c>catalogue: ci</c> it compares the options with every matrix list feeding a fan-out): fanout-catalogue and
    /// legacy-invoke then leave them to it, one finding per defect.
    /// </summary>
    internal static bool OwnsMatrixLists(RuleContext ctx) => !ctx.Model.Catalogue.FromFile && RoutingFacts.Enabled(ctx, "project-options");

    private static string Join(List<string> parts) => parts.Count == 1 ? parts[0] : string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1];

    [GeneratedRegex(@"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))")]
    private static partial Regex VariableRef();
}
