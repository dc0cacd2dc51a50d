using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DocLint.Parse.Yaml;

namespace DocLint.Load;

/// <summary>
/// A fast yes/no answer to "does this YAML tree satisfy the schema?", read from the same schema text NJsonSchema
/// validates with, so that a valid config costs no NJsonSchema start-up (loading a schema into NJsonSchema takes a few
/// hundred milliseconds; this takes a few). It understands only the draft-07 keywords DocLint's schemas use — type,
/// enum (of strings and null), properties, additionalProperties (true/false), required, items (one schema),
/// minLength, pattern, $ref to #/definitions, and the annotations — and <see cref="TryLoad"/> refuses a schema with
/// any other keyword, so a schema edit can never make it accept what NJsonSchema would reject: then every document
/// goes to NJsonSchema. A "no" is only a suspicion: <see cref="SchemaCheck"/> asks NJsonSchema for the errors.
/// </summary>
internal sealed class SchemaPrecheck
{
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "$schema", "$id", "$comment", "title", "description", "default", "examples", "definitions",
    };

    [Flags]
    private enum Kinds { None = 0, String = 1, Null = 2, Boolean = 4, Integer = 8, Number = 16, Array = 32, Object = 64 }

    private sealed class Node
    {
        public Kinds Types;
        public string?[]? Enum;
        public Dictionary<string, Node>? Properties;
        public bool AdditionalProperties = true;
        public Node? Items;
        public string[] Required = Array.Empty<string>();
        public int? MinLength;
        /// <summary>Built on first use: most configs never reach a pattern, and a fresh process pays for its first Regex.</summary>
        public Lazy<Regex>? Pattern;
        public string? Ref;
    }

    private readonly Node _root;
    private readonly Dictionary<string, Node> _definitions;

    private SchemaPrecheck(Node root, Dictionary<string, Node> definitions)
    {
        _root = root;
        _definitions = definitions;
    }

    /// <summary>The precheck for this schema text, or null when the schema uses a keyword it does not understand.</summary>
    public static SchemaPrecheck? TryLoad(string schemaText)
    {
        if (TinyJson.Parse(schemaText) is not Dictionary<string, object?> root) return null;
        var definitions = new Dictionary<string, Node>(StringComparer.Ordinal);
        if (root.TryGetValue("definitions", out var defs))
        {
            if (defs is not Dictionary<string, object?> d) return null;
            foreach (var (name, value) in d)
                if (Read(value) is { } node) definitions[name] = node;
                else return null;
        }
        if (Read(root) is not { } top) return null;
        var check = new SchemaPrecheck(top, definitions);
        return check.RefsResolve(top, 0) && definitions.Values.All(n => check.RefsResolve(n, 0)) ? check : null;
    }

    private static Node? Read(object? value)
    {
        if (value is not Dictionary<string, object?> e) return null;
        var n = new Node();
        foreach (var (key, v) in e)
        {
            switch (key)
            {
                case var a when Annotations.Contains(a):
                    break;
                case "$ref":
                    if (v is not string r || !r.StartsWith("#/definitions/", StringComparison.Ordinal)) return null;
                    n.Ref = r["#/definitions/".Length..];
                    break;
                case "type":
                    if (v is string one) n.Types = KindOf(one);
                    else if (v is List<object?> many && many.All(t => t is string))
                        foreach (var t in many) n.Types |= KindOf((string)t!);
                    else return null;
                    if (n.Types == Kinds.None) return null;
                    break;
                case "enum":
                    if (v is not List<object?> values || !values.All(x => x is null or string)) return null;
                    n.Enum = values.Cast<string?>().ToArray();
                    break;
                case "properties":
                    if (v is not Dictionary<string, object?> props) return null;
                    n.Properties = new Dictionary<string, Node>(StringComparer.Ordinal);
                    foreach (var (name, child) in props)
                        if (Read(child) is { } c) n.Properties[name] = c;
                        else return null;
                    break;
                case "additionalProperties":
                    if (v is not bool allow) return null;
                    n.AdditionalProperties = allow;
                    break;
                case "required":
                    if (v is not List<object?> req || !req.All(x => x is string)) return null;
                    n.Required = req.Cast<string>().ToArray();
                    break;
                case "items":
                    n.Items = Read(v);
                    if (n.Items == null) return null;
                    break;
                case "minLength":
                    if (v is not double min || min < 0 || min != Math.Floor(min)) return null;
                    n.MinLength = (int)Math.Min(min, int.MaxValue);
                    break;
                case "pattern":
                    if (v is not string pattern) return null;
                    n.Pattern = new Lazy<Regex>(() => new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(200)));
                    break;
                default:
                    return null; // a keyword this precheck does not implement: leave the document to NJsonSchema
            }
        }
        return n;
    }

    private static Kinds KindOf(string? name) => name switch
    {
        "string" => Kinds.String,
        "null" => Kinds.Null,
        "boolean" => Kinds.Boolean,
        "integer" => Kinds.Integer,
        "number" => Kinds.Number,
        "array" => Kinds.Array,
        "object" => Kinds.Object,
        _ => Kinds.None,
    };

    private bool RefsResolve(Node n, int depth)
    {
        if (depth > 64) return false;
        if (n.Ref != null && !_definitions.ContainsKey(n.Ref)) return false;
        return (n.Properties?.Values.All(c => RefsResolve(c, depth + 1)) ?? true) && (n.Items == null || RefsResolve(n.Items, depth + 1));
    }

    /// <summary>True when <paramref name="node"/> certainly satisfies the schema.</summary>
    public bool Accepts(YNode node)
    {
        try { return Accepts(node, _root, 0); }
        catch (Exception e) when (e is RegexMatchTimeoutException or ArgumentException) { return false; } // NJsonSchema decides
    }

    private bool Accepts(YNode node, Node schema, int hops)
    {
        // draft-07: a $ref replaces its siblings.
        while (schema.Ref != null)
        {
            if (++hops > 64 || !_definitions.TryGetValue(schema.Ref, out var target)) return false;
            schema = target;
        }
        var kind = KindOf(node);
        if (schema.Types != Kinds.None && (schema.Types & kind) == 0
            && !(kind == Kinds.Integer && schema.Types.HasFlag(Kinds.Number))) return false;
        var scalar = node as YScalar;
        if (schema.Enum != null)
        {
            var value = kind switch { Kinds.String => scalar!.Value, Kinds.Null => null, _ => (string?)"\u0000not a string" };
            if (kind is not (Kinds.String or Kinds.Null) || !schema.Enum.Contains(value)) return false;
        }
        if (kind == Kinds.String)
        {
            if (schema.MinLength is { } min && scalar!.Value.Length < min) return false;
            if (schema.Pattern != null && !schema.Pattern.Value.IsMatch(scalar!.Value)) return false;
        }
        if (node is YMapping m)
        {
            foreach (var r in schema.Required)
                if (!m.ContainsKey(r)) return false;
            foreach (var e in m.Entries)
            {
                if (schema.Properties != null && schema.Properties.TryGetValue(e.Key.Value, out var child))
                {
                    if (!Accepts(e.Value, child, hops)) return false;
                }
                else if (!schema.AdditionalProperties) return false;
            }
        }
        if (node is YSequence s && schema.Items != null)
            foreach (var item in s.Items)
                if (!Accepts(item, schema.Items, hops)) return false;
        return true;
    }

    private static Kinds KindOf(YNode node) => node switch
    {
        YMapping => Kinds.Object,
        YSequence => Kinds.Array,
        YScalar s => JsonProjection.TypeOf(s) switch
        {
            JsonProjection.ScalarType.Null => Kinds.Null,
            JsonProjection.ScalarType.Boolean => Kinds.Boolean,
            JsonProjection.ScalarType.Number => IsInteger(s.Value) ? Kinds.Integer : Kinds.Number,
            _ => Kinds.String,
        },
        _ => Kinds.None,
    };

    private static bool IsInteger(string v) =>
        v.StartsWith("0x", StringComparison.Ordinal) || v.StartsWith("0o", StringComparison.Ordinal)
        || (v.Length > 0 && v.TrimStart('-', '+').All(char.IsAsciiDigit) && v.TrimStart('-', '+').Length > 0);
}

