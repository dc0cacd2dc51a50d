using System.Globalization;
using DocLint.Parse.Yaml;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

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
/// source of truth). A fast precheck reading the same schema text answers for a valid document; anything it doubts goes
/// to NJsonSchema: the tree is written as JSON (<see cref="JsonProjection"/>), validated, and every error is mapped
/// back to the line and column of the YAML node it names.
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

    private readonly Lazy<SchemaPrecheck?> _precheck;
    private readonly Lazy<StrictSchema> _strict;

    private SchemaCheck(string name)
    {
        Name = name;
        Text = ResourceText(name);
        _precheck = new Lazy<SchemaPrecheck?>(() => SchemaPrecheck.TryLoad(Text));
        _strict = new Lazy<StrictSchema>(() => new StrictSchema(Text));
    }

    /// <summary>The schema's file name under <c>schema/</c>.</summary>
    public string Name { get; }
    /// <summary>The schema text as embedded in the library.</summary>
    public string Text { get; }
    /// <summary>Whether the fast precheck understands every keyword of this schema (else NJsonSchema sees every document).</summary>
    internal bool HasPrecheck => _precheck.Value != null;

    internal static string ResourceText(string name)
    {
        using var stream = typeof(SchemaCheck).Assembly.GetManifestResourceStream("DocLint." + name)
                           ?? throw new InvalidOperationException($"embedded schema {name} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Every violation of the schema by <paramref name="root"/>, in file order; empty when it is valid.</summary>
    public IReadOnlyList<SchemaProblem> Validate(YNode root) =>
        _precheck.Value?.Accepts(root) == true ? Array.Empty<SchemaProblem>() : ValidateStrict(root);

    /// <summary>NJsonSchema's verdict alone, without the precheck.</summary>
    internal IReadOnlyList<SchemaProblem> ValidateStrict(YNode root) => _strict.Value.Validate(root);

    /// <summary>The precheck's verdict alone (null: no precheck for this schema).</summary>
    internal bool? PrecheckAccepts(YNode root) => _precheck.Value?.Accepts(root);
}

/// <summary>NJsonSchema over one schema text: loaded on first use only, since loading it is the slow part.</summary>
internal sealed class StrictSchema(string text)
{
    private readonly JsonSchema _schema = JsonSchema.FromJsonAsync(text).GetAwaiter().GetResult();

    public IReadOnlyList<SchemaProblem> Validate(YNode root)
    {
        var projection = JsonProjection.Of(root);
        JToken token;
        using (var reader = new JsonTextReader(new StringReader(projection.Json)) { DateParseHandling = DateParseHandling.None, MaxDepth = null })
            token = JToken.ReadFrom(reader, new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load });
        var errors = new JsonSchemaValidator().Validate(token, _schema);
        var leaves = Leaves(errors).Select(e => (Error: e, Origin: (e.HasLineInfo ? projection.At(e.LineNumber) : null) ?? projection.Root)).ToList();
        // A value of the wrong type also misses the enum, pattern, length or required keys of the right one: report
        // the type only.
        var mistyped = leaves.Where(l => TypeKinds.Contains(l.Error.Kind)).Select(l => l.Origin.Node).ToHashSet(ReferenceEqualityComparer.Instance);
        var problems = leaves
            .Where(l => TypeKinds.Contains(l.Error.Kind) || l.Origin.IsKey || !mistyped.Contains(l.Origin.Node))
            .Select(l => Describe(l.Error, l.Origin));
        return problems
            .DistinctBy(p => (p.Line, p.Column, p.Path, p.Message))
            .OrderBy(p => p.Line).ThenBy(p => p.Column).ThenBy(p => p.Path, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Errors nested in item, additional-property and combinator errors, flattened to the ones that name a node.</summary>
    private static IEnumerable<ValidationError> Leaves(IEnumerable<ValidationError> errors)
    {
        foreach (var e in errors)
        {
            var children = e switch
            {
                ChildSchemaValidationError c => c.Errors.SelectMany(kv => kv.Value).ToList(),
                // "string or null" and the value is a string: what is wrong is inside the string branch (a pattern).
                MultiTypeValidationError m => m.Errors.Values.FirstOrDefault(list => list.Count > 0 && list.All(x => !TypeKinds.Contains(x.Kind)))?.ToList(),
                _ => null,
            };
            if (children is { Count: > 0 })
                foreach (var leaf in Leaves(children)) yield return leaf;
            else yield return e;
        }
    }

    private static readonly HashSet<ValidationErrorKind> TypeKinds = new()
    {
        ValidationErrorKind.StringExpected, ValidationErrorKind.ArrayExpected, ValidationErrorKind.ObjectExpected,
        ValidationErrorKind.BooleanExpected, ValidationErrorKind.NullExpected, ValidationErrorKind.NumberExpected,
        ValidationErrorKind.IntegerExpected, ValidationErrorKind.NoTypeValidates,
    };

    private static SchemaProblem Describe(ValidationError e, JsonProjection.Origin origin)
    {
        var node = origin.Node;
        var path = origin.Path.Length == 0 ? "(root)" : origin.Path;
        var schema = e.Schema?.ActualSchema;
        switch (e.Kind)
        {
            case ValidationErrorKind.NoAdditionalPropertiesAllowed:
            {
                var known = schema?.Properties.Keys.ToList() ?? new List<string>();
                var key = (node as YScalar)?.Value ?? e.Property ?? "";
                var hint = Findings.Spelling.Suggest(key, known); // " (did you mean …?)" or ""
                var expected = known.Count == 0 ? "no keys here" : "one of " + string.Join(", ", known);
                return new SchemaProblem(node, path, $"unknown key; expected {expected}{hint}");
            }
            case ValidationErrorKind.PropertyRequired:
            {
                var required = e.Property ?? "";
                var at = origin.Path.Length == 0 ? required : origin.Path + "." + required;
                return new SchemaProblem(node, at, $"missing; expected a {required} key in this mapping");
            }
            case ValidationErrorKind.NotInEnumeration:
            {
                var options = schema?.Enumeration.Select(v => v?.ToString() ?? "null").ToList() ?? new List<string>();
                return new SchemaProblem(node, path, $"expected one of {string.Join(", ", options)}, got {Got(node)}");
            }
            case ValidationErrorKind.StringTooShort:
                return new SchemaProblem(node, path,
                    $"expected {(schema?.MinLength is > 1 and var n ? $"a string of at least {n} characters" : "a non-empty string")}, got {Got(node)}");
            case ValidationErrorKind.PatternMismatch:
                return new SchemaProblem(node, path, $"expected a string matching {schema?.Pattern}, got {Got(node)}");
            case var kind when TypeKinds.Contains(kind):
                return new SchemaProblem(node, path, $"expected {TypeNames(schema?.Type ?? JsonObjectType.None)}, got {Got(node)}");
            default:
                return new SchemaProblem(node, path, $"does not match the schema ({e.Kind})");
        }
    }

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
            _ => JsonConvert.ToString(s.Value),
        },
        _ => "a value",
    };

    private static string TypeNames(JsonObjectType type)
    {
        var names = new List<string>();
        if (type.HasFlag(JsonObjectType.String)) names.Add("a string");
        if (type.HasFlag(JsonObjectType.Array)) names.Add("a list");
        if (type.HasFlag(JsonObjectType.Object)) names.Add("a mapping");
        if (type.HasFlag(JsonObjectType.Boolean)) names.Add("true or false");
        if (type.HasFlag(JsonObjectType.Integer)) names.Add("an integer");
        else if (type.HasFlag(JsonObjectType.Number)) names.Add("a number");
        if (type.HasFlag(JsonObjectType.Null)) names.Add("null");
        return names.Count switch
        {
            0 => "another type",
            1 => names[0],
            _ => string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1],
        };
    }
}
