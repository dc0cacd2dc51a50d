using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using DocLint.Parse.Yaml;

namespace DocLint.Parse.GitLab.Inputs;

/// <summary>
/// A value as GitLab's Ruby code sees it after Psych loaded the YAML (or Oj parsed a JSON input): the
/// interpolation semantics (type checks, <c>to_s</c> when embedded in a string, <c>Array#inspect</c>) are Ruby's,
/// so the model is Ruby's too.
/// </summary>
internal abstract record RValue
{
    public static readonly RNull Null = new();

    /// <summary>Ruby's <c>to_s</c>: what <c>"#{value}"</c> and <c>gsub(block, value.to_s)</c> produce.</summary>
    public abstract string ToS();

    /// <summary>Ruby's <c>inspect</c> (Ruby 3.3 formatting), used by <c>Array#to_s</c>.</summary>
    public abstract string Inspect();

    public virtual bool IsString => false;
    public virtual bool IsNumeric => false;
}

internal sealed record RNull : RValue
{
    public override string ToS() => "";
    public override string Inspect() => "nil";
}

internal sealed record RBool(bool Value) : RValue
{
    public override string ToS() => Value ? "true" : "false";
    public override string Inspect() => ToS();
}

internal sealed record RInt(BigInteger Value) : RValue
{
    public override bool IsNumeric => true;
    public override string ToS() => Value.ToString(CultureInfo.InvariantCulture);
    public override string Inspect() => ToS();
}

internal sealed record RFloat(double Value) : RValue
{
    public override bool IsNumeric => true;
    public override string ToS() => RubyText.FloatToS(Value);
    public override string Inspect() => ToS();
}

internal sealed record RStr(string Value) : RValue
{
    public override bool IsString => true;
    public override string ToS() => Value;
    public override string Inspect() => RubyText.InspectString(Value);
}

/// <summary>A non-string scalar Psych produces that DocLint does not model further (Date, Time, Symbol).</summary>
internal sealed record ROther(string Text) : RValue
{
    public override string ToS() => Text;
    public override string Inspect() => Text;
}

internal sealed record RArray(IReadOnlyList<RValue> Items) : RValue
{
    public override string ToS() => Inspect();

    public override string Inspect()
    {
        var sb = new StringBuilder("[");
        for (var i = 0; i < Items.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(Items[i].Inspect());
        }
        return sb.Append(']').ToString();
    }
}

internal sealed record RHash(IReadOnlyList<KeyValuePair<RValue, RValue>> Entries) : RValue
{
    public override string ToS() => Inspect();

    // Ruby 3.3 Hash#inspect. GitLab reads input specs `with_indifferent_access`, whose keys are strings, so a hash
    // inside an array default prints as {"key"=>1}. (Ruby 3.4 would print {"key" => 1}.)
    public override string Inspect()
    {
        if (Entries.Count == 0) return "{}";
        var sb = new StringBuilder("{");
        for (var i = 0; i < Entries.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(Entries[i].Key.Inspect()).Append("=>").Append(Entries[i].Value.Inspect());
        }
        return sb.Append('}').ToString();
    }
}

internal static class RValues
{
    /// <summary>
    /// Integers with more digits are read as (infinite) floats: Ruby keeps them exact, but parsing them is
    /// quadratic and no CI file needs them. A DocLint resource bound, not GitLab behaviour.
    /// </summary>
    public const int MaxIntegerDigits = 4096;

    /// <summary>The most YAML nodes (aliases expanded) an input value may have for DocLint to evaluate it.</summary>
    public const long MaxValueNodes = 100_000;

    /// <summary>How a node reads in a message, without converting a large collection.</summary>
    public static string DescribeNode(YNode node) => node switch
    {
        YScalar s => Describe(FromScalar(s)),
        YSequence => "an array",
        _ => "a mapping",
    };

    /// <summary>The number of values in a value (1 for a scalar), as the YAML nodes it becomes.</summary>
    public static long CountNodes(RValue v, long limit)
    {
        long count = 0;
        var stack = new Stack<RValue>();
        stack.Push(v);
        while (stack.Count > 0 && count <= limit)
        {
            var x = stack.Pop();
            count++;
            if (x is RArray a) foreach (var i in a.Items) stack.Push(i);
            else if (x is RHash h) foreach (var e in h.Entries) { count++; stack.Push(e.Value); }
        }
        return count;
    }

