using System.Text;
using DocLint.Findings;

namespace DocLint.Reporting;

/// <summary>
/// Stable, unique finding fingerprints (gitlab-facts §4.3): SHA-256 of rule id, repository-relative path,
/// the finding's semantic <see cref="Finding.Key"/> and its occurrence index among findings with the same
/// (rule, path, key). The line number and any absolute path never enter the hash, so a finding keeps its
/// fingerprint when unrelated lines move, and the value is the same on every machine.
/// </summary>
public static class Fingerprints
{
    /// <summary>
    /// Fingerprints for <paramref name="sorted"/> (already in report order), index-aligned. Findings that already carry
    /// one (<see cref="Finding.Fingerprint"/>, assigned by <see cref="Assign"/>) keep it.
    /// </summary>
    public static IReadOnlyList<string> Compute(IReadOnlyList<Finding> sorted)
    {
        if (sorted.All(f => f.Fingerprint != null)) return sorted.Select(f => f.Fingerprint!).ToList();
        var result = new string[sorted.Count];
        var occurrences = new Dictionary<(string, string, string), int>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sorted.Count; i++)
        {
            var f = sorted[i];
            var triple = (f.RuleId, NormalizePath(f.Span.Path), f.Key ?? "");
            occurrences.TryGetValue(triple, out var n);
            occurrences[triple] = n + 1;
            var fp = Hash($"doclint-v1\0{triple.Item1}\0{triple.Item2}\0{triple.Item3}\0{n}");
            // A SHA-256 collision is not expected; rehash anyway so the report stays unique (GitLab keys by fingerprint).
            while (!used.Add(fp)) fp = Hash("doclint-v1\0" + fp);
            result[i] = fp;
        }
        return result;
    }

    /// <summary>The findings (in report order) with their fingerprints set.</summary>
    public static IReadOnlyList<Finding> Assign(IReadOnlyList<Finding> sorted)
    {
        var fps = Compute(sorted.Select(f => f with { Fingerprint = null }).ToList());
        return sorted.Select((f, i) => f with { Fingerprint = fps[i] }).ToList();
    }

    /// <summary>Repository-relative with '/', no leading "./"; a rooted path is reduced to its file name so no runner path leaks.</summary>
    public static string NormalizePath(string path)
    {
        var p = (path ?? "").Replace('\\', '/');
        while (p.StartsWith("./", StringComparison.Ordinal)) p = p[2..];
        if (p.StartsWith('/') || (p.Length > 2 && p[1] == ':' && p[2] == '/')) p = p[(p.LastIndexOf('/') + 1)..];
        return p;
    }

    private static string Hash(string s) => Convert.ToHexStringLower(Sha256.Hash(Encoding.UTF8.GetBytes(s)));
}
