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
    /// <summary><c>--changed-since REF</c>: the docs rules check only the docs git reports changed since REF.</summary>
    public string? ChangedSince { get; init; }
    /// <summary>How git is asked for <see cref="ChangedSince"/> (tests replace it); default <see cref="GitChanges.Since"/>.</summary>
    public Func<Workspace, string, IReadOnlyList<string>>? ChangedFiles { get; init; }
    /// <summary>Findings whose fingerprint is in this baseline are not reported (<c>--baseline</c>).</summary>
    public Baseline? Baseline { get; init; }
    /// <summary>Told how many files are checked as the run goes (the CLI draws it on a terminal); null: nobody asks.</summary>
    public IProgress<CheckProgress>? Progress { get; init; }
    /// <summary>What may be reused from the previous run over the same repository (the language server); null: nothing.</summary>
    public LintCache? Cache { get; init; }
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
    /// <summary>With <c>--changed-since</c>: the changed docs the docs rules checked (repository-relative); else null.</summary>
    public IReadOnlyList<string>? ChangedDocs { get; init; }
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
    /// <remarks>
    /// File-path mode (files named on the command line): the docs rules check the named files, with the repository's
    /// CI and catalogue as context, and only findings in the named files are reported (CI findings too, when a named
    /// file is the CI root, an include or the catalogue); docs-coverage's repository-wide checks do not run.
    /// <c>--changed-since</c>: the docs and playbook rules check the changed docs (matched by <c>docs</c> or
    /// <c>playbooks</c>, or listed in <c>requiredDocs</c>); the CI and catalogue rules and docs-coverage's repository-wide checks always run.
    /// </remarks>
    public static CheckResult Run(Project project, CheckOptions? options = null)
    {
        options ??= CheckOptions.Default;
        var clock = Stopwatch.StartNew();
        var config = project.Config;
        var ws = project.Workspace;

        var fileMode = project.Selects;
        IReadOnlyCollection<string>? only = options.OnlyDocs ?? (fileMode ? SelectedDocs(project) : null);
        IReadOnlyList<string>? changedDocs = null, docsOnly = null;
        if (options.ChangedSince is { } gitRef)
        {
            var changed = (options.ChangedFiles ?? ((w, r) => GitChanges.Since(w, r)))(ws, gitRef);
            var required = config.RequiredDocs.Select(p => Workspace.NormalizeRelative(p) ?? p).ToHashSet(StringComparer.Ordinal);
            var isDoc = changed.Where(p => required.Contains(p) || DocSet.Matches(config.Docs, p)).ToHashSet(StringComparer.Ordinal);
            changedDocs = changed.Where(p => (isDoc.Contains(p) || DocSet.Matches(config.Playbooks, p)) && ws.FileExists(p))
                .Where(p => only == null || only.Contains(p)).ToList();
            only = changedDocs;
            docsOnly = changedDocs.Where(isDoc.Contains).ToList(); // a changed playbook is not also read as a doc
        }
        // The docs (and playbooks) do not depend on the CI model: they are read, parsed and their invocations read on the
        // thread pool while this thread builds the model, so a second core is busy from the start.
        var progress = options.Progress;
        var docsOnlyFinal = docsOnly ?? only;
        var onlyFinal = only;
        var loading = Task.Run(() =>
        {
            var d = DocSet.Load(ws, config.Docs, docsOnlyFinal,
                progress == null ? null : (done, total) => progress.Report(new CheckProgress(done, total)),
                prepare: doc =>
                {
                    doc.Invocations(config.Inputs);
                    _ = doc.Regions;
                    doc.Compact();
                }, options.Cache?.Docs);
            return (Docs: d, Playbooks: PlaybookSet.Load(ws, config.Playbooks, onlyFinal));
        });
        var model = options.Cache is { } cache ? cache.Model(ws, config) : RoutingModel.Build(ws, config);
        var (docs, playbooks) = loading.GetAwaiter().GetResult();

        var ctx = new RuleContext(config, model, ws) { Docs = docs, Playbooks = playbooks, DocsRepositoryWide = !fileMode };
        var findings = new List<Finding>();
        findings.AddRange(RuleSet.Configured(config, model.Findings.Concat(model.CatalogueFindings).Concat(docs.Findings).Concat(playbooks.Findings)));
        findings.AddRange(RuleSet.Run(ctx));
        var reported = SuppressionEngine.Apply(findings, SuppressionEngine.Collect(model, docs, ws, playbooks), config);
        if (fileMode) reported = reported.Where(f => project.Selected(f.Span.Path)).ToList();

        var ciFiles = config.Ci == null ? Enumerable.Empty<string>() : model.Composer.LoadedFiles.Select(f => f.Path);
        var checkedFiles = ciFiles
            .Concat(model.Catalogue is { Read: true, File: { } catalogueFile } ? new[] { catalogueFile } : Array.Empty<string>())
            .Concat(docs.Documents.Select(d => d.Path))
            .Concat(docs.Findings.Select(f => f.Span.Path))
            .Concat(playbooks.Playbooks.Select(p => p.Path))
            .Concat(playbooks.Findings.Select(f => f.Span.Path))
            .Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal).ToList();

        progress?.Report(new CheckProgress(checkedFiles.Count, checkedFiles.Count));

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
        return new CheckResult(fingerprinted, checkedFiles, model, docs, clock.ElapsedMilliseconds) { Baselined = baselined, ChangedDocs = changedDocs };
    }

    /// <summary>The named files, and the docs and playbooks (by the config's patterns, or required) under the named directories.</summary>
    private static IReadOnlyCollection<string> SelectedDocs(Project project)
    {
        if (project.NamedDirectories.Count == 0) return project.NamedFiles;
        var config = project.Config;
        var required = config.RequiredDocs.Select(p => Workspace.NormalizeRelative(p) ?? p).ToHashSet(StringComparer.Ordinal);
        return project.Workspace.AllFiles()
            .Where(p => project.NamedDirectories.Any(d => p.StartsWith(d + "/", StringComparison.Ordinal)))
            .Where(p => required.Contains(p) || DocSet.Matches(config.Docs, p) || DocSet.Matches(config.Playbooks, p))
            .Concat(project.NamedFiles).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// <c>check --fix</c> (CONTRACT §7): checks, rewrites every reported finding's unambiguous edit in place
    /// (<see cref="Fixer"/>), then checks again, so the result is what is left.
    /// </summary>
    public static (FixReport Fixes, CheckResult After) Fix(Project project, CheckOptions? options = null, IFileReplacer? replacer = null)
    {
        var before = Run(project, options);
        var fixes = Fixer.Apply(project.Workspace, before.Findings, replacer);
        if (fixes.Rewrites.Count == 0) return (fixes, before);
        return (fixes, Run(project, options)); // the workspace caches only the file list, which a rewrite keeps
    }
}
