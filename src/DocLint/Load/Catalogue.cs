using DocLint.Findings;
using DocLint.Parse.Yaml;

namespace DocLint.Load;

/// <summary>One supported project. <see cref="Path"/> is its downstream GitLab path, when a catalogue file gives one.</summary>
public sealed record CatalogueProject(string Name, string? Path, IReadOnlyList<string> DependsOn, SourceSpan Span)
{
    /// <summary>Where each <see cref="DependsOn"/> entry is written (same order); the project's span when unknown.</summary>
    public IReadOnlyList<SourceSpan> DependsOnSpans { get; init; } = Array.Empty<SourceSpan>();

    public SourceSpan DependencySpan(int index) => index < DependsOnSpans.Count ? DependsOnSpans[index] : Span;
}

/// <summary>The supported project set: the <c>project</c> input's options minus the all selector, or a catalogue file.</summary>
public sealed record Catalogue(IReadOnlyList<CatalogueProject> Projects, string? File)
{
    public bool FromFile => File != null;

    /// <summary>
    /// The catalogue project a trigger target designates (CONTRACT §3, §8): an entry with a path matches that exact
    /// path; an entry without one, or any entry of <c>catalogue: ci</c>, matches by last path segment.
    /// </summary>
    public CatalogueProject? Match(string? target)
    {
        if (string.IsNullOrEmpty(target)) return null;
        var last = target.TrimEnd('/');
        last = last[(last.LastIndexOf('/') + 1)..];
        foreach (var p in Projects)
        {
            if (p.Path != null) { if (p.Path == target) return p; }
            else if (p.Name == last) return p;
        }
        return null;
    }

    public static Catalogue FromNames(IEnumerable<(string Name, SourceSpan Span)> names) =>
        new(names.Select(n => new CatalogueProject(n.Name, null, Array.Empty<string>(), n.Span)).ToList(), null);

    /// <summary>True when the catalogue file was read (it exists, inside the repository, as text).</summary>
    public bool Read { get; init; }

    private const string Rule = "project-options";

    /// <summary>
    /// Reads a catalogue file (YAML or JSON: <c>projects: [{name, path?, dependsOn?}]</c>) and validates it against
    /// <c>schema/catalogue.schema.json</c>. It is a checked repository file, so every problem is a project-options
    /// finding at the offending node, never an exit 2: unreadable, not YAML/JSON, a schema violation, a project
    /// listed twice, a path given twice. The projects that can be read are kept, with where each dependsOn entry is
    /// written, so the other rules still see them (train-order judges dependsOn: unknown names, cycles).
    /// </summary>
    public static Catalogue Load(Workspace workspace, string path, ICollection<Finding> findings)
    {
        var source = workspace.TryRead(path, out var error);
        var projects = new List<CatalogueProject>();
        var rel = Workspace.NormalizeRelative(path) ?? path;
        if (source == null)
        {
            findings.Add(new Finding(Rule, Severity.Error, $"catalogue file {error}; expected the file `catalogue:` names in the config", SourceSpan.FileStart(rel), "catalogue-read"));
            return new Catalogue(projects, rel);
        }
        var file = source.Path;
        var result = YamlLoader.Load(file, source.Text, workspace.Limits);
        if (!result.Ok)
        {
            findings.Add(new Finding(Rule, Severity.Error, $"catalogue file is not valid YAML or JSON: {result.Error}",
                SourceSpan.At(file, Math.Max(1, result.ErrorMark.Line), Math.Max(1, result.ErrorMark.Column)), "catalogue-parse"));
            return new Catalogue(projects, file) { Read = true };
        }
        if (result.Documents.Count > 1)
            findings.Add(new Finding(Rule, Severity.Error, $"catalogue file holds {result.Documents.Count} YAML documents; expected one",
                result.Documents[1].Span, "catalogue-documents"));
        var root = result.Documents.FirstOrDefault() ?? YMapping.Empty(file);
        foreach (var problem in SchemaCheck.Catalogue.Validate(root))
            findings.Add(new Finding(Rule, Severity.Error, $"catalogue file: {problem.Path}: {problem.Message}",
                problem.Node.Span, $"catalogue-schema:{problem.Path}:{problem.Message}"));

        var byName = new Dictionary<string, CatalogueProject>(StringComparer.Ordinal);
        var byPath = new Dictionary<string, CatalogueProject>(StringComparer.Ordinal);
        foreach (var item in (root as YMapping)?["projects"] is YSequence list ? list.Items : Array.Empty<YNode>())
        {
            // Schema problems are reported above; an entry without a string name is skipped.
            if (item is not YMapping pm || pm["name"] is not YScalar { } nameNode || JsonProjection.TypeOf(nameNode) != JsonProjection.ScalarType.String
                || nameNode.Value.Length == 0) continue;
            var pathNode = pm["path"] as YScalar;
            var projectPath = pathNode != null && JsonProjection.TypeOf(pathNode) == JsonProjection.ScalarType.String && pathNode.Value.Length > 0 ? pathNode.Value : null;
            var deps = (pm["dependsOn"] as YSequence)?.Items.OfType<YScalar>().Where(d => JsonProjection.TypeOf(d) == JsonProjection.ScalarType.String).ToList()
                       ?? new List<YScalar>();
            var project = new CatalogueProject(nameNode.Value, projectPath, deps.Select(d => d.Value).ToList(), nameNode.Span)
                { DependsOnSpans = deps.Select(d => d.Span).ToList() };
            if (byName.TryGetValue(project.Name, out var first))
            {
                findings.Add(new Finding(Rule, Severity.Error,
                    $"catalogue project {project.Name} is listed twice (first at line {first.Span.Line}); expected each project once",
                    nameNode.Span, $"catalogue-twice:{project.Name}"));
                continue;
            }
            if (projectPath != null && byPath.TryGetValue(projectPath, out var samePath))
                findings.Add(new Finding(Rule, Severity.Error,
                    $"catalogue projects {samePath.Name} and {project.Name} both have path {projectPath}; expected one project per downstream path",
                    pathNode!.Span, $"catalogue-path-twice:{projectPath}"));
            else if (projectPath != null) byPath[projectPath] = project;
            byName[project.Name] = project;
            projects.Add(project);
        }
        return new Catalogue(projects, file) { Read = true };
    }
}
