using DocLint.Findings;
using DocLint.Load;
using Microsoft.Extensions.FileSystemGlobbing;

namespace DocLint.Parse.Markdown;

/// <summary>
/// The operator docs a run checks: every file matched by the config's <c>docs</c> globs (repository-relative), read
/// through the <see cref="Workspace"/> and parsed once. In file-path mode (or <c>--changed-since</c>) only the named
/// files are checked. A file that cannot be read (binary, invalid UTF-8, too large, outside the root) is a finding
/// and is not parsed.
/// </summary>
public sealed class DocSet
{
    public const string ReadRule = "docs-coverage";

    /// <summary>From this many docs on, they are read and parsed in parallel.</summary>
    public const int ParallelThreshold = 32;

    private DocSet(IReadOnlyList<MarkdownDocument> documents, IReadOnlyList<Finding> findings,
        IReadOnlyList<string> unmatchedPatterns, IReadOnlyList<string> matchedPaths, bool restricted)
    {
        Documents = documents;
        Findings = findings;
        UnmatchedPatterns = unmatchedPatterns;
        MatchedPaths = matchedPaths;
        Restricted = restricted;
    }

    /// <summary>The parsed docs, in path order.</summary>
    public IReadOnlyList<MarkdownDocument> Documents { get; }
    /// <summary>Files that matched but could not be read.</summary>
    public IReadOnlyList<Finding> Findings { get; }
    /// <summary><c>docs</c> patterns that match no file at all (before any restriction).</summary>
    public IReadOnlyList<string> UnmatchedPatterns { get; }
    /// <summary>Every path the <c>docs</c> patterns match (before any restriction), sorted.</summary>
    public IReadOnlyList<string> MatchedPaths { get; }
    /// <summary>True when the run checks only some docs (file-path mode, <c>--changed-since</c>).</summary>
    public bool Restricted { get; }

    public static DocSet Empty { get; } = new(Array.Empty<MarkdownDocument>(), Array.Empty<Finding>(), Array.Empty<string>(), Array.Empty<string>(), false);

    /// <summary>A set of already parsed documents (tests, benchmarks), every one of them checked.</summary>
    internal static DocSet Of(IReadOnlyList<MarkdownDocument> documents) =>
        new(documents, Array.Empty<Finding>(), Array.Empty<string>(), documents.Select(d => d.Path).ToList(), false);

    /// <summary>True when <paramref name="relativePath"/> matches one of the globs.</summary>
    public static bool Matches(IEnumerable<string> globs, string relativePath)
    {
        var matcher = new Matcher(StringComparison.Ordinal);
        foreach (var g in globs) matcher.AddInclude(g.TrimStart('/'));
        return matcher.Match(relativePath).HasMatches;
    }

    /// <summary>The repository files the globs match, sorted; each glob that matches nothing goes to <paramref name="unmatched"/>.</summary>
    public static SortedSet<string> Glob(Workspace workspace, IReadOnlyList<string> globs, List<string> unmatched)
    {
        var files = workspace.AllFiles();
        var matched = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var glob in globs)
        {
            var matcher = new Matcher(StringComparison.Ordinal);
            matcher.AddInclude(glob.TrimStart('/'));
            // One match over the whole listing (the matcher builds its in-memory tree once, not once per file).
            var any = false;
            foreach (var hit in matcher.Match(files).Files)
            {
                matched.Add(hit.Path);
                any = true;
            }
            if (!any) unmatched.Add(glob);
        }
        return matched;
    }

    /// <param name="only">When not null, check only these repository-relative paths (those the globs match, plus any
    /// named Markdown file: a file named on the command line is checked even when no glob matches it).</param>
    /// <param name="progress">Called after each doc is read and parsed with (docs done, docs selected), one call at a
    /// time (from the worker threads of a parallel load).</param>
    /// <param name="prepare">Run on each parsed doc on the thread that parsed it (the linter reads its invocations
    /// there, so that work is parallel too).</param>
    public static DocSet Load(Workspace workspace, IReadOnlyList<string> globs, IReadOnlyCollection<string>? only = null,
        Action<int, int>? progress = null, Action<MarkdownDocument>? prepare = null, DocCache? cache = null)
    {
        var unmatched = new List<string>();
        var matched = Glob(workspace, globs, unmatched);
        IEnumerable<string> selected = matched;
        if (only != null)
            selected = only.Where(p => matched.Contains(p) || p.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal);
        var paths = selected.ToList();
        // Each doc is read and parsed on its own: in parallel across the cores for a large set (Markdig's pipeline is
        // thread-safe), in order for a small one; either way the results keep the paths' order.
        var loaded = new (MarkdownDocument? Doc, Finding? Failure)[paths.Count];
        var done = 0;
        var report = new object();
        void LoadOne(int i)
        {
            var path = paths[i];
            MarkdownDocument? doc;
            ReadFailure? failure;
            if (cache == null)
            {
                doc = MarkdownDocument.Load(workspace, path, out failure);
                if (doc != null) prepare?.Invoke(doc);
            }
            else if (workspace.Read(path, out failure) is { } source)
            {
                // The same text as last time: the same parsed doc (its invocations already read).
                doc = cache.Get(source);
                if (doc == null)
                {
                    doc = MarkdownDocument.TryParse(source, out var error);
                    if (doc == null) failure = new ReadFailure($"'{source.Path}' {error}");
                    else
                    {
                        prepare?.Invoke(doc);
                        cache.Put(doc);
                    }
                }
            }
            else doc = null;
            loaded[i] = doc != null
                ? (doc, null)
                : (null, new Finding(ReadRule, Severity.Error, $"doc {failure!.Message}", SourceSpan.At(path, failure.Line, failure.Column), "read"));
            if (progress == null) return;
            lock (report) progress(++done, paths.Count);
        }
        if (paths.Count >= ParallelThreshold && Environment.ProcessorCount > 1)
            Parallel.For(0, paths.Count, LoadOne);
        else
            for (var i = 0; i < paths.Count; i++) LoadOne(i);
        cache?.Swap();
        var docs = loaded.Where(l => l.Doc != null).Select(l => l.Doc!).ToList();
        var findings = loaded.Where(l => l.Failure != null).Select(l => l.Failure!).ToList();
        return new DocSet(docs, findings, unmatched, matched.ToList(), only != null);
    }
}
