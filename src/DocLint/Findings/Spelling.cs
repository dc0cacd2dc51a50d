namespace DocLint.Findings;

/// <summary>
/// The one "did you mean" of DocLint: Levenshtein distance between short names (rule IDs, config keys, actions,
/// projects) and the suggestion built on it, for messages and exit-2 errors alike.
/// </summary>
public static class Spelling
{
    /// <summary>Levenshtein distance (names are short; two rows).</summary>
    public static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }

    /// <summary>" (did you mean X?)" for the closest known name within three edits (ties: the first in ordinal
    /// order), or "". Names longer than 64 characters, or more than three characters apart in length, are not compared.</summary>
    public static string Suggest(string name, IEnumerable<string> known)
    {
        var best = known
            .Where(k => Math.Abs(name.Length - k.Length) <= 3 && name.Length <= 64 && k.Length <= 64)
            .Select(k => (k, d: Distance(name, k))).Where(x => x.d <= 3)
            .OrderBy(x => x.d).ThenBy(x => x.k, StringComparer.Ordinal).FirstOrDefault();
        return best.k == null ? "" : $" (did you mean {best.k}?)";
    }
}
