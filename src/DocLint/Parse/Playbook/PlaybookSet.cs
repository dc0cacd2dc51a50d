using DocLint.Findings;
using DocLint.Load;
using DocLint.Parse.Markdown;

namespace DocLint.Parse.Playbook;

/// <summary>
/// The release-train playbooks a run checks: every file the config's <c>playbooks</c> globs match, read through the
/// <see cref="Workspace"/>, parsed by Markdig once and read by <see cref="PlaybookReader"/>. In file-path mode (or
/// <c>--changed-since</c>) only the named playbooks are checked. A playbook that cannot be read is a
/// <c>train-order</c> finding; a pattern that matches no file is reported by <c>train-coverage</c> (a check must not
/// pass vacuously).
/// </summary>
public sealed class PlaybookSet
{
    public const string ReadRule = "train-order";

    private PlaybookSet(IReadOnlyList<Playbook> playbooks, IReadOnlyList<Finding> findings, IReadOnlyList<string> unmatched)
    {
        Playbooks = playbooks;
        Findings = findings;
        UnmatchedPatterns = unmatched;
    }

    /// <summary>The parsed playbooks, in path order.</summary>
    public IReadOnlyList<Playbook> Playbooks { get; }
    /// <summary>Playbooks that matched but could not be read.</summary>
    public IReadOnlyList<Finding> Findings { get; }
    /// <summary><c>playbooks</c> patterns that match no file (before any restriction).</summary>
    public IReadOnlyList<string> UnmatchedPatterns { get; }

    public static PlaybookSet Empty { get; } = new(Array.Empty<Playbook>(), Array.Empty<Finding>(), Array.Empty<string>());

    /// <param name="only">When not null, check only those of these repository-relative paths the globs match.</param>
    public static PlaybookSet Load(Workspace workspace, IReadOnlyList<string> globs, IReadOnlyCollection<string>? only = null)
    {
        if (globs.Count == 0) return Empty;
        var unmatched = new List<string>();
        var matched = DocSet.Glob(workspace, globs, unmatched);
        var playbooks = new List<Playbook>();
        var findings = new List<Finding>();
        foreach (var path in matched)
        {
            if (only != null && !only.Contains(path)) continue;
            var doc = MarkdownDocument.Load(workspace, path, out var failure);
            if (doc == null)
            {
                findings.Add(new Finding(ReadRule, Severity.Error, $"playbook {failure!.Message}", SourceSpan.At(path, failure.Line, failure.Column), "read"));
                continue;
            }
            playbooks.Add(PlaybookReader.Read(doc));
        }
        return new PlaybookSet(playbooks, findings, unmatched);
    }
}
