using System.Globalization;
using DocLint.Findings;

namespace DocLint.Parse.Yaml;

/// <summary>A 1-based line and column.</summary>
public readonly record struct Mark(int Line, int Column)
{
    public static readonly Mark None = new(0, 0);
}

public enum ScalarStyle { Plain, SingleQuoted, DoubleQuoted, Literal, Folded }

/// <summary>
/// An immutable, positioned YAML node. Aliases share node instances, so trees are DAGs; every node knows its
/// expanded size (as if aliases were copied) so that walks can be bounded before they start.
/// </summary>
public abstract class YNode
{
    protected YNode(string file, Mark start, Mark end, string? tag)
    {
        File = file;
        Start = start;
        End = end;
        Tag = tag;
    }

    /// <summary>Repository-relative path of the file the node was written in.</summary>
    public string File { get; }
    public Mark Start { get; }
    public Mark End { get; }
    public string? Tag { get; }
    public abstract long ExpandedSize { get; }

    public SourceSpan Span => new(File, Math.Max(1, Start.Line), Math.Max(1, Start.Column),
        Math.Max(1, End.Line), Math.Max(1, End.Column));
}

public sealed class YScalar : YNode
{
    public YScalar(string value, ScalarStyle style, string file, Mark start, Mark end, string? tag = null)
        : base(file, start, end, tag)
    {
        Value = value;
        Style = style;
    }

    public string Value { get; }
    public ScalarStyle Style { get; }
    public override long ExpandedSize => 1;
    public bool IsPlain => Style == ScalarStyle.Plain && Tag is null or "?" or "";

    /// <summary>A synthetic scalar (from interpolation or evaluation) that keeps the position of <paramref name="origin"/>.</summary>
    public static YScalar Synthetic(string value, YNode origin, ScalarStyle style = ScalarStyle.DoubleQuoted) =>
        new(value, style, origin.File, origin.Start, origin.End);

    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    /// <summary>YAML 1.1 booleans as Ruby's Psych reads them (true/false/yes/no/on/off), plain scalars only.</summary>
    public bool? AsBool => !IsPlain ? null : Value.ToLowerInvariant() switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        _ => null,
    };

    public bool IsNumber => IsPlain && double.TryParse(Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                                     && Value.Length > 0 && (char.IsDigit(Value[0]) || Value[0] is '-' or '+' or '.');

    /// <summary>The string GitLab sees when this scalar is used as a string (booleans and nulls as Ruby prints them).</summary>
    public string AsText => IsNull ? "" : AsBool is { } b ? (b ? "true" : "false") : Value;

    public override string ToString() => Value;
}

public sealed class YSequence : YNode
{
    private readonly long _size;

    public YSequence(IReadOnlyList<YNode> items, string file, Mark start, Mark end, string? tag = null)
        : base(file, start, end, tag)
    {
        Items = items;
        long size = 1;
        foreach (var i in items) size = SafeAdd(size, i.ExpandedSize);
        _size = size;
    }

    public IReadOnlyList<YNode> Items { get; }
    public override long ExpandedSize => _size;
    public bool IsReference => Tag == "!reference";

    internal static long SafeAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}

/// <summary>One mapping entry: the key node (a scalar in every GitLab file) and its value.</summary>
public readonly record struct YEntry(YScalar Key, YNode Value);

public sealed class YMapping : YNode
{
    /// <summary>Mappings up to this many keys are searched linearly; larger ones get a key index (most CI mappings are
    /// small, and a dictionary per mapping was most of what composing a pipeline allocated).</summary>
    private const int IndexFrom = 9;

    private readonly YEntry[] _entries;
    private readonly Dictionary<string, int>? _index;
    private readonly long _size;

    /// <summary>Builds a mapping; a later duplicate key replaces the earlier value in place (Ruby hash semantics).</summary>
    public YMapping(IEnumerable<YEntry> entries, string file, Mark start, Mark end, string? tag = null)
        : base(file, start, end, tag)
    {
        var list = entries is ICollection<YEntry> known ? new List<YEntry>(known.Count) : new List<YEntry>();
        Dictionary<string, int>? index = null;
        foreach (var e in entries)
        {
            var at = index != null ? (index.TryGetValue(e.Key.Value, out var i) ? i : -1) : Find(list, e.Key.Value);
            if (at >= 0)
            {
                list[at] = new YEntry(list[at].Key, e.Value);
                continue;
            }
            list.Add(e);
            if (index != null) index[e.Key.Value] = list.Count - 1;
            else if (list.Count == IndexFrom)
            {
                index = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var k = 0; k < list.Count; k++) index[list[k].Key.Value] = k;
            }
        }
        _entries = list.ToArray();
        _index = index;
        long size = 1;
        foreach (var e in _entries) size = YSequence.SafeAdd(size, YSequence.SafeAdd(1, e.Value.ExpandedSize));
        _size = size;
    }

    private static int Find(List<YEntry> list, string key)
    {
        for (var i = 0; i < list.Count; i++)
            if (string.Equals(list[i].Key.Value, key, StringComparison.Ordinal)) return i;
        return -1;
    }

    private int IndexOf(string key)
    {
        if (_index != null) return _index.TryGetValue(key, out var i) ? i : -1;
        var entries = _entries;
        for (var i = 0; i < entries.Length; i++)
            if (string.Equals(entries[i].Key.Value, key, StringComparison.Ordinal)) return i;
        return -1;
    }

    public IReadOnlyList<YEntry> Entries => _entries;
    public override long ExpandedSize => _size;
    public int Count => _entries.Length;
    public IEnumerable<string> Keys => _entries.Select(e => e.Key.Value);

    public YNode? this[string key] => IndexOf(key) is var i and >= 0 ? _entries[i].Value : null;
    public YScalar? KeyNode(string key) => IndexOf(key) is var i and >= 0 ? _entries[i].Key : null;
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public YEntry? Entry(string key) => IndexOf(key) is var i and >= 0 ? _entries[i] : null;

    /// <summary>A copy with these entries replaced or appended (order of existing keys kept).</summary>
    public YMapping With(IEnumerable<YEntry> changes) => new(Entries.Concat(changes), File, Start, End, Tag);

    public YMapping Without(params string[] keys) =>
        new(Entries.Where(e => !keys.Contains(e.Key.Value)), File, Start, End, Tag);

    public static YMapping Empty(string file) => new(Array.Empty<YEntry>(), file, Mark.None, Mark.None);
}
