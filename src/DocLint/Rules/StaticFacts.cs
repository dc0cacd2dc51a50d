using DocLint.Load;
using DocLint.Parse.GitLab;
using DocLint.Parse.GitLab.Expressions;
using DocLint.Parse.GitLab.Inputs;
using DocLint.Parse.Yaml;

namespace DocLint.Rules;

/// <summary>What the static rules (signal-contract, composition) read: the configuration composed with default inputs, and the written text.</summary>
internal static class StaticFacts
{
    public static ComposedConfig Composed(RuleContext ctx) =>
        ctx.Model.Composer.Compose(new Dictionary<string, InputValue>(), DictionaryScope.Empty);

    /// <summary>The job's own <c>variables:</c> (after extends), by name.</summary>
    public static IReadOnlyList<CiVariable> JobVariables(CiJob job) => CiVariables.Read(job["variables"]);

    public static bool IsTriggerJob(CiJob job) => job["trigger"] != null;

    /// <summary>A trigger job passing a configured signal in its own variables (any value).</summary>
    public static bool PassesSignal(RuleContext ctx, CiJob job)
    {
        if (!IsTriggerJob(job)) return false;
        var signals = ctx.Config.Signals.ToHashSet(StringComparer.Ordinal);
        return JobVariables(job).Any(v => signals.Contains(v.Name));
    }

    /// <summary>The node <c>trigger:project</c> (or the trigger string itself).</summary>
    public static YNode? ProjectNode(CiJob job) => job["trigger"] is YMapping m ? m["project"] : job["trigger"] as YScalar;

    /// <summary>
    /// The text as written in its file, before input interpolation: interpolated scalars keep their origin's position,
    /// so the loaded (raw) file is searched for the scalar at that position.
    /// </summary>
    public static string? WrittenText(RuleContext ctx, YNode? node)
    {
        if (node is not YScalar s) return null;
        var file = ctx.Model.Composer.LoadedFiles.FirstOrDefault(f => f.Path == s.File);
        var raw = file?.Content is { } content ? Find(content, s.File, s.Start) : null;
        return raw?.AsText ?? s.AsText;
    }

    private static YScalar? Find(YNode node, string file, Mark at)
    {
        switch (node)
        {
            case YScalar s: return s.File == file && s.Start == at ? s : null;
            case YSequence q:
                foreach (var i in q.Items) if (Find(i, file, at) is { } hit) return hit;
                return null;
            case YMapping m:
                foreach (var e in m.Entries) if (Find(e.Value, file, at) is { } hit) return hit;
                return null;
            default: return null;
        }
    }

    /// <summary>Every <c>include:local</c> entry of the loaded files: (normalized path, node naming it).</summary>
    public static IEnumerable<(string Path, YNode Node)> LocalIncludes(RuleContext ctx)
    {
        foreach (var file in ctx.Model.Composer.LoadedFiles)
        {
            if (file.Content is not YMapping content) continue;
            var include = content["include"];
            var entries = include is YSequence seq ? seq.Items : include != null ? new[] { include } : Array.Empty<YNode>();
            foreach (var e in entries)
            {
                var node = e is YMapping m ? m["local"] : e is YScalar s && !s.AsText.Contains("://") ? s : null;
                if (YTree.Text(node) is not { } local) continue;
                if (Workspace.NormalizeRelative(local.TrimStart('/')) is { } path) yield return (path, node!);
            }
        }
    }
}