    /// <summary>
    /// Ruby <c>==</c> as <c>Array#include?</c> uses it: numbers compare by value across Integer and Float,
    /// everything else by type and content.
    /// </summary>
    public static bool RubyEquals(RValue a, RValue b)
    {
        switch (a, b)
        {
            case (RInt x, RInt y): return x.Value == y.Value;
            case (RInt x, RFloat y): return (double)x.Value == y.Value;
            case (RFloat x, RInt y): return x.Value == (double)y.Value;
            case (RFloat x, RFloat y): return x.Value == y.Value;
            case (RStr x, RStr y): return string.Equals(x.Value, y.Value, StringComparison.Ordinal);
            case (RBool x, RBool y): return x.Value == y.Value;
            case (RNull, RNull): return true;
            case (ROther x, ROther y): return x.Text == y.Text;
            case (RArray x, RArray y):
                if (x.Items.Count != y.Items.Count) return false;
                for (var i = 0; i < x.Items.Count; i++)
                    if (!RubyEquals(x.Items[i], y.Items[i])) return false;
                return true;
            case (RHash x, RHash y):
                if (x.Entries.Count != y.Entries.Count) return false;
                foreach (var e in x.Entries)
                    if (!y.Entries.Any(f => RubyEquals(e.Key, f.Key) && RubyEquals(e.Value, f.Value))) return false;
                return true;
            default: return false;
        }
    }

    /// <summary>The value of a YAML node as Psych loads it (YAML 1.1 plain-scalar resolution).</summary>
    public static RValue FromYaml(YNode node, int depth = 0)
    {
        if (depth > 512) return new RStr("");
        switch (node)
        {
            case YScalar s:
                return FromScalar(s);
            case YSequence seq:
            {
                var items = new RValue[seq.Items.Count];
                for (var i = 0; i < items.Length; i++) items[i] = FromYaml(seq.Items[i], depth + 1);
                return new RArray(items);
            }
            case YMapping map:
            {
                var entries = new KeyValuePair<RValue, RValue>[map.Count];
                for (var i = 0; i < entries.Length; i++)
                    entries[i] = new(FromScalar(map.Entries[i].Key), FromYaml(map.Entries[i].Value, depth + 1));
                return new RHash(entries);
            }
            default:
                return RValue.Null;
        }
    }

    public static RValue FromScalar(YScalar s)
    {
        if (s.Style != ScalarStyle.Plain) return new RStr(s.Value);
        if (s.Tag is "tag:yaml.org,2002:str" or "!!str" or "!") return new RStr(s.Value);
        return PsychScalar.Tokenize(s.Value);
    }

    /// <summary>
    /// Oj (GitLab's JSON adapter) parsing of an input given as text. <c>null</c> when the text is not JSON, in which
    /// case GitLab keeps the original string (<c>rescue JSON::ParserError; value</c>).
    /// </summary>
    public static RValue? TryParseJson(string text)
    {
        if (text.Length > 4 * 1024 * 1024) return null;
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
            return FromJson(doc.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static RValue FromJson(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String: return new RStr(e.GetString() ?? "");
            case JsonValueKind.True: return new RBool(true);
            case JsonValueKind.False: return new RBool(false);
            case JsonValueKind.Null: return RValue.Null;
            case JsonValueKind.Number:
            {
                var raw = e.GetRawText();
                if (raw.IndexOfAny(['.', 'e', 'E']) < 0 && raw.Length <= MaxIntegerDigits
                    && BigInteger.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big))
                    return new RInt(big);
                return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? new RFloat(d) : new RStr(raw);
            }
            case JsonValueKind.Array:
                return new RArray(e.EnumerateArray().Select(FromJson).ToArray());
            case JsonValueKind.Object:
                return new RHash(e.EnumerateObject().Select(p => new KeyValuePair<RValue, RValue>(new RStr(p.Name), FromJson(p.Value))).ToArray());
            default:
                return RValue.Null;
        }
    }

