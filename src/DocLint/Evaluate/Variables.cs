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
    /// <summary>The layers below this one (lower precedence); read through, never written.</summary>
    private readonly VariableSet? _base;

    public VariableSet() { }

    /// <summary>
    /// A new layer over <paramref name="below"/>: its values are read through (this layer's own values win), not copied,
    /// so every job instance of a pipeline shares the predefined, global and job layers. <paramref name="below"/> must not
    /// change while this set is in use (the evaluator builds each layer completely before it layers on it).
    /// </summary>
    public VariableSet(VariableSet below)
    {
        _base = below;
        Budget = below.Budget;
    }

    /// <summary>Bounds what expansion may produce (shared by the sets of one run); null: unbounded (small, trusted values only).</summary>
    public ExpansionBudget? Budget { get; set; }

    public void Set(string name, string value, bool expand = true) => _values[name] = (value, expand);

    private bool TryGet(string name, out (string Value, bool Expand) value)
    {
        for (var layer = this; layer != null; layer = layer._base)
            if (layer._values.TryGetValue(name, out value)) return true;
        value = default;
        return false;
    }

    public bool Contains(string name) => TryGet(name, out _);

    /// <summary>Every name, in the order it was first set (lower layers first).</summary>
    public IEnumerable<string> Names =>
        _base == null ? _values.Keys : _base.Names.Concat(_values.Keys.Where(k => !_base.Contains(k)));

    public string? Raw(string name) => TryGet(name, out var v) ? v.Value : null;

    public string? Get(string name) => Resolve(name, 0);

    private string? Resolve(string name, int depth)
    {
        if (!TryGet(name, out var v)) return null;
        if (!v.Expand || depth > 8 || v.Value.IndexOf('$') < 0) return v.Value;
        return Expand(v.Value, n => Resolve(n, depth + 1), budget: Budget, owner: name);
    }

    /// <summary>
    /// GitLab's ExpandVariables: unknown variables expand to the empty string. With a <paramref name="budget"/>, the
    /// result is cut at its per-value size and nothing is expanded once the run's total is spent (the budget records
    /// <paramref name="owner"/>, the variable being expanded, so the caller can report it).
    /// </summary>
    public static string Expand(string text, Func<string, string?> lookup, bool keepUnknown = false, ExpansionBudget? budget = null, string? owner = null)
    {
        if (text.IndexOf('$') < 0) return text;
        if (budget is { Spent: true })
        {
            budget.Exceeded(owner, total: true);
            return text;
        }
        if (owner != null && budget != null && budget.HasOverflowed(owner))
        {
            // Cut once already: not expanded again (every expansion of it would cost the whole per-value size).
            budget.Exceeded(owner, total: false);
            return text;
        }
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (budget != null && sb.Length >= budget.MaxValueChars)
            {
                sb.Length = (int)budget.MaxValueChars;
                budget.Exceeded(owner, total: false);
                break;
            }
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
        if (budget != null)
        {
            if (sb.Length > budget.MaxValueChars)
            {
                sb.Length = (int)budget.MaxValueChars;
                budget.Exceeded(owner, total: false);
            }
            budget.Remaining -= sb.Length;
        }
        return sb.ToString();
    }

    /// <summary>This set's own value of <paramref name="name"/>, expanded against <paramref name="scope"/> (unless expand: false).</summary>
    public string? ValueIn(string name, IVariableScope scope) =>
        !TryGet(name, out var v) ? null
        : !v.Expand || v.Value.IndexOf('$') < 0 ? v.Value
        : Expand(v.Value, n => n == name ? null : scope.Get(n), budget: Budget ?? (scope as VariableSet)?.Budget, owner: name);

    public string ExpandText(string text) => Expand(text, Get, budget: Budget);

    /// <summary>This set's own value of <paramref name="name"/> as a trigger job passes it downstream (see <see cref="ExpandOnce"/>).</summary>
    public string? DownstreamValueIn(string name, VariableSet scope) =>
        !TryGet(name, out var v) ? null : !v.Expand ? v.Value : ExpandOnce(v.Value, scope.Raw, Budget ?? scope.Budget, name);

    /// <summary>
    /// GitLab's <c>ExpandVariables.expand</c>, as it builds what a trigger job passes downstream
    /// (<c>Gitlab::Ci::Variables::Downstream::ExpandableVariableGenerator</c>) and its <c>trigger:branch</c>
    /// (<c>Ci::Bridge#target_ref</c>): each <c>$NAME</c>, <c>${NAME}</c> or <c>%NAME%</c> is replaced once by the
    /// <em>raw</em> value the name has in the job's scope (highest precedence wins, so a self-reference such as
    /// <c>VAR: $VAR</c> reads a pipeline variable VAR if there is one, else stays <c>$VAR</c>), unknown names by
    /// nothing; the values put in are not expanded again, and <c>$$</c> is no escape on this side.
    /// </summary>
    public static string ExpandOnce(string text, Func<string, string?> raw, ExpansionBudget? budget = null, string? owner = null)
    {
        if (text.IndexOf('$') < 0 && text.IndexOf('%') < 0) return text;
        if (budget is { Spent: true })
        {
            budget.Exceeded(owner, total: true);
            return text;
        }
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '$' or '%' && TryName(text, i, out var name, out var end))
            {
                sb.Append(raw(name) ?? "");
                i = end - 1;
            }
            else sb.Append(c);
            if (budget != null && sb.Length > budget.MaxValueChars)
            {
                sb.Length = (int)budget.MaxValueChars;
                budget.Exceeded(owner, total: false);
                break;
            }
        }
        if (budget != null) budget.Remaining -= sb.Length;
        return sb.ToString();
    }

    /// <summary>GitLab's VARIABLES_REGEXP at <paramref name="i"/>: <c>$NAME</c>, <c>${NAME}</c> or <c>%NAME%</c> (NAME = <c>[a-zA-Z_][a-zA-Z0-9_]*</c>).</summary>
    private static bool TryName(string text, int i, out string name, out int end)
    {
        name = "";
        end = i;
        var braces = text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{';
        var start = braces ? i + 2 : i + 1;
        if (start >= text.Length || !(char.IsAsciiLetter(text[start]) || text[start] == '_')) return false;
        var j = start + 1;
        while (j < text.Length && (char.IsAsciiLetterOrDigit(text[j]) || text[j] == '_')) j++;
        if (text[i] == '%')
        {
            if (j >= text.Length || text[j] != '%') return false;
            j++;
            name = text[start..(j - 1)];
        }
        else if (braces)
        {
            if (j >= text.Length || text[j] != '}') return false;
            name = text[start..j];
            j++;
        }
        else name = text[start..j];
        end = j;
        return true;
    }
}

