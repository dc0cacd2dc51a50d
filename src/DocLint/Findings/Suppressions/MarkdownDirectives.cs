using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using MarkdownDocument = DocLint.Parse.Markdown.MarkdownDocument;

namespace DocLint.Findings.Suppressions;

/// <summary>
/// Finds <c>&lt;!-- doclint-… --&gt;</c> directives as HTML comments of the Markdig AST: in HTML blocks (a comment on
/// its own lines, or inside a <c>&lt;div&gt;</c> block) and inline HTML (a comment inside a paragraph, list item,
/// table cell). Text in code spans, fenced or indented code blocks and front matter is never a directive, because
/// those are not HTML nodes. Like markdownlint: <c>disable-next-line</c> applies to the line after the comment's last
/// line; <c>disable</c> applies from its own line and <c>enable</c> re-enables from its own line.
/// </summary>
public static class MarkdownDirectives
{
    private const string Open = "<!--";
    private const string Close = "-->";

    public static IReadOnlyList<Directive> Extract(MarkdownDocument doc)
    {
        if (!doc.Text.Contains(DirectiveSyntax.Prefix, StringComparison.Ordinal)) return Array.Empty<Directive>();
        var result = new List<Directive>();
        foreach (var node in doc.Ast.Descendants())
        {
            switch (node)
            {
                case HtmlBlock block:
                    FromBlock(doc, block, result);
                    break;
                case HtmlInline { Tag: { } tag } inline when tag.StartsWith(Open, StringComparison.Ordinal):
                    var start = inline.Span.Start;
                    var exact = start >= 0 && start + tag.Length <= doc.Text.Length
                                && string.CompareOrdinal(doc.Text, start, tag, 0, tag.Length) == 0;
                    var map = new int[tag.Length];
                    for (var k = 0; k < map.Length; k++) map[k] = exact ? start + k : Math.Max(0, start);
                    Scan(doc, tag, map, result);
                    break;
            }
        }
        result.Sort((a, b) => a.Span.Line != b.Span.Line ? a.Span.Line.CompareTo(b.Span.Line) : a.Span.Column.CompareTo(b.Span.Column));
        return result;
    }

    /// <summary>An HTML block's lines without their container prefixes (<c>&gt; </c>, list indentation), each character
    /// mapped back to its offset in the document.</summary>
    private static void FromBlock(MarkdownDocument doc, HtmlBlock block, List<Directive> result)
    {
        var text = new System.Text.StringBuilder();
        var map = new List<int>();
        var lines = block.Lines;
        for (var li = 0; li < lines.Count; li++)
        {
            var line = lines.Lines[li];
            var slice = line.Slice;
            var sameText = ReferenceEquals(slice.Text, doc.Text) || slice.Text == doc.Text;
            for (var k = slice.Start; k <= slice.End && k < slice.Text.Length; k++)
            {
                text.Append(slice.Text[k]);
                map.Add(sameText ? k : Math.Max(0, line.Position));
            }
            text.Append('\n');
            map.Add(map.Count > 0 ? map[^1] + 1 : Math.Max(0, line.Position));
        }
        Scan(doc, text.ToString(), map.ToArray(), result);
    }

    private static void Scan(MarkdownDocument doc, string html, int[] map, List<Directive> result)
    {
        var at = 0;
        while ((at = html.IndexOf(Open, at, StringComparison.Ordinal)) >= 0)
        {
            var close = html.IndexOf(Close, at + Open.Length, StringComparison.Ordinal);
            if (close < 0) return;
            var bodyStart = at + Open.Length;
            var body = html[bodyStart..close];
            var last = close + Close.Length - 1;
            var whole = doc.Span(map[at], map[last] + 1);
            var directive = DirectiveSyntax.Parse(body,
                (a, b) => doc.Span(map[bodyStart + a], map[Math.Max(bodyStart + a, bodyStart + b - 1)] + 1), whole, yaml: false);
            if (directive != null)
                result.Add(directive with { TargetLine = directive.Kind == DirectiveKind.NextLine ? doc.Position(map[last]).Line + 1 : 0 });
            at = close + Close.Length;
        }
    }
}
