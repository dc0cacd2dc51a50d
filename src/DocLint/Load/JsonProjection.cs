using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DocLint.Parse.Yaml;

namespace DocLint.Load;

/// <summary>
/// A YAML tree written as JSON text for a JSON Schema validator, with every JSON token that a validation error can
/// name (an object or array start, a property name, a scalar value) on a line of its own, so that the line a
/// validator reports maps back to exactly one YAML node and its path. Scalars are typed the way YAML 1.2's core
/// schema types them (what editors using the same schema do): <c>true</c>/<c>false</c> are booleans, <c>null</c>,
/// <c>~</c> and empty are null, plain numbers are numbers, everything else — <c>off</c>, <c>yes</c>, any quoted
/// scalar — is a string.
/// </summary>
internal sealed partial class JsonProjection
{
    /// <summary>The YAML node behind one JSON line; <see cref="IsKey"/> for a property-name line.</summary>
    public readonly record struct Origin(YNode Node, string Path, bool IsKey);

    private readonly StringBuilder _json = new();
    private readonly List<Origin> _lines = new();

    private JsonProjection() { }

    public string Json => _json.ToString();

    /// <summary>The origin of JSON line <paramref name="line"/> (1-based), or null when it is out of range.</summary>
    public Origin? At(int line) => line >= 1 && line <= _lines.Count ? _lines[line - 1] : null;

    public Origin Root => _lines[0];

    public static JsonProjection Of(YNode root)
    {
        var p = new JsonProjection();
        p.Write(root, "", "");
        return p;
    }

    /// <summary>Writes <paramref name="node"/> on a new line starting with <paramref name="prefix"/> ("," between items).</summary>
    private void Write(YNode node, string path, string prefix)
    {
        NewLine(new Origin(node, path, false));
        _json.Append(prefix);
        switch (node)
        {
            case YMapping m:
                _json.Append('{');
                var first = true;
                foreach (var e in m.Entries)
                {
                    var keyPath = Join(path, e.Key.Value);
                    NewLine(new Origin(e.Key, keyPath, true));
                    if (!first) _json.Append(',');
                    first = false;
                    AppendString(e.Key.Value);
                    // The colon stays on the key's line: Json.NET gives a property the line it stops reading it on.
                    _json.Append(':');
                    Write(e.Value, keyPath, "");
                }
                _json.Append('}');
                break;
            case YSequence s:
                _json.Append('[');
                for (var i = 0; i < s.Items.Count; i++)
                    Write(s.Items[i], $"{path}[{i}]", i == 0 ? "" : ",");
                _json.Append(']');
                break;
            case YScalar sc:
                AppendScalar(sc);
                break;
        }
    }

    private void NewLine(Origin origin)
    {
        if (_lines.Count > 0) _json.Append('\n');
        _lines.Add(origin);
    }

    private void AppendScalar(YScalar s)
    {
        switch (TypeOf(s))
        {
            case ScalarType.Null: _json.Append("null"); break;
            case ScalarType.Boolean: _json.Append(s.Value.ToLowerInvariant()); break;
            case ScalarType.Number:
                // Only the type matters to the schemas (no numeric bounds); a YAML number JSON cannot spell
                // (0x1F, 0o17, +1, .5, .inf) is written as 0.
                _json.Append(JsonNumber().IsMatch(s.Value) ? s.Value : "0");
                break;
            default: AppendString(s.Value); break;
        }
    }

    private void AppendString(string value)
    {
        _json.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': _json.Append("\\\""); break;
                case '\\': _json.Append("\\\\"); break;
                default:
                    if (c < 0x20) _json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else _json.Append(c);
                    break;
            }
        }
        _json.Append('"');
    }

    public enum ScalarType { String, Null, Boolean, Number }

    /// <summary>The JSON type of a scalar under YAML 1.2's core schema (quoted, block and <c>!!str</c> scalars are strings).</summary>
    public static ScalarType TypeOf(YScalar s)
    {
        if (s.Style != ScalarStyle.Plain) return ScalarType.String;
        if (s.Tag is not (null or "?" or ""))
        {
            return s.Tag switch
            {
                "tag:yaml.org,2002:null" => ScalarType.Null,
                "tag:yaml.org,2002:bool" when IsCoreBool(s.Value) => ScalarType.Boolean,
                "tag:yaml.org,2002:int" or "tag:yaml.org,2002:float" when IsCoreNumber(s.Value) => ScalarType.Number,
                _ => ScalarType.String,
            };
        }
        if (s.Value is "" or "~" or "null" or "Null" or "NULL") return ScalarType.Null;
        if (IsCoreBool(s.Value)) return ScalarType.Boolean;
        if (IsCoreNumber(s.Value)) return ScalarType.Number;
        return ScalarType.String;
    }

    // Written out rather than as regular expressions: the precheck of every valid config runs these, and a fresh
    // process pays for the first regular expression it builds.
    private static bool IsCoreBool(string v) => v is "true" or "True" or "TRUE" or "false" or "False" or "FALSE";

    /// <summary>YAML 1.2 core schema int and float: <c>[-+]?[0-9]+</c>, <c>0o[0-7]+</c>, <c>0x[0-9a-fA-F]+</c>,
    /// <c>[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?</c>, <c>[-+]?\.inf</c>, <c>\.nan</c> (three casings).</summary>
    internal static bool IsCoreNumber(string v)
    {
        if (v is ".nan" or ".NaN" or ".NAN") return true;
        if (v.Length > 2 && v[0] == '0' && v[1] == 'o') return v.AsSpan(2).IndexOfAnyExceptInRange('0', '7') < 0;
        if (v.Length > 2 && v[0] == '0' && v[1] == 'x') return v.AsSpan(2).IndexOfAnyExcept("0123456789abcdefABCDEF") < 0;
        var i = 0;
        if (i < v.Length && v[i] is '-' or '+') i++;
        if (v.AsSpan(i) is ".inf" or ".Inf" or ".INF") return true;
        var digits = Digits(v, ref i);
        var fraction = 0;
        if (i < v.Length && v[i] == '.')
        {
            i++;
            fraction = Digits(v, ref i);
            if (digits == 0 && fraction == 0) return false;
        }
        else if (digits == 0) return false;
        if (i < v.Length && v[i] is 'e' or 'E')
        {
            i++;
            if (i < v.Length && v[i] is '-' or '+') i++;
            if (Digits(v, ref i) == 0) return false;
        }
        return i == v.Length;
    }

    private static int Digits(string v, ref int i)
    {
        var start = i;
        while (i < v.Length && char.IsAsciiDigit(v[i])) i++;
        return i - start;
    }

    /// <summary>A path segment: a plain key as <c>a.b</c>, any other as <c>a["x y"]</c>.</summary>
    private static string Join(string path, string key) =>
        PlainKey().IsMatch(key) ? (path.Length == 0 ? key : path + "." + key) : $"{path}[\"{key.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"]";

    [GeneratedRegex(@"^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$")]
    private static partial Regex JsonNumber();

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex PlainKey();
}