/// <summary>
/// What variable expansion may produce in one run (<see cref="DocLint.Load.Limits.MaxVariableValueChars"/> per value,
/// <see cref="DocLint.Load.Limits.MaxVariableExpansionChars"/> in all): a variable that expands into itself many times
/// over (<c>B: $A$A$A…</c>, <c>C: $B$B$B…</c>) would otherwise grow exponentially, and one large value copied into every
/// job instance of every scenario linearly but without bound.
/// </summary>
public sealed class ExpansionBudget(long maxValueChars, long maxTotalChars)
{
    public long MaxValueChars { get; } = Math.Clamp(maxValueChars, 1, int.MaxValue);
    public long MaxTotalChars { get; } = maxTotalChars;
    public long Remaining { get; set; } = maxTotalChars;
    public bool Spent => Remaining <= 0;

    /// <summary>The first variable that hit a bound since <see cref="TakeExceeded"/> last ran, and which bound.</summary>
    private (string? Name, bool Total)? _exceeded;

    private readonly HashSet<string> _overflowed = new(StringComparer.Ordinal);

    internal bool HasOverflowed(string name) => _overflowed.Contains(name);

    /// <summary>Characters expanded so far.</summary>
    public long Used => MaxTotalChars - Remaining;

    /// <summary>True once any bound was hit (the set of cut values and the total are then order-dependent).</summary>
    public bool Hit { get; private set; }

    internal void Exceeded(string? owner, bool total)
    {
        Hit = true;
        _exceeded ??= (owner, total);
        if (!total && owner != null) _overflowed.Add(owner);
    }

    /// <summary>Returns (and forgets) the variable that hit a bound, if one did.</summary>
    public (string? Name, bool Total)? TakeExceeded()
    {
        var e = _exceeded;
        _exceeded = null;
        return e;
    }
}
