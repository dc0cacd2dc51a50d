using System.Reflection;
using Markdig;
using Markdig.Syntax;

namespace DocLint.Rules;

/// <summary>One example of a rule doc: a fenced code block and, for a failing one, the message it produces (the
/// inline-code paragraph that follows it; <see cref="Messages"/> when several follow it).</summary>
public sealed record RuleDocExample(string Language, string Code, string? Message)
{
    /// <summary>Every message the example produces: the inline-code paragraphs right after the code block.</summary>
    public IReadOnlyList<string> Messages { get; init; } = Message == null ? Array.Empty<string>() : new[] { Message };

    /// <summary>The repository file the code is an excerpt of, from an <c>&lt;!-- fixture: PATH --&gt;</c> comment right
    /// before the code block (a test runs the rule on it), or null.</summary>
    public string? Fixture { get; init; }
}

/// <summary>
/// A parsed <c>rules/&lt;id&gt;.md</c>: <c># id</c>, a <c>**Severity:** … · **Enforces:** …</c> line, the explanation
/// (what the rule checks and why), then <c>## Fails</c> and <c>## Passes</c> with code examples. A <c>## Why</c>
/// section, when a doc has one, is the rule's why; otherwise the explanation is.
/// </summary>
public sealed class RuleDoc
{
    internal RuleDoc(string id, string markdown, string? header, string explanation, string? why,
        IReadOnlyList<RuleDocExample> failing, IReadOnlyList<RuleDocExample> passing, string? advice,
        IReadOnlyDictionary<string, string> sections)
    {
        Id = id;
        Markdown = markdown;
        Header = header;
        Explanation = explanation;
        Why = why ?? explanation;
        Failing = failing;
        Passing = passing;
        Advice = advice;
        Sections = sections;
    }

    public string Id { get; }
    /// <summary>The whole document.</summary>
    public string Markdown { get; }
    /// <summary>The <c>**Severity:** …</c> line (Markdown), or null.</summary>
    public string? Header { get; }
    /// <summary>Markdown between the header line and the first <c>##</c> section.</summary>
    public string Explanation { get; }
    /// <summary>The <c>## Why</c> section, else <see cref="Explanation"/> (Markdown).</summary>
    public string Why { get; }
    /// <summary>The first paragraph of <see cref="Why"/> (Markdown).</summary>
    public string WhySummary => FirstParagraph(Why);
    public IReadOnlyList<RuleDocExample> Failing { get; }
    public IReadOnlyList<RuleDocExample> Passing { get; }
    /// <summary>Prose of the <c>## Passes</c> section besides its code (advice such as "watch <c>||</c>"), or null.</summary>
    public string? Advice { get; }
    /// <summary>Every <c>##</c> section by heading text (Markdown body).</summary>
    public IReadOnlyDictionary<string, string> Sections { get; }

    /// <summary>Plain text of some of this doc's Markdown: inline code keeps its text, emphasis marks go, the lines of
    /// a paragraph are joined with spaces, code blocks keep their lines.</summary>
    public static string PlainText(string markdown)
    {
        var doc = Markdig.Markdown.Parse(markdown, RuleDocs.Pipeline);
        foreach (var soft in doc.Descendants<Markdig.Syntax.Inlines.LineBreakInline>().Where(b => !b.IsHard).ToList())
            soft.ReplaceBy(new Markdig.Syntax.Inlines.LiteralInline(" "));
        using var writer = new StringWriter();
        var renderer = new Markdig.Renderers.HtmlRenderer(writer) { EnableHtmlForBlock = false, EnableHtmlForInline = false, EnableHtmlEscape = false };
        RuleDocs.Pipeline.Setup(renderer);
        renderer.Render(doc);
        return writer.ToString().Trim();
    }

    private static string FirstParagraph(string markdown)
    {
        var doc = Markdig.Markdown.Parse(markdown, RuleDocs.Pipeline);
        var block = doc.FirstOrDefault();
        return block == null ? "" : markdown.Substring(block.Span.Start, block.Span.Length).Trim();
    }
}

/// <summary>
/// The rule docs (<c>rules/*.md</c>), embedded in the library as resources <c>DocLint.rules.&lt;id&gt;.md</c>, so
/// reports and the <c>rules</c> command can show a rule's explanation and examples without the source tree.
/// </summary>
public static class RuleDocs
{
    internal static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();

    private const string Prefix = "DocLint.rules.";
    private static readonly Lazy<IReadOnlyDictionary<string, RuleDoc>> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The ids that have a doc, sorted.</summary>
    public static IReadOnlyList<string> Ids => Loaded.Value.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>The doc of rule <paramref name="id"/>, or null when it has none.</summary>
    public static RuleDoc? Find(string id) => Loaded.Value.TryGetValue(id, out var d) ? d : null;

