using System.Reflection;
using DocLint.Parse.Yaml;

namespace DocLint.Load;

public sealed record ActionConfig(string Name, string? Signal, string? LegacyVariable, IReadOnlyList<string> ObsoleteNames);

public sealed record InputNames(string Action, string Project, string Confirm);

public sealed record CompositionConfig(IReadOnlyList<string> AllowedIncludes, IReadOnlyList<string> RetiredFiles);

/// <summary>
/// DocLint's configuration (CONTRACT §4). The embedded default (<c>rules/default-config.yml</c>) is the guided cut-off
/// and release contract; a <c>.doclint.yml</c> overrides the keys it names (mappings merge key by key, lists and
/// scalars replace).
/// </summary>
public sealed record DocLintConfig
{
    public string? Ci { get; init; }
    public string Catalogue { get; init; } = "ci";
    public string DefaultBranch { get; init; } = "main";
    public required InputNames Inputs { get; init; }
    public string AllSelector { get; init; } = "all";
    public string? ReleaseBranch { get; init; }
    public required IReadOnlyList<ActionConfig> Actions { get; init; }
    public required IReadOnlyList<string> PlaceholderActions { get; init; }
    public required IReadOnlyList<string> ObsoleteJobNames { get; init; }
    public required CompositionConfig Composition { get; init; }
    public required IReadOnlyList<string> Docs { get; init; }
    public required IReadOnlyList<string> RequiredDocs { get; init; }
    public required IReadOnlyList<string> Playbooks { get; init; }
    public required IReadOnlyDictionary<string, string> Rules { get; init; }
    public required IReadOnlyList<string> Unsuppressible { get; init; }
    /// <summary>Where the rule docs are published (config <c>docsUrl</c>); null: reports carry no rule links.</summary>
    public string? DocsUrl { get; init; }
    /// <summary>Where the config came from: a repository-relative path, or "(default)".</summary>
    public string Source { get; init; } = "(default)";

    public IEnumerable<string> Signals => Actions.Select(a => a.Signal).Where(s => s != null).Cast<string>();

    public static string DefaultText()
    {
        using var stream = typeof(DocLintConfig).Assembly.GetManifestResourceStream("DocLint.default-config.yml")
                           ?? throw new InvalidOperationException("embedded default configuration is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static DocLintConfig? _default;

    public static DocLintConfig Default => _default ??= FromNode(DefaultNode(), "(default)");

    private static YMapping DefaultNode() =>
        (YMapping)YamlLoader.Load("(default)", DefaultText()).Documents[0];

    /// <summary>
    /// Reads a config file's text over the default. The file is validated against <c>schema/doclint.schema.json</c>
    /// first; <see cref="ConfigException"/> lists every problem, one <c>path:line:col: json.path: expected …</c> a line.
    /// </summary>
    public static DocLintConfig Parse(string path, string text)
    {
        var result = YamlLoader.Load(path, text);
        if (!result.Ok) throw new ConfigException(new[] { $"{path}:{result.ErrorMark.Line}:{result.ErrorMark.Column}: invalid YAML: {result.Error}" });
        if (result.Documents.Count > 1)
            throw new ConfigException(new[] { $"{At(result.Documents[1])}: (root): a config file holds one YAML document; found {result.Documents.Count}" });
        var doc = result.Documents.Count == 0 ? null : result.Documents[0];
        if (doc is null or YScalar { IsNull: true }) doc = YMapping.Empty(path);
        var problems = SchemaCheck.Config.Validate(doc);
        if (problems.Count > 0) throw new ConfigException(problems.Select(p => p.ToString()).ToList());
        var merged = (YMapping)YTree.DeepMerge(DefaultNode(), (YMapping)doc);
        return FromNode(merged, path);
    }

    private static DocLintConfig FromNode(YMapping m, string source)
    {
        var errors = new List<string>();
        string? Str(YMapping? map, string key, bool nullable = true)
        {
            var node = map?[key];
            if (node == null || node is YScalar { IsNull: true }) return null;
            // The schema reads scalars as YAML 1.2 does (`off` is the string "off"), so take the text as written.
            if (node is YScalar sc) return sc.Value;
            errors.Add($"{At(node)}: '{key}' must be a string");
            return null;
        }
        List<string> List(YMapping? map, string key)
        {
            var node = map?[key];
            if (node == null || node is YScalar { IsNull: true }) return new List<string>();
            if (node is YSequence seq && seq.Items.All(i => i is YScalar))
                return seq.Items.Select(i => ((YScalar)i).Value).ToList();
            errors.Add($"{At(node)}: '{key}' must be a list of strings");
            return new List<string>();
        }
        var inputs = m["inputs"] as YMapping;
        var actions = new List<ActionConfig>();
        if (m["actions"] is YSequence acts)
        {
            foreach (var a in acts.Items)
            {
                if (a is not YMapping am || Str(am, "name") is not { } name)
                {
                    errors.Add($"{At(a)}: each action needs a name");
                    continue;
                }
                actions.Add(new ActionConfig(name, Str(am, "signal"), Str(am, "legacyVariable"), List(am, "obsoleteNames")));
            }
        }
        var rules = new Dictionary<string, string>(StringComparer.Ordinal);
        if (m["rules"] is YMapping rm)
            foreach (var e in rm.Entries) rules[e.Key.Value] = (e.Value as YScalar)?.Value ?? "";
        var composition = m["composition"] as YMapping;
        var config = new DocLintConfig
        {
            Ci = Str(m, "ci"),
            Catalogue = Str(m, "catalogue") ?? "ci",
            DefaultBranch = Str(m, "defaultBranch") ?? "main",
            Inputs = new InputNames(Str(inputs, "action") ?? "action", Str(inputs, "project") ?? "project", Str(inputs, "confirm") ?? "confirm"),
            AllSelector = Str(m, "allSelector") ?? "all",
            ReleaseBranch = Str(m, "releaseBranch"),
            Actions = actions,
            PlaceholderActions = List(m, "placeholderActions"),
            ObsoleteJobNames = List(m, "obsoleteJobNames"),
            Composition = new CompositionConfig(List(composition, "allowedIncludes"), List(composition, "retiredFiles")),
            Docs = List(m, "docs"),
            RequiredDocs = List(m, "requiredDocs"),
            Playbooks = List(m, "playbooks"),
            Rules = rules,
            Unsuppressible = List(m, "unsuppressible"),
            DocsUrl = Str(m, "docsUrl"),
            Source = source,
        };
        if (errors.Count > 0) throw new ConfigException(errors);
        return config;
    }

    private static string At(YNode node) => $"{node.File}:{Math.Max(1, node.Start.Line)}:{Math.Max(1, node.Start.Column)}";
}

/// <summary>An invalid configuration: DocLint cannot do its job (exit 2). Each line names file, line and column.</summary>
public sealed class ConfigException(IReadOnlyList<string> errors) : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
