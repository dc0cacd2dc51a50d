using DocLint.Evaluate;
using DocLint.Findings;
using DocLint.Load;
using DocLint.Parse.Yaml;

namespace DocLint.Rules;

/// <summary>
/// FR-004: a confirmed ui choice of <c>project=all</c> creates exactly one trigger per catalogue project (none
/// missing, none extra, none twice), each passing the action's signal as "true" and no other. One finding per defect:
/// a defect both actions' fan-outs show (a matrix list they share) is reported once, naming the first scenario.
/// </summary>
public sealed class FanoutCatalogueRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new("fanout-catalogue", Severity.Error,
        "project=all fans out to exactly the catalogue", "FR-004");

    public override IEnumerable<Finding> Check(RuleContext ctx)
    {
        var groups = new DefectGroups();
        foreach (var (o, action) in UiFanOuts(ctx))
            foreach (var d in FanOutDefects(ctx, o, action))
                groups.Add(d, o.Scenario.Describe());
        foreach (var (d, what, more) in groups.Items)
            yield return At(d.Span, $"{what} {d.Detail}; {d.Expected}{RoutingFacts.More(more)}", d.Key);
    }

    /// <summary>The judged ui scenarios with confirm=true and project=all, with the configured action they name.</summary>
    internal static IEnumerable<(ScenarioOutcome Outcome, ActionConfig Action)> UiFanOuts(RuleContext ctx)
    {
        foreach (var o in RoutingFacts.Judged(ctx))
        {
            var s = o.Scenario;
            if (s.Kind != ScenarioKind.Ui || !RoutingFacts.Confirmed(ctx, s)) continue;
            if (RoutingFacts.Input(ctx, s, ctx.Config.Inputs.Project) != ctx.Config.AllSelector) continue;
            if (RoutingFacts.ActionOf(ctx, s) is { Signal: not null } action) yield return (o, action);
        }
    }

    /// <summary>
    /// One defect of a fan-out. <see cref="Key"/> names the defect, not the scenario (the same key from several
    /// scenarios is one defect); <see cref="Detail"/> follows the scenario in the message.
    /// </summary>
    internal sealed record Defect(string Key, SourceSpan Span, string Detail, string Expected)
    {
        /// <summary>What makes two scenarios' defects one defect (the key, or the matrix list's place for a list's defect).</summary>
        public string Group { get; init; } = Key;
    }

    /// <summary>Defects grouped by key, in first-seen order: the first scenario's message and how many more showed it.</summary>
    internal sealed class DefectGroups
    {
        private readonly List<string> _order = new();
        private readonly Dictionary<string, (Defect Defect, string What, int More)> _groups = new(StringComparer.Ordinal);

        public void Add(Defect d, string what)
        {
            if (_groups.TryGetValue(d.Group, out var g)) { _groups[d.Group] = g with { More = g.More + 1 }; return; }
            _groups[d.Group] = (d, what, 0);
            _order.Add(d.Group);
        }

        public IEnumerable<(Defect Defect, string What, int More)> Items => _order.Select(k => _groups[k]);
    }

    /// <summary>
    /// Defects of a fan-out (shared with legacy-invoke): a job started that passes another signal (the wrong job), a
    /// missing signal, another signal passed as well, and coverage — catalogue projects left out, targets outside the
    /// catalogue, a project triggered twice. Coverage that comes from a fan-out's <c>parallel:matrix</c> list is one
    /// defect per list (at the list, or at its first entry outside the catalogue), and is project-options' finding
    /// while that rule compares the lists with the options (<c>catalogue: ci</c>). A signal passed with a wrong value
    /// or under a misspelt name is signal-contract's.
    /// </summary>
    internal static List<Defect> FanOutDefects(RuleContext ctx, ScenarioOutcome o, ActionConfig action)
    {
        var signal = action.Signal!;
        var catalogue = ctx.Model.Catalogue.Projects;
        var expect = $"expected one trigger per catalogue project ({catalogue.Count}) passing {signal}=\"true\"";
        var defects = new List<Defect>();
        var allOption = RoutingFacts.OptionSpan(ctx, ctx.Config.Inputs.Project, ctx.Config.AllSelector);
        if (o.Triggers.Count == 0)
        {
            defects.Add(new($"none:{action.Name}", allOption, "starts no orchestration trigger", expect));
            return defects;
        }

        // A job none of whose triggers passes the action's signal is another action's job started by mistake (or a
        // job without the signal): one defect, and it is left out of the coverage checks below.
        var jobs = o.Triggers.GroupBy(t => t.Job.Job.Name).ToList();
        var wrongJobs = jobs.Where(g => g.All(t => !RoutingFacts.SignalFine(ctx, t, signal))).ToList();
        foreach (var g in wrongJobs)
        {
            var passes = g.SelectMany(t => RoutingFacts.WrongSignals(ctx, t, signal)).Distinct().ToList();
            var passing = passes.Count > 0 ? $"passing {string.Join(", ", passes)}=\"true\" instead" : $"without {signal}=\"true\"";
            defects.Add(new($"wrong-job:{g.Key}", SpanOf(g.First().Job), $"starts {RoutingFacts.Jobs(g)} {passing}", expect));
        }
        var right = jobs.Except(wrongJobs).SelectMany(g => g).ToList();
        if (right.Count == 0) return defects;

        // Signals of the right jobs: some instances without the signal, or another signal passed as well.
        foreach (var g in right.GroupBy(t => t.Job.Job.Name))
        {
            var first = g.First();
            if (g.Any(t => !RoutingFacts.SignalFine(ctx, t, signal)))
                defects.Add(new($"signal:{g.Key}", SpanOf(first.Job), $"starts {RoutingFacts.Jobs(g)}, some instances without {signal}=\"true\"", expect));
            var wrong = g.SelectMany(t => RoutingFacts.WrongSignals(ctx, t, signal)).Distinct().ToList();
            if (wrong.Count > 0)
                defects.Add(new($"other:{g.Key}", SpanOf(first.Job), $"starts {RoutingFacts.Jobs(g)} passing {string.Join(", ", wrong)}=\"true\" as well", $"only {signal} may be \"true\""));
        }

        // Coverage. The matrix lists feeding the right jobs' trigger:project explain what they leave out or add.
        var feeds = right.GroupBy(t => t.Job.Job.Name)
            .Select(g => (Job: g.Key, Feeds: ProjectOptionsRule.FeedingLists(g.First().Job.Job, g.First().Job.Trigger?.ProjectNode)))
            .Where(x => x.Feeds.Count > 0).ToList();
        var listed = feeds.SelectMany(x => x.Feeds.SelectMany(f => f.Items)).Select(i => i.AsText).ToHashSet(StringComparer.Ordinal);
        var fromList = new List<string>();     // what the matrix list(s) get wrong, for one defect at the list
        YNode? listAt = null;
        var ownedByProjectOptions = ProjectOptionsRule.OwnsMatrixLists(ctx);

        var targeted = right.Where(t => t.Target != null).GroupBy(t => t.Target!.Name).ToDictionary(g => g.Key, g => g.ToList());
        var missing = catalogue.Where(p => !targeted.ContainsKey(p.Name)).Select(p => p.Name).ToList();
        var missingFromList = feeds.Count > 0 ? missing.Where(m => !listed.Contains(m)).ToList() : new List<string>();
        var missingOtherwise = missing.Except(missingFromList).ToList();
        if (missingFromList.Count > 0)
        {
            fromList.Add($"leaves out {string.Join(", ", missingFromList)}");
            listAt ??= feeds[0].Feeds[0].Nodes[0];
        }
        if (missingOtherwise.Count > 0)
            defects.Add(new($"missing:{action.Name}", SpanOf(right[0].Job), $"starts {RoutingFacts.Jobs(right)} but leaves out {string.Join(", ", missingOtherwise)}", expect));

        var extraFromList = new List<string>();
        foreach (var extra in right.Where(t => t.Target == null).GroupBy(t => t.Job.Job.Name))
        {
            var feed = feeds.FirstOrDefault(x => x.Job == extra.Key).Feeds;
            var item = feed?.SelectMany(f => f.Items).FirstOrDefault(i => catalogue.All(p => p.Name != i.AsText)
                                                                          && extra.Any(t => t.Job.Matrix?.Values.Contains(i.AsText) == true));
            if (item != null)
            {
                extraFromList.AddRange(extra.Select(t => t.Project ?? "(no project)"));
                listAt = item;
                continue;
            }
            defects.Add(new($"extra:{extra.Key}", SpanOf(extra.First().Job),
                $"also starts {RoutingFacts.Jobs(extra)} targeting {string.Join(", ", extra.Select(t => t.Project ?? "(no project)").Distinct())}, which is not in the catalogue", expect));
        }
        if (extraFromList.Count > 0) fromList.Add($"triggers {string.Join(", ", extraFromList.Distinct())}, which the catalogue does not list");

        foreach (var (name, ts) in targeted.Where(kv => kv.Value.Count > 1))
        {
            var inOneList = ts.Select(t => t.Job.Job.Name).Distinct().Count() == 1
                            && feeds.Any(x => x.Job == ts[0].Job.Job.Name && x.Feeds.SelectMany(f => f.Items).Count(i => i.AsText == name) > 1);
            if (inOneList)
            {
                fromList.Add($"triggers {name} {ts.Count} times");
                listAt ??= feeds.First(x => x.Job == ts[0].Job.Job.Name).Feeds[0].Nodes[0];
                continue;
            }
            defects.Add(new($"twice:{name}", SpanOf(ts[1].Job),
                $"triggers {name} {ts.Count} times ({string.Join(", ", ts.Select(t => t.JobName))})", expect));
        }

        if (fromList.Count > 0 && !ownedByProjectOptions)
        {
            var variable = feeds[0].Feeds[0].Variable;
            var list = feeds[0].Feeds[0].Nodes[0];
            var sharedWith = feeds.Count > 1 ? $" of {string.Join(", ", feeds.Select(x => x.Job))}" : $" of {feeds[0].Job}";
            defects.Add(new($"matrix:{feeds[0].Job}:{variable}", listAt!.Span,
                $"{string.Join(" and ", fromList)} (the parallel:matrix {variable} list{sharedWith}, {list.File}:{list.Start.Line})", expect)
                { Group = $"matrix@{list.File}:{list.Start.Line}:{list.Start.Column}" });
        }
        return defects;
    }
}