    /// <summary>JSON text of a value, for <see cref="InputValue.Text"/> of arrays (how GitLab takes array inputs).</summary>
    public static string ToJson(RValue v)
    {
        var sb = new StringBuilder();
        Write(v, sb);
        return sb.ToString();

        static void Write(RValue v, StringBuilder sb)
        {
            switch (v)
            {
                case RNull: sb.Append("null"); break;
                case RBool b: sb.Append(b.Value ? "true" : "false"); break;
                case RInt i: sb.Append(i.ToS()); break;
                case RFloat f when double.IsFinite(f.Value): sb.Append(f.Value.ToString("R", CultureInfo.InvariantCulture)); break;
                case RFloat: sb.Append("null"); break;
                case RArray a:
                    sb.Append('[');
                    for (var i = 0; i < a.Items.Count; i++)
                    {
                        if (i > 0) sb.Append(',');
                        Write(a.Items[i], sb);
                    }
                    sb.Append(']');
                    break;
                case RHash h:
                    sb.Append('{');
                    for (var i = 0; i < h.Entries.Count; i++)
                    {
                        if (i > 0) sb.Append(',');
                        AppendJsonString(h.Entries[i].Key.ToS(), sb);
                        sb.Append(':');
                        Write(h.Entries[i].Value, sb);
                    }
                    sb.Append('}');
                    break;
                default: AppendJsonString(v.ToS(), sb); break;
            }
        }

        // What JsonSerializer.Serialize(string) writes (the same default encoder), without the reflection-based
        // serializer, whose start-up (Reflection.Emit) cost more than the rest of a pre-push check.
        static void AppendJsonString(string s, StringBuilder sb) =>
            sb.Append('"').Append(JsonEncodedText.Encode(s).Value).Append('"');
    }

    /// <summary>
    /// The YAML node GitLab's hash would hold for this value, positioned at <paramref name="origin"/>. Strings are
    /// double-quoted so that a string input whose value is <c>true</c> or <c>42</c> is not re-read as a boolean or number.
    /// </summary>
    public static YNode ToNode(RValue v, YNode origin, int depth = 0)
    {
        switch (v)
        {
            case RStr s: return YScalar.Synthetic(s.Value, origin);
            case RBool or RInt or RNull or ROther: return YScalar.Synthetic(v.ToS(), origin, ScalarStyle.Plain);
            case RFloat f:
                var text = double.IsNaN(f.Value) ? ".nan" : double.IsPositiveInfinity(f.Value) ? ".inf"
                    : double.IsNegativeInfinity(f.Value) ? "-.inf" : f.ToS();
                return YScalar.Synthetic(text, origin, ScalarStyle.Plain);
            case RArray a when depth < 512:
                return new YSequence(a.Items.Select(i => ToNode(i, origin, depth + 1)).ToArray(), origin.File, origin.Start, origin.End);
            case RHash h when depth < 512:
                return new YMapping(h.Entries.Select(e => new YEntry(
                        YScalar.Synthetic(e.Key.ToS(), origin, e.Key is RStr ? ScalarStyle.DoubleQuoted : ScalarStyle.Plain),
                        ToNode(e.Value, origin, depth + 1))),
                    origin.File, origin.Start, origin.End);
            default:
                return YScalar.Synthetic(v.ToS(), origin);
        }
    }

    /// <summary>A short human description of the value's Ruby type, for messages.</summary>
    public static string Describe(RValue v) => v switch
    {
        RStr => "a string",
        RBool => "a boolean",
        RInt or RFloat => "a number",
        RArray => "an array",
        RHash => "a mapping",
        RNull => "null",
        _ => "a value",
    };

    /// <summary>The value quoted for a message, shortened so that a 1 MB value does not flood the report.</summary>
    public static string Quote(RValue v) => Quote(v is RStr s ? s.Value : v.Inspect());

    public static string Quote(string text)
    {
        const int max = 80;
        var t = text.Length > max ? text[..max] + "…" : text;
        return "`" + t.Replace("\n", "\\n").Replace("\r", "\\r").Replace("`", "'") + "`";
    }
}

