using DocLint.Findings;
using DocLint.Load;
using DocLint.Parse.Markdown;

namespace DocLint.Rules;

/// <summary>
/// FR-010, NFR-005: the required docs exist, each holds at least one valid invocation, every final action name
/// appears in one of them, and every <c>docs</c> pattern matches a file (a check must not pass vacuously).
/// Unreadable docs are reported under this rule by <see cref="DocSet"/>. In file-path mode only the per-document
/// part runs (for the named files); the repository-wide part needs the whole repository.
/// </summary>
public sealed class DocsCoverageRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new("docs-coverage", Severity.Error,
        "The required docs exist and document the guided invocations", "FR-010, NFR-005", RuleScope.Docs);

    public override IEnumerable<Finding> Check(RuleContext ctx)
    {
        var facts = new DocsFacts(ctx);
        var checkedDocs = ctx.Docs.Documents.ToDictionary(d => d.Path, StringComparer.Ordinal);
        var unreadable = ctx.Docs.Findings.Select(f => f.Span.Path).ToHashSet(StringComparer.Ordinal);
        var required = new List<MarkdownDocument>();
        var missing = new List<string>();
        foreach (var raw in ctx.Config.RequiredDocs)
        {
            var path = Workspace.NormalizeRelative(raw) ?? raw;
            if (checkedDocs.TryGetValue(path, out var doc)) { required.Add(doc); continue; }
            if (unreadable.Contains(path)) missing.Add(path); // reported by the docs reader; nothing more to say about it
            if (!ctx.DocsRepositoryWide || unreadable.Contains(path)) continue;
            if (!ctx.Workspace.FileExists(path))
            {
                missing.Add(path);
                yield return At(ConfigSpan(ctx, raw, path), $"required doc {path} is missing ({Where(ctx, "requiredDocs")}); restore it or change requiredDocs in .doclint.yml", "missing:" + path);
                continue;
            }
            // A required doc the docs patterns do not match: read it here.
            var source = ctx.Workspace.TryRead(path, out var error);
            if (source == null) { yield return At(SourceSpan.FileStart(path), $"required doc {error}", "read:" + path); continue; }
            required.Add(MarkdownDocument.Parse(source));
        }

        foreach (var doc in required)
        {
            // Per document: the docs this run checks (all of them, unless only named or changed docs are checked).
            if (checkedDocs.ContainsKey(doc.Path) || !ctx.Docs.Restricted)
                // A doc whose invocations are wrong gets those errors (docs-action-name, docs-invocation) and no warning
                // repeating them: the warning is for a required doc that documents no invocation at all.
                if (!facts.Invocations(doc).Any())
                    yield return At(SourceSpan.FileStart(doc.Path),
                        $"required doc {doc.Path} holds no valid invocation (a final {ctx.Config.Inputs.Action}, a {ctx.Config.Inputs.Project} and {ctx.Config.Inputs.Confirm}=true), " +
                        $"for example `{ctx.Config.Inputs.Action}={facts.Finals.FirstOrDefault()} {ctx.Config.Inputs.Project}={facts.AllSelector} {ctx.Config.Inputs.Confirm}=true`",
                        "no-invocation:" + doc.Path) with { Severity = Severity.Warning };
        }

        if (!ctx.DocsRepositoryWide) yield break;

        // One defect, one finding: with a required doc missing, "appears in none of the required docs" and "pattern
        // matches no file" would only repeat that error from another angle.
        if (required.Count > 0 && missing.Count == 0)
        {
            foreach (var final in facts.Finals)
                if (!required.Any(d => ContainsWord(d.Text, final)))
                    yield return At(SourceSpan.FileStart(required[0].Path),
                        $"action {final} appears in none of the required docs ({string.Join(", ", required.Select(d => d.Path))}); document it", "final:" + final)
                        with { Severity = Severity.Warning };
        }

        foreach (var pattern in ctx.Docs.UnmatchedPatterns)
            if (!missing.Any(m => DocSet.Matches(new[] { pattern }, m)))
                yield return At(ConfigSpan(ctx, pattern, CiOr(ctx, Project.ConfigFileName)), $"docs pattern {pattern} matches no file ({Where(ctx, "docs")}); the docs rules checked nothing for it", "pattern:" + pattern)
                with { Severity = Severity.Warning };
    }

    /// <summary>A whole word: not inside a longer name (letters, digits, <c>_</c>, <c>-</c> around it).</summary>
    internal static bool ContainsWord(string text, string word)
    {
        for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.Ordinal))
        {
            var before = at > 0 ? text[at - 1] : ' ';
            var after = at + word.Length < text.Length ? text[at + word.Length] : ' ';
            if (!NamePart(before) && !NamePart(after)) return true;
        }
        return false;
    }

    private static bool NamePart(char c) => char.IsLetterOrDigit(c) || c is '_' or '-';

    private static bool ConfigInRepository(RuleContext ctx) => ConfigLocation.InRepository(ctx.Config);

    private static string Where(RuleContext ctx, string key) => ConfigInRepository(ctx) ? $"{key} in {ctx.Config.Source}" : $"{key} of the embedded default configuration";

    /// <summary>
    /// Where a finding about the configuration belongs: the config file's line naming <paramref name="needle"/>; with
    /// the embedded default (no file to point at), <paramref name="fallback"/>: for a missing required doc the file to
    /// restore, for a pattern the root CI file (line 1), which that configuration is about.
    /// </summary>
    private static SourceSpan ConfigSpan(RuleContext ctx, string needle, string fallback) =>
        ConfigLocation.Of(ctx.Workspace, ctx.Config, needle) ?? SourceSpan.FileStart(fallback);

    private static string CiOr(RuleContext ctx, string fallback) =>
        ctx.Workspace.FileExists(ctx.Model.Composer.RootPath) ? ctx.Model.Composer.RootPath : fallback;
}
