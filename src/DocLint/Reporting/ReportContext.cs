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
    /// <summary>Where the team publishes DocLint's rule pages (config <c>docsUrl</c>); null: reports link nowhere outside themselves.</summary>
    public string? DocsUrl { get; init; }

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
/// Metadata for every rule id a finding can carry: <see cref="RuleSet.Descriptors"/> (the rule classes, ci-parse,
/// unused-suppression) and <c>docs-coverage</c>, which the docs reader raises for an unreadable doc before any
/// docs rule runs.
/// </summary>
public static class RuleCatalog
{
    private static readonly RuleDescriptor DocsRead = new(Parse.Markdown.DocSet.ReadRule, Severity.Error,
        "Every required doc exists, is readable and documents a valid invocation", "CONTRACT §5.2", RuleScope.Docs);

    /// <summary><see cref="RuleSet.Descriptors"/>, then docs-coverage unless a registered rule already has that id.</summary>
    public static IReadOnlyList<RuleDescriptor> All =>
        RuleSet.Descriptors.Any(d => d.Id == DocsRead.Id) ? RuleSet.Descriptors : RuleSet.Descriptors.Append(DocsRead).ToList();

    /// <summary><see cref="All"/> plus a plain descriptor for any other id among <paramref name="findings"/>.</summary>
    public static IReadOnlyList<RuleDescriptor> For(IEnumerable<Finding> findings)
    {
        var all = All.ToList();
        var known = all.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var f in findings)
            if (known.Add(f.RuleId)) all.Add(new RuleDescriptor(f.RuleId, f.Severity, f.RuleId, ""));
        return all;
    }
}