/// <summary>Psych's <c>ScalarScanner#tokenize</c> (YAML 1.1 resolution of plain scalars, as GitLab loads CI files).</summary>
internal static class PsychScalar
{
    public static RValue Tokenize(string s)
    {
        if (s.Length == 0) return RValue.Null;

        if (LooksLikeWord(s) || s.Contains('\n'))
        {
            if (s.Length > 5) return new RStr(s);
            var first = char.ToLowerInvariant(s[0]);
            if (first is not ('y' or 't' or 'o' or 'n' or 'f' or '~')) return new RStr(s);
            if (s == "~" || s.Equals("null", StringComparison.OrdinalIgnoreCase)) return RValue.Null;
            var lower = s.ToLowerInvariant();
            if (lower is "yes" or "true" or "on") return new RBool(true);
            if (lower is "no" or "false" or "off") return new RBool(false);
            return new RStr(s);
        }

        if (IsDate(s) || IsTime(s)) return new ROther(s);
        if (s.Equals(".inf", StringComparison.OrdinalIgnoreCase) || s.Equals("+.inf", StringComparison.OrdinalIgnoreCase))
            return new RFloat(double.PositiveInfinity);
        if (s.Equals("-.inf", StringComparison.OrdinalIgnoreCase)) return new RFloat(double.NegativeInfinity);
        if (s.Equals(".nan", StringComparison.OrdinalIgnoreCase)) return new RFloat(double.NaN);
        if (s.Length > 1 && s[0] == ':') return new ROther(s.Trim(':').Trim('"', '\''));
        if (TrySexagesimal(s, out var sexa)) return new RInt(sexa);
        if (IsFloat(s))
        {
            if (s is "." or "+." or "-.") return new RStr(s);
            var cleaned = s.Replace(",", "").Replace("_", "");
            // Ruby: gsub(/\.([Ee]|$)/, '\1') so that "1." and "1.e+5" parse.
            cleaned = cleaned.Replace(".e", "e").Replace(".E", "E");
            if (cleaned.EndsWith('.')) cleaned = cleaned[..^1];
            return double.TryParse(cleaned, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? new RFloat(d) : new RStr(s);
        }
        if (TryInteger(s, out var big)) return new RInt(big);
        if (s.Length > RValues.MaxIntegerDigits && System.Text.RegularExpressions.Regex.IsMatch(s, @"\A[-+]?[0-9][0-9_,]*\z"))
            return new RFloat(s[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity);
        return new RStr(s);
    }

    // %r{^[^\d.:-]?[[:alpha:]_\s!@#$%\^&*(){}<>|/\\~;=]+}
    private static bool LooksLikeWord(string s)
    {
        static bool InClass(char c) => char.IsLetter(c) || c is '_' or ' ' or '\t' or '\r' or '\n' or '\f' or '\v'
            or '!' or '@' or '#' or '$' or '%' or '^' or '&' or '*' or '(' or ')' or '{' or '}' or '<' or '>' or '|' or '/'
            or '\\' or '~' or ';' or '=';
        if (InClass(s[0])) return true;
        var c0 = s[0];
        return !(char.IsAsciiDigit(c0) || c0 is '.' or ':' or '-') && s.Length > 1 && InClass(s[1]);
    }

    private static bool IsDate(string s) =>
        s.Length is >= 8 and <= 10 && System.Text.RegularExpressions.Regex.IsMatch(s, @"\A\d{4}-(?:1[012]|0\d|\d)-(?:[12]\d|3[01]|0\d|\d)\z");

    private static bool IsTime(string s) =>
        s.Length >= 11 && System.Text.RegularExpressions.Regex.IsMatch(s,
            @"\A-?\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d\d:\d\d(?:\.\d*)?(?:\s*(?:Z|[-+]\d{1,2}:?(?:\d\d)?))?\z");

    private static bool IsFloat(string s) =>
        System.Text.RegularExpressions.Regex.IsMatch(s, @"\A[-+]?(?:[0-9][0-9_,]*)?\.[0-9]*(?:[eE][-+][0-9]+)?\z");

    private static bool TrySexagesimal(string s, out BigInteger value)
    {
        value = 0;
        if (s.Length > 64 || !System.Text.RegularExpressions.Regex.IsMatch(s, @"\A[-+]?[0-9][0-9_]*(?::[0-5]?[0-9]){1,2}\z")) return false;
        var parts = s.Split(':');
        // Psych: i += n.to_i * 60 ** (e - 2).abs, for each part with index e
        for (var e = 0; e < parts.Length; e++)
        {
            var n = RubyToI(parts[e]);
            value += n * BigInteger.Pow(60, Math.Abs(e - 2));
        }
        return true;
    }

    private static BigInteger RubyToI(string s)
    {
        var i = 0;
        var neg = false;
        if (i < s.Length && s[i] is '+' or '-') neg = s[i++] == '-';
        BigInteger v = 0;
        for (; i < s.Length; i++)
        {
            if (s[i] == '_') continue;
            if (!char.IsAsciiDigit(s[i])) break;
            v = v * 10 + (s[i] - '0');
        }
        return neg ? -v : v;
    }

    // Psych's INTEGER_LEGACY (commas allowed), then Integer(string.delete(',_')).
    private static bool TryInteger(string s, out BigInteger value)
    {
        value = 0;
        if (!System.Text.RegularExpressions.Regex.IsMatch(s,
                @"\A(?:[-+]?0b[_,]*[0-1][0-1_,]*|[-+]?0[_,]*[0-7][0-7_,]*|[-+]?(?:0|[1-9](?:[0-9]|,[0-9]|_[0-9])*)|[-+]?0x[_,]*[0-9a-fA-F][0-9a-fA-F_,]*)\z"))
            return false;
        var t = s.Replace(",", "").Replace("_", "");
        if (t.Length > RValues.MaxIntegerDigits) return false; // read as a float by the caller's fallback
        var neg = false;
        if (t[0] is '+' or '-')
        {
            neg = t[0] == '-';
            t = t[1..];
        }
        int radix = 10;
        if (t.StartsWith("0b", StringComparison.Ordinal)) { radix = 2; t = t[2..]; }
        else if (t.StartsWith("0x", StringComparison.Ordinal)) { radix = 16; t = t[2..]; }
        else if (t.Length > 1 && t[0] == '0') { radix = 8; t = t[1..]; }
        BigInteger v = 0;
        foreach (var c in t)
        {
            var d = c <= '9' ? c - '0' : (char.ToLowerInvariant(c) - 'a' + 10);
            if (d < 0 || d >= radix) return false;
            v = v * radix + d;
        }
        value = neg ? -v : v;
        return true;
    }
}

/// <summary>Ruby's text conversions that GitLab's interpolation output depends on.</summary>
internal static class RubyText
{
    /// <summary>Ruby <c>Float#to_s</c>: shortest round-trip digits, fixed notation for exponents -4..16, else <c>1.0e+20</c>.</summary>
    public static string FloatToS(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "Infinity";
        if (double.IsNegativeInfinity(value)) return "-Infinity";
        var negative = value < 0 || (value == 0 && double.IsNegative(value));
        if (value == 0) return negative ? "-0.0" : "0.0";

        var r = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        string mantissa = r;
        var exp = 0;
        var e = r.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            mantissa = r[..e];
            exp = int.Parse(r[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }
        var dot = mantissa.IndexOf('.');
        var digits = dot >= 0 ? mantissa.Remove(dot, 1) : mantissa;
        var decpt = (dot >= 0 ? dot : mantissa.Length) + exp;
        var lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0') lead++;
        digits = digits[lead..];
        decpt -= lead;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) digits = "0";

        var sb = new StringBuilder();
        if (negative) sb.Append('-');
        if (decpt > 0 && decpt <= 16)
        {
            if (digits.Length <= decpt)
            {
                sb.Append(digits).Append('0', decpt - digits.Length).Append(".0");
            }
            else
            {
                sb.Append(digits, 0, decpt).Append('.').Append(digits, decpt, digits.Length - decpt);
            }
        }
        else if (decpt <= 0 && decpt > -4)
        {
            sb.Append("0.").Append('0', -decpt).Append(digits);
        }
        else
        {
            sb.Append(digits[0]).Append('.');
            sb.Append(digits.Length > 1 ? digits[1..] : "0");
            var x = decpt - 1;
            sb.Append('e').Append(x < 0 ? '-' : '+').Append(Math.Abs(x).ToString("00", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>Ruby <c>String#inspect</c> for a UTF-8 string.</summary>
    public static string InspectString(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        sb.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\f': sb.Append("\\f"); break;
                case '\v': sb.Append("\\v"); break;
                case '\b': sb.Append("\\b"); break;
                case '\a': sb.Append("\\a"); break;
                case '\u001b': sb.Append("\\e"); break;
                case '#' when i + 1 < s.Length && s[i + 1] is '{' or '$' or '@': sb.Append("\\#"); break;
                default:
                    if (c < 0x20 || c is >= '\u007f' and <= '\u009f') sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    /// <summary>UTF-8 byte length (Ruby <c>bytesize</c>), computed only as far as needed to compare with <paramref name="limit"/>.</summary>
    public static bool ByteSizeExceeds(string s, int limit)
    {
        if (s.Length > limit) return true;
        if ((long)s.Length * 3 <= limit) return false;
        return Encoding.UTF8.GetByteCount(s) > limit;
    }

    /// <summary>Ruby <c>String#strip</c>: whitespace and NUL at both ends.</summary>
    public static string Strip(string s) => s.Trim('\0', '\t', '\n', '\v', '\f', '\r', ' ');

    /// <summary>Ruby <c>str.split(sep)</c> with a one-character separator and no limit: trailing empty fields dropped.</summary>
    public static List<string> Split(string s, char separator)
    {
        var parts = new List<string>(s.Split(separator));
        while (parts.Count > 0 && parts[^1].Length == 0) parts.RemoveAt(parts.Count - 1);
        return parts;
    }

    /// <summary>Ruby <c>str.split(sep, limit)</c> with a positive limit: at most limit fields, trailing empties kept.</summary>
    public static List<string> Split(string s, char separator, int limit)
    {
        if (s.Length == 0) return new List<string>();
        return new List<string>(s.Split(separator, limit));
    }

    /// <summary>
    /// Ruby <c>str.gsub(pattern, replacement)</c> with a String pattern and a String replacement. Ruby expands
    /// back-references in the replacement even then: <c>\0</c> and <c>\&amp;</c> are the match, <c>\`</c> and <c>\'</c>
    /// the text before and after it, <c>\\</c> one backslash, <c>\1</c>..<c>\9</c> nothing. GitLab's Template passes
    /// the input's value as the replacement, so these sequences in a value are expanded too (a GitLab quirk kept here).
    /// Returns null when the result would exceed <paramref name="maxChars"/>.
    /// </summary>
    public static string? GsubLiteral(string source, string pattern, string replacement, int maxChars)
    {
        var at = source.IndexOf(pattern, StringComparison.Ordinal);
        if (at < 0) return source;
        var sb = new StringBuilder(source.Length + replacement.Length);
        var last = 0;
        while (at >= 0)
        {
            sb.Append(source, last, at - last);
            AppendReplacement(sb, source, at, pattern.Length, replacement);
            if (sb.Length > maxChars) return null;
            last = at + pattern.Length;
            at = source.IndexOf(pattern, last, StringComparison.Ordinal);
        }
        sb.Append(source, last, source.Length - last);
        return sb.Length > maxChars ? null : sb.ToString();
    }

    private static void AppendReplacement(StringBuilder sb, string source, int at, int length, string replacement)
    {
        if (replacement.IndexOf('\\') < 0)
        {
            sb.Append(replacement);
            return;
        }
        for (var i = 0; i < replacement.Length; i++)
        {
            var c = replacement[i];
            if (c != '\\' || i + 1 >= replacement.Length)
            {
                sb.Append(c);
                continue;
            }
            var n = replacement[++i];
            switch (n)
            {
                case '0' or '&': sb.Append(source, at, length); break;
                case >= '1' and <= '9': break;
                case '`': sb.Append(source, 0, at); break;
                case '\'': sb.Append(source, at + length, source.Length - at - length); break;
                case '\\': sb.Append('\\'); break;
                default: sb.Append('\\').Append(n); break;
            }
        }
    }
}
