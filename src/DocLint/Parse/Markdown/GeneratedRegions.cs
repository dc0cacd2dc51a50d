using Markdig.Syntax;

namespace DocLint.Parse.Markdown;

/// <summary>
/// One generated region (CONTRACT §9): <c>&lt;!-- doclint:generate KIND [key=value ...] --&gt;</c>, content lines,
/// <c>&lt;!-- doclint:end --&gt;</c>. Offsets index <see cref="MarkdownDocument.Text"/>; the content is every line between
/// the two marker lines, <c>[ContentStart, ContentEnd)</c>.
/// </summary>
/// <param name="Kind">The kind as written (known or not).</param>
/// <param name="Options">The <c>key=value</c> options in written order.</param>
/// <param name="Descriptor">The marker's text after <c>doclint:generate</c> (<c>routing project=bf-telematics</c>), for messages.</param>
/// <param name="MarkerLine">1-based line of the opening marker.</param>
/// <param name="Start">Offset of the opening marker line.</param>
/// <param name="ContentStart">Offset of the first content line (the line after the opening marker).</param>
/// <param name="ContentEnd">Offset of the closing marker line (end of the content).</param>
/// <param name="End">Offset just past the closing marker line.</param>
/// <param name="NewLine">The opening marker line's line ending (the file's own; <c>\n</c> when it has none).</param>
/// <param name="Broken">True when a marker of this region has an error (unknown kind or option, nested): it is
/// neither judged nor rewritten.</param>
public sealed record GeneratedRegion(string Kind, IReadOnlyList<KeyValuePair<string, string>> Options, string Descriptor,
    int MarkerLine, int Start, int ContentStart, int ContentEnd, int End, string NewLine, bool Broken)
{
    public string? Option(string key) => Options.FirstOrDefault(o => o.Key == key).Value;
}

/// <summary>A marker error (unknown kind or option, unclosed or nested region): reported at the marker line.</summary>
public sealed record RegionProblem(int Line, int Column, string Message, string Key);