    private static IReadOnlyDictionary<string, RuleDoc> Load()
    {
        var asm = typeof(RuleDocs).Assembly;
        var docs = new Dictionary<string, RuleDoc>(StringComparer.Ordinal);
        foreach (var name in asm.GetManifestResourceNames())
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal) || !name.EndsWith(".md", StringComparison.Ordinal)) continue;
            var id = name[Prefix.Length..^3];
            using var stream = asm.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
            docs[id] = Parse(id, reader.ReadToEnd());
        }
        return docs;
    }

    /// <summary>Parses one rule doc (see <see cref="RuleDoc"/> for the layout it reads).</summary>
    public static RuleDoc Parse(string id, string markdown)
    {
        markdown = markdown.Replace("\r\n", "\n");
        var doc = Markdig.Markdown.Parse(markdown, Pipeline);
        string Source(Block b) => markdown.Substring(b.Span.Start, Math.Min(b.Span.Length, markdown.Length - b.Span.Start));

        string? header = null;
        var intro = new List<Block>();
        var sections = new List<(string Title, List<Block> Blocks)>();
        foreach (var block in doc)
        {
            if (block is HeadingBlock { Level: 1 } && sections.Count == 0 && intro.Count == 0 && header == null) continue;
            if (block is HeadingBlock { Level: 2 } h)
            {
                sections.Add((Inline(h), new List<Block>()));
                continue;
            }
            if (sections.Count > 0) sections[^1].Blocks.Add(block);
            else if (header == null && intro.Count == 0 && block is ParagraphBlock && Source(block).StartsWith("**Severity:**", StringComparison.Ordinal))
                header = Source(block).Trim();
            else intro.Add(block);
        }

        string Join(IEnumerable<Block> blocks) => string.Join("\n\n", blocks.Select(b => Source(b).TrimEnd()));
        IReadOnlyList<RuleDocExample> Examples(string title)
        {
            var list = new List<RuleDocExample>();
            foreach (var (t, blocks) in sections.Where(s => s.Title == title))
                for (var i = 0; i < blocks.Count; i++)
                {
                    if (blocks[i] is not FencedCodeBlock code) continue;
                    var messages = new List<string>();
                    for (var j = i + 1; j < blocks.Count && blocks[j] is ParagraphBlock p && InlineCodeOnly(p) is { } m; j++) messages.Add(m);
                    var fixture = i > 0 && blocks[i - 1] is ParagraphBlock c ? FixtureOf(Source(c)) : null;
                    list.Add(new RuleDocExample(code.Info ?? "", string.Join("\n", code.Lines.Lines.Take(code.Lines.Count).Select(l => l.ToString())),
                        messages.FirstOrDefault()) { Messages = messages, Fixture = fixture });
                }
            return list;
        }

        var passes = sections.Where(s => s.Title == "Passes").SelectMany(s => s.Blocks)
            .Where(b => b is not FencedCodeBlock && !(b is ParagraphBlock p && (InlineCodeOnly(p) != null || FixtureOf(Source(p)) != null))).ToList();
        var why = sections.FirstOrDefault(s => s.Title == "Why");
        return new RuleDoc(id, markdown, header, Join(intro), why.Blocks is { Count: > 0 } ? Join(why.Blocks) : null,
            Examples("Fails"), Examples("Passes"), passes.Count > 0 ? Join(passes) : null,
            sections.GroupBy(s => s.Title).ToDictionary(g => g.Key, g => Join(g.SelectMany(s => s.Blocks)), StringComparer.Ordinal));
    }

    private static readonly System.Text.RegularExpressions.Regex FixtureComment =
        new(@"^<!--\s*fixture:\s*(?<path>\S+)\s*-->$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>The path of a <c>&lt;!-- fixture: PATH --&gt;</c> paragraph, or null.</summary>
    private static string? FixtureOf(string paragraph) =>
        FixtureComment.Match(paragraph.Trim()) is { Success: true } m ? m.Groups["path"].Value : null;

    private static string Inline(LeafBlock b) =>
        b.Inline == null ? "" : string.Concat(b.Inline.Descendants<Markdig.Syntax.Inlines.LiteralInline>().Select(l => l.Content.ToString())).Trim();

    /// <summary>The text of a paragraph that is one inline code span and nothing else, or null.</summary>
    private static string? InlineCodeOnly(ParagraphBlock p)
    {
        if (p.Inline?.FirstChild is not Markdig.Syntax.Inlines.CodeInline code || code.NextSibling != null) return null;
        return code.Content;
    }
}
