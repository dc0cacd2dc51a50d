using DocLint.Parse.Yaml;

namespace DocLint.Parse.GitLab;

/// <summary>A visible job after includes, <c>!reference</c>, <c>extends</c> and <c>default:</c> are applied.</summary>
public sealed record CiJob(string Name, YScalar KeyNode, YMapping Definition)
{
    /// <summary>The file the job key was written in.</summary>
    public string DefinedIn => KeyNode.File;
    public YNode? this[string key] => Definition[key];
}

/// <summary>One <c>variables:</c> entry, in either the plain or the <c>{value, description, options, expand}</c> form.</summary>
public sealed record CiVariable(string Name, string Value, bool Expand, YScalar KeyNode, YNode ValueNode);

public static class CiVariables
{
    /// <summary>Reads a <c>variables:</c> mapping in order; malformed entries are skipped (the caller reports them).</summary>
    public static IReadOnlyList<CiVariable> Read(YNode? node)
    {
        if (node is not YMapping m) return Array.Empty<CiVariable>();
        var list = new List<CiVariable>(m.Count);
        foreach (var e in m.Entries)
        {
            switch (e.Value)
            {
                case YScalar s:
                    list.Add(new CiVariable(e.Key.Value, s.AsText, true, e.Key, s));
                    break;
                case YMapping vm:
                {
                    var value = vm["value"] as YScalar;
                    var expand = (vm["expand"] as YScalar)?.AsBool ?? true;
                    list.Add(new CiVariable(e.Key.Value, value?.AsText ?? "", expand, e.Key, (YNode?)value ?? vm));
                    break;
                }
            }
        }
        return list;
    }
}

/// <summary>
/// One entry of a job's <c>needs:</c> (a name, or <c>{job, optional, artifacts, parallel}</c>) or
/// <c>dependencies:</c> that names a job of this pipeline; cross-project and parent-pipeline needs
/// (<c>project:</c>, <c>pipeline:</c>) are not.
/// </summary>
public sealed record JobNeed(string Name, bool Optional, YNode Node, bool IsDependency);

public static class JobNeeds
{
    /// <summary>The job's <c>needs</c> on jobs of this pipeline, in order.</summary>
    public static IReadOnlyList<JobNeed> Needs(CiJob job) => Read(job["needs"]);

    /// <summary>The needs of a created job: its matched rule's <c>needs</c> when the rule has them, else the job's.</summary>
    public static IReadOnlyList<JobNeed> Created(CiJob job, YMapping? matchedRule) =>
        matchedRule?["needs"] is { } ruleNeeds ? Read(ruleNeeds) : Needs(job);

    /// <summary>Each <c>rules:needs</c> list of the job (it replaces the job's needs when its rule matches).</summary>
    public static IEnumerable<IReadOnlyList<JobNeed>> RuleNeeds(CiJob job) =>
        YTree.Items(job["rules"]).OfType<YMapping>().Where(r => r["needs"] != null).Select(r => Read(r["needs"]));

    private static IReadOnlyList<JobNeed> Read(YNode? needs)
    {
        var list = new List<JobNeed>();
        foreach (var item in YTree.Items(needs))
        {
            switch (item)
            {
                case YScalar s when !s.IsNull && s.AsText.Length > 0:
                    list.Add(new JobNeed(s.AsText, false, s, false));
                    break;
                case YMapping m when m["project"] == null && m["pipeline"] == null && m["job"] is YScalar j && !j.IsNull:
                    list.Add(new JobNeed(j.AsText, (m["optional"] as YScalar)?.AsBool == true, j, false));
                    break;
            }
        }
        return list;
    }

    /// <summary>The job's <c>dependencies</c>, in order.</summary>
    public static IReadOnlyList<JobNeed> Dependencies(CiJob job) =>
        YTree.Items(job["dependencies"]).OfType<YScalar>().Where(s => !s.IsNull && s.AsText.Length > 0)
            .Select(s => new JobNeed(s.AsText, false, s, true)).ToList();
}
