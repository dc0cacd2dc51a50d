using System.Text;
using DocLint.Parse.GitLab.Expressions;

namespace DocLint.Evaluate;

/// <summary>
/// Layered CI/CD variables, lowest precedence first (predefined, global, job, matrix, rule, pipeline). Values are
/// expanded on read (<c>$NAME</c>, <c>${NAME}</c>; <c>$$</c> is a literal <c>$</c>), bounded against self-reference.
/// </summary>
public sealed class VariableSet : IVariableScope
{
    private readonly Dictionary<string, (string Value, bool Expand)> _values = new(StringComparer.Ordinal);

    public VariableSet() { }

    public VariableSet(VariableSet other)
    {
        foreach (var kv in other._values) _values[kv.Key] = kv.Value;
    }

    public void Set(string name, string value, bool expand = true) => _values[name] = (value, expand);

    public bool Contains(string name) => _values.ContainsKey(name);

    public IEnumerable<string> Names => _values.Keys;

    public string? Raw(string name) => _values.TryGetValue(name, out var v) ? v.Value : null;

    public string? Get(string name) => Resolve(name, 0);

    private string? Resolve(string name, int depth)
    {
        if (!_values.TryGetValue(name, out var v)) return null;
        if (!v.Expand || depth > 8 || v.Value.IndexOf('$') < 0) return v.Value;
        return Expand(v.Value, n => Resolve(n, depth + 1));
    }

    /// <summary>GitLab's ExpandVariables: unknown variables expand to the empty string.</summary>
    public static string Expand(string text, Func<string, string?> lookup, bool keepUnknown = false)
    {
        if (text.IndexOf('$') < 0) return text;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '$' || i + 1 >= text.Length) { sb.Append(c); continue; }
            var next = text[i + 1];
            if (next == '$') { sb.Append('$'); i++; continue; }
            int start, end;
            bool braces = next == '{';
            start = braces ? i + 2 : i + 1;
            end = start;
            while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_')) end++;
            if (end == start || (braces && (end >= text.Length || text[end] != '}'))) { sb.Append(c); continue; }
            var name = text[start..end];
            var value = lookup(name);
            sb.Append(value ?? (keepUnknown ? text[i..(braces ? end + 1 : end)] : ""));
            i = braces ? end : end - 1;
        }
        return sb.ToString();
    }

    /// <summary>This set's own value of <paramref name="name"/>, expanded against <paramref name="scope"/> (unless expand: false).</summary>
    public string? ValueIn(string name, IVariableScope scope) =>
        !_values.TryGetValue(name, out var v) ? null
        : !v.Expand || v.Value.IndexOf('$') < 0 ? v.Value
        : Expand(v.Value, n => n == name ? null : scope.Get(n));

    public string ExpandText(string text) => Expand(text, Get);
}
