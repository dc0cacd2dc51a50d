using DocLint.Load;
using Markdig.Syntax;
using MarkdownDocument = DocLint.Parse.Markdown.MarkdownDocument;

namespace DocLint.Findings.Suppressions;

/// <summary>An insertion at a character offset of a file's text (offset into the decoded text, BOM excluded).</summary>
public sealed record Insertion(int Offset, string Text);

/// <summary>
/// The comment that disables one finding where it is (CONTRACT §5.4), as insertions into the file's current text: what
/// the language server's "disable for this line" action inserts. YAML: <c># doclint-disable-next-line RULE</c> on its
/// own line above, with the finding line's indentation. Markdown: <c>&lt;!-- doclint-disable-next-line RULE --&gt;</c> on
/// its own line above a line that starts a block; at the end of the previous line (an inline comment) for a line inside
/// a paragraph, so the paragraph is not split; and around the whole block (<c>doclint-disable</c> …
/// <c>doclint-enable</c>) for a line inside a code block or a table, where a comment would be code or end the table.
/// Null for a rule the config lists as unsuppressible.
/// </summary>
public static class DisableEdits
{
    public static IReadOnlyList<Insertion>? For(Finding finding, string text, MarkdownDocument? markdown, DocLintConfig config)
    {
        if (config.Unsuppressible.Contains(finding.RuleId, StringComparer.Ordinal)) return null;
        var rule = finding.RuleId;
        var lineStarts = LineStarts(text);
        var line = Math.Clamp(finding.Span.Line, 1, lineStarts.Count);
        var start = lineStarts[line - 1];
        if (markdown == null)
            return new[] { new Insertion(start, Indentation(text, start) + $"# {DirectiveSyntax.NextLine} {rule}\n") };

        var block = LeafAt(markdown, markdown.Ast, line - 1);
        if (block is CodeBlock or Markdig.Extensions.Tables.Table)
        {
            var first = block.Line; // 0-based
            var last = LastLineOf(markdown, block);
            var firstStart = lineStarts[Math.Clamp(first, 0, lineStarts.Count - 1)];
            var indent = Indentation(text, firstStart);
            var after = last + 1 < lineStarts.Count ? lineStarts[last + 1] : text.Length;
            var closing = (after == text.Length && text.Length > 0 && text[^1] != '\n' ? "\n" : "") + indent + $"<!-- {DirectiveSyntax.Enable} {rule} -->\n";
            return new[]
            {
                new Insertion(firstStart, indent + $"<!-- {DirectiveSyntax.Disable} {rule} -->\n"),
                new Insertion(after, closing),
            };
        }
        if (block is ParagraphBlock p && line - 1 > p.Line)
        {
            var end = lineStarts[line - 1] - 1; // the previous line's '\n'
            if (end > 0 && text[end - 1] == '\r') end--;
            return new[] { new Insertion(end, $" <!-- {DirectiveSyntax.NextLine} {rule} -->") };
        }
        return new[] { new Insertion(start, Indentation(text, start) + $"<!-- {DirectiveSyntax.NextLine} {rule} -->\n") };
    }

    private static string Indentation(string text, int start)
    {
        var i = start;
        while (i < text.Length && text[i] is ' ' or '\t' or '>') i++; // also a blockquote's marker
        return text[start..i];
    }

    private static List<int> LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++) if (text[i] == '\n') starts.Add(i + 1);
        return starts;
    }

    /// <summary>The innermost leaf block (or table) covering a 0-based line, or null.</summary>
    private static Block? LeafAt(MarkdownDocument doc, ContainerBlock container, int line)
    {
        foreach (var child in container)
        {
            if (child.Line > line) break;
            if (line > LastLineOf(doc, child)) continue;
            if (child is Markdig.Extensions.Tables.Table) return child;
            if (child is ContainerBlock inner) return LeafAt(doc, inner, line);
            if (child is LeafBlock) return child;
        }
        return null;
    }

    /// <summary>The last 0-based line of a block (a fenced block's closing fence included), from its source span
    /// (a paragraph's own line list is gone once its inlines are parsed).</summary>
    private static int LastLineOf(MarkdownDocument doc, Block block) =>
        Math.Max(block.Line, doc.Position(Math.Max(block.Span.Start, block.Span.End)).Line - 1);
}
