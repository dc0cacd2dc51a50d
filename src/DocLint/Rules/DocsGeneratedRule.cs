using DocLint.Findings;
using DocLint.Parse.Markdown;
using DocLint.Reporting;

namespace DocLint.Rules;

/// <summary>
/// CONTRACT §9: a generated region holds exactly what DocLint renders from the pipeline now (a stale region is rewritten
/// by <c>--fix</c>), and its markers are well formed: a known kind and options, an action that is a final name, a
/// project the catalogue knows, closed, not nested.
/// </summary>
public sealed class DocsGeneratedRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new("docs-generated", Severity.Error,
        "Generated regions hold what the pipeline does now, between well-formed markers", "FR-010, NFR-005", RuleScope.Docs);

    /// <summary>Longest line quoted in a message; a longer one is cut with "…".</summary>
    private const int Quote = 100;

    public override IEnumerable<Finding> Check(RuleContext ctx)
    {
        var facts = new DocsFacts(ctx);
        var names = ctx.Config.Inputs;
        var projectOptions = ctx.Model.Inputs.Inputs.TryGetValue(names.Project, out var spec) && spec.Options != null
            ? spec.Options.OfType<Parse.Yaml.YScalar>().Select(o => o.AsText).ToList() : new List<string>();
        // One rendering per kind, options and line ending, however many regions ask for it.
        var rendered = new Dictionary<string, string>(StringComparer.Ordinal);
        var limit = ctx.Workspace.Limits.MaxFileBytes;
        var catalogueUnread = ctx.Model.Catalogue is { FromFile: true, Read: false };
        foreach (var doc in ctx.Docs.Documents)
        {
            var regions = doc.Regions;
            // What the doc would weigh once every region is written: bounded by the file-size limit, so a doc of many
            // regions cannot make --fix write (or this rule build) more than a file DocLint would read.
            long size = System.Text.Encoding.UTF8.GetByteCount(doc.Text);
            foreach (var p in regions.Problems)
                yield return At(SourceSpan.At(doc.Path, p.Line, p.Column), p.Message, p.Key);
            foreach (var region in regions.Regions)
            {
                if (region.Broken) continue;
                var markerSpan = SourceSpan.At(doc.Path, region.MarkerLine, 1);
                if (OptionProblem(ctx, facts, projectOptions, region) is { } problem)
                {
                    yield return problem.Finding(this, markerSpan, region);
                    continue;
                }
                // One defect, one finding: with the catalogue file unreadable (reported once, where the config names it), a
                // table built from the catalogue would only repeat it; such a region is judged again once it can be read.
                if (catalogueUnread && region.Kind is "routing" or "projects") continue;
                var actual = doc.Text[region.ContentStart..region.ContentEnd];
                var actualBytes = System.Text.Encoding.UTF8.GetByteCount(actual);
                var key = region.Kind + "\u001f" + string.Join("\u001f", region.Options.Select(o => o.Key + "=" + o.Value)) + "\u001f" + region.NewLine;
                if (!rendered.TryGetValue(key, out var want)) rendered[key] = want = RegionWriter.Render(ctx.Model, region.Kind, region.Options, region.NewLine);
                var grows = System.Text.Encoding.UTF8.GetByteCount(want) - actualBytes;
                if (size + grows > limit)
                {
                    yield return At(markerSpan, $"region {region.Descriptor} would make {doc.Path} larger than the file-size limit ({limit} bytes); " +
                                                "narrow it (routing takes action= and project=) or split the doc; it is not checked or rewritten", "size:" + region.Descriptor);
                    continue;
                }
                size += grows;
                if (actual == want) continue; // fresh
                var (line, message) = FirstDifference(doc, region, actual, want);
                var span = doc.Span(region.ContentStart, region.ContentEnd);
                yield return At(SourceSpan.At(doc.Path, line, 1), $"region {region.Descriptor} is stale: {message}; doclint check --fix rewrites it", "stale:" + region.Descriptor) with
                {
                    Suggestion = $"replace the region's content with what doclint renders now ({Count(want)} lines)",
                    Edit = new TextEdit(span, region.ContentStart, actual.Length, actual, want),
                };
            }
        }
    }

    private static int Count(string text) => text.Count(c => c == '\n');

    private sealed record Problem(string Message, string Key, string? Suggestion)
    {
        public Finding Finding(Rule rule, SourceSpan at, GeneratedRegion region) =>
            new(rule.Descriptor.Id, rule.Descriptor.DefaultSeverity, $"region {region.Descriptor}: {Message}; it is not checked or rewritten", at, Key) { Suggestion = Suggestion };
    }

    /// <summary>An option value the pipeline does not know: an action that is not a final name (an obsolete or
    /// placeholder one included: one defect, reported here once), a project that is neither in the catalogue, nor an
    /// option of the project input, nor the all selector.</summary>
    private static Problem? OptionProblem(RuleContext ctx, DocsFacts facts, List<string> projectOptions, GeneratedRegion region)
    {
        if (region.Option("action") is { } action && !facts.IsFinal(action))
        {
            var finals = string.Join(" or ", facts.Finals);
            if (facts.ObsoleteOf(action) is { } renamed)
                return new Problem($"action={action} is an obsolete action name; use action={renamed.Name}", "action:" + action,
                    $"write <!-- doclint:generate {region.Descriptor.Replace("action=" + action, "action=" + renamed.Name, StringComparison.Ordinal)} -->");
            if (facts.IsPlaceholderAction(action))
                return new Problem($"action={action} is a placeholder action the pipeline does not offer (the actions are {finals})", "action:" + action, null);
            var near = DocsFacts.Closest(action, facts.Finals);
            return new Problem($"action={action} is not a configured action; " + (near != null ? $"did you mean action={near}?" : $"use {finals}"), "action:" + action, null);
        }
        if (region.Option("project") is { } project && project != facts.AllSelector && !facts.Projects.Contains(project, StringComparer.Ordinal)
            && !projectOptions.Contains(project, StringComparer.Ordinal))
        {
            var known = facts.Projects.Append(facts.AllSelector).ToList();
            var near = DocsFacts.Closest(project, known);
            return new Problem($"project={project} is not in the catalogue and not {facts.AllSelector}; " +
                               (near != null ? $"did you mean project={near}?" : $"use one of {string.Join(", ", known)}"), "project:" + project, null);
        }
        return null;
    }

    /// <summary>The 1-based file line of the first content line that differs from the rendered one, and what differs.</summary>
    private static (int Line, string Message) FirstDifference(MarkdownDocument doc, GeneratedRegion region, string actual, string rendered)
    {
        var have = actual.Split('\n');
        var want = rendered.Split('\n');
        var first = region.MarkerLine + 1;
        for (var i = 0; ; i++)
        {
            // Split leaves a last empty piece after the final line ending: the end marker's line.
            var h = i < have.Length - 1 ? have[i] : null;
            var w = i < want.Length - 1 ? want[i] : null;
            if (h == w) { if (h == null) break; continue; }
            var line = first + i;
            if (w == null) return (line, $"line {line} should be <!-- doclint:end --> (the region ends earlier), not {Show(h!)}");
            if (h == null) return (line, $"line {line} should be {Show(w)}, not the end of the region");
            if (h.TrimEnd('\r') == w.TrimEnd('\r'))
                return (line, $"line {line} has other line endings than the file's ({(w.EndsWith('\r') ? "CRLF" : "LF")})");
            var from = Differs(h.TrimEnd('\r'), w.TrimEnd('\r'));
            return (line, $"line {line} should be {Show(w, from)}, not {Show(h, from)}");
        }
        return (first, "its content differs");
    }

    /// <summary>Where two lines start to differ, so a long line is quoted from shortly before that point.</summary>
    private static int Differs(string a, string b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
        return i;
    }

    private static string Show(string line, int from = 0)
    {
        var t = line.TrimEnd('\r');
        if (t.Length == 0) return "a blank line";
        var start = t.Length > Quote && from > Quote / 2 ? Math.Min(from - Quote / 4, t.Length - Quote / 2) : 0;
        var cut = t[start..];
        return "\"" + (start > 0 ? "…" : "") + (cut.Length > Quote ? cut[..Quote] + "…" : cut) + "\"";
    }
}
