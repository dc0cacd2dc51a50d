using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocLint.Parse.Yaml;

namespace DocLint.Load;

/// <summary>
/// A YAML tree as a JSON document for a JSON Schema validator, and the way back from a JSON Pointer the validator
/// reports to the YAML node (with its line and column) and DocLint's path spelling (<c>a.b[0]["x y"]</c>). Scalars
/// are typed the way YAML 1.2's core schema types them (what editors using the same schema do): <c>true</c>/<c>false</c>
/// are booleans, <c>null</c>, <c>~</c> and empty are null, plain numbers are numbers, everything else — <c>off</c>,
/// <c>yes</c>, any quoted scalar — is a string.
/// </summary>
internal static partial class JsonProjection
{
    /// <summary>The YAML node a JSON Pointer names, its DocLint path, and whether it names the key rather than the value.</summary>
    public readonly record struct Origin(YNode Node, string Path, bool IsKey);

    /// <summary>The tree as UTF-8 JSON.</summary>
    public static byte[] Utf8(YNode root)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { MaxDepth = 4096, SkipValidation = true }))
            Write(writer, root);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The tree as JSON text.</summary>
    public static string Json(YNode root) => Encoding.UTF8.GetString(Utf8(root));

    private static void Write(Utf8JsonWriter w, YNode node)
    {
        switch (node)
        {
            case YMapping m:
                w.WriteStartObject();
                foreach (var e in m.Entries)
                {
                    w.WritePropertyName(e.Key.Value);
                    Write(w, e.Value);
                }
                w.WriteEndObject();
                break;
            case YSequence s:
                w.WriteStartArray();
                foreach (var item in s.Items) Write(w, item);
                w.WriteEndArray();
                break;
            case YScalar sc:
                switch (TypeOf(sc))
                {
                    case ScalarType.Null: w.WriteNullValue(); break;
                    case ScalarType.Boolean: w.WriteBooleanValue(sc.Value[0] is 't' or 'T'); break;
                    // Only the type matters to the schemas (no numeric bounds); a YAML number JSON cannot spell
                    // (0x1F, 0o17, +1, .5, .inf) is written as 0.
                    case ScalarType.Number: w.WriteRawValue(JsonNumber().IsMatch(sc.Value) ? sc.Value : "0", skipInputValidation: true); break;
                    default: w.WriteStringValue(sc.Value); break;
                }
                break;
            default:
                w.WriteNullValue();
                break;
        }
    }

    /// <summary>
    /// The node at <paramref name="pointer"/> (RFC 6901, as the validator reports an instance location) under
    /// <paramref name="root"/>; with <paramref name="key"/>, the key node of the last segment instead of its value.
    /// Null when the pointer leaves the tree.
    /// </summary>
    public static Origin? At(YNode root, string pointer, bool key = false)
    {
        YNode node = root;
        var path = "";
        if (pointer.Length == 0) return new Origin(root, path, false);
        var segments = pointer.Split('/');
        for (var i = 1; i < segments.Length; i++)
        {
            var segment = segments[i].Replace("~1", "/").Replace("~0", "~");
            var last = i == segments.Length - 1;
            switch (node)
            {
                case YMapping m when m.Entry(segment) is { } entry:
                    path = Join(path, segment);
                    if (last && key) return new Origin(entry.Key, path, true);
                    node = entry.Value;
                    break;
                case YSequence s when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < s.Items.Count:
                    path = $"{path}[{index}]";
                    node = s.Items[index];
                    break;
                default:
                    return null;
            }
        }
        return new Origin(node, path, false);
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

    // Written out rather than as regular expressions: every scalar of a config or catalogue is typed with these, and a fresh
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
    internal static string Join(string path, string key) =>
        PlainKey().IsMatch(key) ? (path.Length == 0 ? key : path + "." + key) : $"{path}[\"{key.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"]";

    [GeneratedRegex(@"^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$")]
    private static partial Regex JsonNumber();

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex PlainKey();
}
