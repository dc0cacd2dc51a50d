using System.Diagnostics;
using DocLint.Evaluate;
using DocLint.Findings;
using DocLint.Findings.Suppressions;
using DocLint.Load;
using DocLint.Parse.Markdown;
using DocLint.Parse.Playbook;
using DocLint.Reporting;
using DocLint.Rules;

namespace DocLint.Linting;

/// <summary>What <c>doclint check</c> was asked to do besides linting (CONTRACT §2).</summary>
public sealed record CheckOptions
{
    /// <summary>Docs to check instead of every <c>docs</c> match (file-path mode, <c>--changed-since</c>); null: all.</summary>
    public IReadOnlyCollection<string>? OnlyDocs { get; init; }
    /// <summary>Findings whose fingerprint is in this baseline are not reported (<c>--baseline</c>).</summary>
    public Baseline? Baseline { get; init; }
    public static CheckOptions Default { get; } = new();
}

/// <summary>The outcome of one check run, before any report is rendered.</summary>
public sealed record CheckResult(
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<string> CheckedFiles,
    RoutingModel Model,
    DocSet Docs,
    long ElapsedMs)
{
    /// <summary>How many findings the baseline hid.</summary>
    public int Baselined { get; init; }

    public ReportSummary Summary => new(CheckedFiles.Count, ElapsedMs);
}

/// <summary>
/// The check pipeline, in the order the folders show it: load (project, config) → parse (CI model, catalogue,
/// Markdown docs, playbooks) → evaluate (scenarios → created jobs) → rules → findings (suppressions, baseline) → sorted findings
/// for the reporters. The CLI only wires options to this.
/// </summary>
public static class Linter
{
    public static CheckResult Run(Project project, CheckOptions? options = null)
    {
        options ??= CheckOptions.Default;
        var clock = Stopwatch.StartNew();
        var config = project.Config;
        var ws = project.Workspace;

        var model = RoutingModel.Build(ws, config);
        IReadOnlyCollection<string>? only = options.OnlyDocs;
        if (only == null && project.NamedFiles.Count > 0) only = project.NamedFiles;
        var docs = DocSet.Load(ws, config.Docs, only);

        var playbooks = PlaybookSet.Load(ws, config.Playbooks, only);

        var ctx = new RuleContext(config, model, ws) { Docs = docs, Playbooks = playbooks };
        var findings = new List<Finding>();
        findings.AddRange(RuleSet.Configured(config, model.Findings.Concat(model.CatalogueFindings).Concat(docs.Findings).Concat(playbooks.Findings)));
        findings.AddRange(RuleSet.Run(ctx));
        var reported = SuppressionEngine.Apply(findings, SuppressionEngine.Collect(model, docs, ws, playbooks), config);

        var ciFiles = config.Ci == null ? Enumerable.Empty<string>() : model.Composer.LoadedFiles.Select(f => f.Path);
        var checkedFiles = ciFiles
            .Concat(model.Catalogue is { Read: true, File: { } catalogueFile } ? new[] { catalogueFile } : Array.Empty<string>())
            .Concat(docs.Documents.Select(d => d.Path))
            .Concat(docs.Findings.Select(f => f.Span.Path))
            .Concat(playbooks.Playbooks.Select(p => p.Path))
            .Concat(playbooks.Findings.Select(f => f.Span.Path))
            .Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal).ToList();

        // Fingerprints are assigned once, over every finding that survived the suppressions, before the baseline
        // filters: hiding one finding never shifts the fingerprint of another.
        var fingerprinted = Fingerprints.Assign(ReportOrder.Sort(reported));
        var baselined = 0;
        if (options.Baseline is { } baseline)
        {
            var kept = fingerprinted.Where(f => !baseline.Contains(f)).ToList();
            baselined = fingerprinted.Count - kept.Count;
            fingerprinted = kept;
        }
        return new CheckResult(fingerprinted, checkedFiles, model, docs, clock.ElapsedMilliseconds) { Baselined = baselined };
    }
}
