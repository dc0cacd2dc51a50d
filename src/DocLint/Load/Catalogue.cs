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

    /// <summary>Reads a catalogue file (YAML or JSON: <c>projects: [{name, path?, dependsOn?}]</c>); problems go to findings.</summary>
    public static Catalogue Load(Workspace workspace, string path, ICollection<Finding> findings, string ruleId = "project-options")
    {
        var source = workspace.TryRead(path, out var error);
        var projects = new List<CatalogueProject>();
        if (source == null)
        {
            findings.Add(new Finding(ruleId, Severity.Error, $"catalogue file {error}", SourceSpan.FileStart(path), "catalogue-read"));
            return new Catalogue(projects, path);
        }
        var result = YamlLoader.Load(source.Path, source.Text, workspace.Limits);
        if (!result.Ok)
        {
            findings.Add(new Finding(ruleId, Severity.Error, $"catalogue file is not valid YAML/JSON: {result.Error}",
                SourceSpan.At(source.Path, Math.Max(1, result.ErrorMark.Line), Math.Max(1, result.ErrorMark.Column)), "catalogue-parse"));
            return new Catalogue(projects, source.Path);
        }
        if (result.Documents.FirstOrDefault() is not YMapping root || root["projects"] is not YSequence list)
        {
            findings.Add(new Finding(ruleId, Severity.Error, "catalogue file must have a 'projects:' list", SourceSpan.FileStart(source.Path), "catalogue-shape"));
            return new Catalogue(projects, source.Path);
        }
        foreach (var item in list.Items)
        {
            if (item is not YMapping pm || YTree.Text(pm["name"]) is not { } name)
            {
                findings.Add(new Finding(ruleId, Severity.Error, "each catalogue project needs a name", item.Span, "catalogue-entry"));
                continue;
            }
            var deps = pm["dependsOn"] is YSequence ds ? ds.Items.Where(d => YTree.Text(d) != null).ToList() : new List<YNode>();
            projects.Add(new CatalogueProject(name, YTree.Text(pm["path"]), deps.Select(d => YTree.Text(d)!).ToList(), (pm["name"] ?? pm).Span)
                { DependsOnSpans = deps.Select(d => d.Span).ToList() });
        }
        return new Catalogue(projects, source.Path);
    }
}