/// <summary>
/// A minimal JSON reader (objects, arrays, strings, numbers, true, false, null) for DocLint's own schema texts: it
/// spares the precheck the start-up of System.Text.Json (about 20 ms in a fresh process, most of the whole budget).
/// Returns null for text that is not one well-formed JSON value.
/// </summary>
internal static class TinyJson
{
    public static object? Parse(string text)
    {
        var i = 0;
        try
        {
            var value = Value(text, ref i, 0);
            Space(text, ref i);
            return i == text.Length ? value : null;
        }
        catch (FormatException) { return null; }
    }

    private static void Space(string t, ref int i)
    {
        while (i < t.Length && t[i] is ' ' or '\t' or '\n' or '\r') i++;
    }

    private static object? Value(string t, ref int i, int depth)
    {
        if (depth > 64) throw new FormatException("too deep");
        Space(t, ref i);
        if (i >= t.Length) throw new FormatException("end of text");
        switch (t[i])
        {
            case '{':
            {
                i++;
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                Space(t, ref i);
                if (i < t.Length && t[i] == '}') { i++; return map; }
                while (true)
                {
                    Space(t, ref i);
                    var key = Str(t, ref i);
                    Space(t, ref i);
                    Expect(t, ref i, ':');
                    map[key] = Value(t, ref i, depth + 1);
                    Space(t, ref i);
                    if (i < t.Length && t[i] == ',') { i++; continue; }
                    Expect(t, ref i, '}');
                    return map;
                }
            }
            case '[':
            {
                i++;
                var list = new List<object?>();
                Space(t, ref i);
                if (i < t.Length && t[i] == ']') { i++; return list; }
                while (true)
                {
                    list.Add(Value(t, ref i, depth + 1));
                    Space(t, ref i);
                    if (i < t.Length && t[i] == ',') { i++; continue; }
                    Expect(t, ref i, ']');
                    return list;
                }
            }
            case '"':
                return Str(t, ref i);
            default:
                if (Word(t, ref i, "true")) return true;
                if (Word(t, ref i, "false")) return false;
                if (Word(t, ref i, "null")) return null;
                var start = i;
                while (i < t.Length && (char.IsAsciiDigit(t[i]) || t[i] is '-' or '+' or '.' or 'e' or 'E')) i++;
                if (i == start || !double.TryParse(t.AsSpan(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                    throw new FormatException("unexpected character");
                return d;
        }
    }

    private static bool Word(string t, ref int i, string word)
    {
        if (string.CompareOrdinal(t, i, word, 0, word.Length) != 0) return false;
        i += word.Length;
        return true;
    }

    private static void Expect(string t, ref int i, char c)
    {
        if (i >= t.Length || t[i] != c) throw new FormatException($"expected '{c}'");
        i++;
    }

    private static string Str(string t, ref int i)
    {
        Expect(t, ref i, '"');
        var sb = new StringBuilder();
        while (true)
        {
            if (i >= t.Length) throw new FormatException("unterminated string");
            var c = t[i++];
            if (c == '"') return sb.ToString();
            if (c < 0x20) throw new FormatException("control character in string");
            if (c != '\\') { sb.Append(c); continue; }
            if (i >= t.Length) throw new FormatException("unterminated escape");
            var e = t[i++];
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u':
                    if (i + 4 > t.Length || !int.TryParse(t.AsSpan(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                        throw new FormatException("bad \\u escape");
                    sb.Append((char)code);
                    i += 4;
                    break;
                default: throw new FormatException("bad escape");
            }
        }
    }
}
