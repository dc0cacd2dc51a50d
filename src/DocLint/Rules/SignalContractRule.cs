using DocLint.Findings;
using DocLint.Parse.GitLab;
using DocLint.Parse.Yaml;

namespace DocLint.Rules;

/// <summary>
/// FR-008: orchestration signals are passed only as <c>"true"</c>, only under configured names, only by the trigger job
/// itself (never from global <c>variables</c>, which leak to every trigger), and, when <c>releaseBranch</c> is set, only
/// to that branch. Trigger jobs are read statically (every job with <c>trigger:</c>, created or not) and as created in
/// each scenario (expanded values and branches); one finding per job and variable.
/// </summary>
public sealed class SignalContractRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new("signal-contract", Severity.Error,
        "Signals are configured names passed as \"true\" by the trigger job", "FR-008");

    private const string Prefix = "ORCHESTRATION_";

    public override IEnumerable<Finding> Check(RuleContext ctx)
    {
        var signals = ctx.Config.Signals.ToHashSet(StringComparer.Ordinal);
        var known = string.Join(", ", signals.Order(StringComparer.Ordinal));
        var composed = StaticFacts.Composed(ctx);
        var reported = new HashSet<string>(StringComparer.Ordinal);

        // Global variables (top-level and workflow:rules) reach every trigger that inherits them.
        foreach (var v in GlobalVariables(composed))
            if (signals.Contains(v.Name) && reported.Add($"global:{v.Name}"))
                yield return At(v.KeyNode, $"global variables set {v.Name}=\"{v.Value}\", which every trigger job inheriting global variables passes downstream; set {v.Name}: \"true\" only in the orchestration trigger job that needs it", $"global:{v.Name}");

        // Written values and names, every trigger job. A value with a variable reference in it is judged as created (below),
        // and so is a job value that every rule creating the job overrides in its rules:variables (GitLab gives
        // rules:variables precedence over job variables: the job's value never reaches the trigger).
        foreach (var job in composed.Jobs.Where(StaticFacts.IsTriggerJob))
            foreach (var v in StaticFacts.JobVariables(job))
            {
                var value = v.Expand && v.Value.Contains('$') || OverriddenByEveryRule(job, v.Name) ? "true" : v.Value;
                if (Check(() => Starts(ctx, job.Name), job.Name, v.Name, value, v.ValueNode, v.KeyNode, signals, known, reported) is { } f) yield return f;
            }

        // Expanded values (a variable reference, a matrix value) and branches, as created.
        foreach (var outcome in ctx.Model.Outcomes)
            foreach (var t in outcome.Triggers)
            {
                var own = CiVariables.Read(t.Job.MatchedRule?["variables"]).Concat(StaticFacts.JobVariables(t.Job.Job)).ToList();
                foreach (var (name, value) in t.Variables)
                {
                    var written = own.FirstOrDefault(v => v.Name == name); // the rule's value wins over the job's
                    if (written == null && GlobalVariables(composed).Any(g => g.Name == name)) continue; // reported at the global key
                    var node = (YNode?)written?.ValueNode ?? t.Job.Job.KeyNode;
                    if (Check(() => Starts(ctx, t.Job.Job.Name), t.Job.Job.Name, name, value, node, (YNode?)written?.KeyNode ?? t.Job.Job.KeyNode, signals, known, reported) is { } f) yield return f;
                }
                if (ctx.Config.ReleaseBranch is not { } branch || t.Branch == branch) continue;
                // One finding per written branch: a template's trigger:branch shared by every trigger job is one defect.
                var at = (t.Job.Trigger?.Node as YMapping)?["branch"] ?? t.Job.Trigger?.Node ?? t.Job.Job.KeyNode;
                var key = at is YScalar ? $"branch:{t.Branch}" : $"{t.Job.Job.Name}:branch";
                if (!reported.Add(key + "@" + at.Span)) continue;
                var target = t.Branch is { Length: > 0 } b ? $"branch {b}" : "the downstream default branch (no trigger:branch)";
                yield return At(at, $"{Starts(ctx, t.Job.Job.Name, "targeting")} {target}; every orchestration trigger must target the release branch {branch}", key);
            }
    }

    /// <summary>
    /// The breaking scenario: "SCENARIO starts JOB passing" for the first judged scenario that creates the job, else
    /// "JOB, which no scenario creates, passes" (a standby job is read as written).
    /// </summary>
    private static string Starts(RuleContext ctx, string job, string verb = "passing")
    {
        foreach (var o in RoutingFacts.Judged(ctx))
        {
            var mine = o.Triggers.Where(t => t.Job.Job.Name == job).ToList();
            if (mine.Count > 0) return $"{o.Scenario.Describe()} starts {RoutingFacts.Jobs(mine)} {verb}";
        }
        return $"{job}, which no scenario creates, {(verb == "passing" ? "passes" : "targets")}";
    }

    private Finding? Check(Func<string> starts, string job, string name, string value, YNode valueNode, YNode keyNode, HashSet<string> signals, string known, HashSet<string> reported)
    {
        if (signals.Contains(name))
        {
            if (value == "true" || !reported.Add($"{job}:{name}:value")) return null;
            return At(valueNode, $"{starts()} {name}=\"{value}\"; a signal is only ever passed as \"true\"", $"{job}:{name}:value");
        }
        if (name.StartsWith(Prefix, StringComparison.Ordinal) && reported.Add($"{job}:{name}:unknown"))
            return At(keyNode, $"{starts()} {name}, which is not a configured signal; expected one of {known}", $"{job}:{name}:unknown");
        return null;
    }

    /// <summary>
    /// True when the job has <c>rules</c> and every entry that can create it (any <c>when</c> but <c>never</c>) sets
    /// <paramref name="name"/> in its <c>rules:variables</c>.
    /// </summary>
    private static bool OverriddenByEveryRule(CiJob job, string name)
    {
        if (job["rules"] is not YSequence rules) return false;
        var creating = rules.Items.OfType<YMapping>().Where(r => YTree.Text(r["when"]) != "never").ToList();
        return creating.Count > 0 && creating.Count == rules.Items.Count(i => i is not YMapping m || YTree.Text(m["when"]) != "never")
            && creating.All(r => CiVariables.Read(r["variables"]).Any(v => v.Name == name));
    }

    internal static IEnumerable<CiVariable> GlobalVariables(ComposedConfig composed)
    {
        foreach (var v in composed.GlobalVariables) yield return v;
        foreach (var rule in YTree.Items(composed.Workflow?["rules"]).OfType<YMapping>())
            foreach (var v in CiVariables.Read(rule["variables"])) yield return v;
    }
}
