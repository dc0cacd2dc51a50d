using System.Globalization;
using System.Runtime.CompilerServices;
using DocLint.Parse.Yaml;
using System.Text;
using System.Text.Json;
using Json.Schema;

namespace DocLint.Load;

/// <summary>One schema violation, at the YAML node it concerns, with its JSON path and what was expected.</summary>
public sealed record SchemaProblem(YNode Node, string Path, string Message)
{
    public int Line => Math.Max(1, Node.Start.Line);
    public int Column => Math.Max(1, Node.Start.Column);

    /// <summary><c>file:line:col: json.path: what was expected</c>.</summary>
    public override string ToString() => $"{Node.File}:{Line}:{Column}: {Path}: {Message}";
}

/// <summary>
/// Validates a positioned YAML tree against one of DocLint's JSON Schemas (embedded from <c>schema/</c>, the single
/// source of truth) with JsonSchema.Net: the tree is written as JSON (<see cref="JsonProjection"/>), validated, and
/// every error is mapped back to the line and column of the YAML node it names.
/// </summary>
public sealed class SchemaCheck
{
    public const string ConfigSchemaName = "doclint.schema.json";
    public const string CatalogueSchemaName = "catalogue.schema.json";

    private static readonly Lazy<SchemaCheck> ConfigSchema = new(() => new SchemaCheck(ConfigSchemaName));
    private static readonly Lazy<SchemaCheck> CatalogueSchema = new(() => new SchemaCheck(CatalogueSchemaName));

    /// <summary>The schema of <c>.doclint.yml</c>.</summary>
    public static SchemaCheck Config => ConfigSchema.Value;
    /// <summary>The schema of a catalogue file.</summary>
    public static SchemaCheck Catalogue => CatalogueSchema.Value;

    private readonly Lazy<StrictSchema> _strict;

    private SchemaCheck(string name)
    {
        Name = name;
        Text = ResourceText(name);
        _strict = new Lazy<StrictSchema>(() => new StrictSchema(Text));
    }

    /// <summary>The schema's file name under <c>schema/</c>.</summary>
    public string Name { get; }
    /// <summary>The schema text as embedded in the library.</summary>
    public string Text { get; }

    internal static string ResourceText(string name)
    {
        using var stream = typeof(SchemaCheck).Assembly.GetManifestResourceStream("DocLint." + name)
                           ?? throw new InvalidOperationException($"embedded schema {name} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Every violation of the schema by <paramref name="root"/>, in file order; empty when it is valid.</summary>
    public IReadOnlyList<SchemaProblem> Validate(YNode root) => _strict.Value.Validate(root);

    /// <summary>The same as <see cref="Validate"/> (the name the differential tests use for JsonSchema.Net's verdict).</summary>
    internal IReadOnlyList<SchemaProblem> ValidateStrict(YNode root) => Validate(root);
}

/// <summary>
/// JsonSchema.Net's own start-up work (its dialects, vocabularies and meta-schemas), run on first use. The library
/// does it in a module initializer, which Native AOT would run before <c>Main</c> of every invocation; the native
/// build stubs that initializer out (src/DocLint.Cli/ILLink.Substitutions.xml) and DocLint calls the same method here,
/// before its first schema is built. The method guards itself (an interlocked flag), so on the JIT, where the runtime
/// has already run it, this call returns at once.
/// </summary>
internal static class JsonSchemaLibrary
{
    private static readonly Lazy<bool> Initialized = new(() =>
    {
        Initialize(null);
        return true;
    });

    public static void EnsureInitialized() => _ = Initialized.Value;

    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "Initialize")]
    private static extern void Initialize([UnsafeAccessorType("Json.Schema.__ModuleInitialization, JsonSchema.Net")] object? owner);
}

