namespace DocLint.Parse.Yaml;

/// <summary>Structural operations GitLab applies to configuration hashes.</summary>
public static class YTree
{
    /// <summary>
    /// GitLab's deep merge (Ruby <c>Hash#deep_merge</c>): hashes merge key by key, recursively; any other value
    /// (scalars, arrays) from <paramref name="over"/> replaces the one in <paramref name="under"/>.
    /// The result keeps the position of <paramref name="over"/>.
    /// </summary>
    public static YNode DeepMerge(YNode under, YNode over)
    {
        if (under is not YMapping u || over is not YMapping o) return over;
        if (u.Count == 0) return o;
        if (o.Count == 0) return new YMapping(u.Entries, o.File, o.Start, o.End, o.Tag);
        var entries = new List<YEntry>(u.Count + o.Count);
        entries.AddRange(u.Entries);
        foreach (var e in o.Entries)
        {
            var existing = u[e.Key.Value];
            entries.Add(existing != null ? new YEntry(e.Key, DeepMerge(existing, e.Value)) : e);
        }
        return new YMapping(entries, o.File, o.Start, o.End, o.Tag);
    }

    /// <summary>Items of a sequence with nested sequences flattened (GitLab flattens `rules`, `script` arrays), to a bounded depth.</summary>
    public static IEnumerable<YNode> Flatten(YNode? node, int maxDepth = 10)
    {
        if (node is not YSequence seq) yield break;
        foreach (var item in seq.Items)
        {
            if (item is YSequence inner && maxDepth > 0)
                foreach (var x in Flatten(inner, maxDepth - 1)) yield return x;
            else yield return item;
        }
    }

    /// <summary>A scalar as a one-item list, or the flattened items of a sequence.</summary>
    public static IEnumerable<YNode> Items(YNode? node) =>
        node is YSequence ? Flatten(node) : node is null || node is YScalar { IsNull: true } ? Enumerable.Empty<YNode>() : new[] { node };

    public static string? Text(YNode? node) => node is YScalar s && !s.IsNull ? s.AsText : null;
}