/// <summary>
/// The generated regions of one document, read from Markdig's parse: a marker is an HTML block that is one HTML comment
/// on one line whose text starts with <c>doclint:</c>. A marker inside a code block, inside a longer HTML comment, or
/// inline in a paragraph is text, not a marker.
/// </summary>
public sealed class GeneratedRegions
{
    /// <summary>The kinds of CONTRACT §9 and the options each takes.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Kinds = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["routing"] = ["action", "project"],
        ["actions"] = [],
        ["projects"] = [],
        ["inputs"] = [],
    };

    public const string Prefix = "doclint:";

    private GeneratedRegions(IReadOnlyList<GeneratedRegion> regions, IReadOnlyList<RegionProblem> problems)
    {
        Regions = regions;
        Problems = problems;
    }

    /// <summary>Every closed region, in document order (broken ones included, flagged).</summary>
    public IReadOnlyList<GeneratedRegion> Regions { get; }
    public IReadOnlyList<RegionProblem> Problems { get; }

    public static GeneratedRegions None { get; } = new([], []);

    /// <summary>True when <paramref name="offset"/> lies in a closed region, markers included: the docs rules do not
    /// judge what is there a second time (CONTRACT §9).</summary>
    public bool Covers(int offset)
    {
        foreach (var r in Regions)
            if (offset >= r.Start && offset < r.End) return true;
        return false;
    }

    private sealed class Open(GeneratedRegion region)
    {
        public GeneratedRegion Region { get; set; } = region;
        public bool Reported { get; set; }
    }

    public static GeneratedRegions Read(MarkdownDocument doc)
    {
        if (!doc.Text.Contains(Prefix, StringComparison.Ordinal)) return None; // no marker: no tree walk
        var regions = new List<GeneratedRegion>();
        var problems = new List<RegionProblem>();
        var open = new Stack<Open>();
        foreach (var html in doc.Ast.Descendants<HtmlBlock>())
        {
            if (html.Lines.Count != 1) continue; // a longer comment's body is text
            var start = html.Span.Start;
            if (start < 0 || start >= doc.Text.Length) continue;
            var (line, column) = doc.Position(start);
            var lineStart = doc.LineStart(line);
            var lineText = doc.Line(line);
            if (Marker(lineText) is not { } body) continue;
            if (html.Parent is not Markdig.Syntax.MarkdownDocument)
            {
                problems.Add(new RegionProblem(line, column, $"region marker <!-- {body} --> is inside a list or quote; a marker must start a line at the top level of the document", "nested-block:" + body));
                continue;
            }
            var next = line < doc.LineCount ? doc.LineStart(line + 1) : doc.Text.Length;
            var word = body.Length > Prefix.Length ? body[Prefix.Length..].Split((char[]?)null, 2)[0] : "";
            if (word == "end")
            {
                if (open.Count == 0)
                {
                    problems.Add(new RegionProblem(line, column, "<!-- doclint:end --> closes no region (no <!-- doclint:generate KIND --> before it)", "stray-end"));
                    continue;
                }
                var o = open.Pop();
                regions.Add(o.Region with { ContentEnd = lineStart, End = next });
                continue;
            }
            if (word != "generate")
            {
                problems.Add(new RegionProblem(line, column, $"unknown region marker <!-- {body} -->; use <!-- doclint:generate KIND --> ... <!-- doclint:end -->", "marker:" + word));
                continue;
            }
            var descriptor = body[(Prefix.Length + "generate".Length)..].Trim();
            var parts = descriptor.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var kind = parts.Length > 0 ? parts[0] : "";
            var options = new List<KeyValuePair<string, string>>();
            string? error = null;
            if (kind.Length == 0) error = $"<!-- doclint:generate --> names no kind; use one of {string.Join(", ", Kinds.Keys)}";
            else if (!Kinds.TryGetValue(kind, out var allowed))
            {
                error = $"unknown region kind {kind}{Findings.Spelling.Suggest(kind, Kinds.Keys)}; the kinds are {string.Join(", ", Kinds.Keys)}";
            }
            else
            {
                foreach (var p in parts.Skip(1))
                {
                    var eq = p.IndexOf('=');
                    var key = eq > 0 ? p[..eq] : p;
                    var value = eq > 0 ? p[(eq + 1)..] : "";
                    var takes = allowed.Length == 0 ? $"{kind} takes no options" : $"{kind} takes {string.Join(", ", allowed.Select(a => a + "=NAME"))}";
                    if (!allowed.Contains(key)) { error = $"unknown option {p} of region kind {kind}; {takes}"; break; }
                    if (eq <= 0 || value.Length == 0) { error = $"option {key} of region kind {kind} has no value; write {key}=NAME"; break; }
                    if (options.Any(o => o.Key == key)) { error = $"option {key} is given twice in region {descriptor}"; break; }
                    options.Add(new(key, value));
                }
            }
            var newLine = next > lineStart && next - 1 < doc.Text.Length && doc.Text[next - 1] == '\n'
                ? (next - 2 >= lineStart && doc.Text[next - 2] == '\r' ? "\r\n" : "\n")
                : "\n";
            var region = new GeneratedRegion(kind, options, descriptor, line, lineStart, next, next, next, newLine, error != null);
            if (error != null) problems.Add(new RegionProblem(line, column, (kind.Length == 0 ? "" : $"region {descriptor}: ") + $"{error}; it is not checked or rewritten", "marker:" + descriptor));
            if (open.Count > 0)
            {
                var outer = open.Peek();
                problems.Add(new RegionProblem(line, column,
                    $"region {descriptor} is nested in region {outer.Region.Descriptor} (line {outer.Region.MarkerLine}); close that one with <!-- doclint:end --> first; neither is checked or rewritten",
                    "nested:" + descriptor));
                foreach (var o in open) { o.Region = o.Region with { Broken = true }; o.Reported = true; }
                region = region with { Broken = true };
            }
            open.Push(new Open(region));
        }
        foreach (var o in open.Reverse())
            if (!o.Reported)
                problems.Add(new RegionProblem(o.Region.MarkerLine, 1,
                    $"region {o.Region.Descriptor} is not closed; add <!-- doclint:end --> after its content; it is not checked or rewritten", "unclosed:" + o.Region.Descriptor));
        problems.Sort((a, b) => a.Line.CompareTo(b.Line));
        return new GeneratedRegions(regions.OrderBy(r => r.Start).ToList(), problems);
    }

    /// <summary>The comment's text (<c>doclint:...</c>, trimmed) when the line is one HTML comment starting with
    /// <c>doclint:</c> and nothing else; null otherwise.</summary>
    internal static string? Marker(string line)
    {
        var t = line.Trim();
        if (!t.StartsWith("<!--", StringComparison.Ordinal) || !t.EndsWith("-->", StringComparison.Ordinal) || t.Length < 7) return null;
        var body = t[4..^3];
        if (body.Contains("-->", StringComparison.Ordinal) || body.Contains("<!--", StringComparison.Ordinal)) return null;
        body = body.Trim();
        return body.StartsWith(Prefix, StringComparison.Ordinal) ? body : null;
    }
}
