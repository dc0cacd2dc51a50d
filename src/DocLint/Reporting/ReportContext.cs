using DocLint.Evaluate;
using DocLint.Findings;
using DocLint.Linting;
using DocLint.Load;
using DocLint.Rules;

namespace DocLint.Reporting;

/// <summary>
/// Everything a reporter may draw on besides the findings: the files the run checked (junit has a test case per
/// file), the repository (sarif snippets and the html report quote the lines around a finding, read through the
/// <see cref="Load.Workspace"/>), the routing model (the html report shows the <c>explain</c> decision table) and the
/// rule metadata. Only <see cref="Findings"/> and <see cref="Summary"/> are required; a reporter leaves out what it
/// is not given.
/// </summary>
public sealed record ReportContext(IReadOnlyList<Finding> Findings, ReportSummary Summary)
{
    public IReadOnlyList<string> CheckedFiles { get; init; } = Array.Empty<string>();
    public Workspace? Workspace { get; init; }
    public RoutingModel? Model { get; init; }
    /// <summary>ANSI colour in text output.</summary>
    public bool Color { get; init; }
    /// <summary>No summary line in text output.</summary>
    public bool Quiet { get; init; }

    /// <summary>The context of a check run; <paramref name="summary"/> overrides the run's own timing.</summary>
    public static ReportContext Of(CheckResult result, Workspace workspace, ReportSummary? summary = null) =>
        new(result.Findings, summary ?? result.Summary)
        {
            CheckedFiles = result.CheckedFiles,
            Workspace = workspace,
            Model = result.Model,
        };

    /// <summary>Every file the report covers: the checked files plus any file with a finding, normalized, sorted.</summary>
    public IReadOnlyList<string> Files() => CheckedFiles.Select(Fingerprints.NormalizePath)
        .Concat(Findings.Select(f => Fingerprints.NormalizePath(f.Span.Path)))
        .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>The repository's directory name (never its absolute path), for titles; null without a workspace.</summary>
    public string? RepositoryName => Workspace == null ? null
        : Path.GetFileName(Workspace.Root.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
}

/// <summary>
/// Metadata for every rule id a finding can carry: the registered rules (<see cref="RuleSet.All"/>) and the finding
/// sources that are not rule classes (<c>ci-parse</c> from the CI reader, <c>docs-coverage</c> from the docs reader).
/// </summary>
public static class RuleCatalog
{
    private static readonly RuleDescriptor[] Readers =
    {
        new("ci-parse", Severity.Error, "A CI file GitLab would reject, or one DocLint cannot read",
            "CONTRACT §5.1: invalid YAML, a missing, cyclic or escaping include, an unknown input, a rules:if GitLab rejects, a GitLab limit"),
        new("docs-coverage", Severity.Error, "A required doc is missing, unreadable or documents no valid invocation",
            "CONTRACT §5.2", RuleScope.Docs),
    };

    /// <summary>Registered rules in registration order, then the reader ids no registered rule claims.</summary>
    public static IReadOnlyList<RuleDescriptor> All
    {
        get
        {
            var registered = RuleSet.All.Select(r => r.Descriptor).ToList();
            return registered.Concat(Readers.Where(r => registered.All(d => d.Id != r.Id))).ToList();
        }
    }

    /// <summary><see cref="All"/> plus a plain descriptor for any other id among <paramref name="findings"/>.</summary>
    public static IReadOnlyList<RuleDescriptor> For(IEnumerable<Finding> findings)
    {
        var all = All.ToList();
        foreach (var f in findings)
            if (all.All(d => d.Id != f.RuleId)) all.Add(new RuleDescriptor(f.RuleId, f.Severity, f.RuleId, ""));
        return all;
    }
}