/// <summary>
/// JsonSchema.Net (System.Text.Json; no reflection, so it runs under Native AOT) over one schema text. Each error it
/// reports names an instance location (a JSON Pointer: mapped back to the YAML node) and the evaluation path of the
/// failing keyword (read from the same schema text for what was expected).
/// </summary>
internal sealed class StrictSchema
{
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List };
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 4096 };

    private readonly JsonSchema _schema;
    private readonly JsonDocument _text;

    public StrictSchema(string text)
    {
        JsonSchemaLibrary.EnsureInitialized();
        // A registry of its own per schema: the $id of each schema is registered once, not in the global registry.
        _schema = JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        _text = JsonDocument.Parse(text);
    }

    private readonly record struct Error(string Keyword, JsonProjection.Origin Origin, JsonElement Schema);

    public IReadOnlyList<SchemaProblem> Validate(YNode root)
    {
        using var document = JsonDocument.Parse(JsonProjection.Utf8(root), DocumentOptions);
        var results = _schema.Evaluate(document.RootElement, Options);
        if (results.IsValid) return Array.Empty<SchemaProblem>();
        var errors = new List<Error>();
        foreach (var detail in (results.Details ?? []).Prepend(results))
        {
            if (detail.Errors is not { Count: > 0 } found) continue;
            var evaluation = detail.EvaluationPath.ToString();
            foreach (var keyword in found.Keys)
            {
                if (keyword.Length == 0 && evaluation.EndsWith("/additionalProperties", StringComparison.Ordinal))
                {
                    // additionalProperties: false. The error is at the unknown property; report its key.
                    var parent = evaluation[..^"/additionalProperties".Length];
                    var origin = JsonProjection.At(root, detail.InstanceLocation.ToString(), key: true) ?? RootOrigin(root);
                    errors.Add(new Error("additionalProperties", origin, Resolve(parent)));
                }
                else
                {
                    var origin = JsonProjection.At(root, detail.InstanceLocation.ToString()) ?? RootOrigin(root);
                    errors.Add(new Error(keyword, origin, Resolve(evaluation)));
                }
            }
        }
        // A value of the wrong type also misses the enum, pattern, length or required keys of the right one: report
        // the type only.
        var mistyped = errors.Where(e => e.Keyword == "type").Select(e => e.Origin.Node).ToHashSet(ReferenceEqualityComparer.Instance);
        return errors
            .Where(e => e.Keyword == "type" || e.Origin.IsKey || !mistyped.Contains(e.Origin.Node))
            .SelectMany(Describe)
            .DistinctBy(p => (p.Line, p.Column, p.Path, p.Message))
            .OrderBy(p => p.Line).ThenBy(p => p.Column).ThenBy(p => p.Path, StringComparer.Ordinal)
            .ToList();
    }

    private static JsonProjection.Origin RootOrigin(YNode root) => new(root, "", false);

    /// <summary>
    /// The schema object an evaluation path leads to in the schema text (empty: the root), following <c>$ref</c>s to
    /// this schema's own definitions. (The evaluation path, not the reported schema location, which in JsonSchema.Net
    /// 8 carries a stray segment under <c>items</c> and <c>additionalProperties</c>.)
    /// </summary>
    private JsonElement Resolve(string evaluationPath, int depth = 0)
    {
        var at = _text.RootElement;
        foreach (var raw in evaluationPath.Split('/').Skip(1))
        {
            var segment = raw.Replace("~1", "/").Replace("~0", "~");
            if (segment == "$ref" && depth < 32 && Get(at, "$ref") is { ValueKind: JsonValueKind.String } target
                && target.GetString() is { } reference && reference.StartsWith('#'))
                at = Resolve(Uri.UnescapeDataString(reference[1..]), depth + 1);
            else if (at.ValueKind == JsonValueKind.Object && at.TryGetProperty(segment, out var next)) at = next;
            else if (at.ValueKind == JsonValueKind.Array && int.TryParse(segment, out var i) && i < at.GetArrayLength()) at = at[i];
            else return default;
        }
        return at;
    }

    private static IEnumerable<SchemaProblem> Describe(Error e)
    {
        var node = e.Origin.Node;
        var path = e.Origin.Path.Length == 0 ? "(root)" : e.Origin.Path;
        var schema = e.Schema;
        switch (e.Keyword)
        {
            case "additionalProperties":
            {
                var known = Names(schema, "properties");
                var key = (node as YScalar)?.Value ?? "";
                var hint = Findings.Spelling.Suggest(key, known); // " (did you mean …?)" or ""
                var expected = known.Count == 0 ? "no keys here" : "one of " + string.Join(", ", known);
                yield return new SchemaProblem(node, path, $"unknown key; expected {expected}{hint}");
                break;
            }
            case "required":
            {
                var present = node is YMapping m ? m.Keys.ToHashSet(StringComparer.Ordinal) : new HashSet<string>();
                foreach (var required in Strings(schema, "required").Where(r => !present.Contains(r)))
                {
                    var at = e.Origin.Path.Length == 0 ? required : e.Origin.Path + "." + required;
                    yield return new SchemaProblem(node, at, $"missing; expected a {required} key in this mapping");
                }
                break;
            }
            case "enum":
                yield return new SchemaProblem(node, path, $"expected one of {string.Join(", ", Values(schema, "enum"))}, got {Got(node)}");
                break;
            case "minLength":
                var min = Number(schema, "minLength");
                yield return new SchemaProblem(node, path,
                    $"expected {(min > 1 ? $"a string of at least {min} characters" : "a non-empty string")}, got {Got(node)}");
                break;
            case "pattern":
                yield return new SchemaProblem(node, path, $"expected a string matching {Text(schema, "pattern")}, got {Got(node)}");
                break;
            case "type":
                yield return new SchemaProblem(node, path, $"expected {TypeNames(Types(schema))}, got {Got(node)}");
                break;
            default:
                yield return new SchemaProblem(node, path, $"does not match the schema ({e.Keyword})");
                break;
        }
    }

    private static JsonElement Get(JsonElement schema, string keyword) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty(keyword, out var v) ? v : default;

    private static List<string> Names(JsonElement schema, string keyword) =>
        Get(schema, keyword) is { ValueKind: JsonValueKind.Object } o ? o.EnumerateObject().Select(p => p.Name).ToList() : new List<string>();

    private static List<string> Strings(JsonElement schema, string keyword) =>
        Get(schema, keyword) is { ValueKind: JsonValueKind.Array } a
            ? a.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
            : new List<string>();

    private static IEnumerable<string> Values(JsonElement schema, string keyword) =>
        Get(schema, keyword) is { ValueKind: JsonValueKind.Array } a
            ? a.EnumerateArray().Select(x => x.ValueKind switch
            {
                JsonValueKind.String => x.GetString()!,
                JsonValueKind.Null => "null",
                _ => x.GetRawText(),
            }).ToList()
            : Enumerable.Empty<string>();

    private static int Number(JsonElement schema, string keyword) =>
        Get(schema, keyword) is { ValueKind: JsonValueKind.Number } n && n.TryGetInt32(out var i) ? i : 0;

    private static string? Text(JsonElement schema, string keyword) =>
        Get(schema, keyword) is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;

    private static List<string> Types(JsonElement schema) => Get(schema, "type") switch
    {
        { ValueKind: JsonValueKind.String } s => new List<string> { s.GetString()! },
        { ValueKind: JsonValueKind.Array } => Strings(schema, "type"),
        _ => new List<string>(),
    };

    /// <summary>What a node is, for "got …": a scalar as JSON would spell it, or the kind of collection.</summary>
    internal static string Got(YNode node) => node switch
    {
        YMapping => "a mapping",
        YSequence => "a list",
        YScalar s => JsonProjection.TypeOf(s) switch
        {
            JsonProjection.ScalarType.Null => "null",
            JsonProjection.ScalarType.Boolean => s.Value.ToLowerInvariant(),
            JsonProjection.ScalarType.Number => s.Value,
            _ => Quote(s.Value),
        },
        _ => "a value",
    };

    /// <summary>A JSON string literal as Json.NET's <c>JsonConvert.ToString</c> spells it (non-ASCII kept).</summary>
    internal static string Quote(string value)
    {
        var b = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': b.Append("\\\""); break;
                case '\\': b.Append("\\\\"); break;
                case '\b': b.Append("\\b"); break;
                case '\t': b.Append("\\t"); break;
                case '\n': b.Append("\\n"); break;
                case '\f': b.Append("\\f"); break;
                case '\r': b.Append("\\r"); break;
                default:
                    if (c < 0x20 || c is '\u0085' or '\u2028' or '\u2029') b.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else b.Append(c);
                    break;
            }
        }
        return b.Append('"').ToString();
    }

    private static string TypeNames(List<string> types)
    {
        var names = new List<string>();
        if (types.Contains("string")) names.Add("a string");
        if (types.Contains("array")) names.Add("a list");
        if (types.Contains("object")) names.Add("a mapping");
        if (types.Contains("boolean")) names.Add("true or false");
        if (types.Contains("integer")) names.Add("an integer");
        else if (types.Contains("number")) names.Add("a number");
        if (types.Contains("null")) names.Add("null");
        return names.Count switch
        {
            0 => "another type",
            1 => names[0],
            _ => string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1],
        };
    }
}
