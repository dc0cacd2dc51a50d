namespace DocLint.Parse.GitLab.Expressions;

/// <summary>A set of Unicode code points (0..0x10FFFF) as sorted, disjoint, non-adjacent ranges. Mirrors RE2's CharClassBuilder.</summary>
/// <remarks>
/// Not thread-safe while being built. Reading <see cref="Ranges"/> normalizes pending additions, so a set shared between
/// threads must be normalized before it is published (<see cref="Of"/> and <see cref="Normalize"/> do that).
/// </remarks>
internal sealed class CodePointSet
{
    public const int MaxRune = 0x10FFFF;

    private List<(int Lo, int Hi)> _ranges = new();
    private bool _dirty;

    public IReadOnlyList<(int Lo, int Hi)> Ranges
    {
        get { Normalize(); return _ranges; }
    }

    public bool IsEmpty => Ranges.Count == 0;

    public static CodePointSet Of(params (int Lo, int Hi)[] ranges)
    {
        var s = new CodePointSet();
        foreach (var (lo, hi) in ranges) s.Add(lo, hi);
        s.Normalize(); // shared (static) sets must never mutate on read
        return s;
    }

    public CodePointSet Clone()
    {
        var s = new CodePointSet();
        s._ranges.AddRange(Ranges);
        return s;
    }

    public void Add(int lo, int hi)
    {
        if (lo > hi) return;
        _ranges.Add((lo, hi));
        _dirty = true;
    }

    public void AddSet(CodePointSet other)
    {
        foreach (var r in other.Ranges) Add(r.Lo, r.Hi);
    }

    public bool Contains(int cp)
    {
        var rs = Ranges;
        int lo = 0, hi = rs.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (cp < rs[mid].Lo) hi = mid - 1;
            else if (cp > rs[mid].Hi) lo = mid + 1;
            else return true;
        }
        return false;
    }

    /// <summary>Complement within 0..<see cref="MaxRune"/>.</summary>
    public void Negate()
    {
        var rs = Ranges;
        var result = new List<(int, int)>(rs.Count + 1);
        int next = 0;
        foreach (var (lo, hi) in rs)
        {
            if (next < lo) result.Add((next, lo - 1));
            next = hi + 1;
        }
        if (next <= MaxRune) result.Add((next, MaxRune));
        _ranges = result;
        _dirty = false;
    }

    /// <summary>Adds the case-fold equivalents of every member (RE2's AddFoldedRange).</summary>
    public void AddCaseFolds()
    {
        var extra = new List<int>();
        foreach (var (lo, hi) in Ranges)
            UnicodeTables.ForEachCasedInRange(lo, hi, cp => extra.AddRange(UnicodeTables.FoldOrbit(cp)));
        foreach (var cp in extra) Add(cp, cp);
    }

    public void Normalize()
    {
        if (!_dirty) return;
        _ranges.Sort((a, b) => a.Lo.CompareTo(b.Lo));
        var merged = new List<(int Lo, int Hi)>(_ranges.Count);
        foreach (var r in _ranges)
        {
            if (merged.Count > 0 && r.Lo <= merged[^1].Hi + 1)
            {
                var last = merged[^1];
                merged[^1] = (last.Lo, Math.Max(last.Hi, r.Hi));
            }
            else
            {
                merged.Add(r);
            }
        }
        _ranges = merged;
        _dirty = false;
    }
}
