using DocLint.Parse.Markdown;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using MarkdownDocument = DocLint.Parse.Markdown.MarkdownDocument;

namespace DocLint.Parse.Playbook;

/// <summary>
/// Reads a playbook (CONTRACT §5.3, §8) from its <see cref="MarkdownDocument"/>:
/// <list type="bullet">
/// <item>the <b>release order</b>: the first heading containing "Release Order" and its section (up to the next
/// heading of its level or above). Its lines are read as written, wherever they sit — a code block, a list, a
/// paragraph: a line whose text after decoration starts with <c>Level N</c> starts a level (a heading may too); a list
/// item or tree line under a level is a repository when its first word has a repository-name shape; any other
/// heading ends the current level.</item>
/// <item><b>phases</b>: headings whose text after decoration starts with <c>Phase N</c>, with every table under them (up
/// to the next heading of their level or above) whose header names Step and Action columns; columns are matched by
/// header name, in any order.</item>
/// </list>
/// Everything is located exactly (line:column of the word, not of its decoration).
/// </summary>
public static class PlaybookReader
{
    public static Playbook Read(MarkdownDocument doc)
    {
        var headings = doc.Ast.Descendants<HeadingBlock>().OrderBy(h => h.Span.Start).ToList();
        return new Playbook(doc, ReadOrder(doc, headings), ReadPhases(doc, headings));
    }

    private static int FirstLine(MarkdownDocument doc, Block b) => doc.Position(b.Span.Start).Line;
    private static int LastLine(MarkdownDocument doc, Block b) => doc.Position(b.Span.End).Line;

    /// <summary>The index of the first heading after <paramref name="at"/> of level <paramref name="level"/> or above.</summary>
    private static int SectionEnd(List<HeadingBlock> headings, int at, int level)
    {
        for (var i = at + 1; i < headings.Count; i++)
            if (headings[i].Level <= level) return i;
        return headings.Count;
    }

    private static ReleaseOrder? ReadOrder(MarkdownDocument doc, List<HeadingBlock> headings)
    {
        var at = headings.FindIndex(h => HeadingText(doc, h).Contains("Release Order", StringComparison.OrdinalIgnoreCase));
        if (at < 0) return null;
        var heading = headings[at];
        var end = SectionEnd(headings, at, heading.Level);
        var lastLine = end < headings.Count ? FirstLine(doc, headings[end]) - 1 : doc.LineCount;
        var inner = headings.Skip(at + 1).Take(end - at - 1).ToDictionary(h => FirstLine(doc, h), h => LastLine(doc, h));
        // HTML blocks (comments) list nothing: a commented-out repository is not in the order
        var html = doc.Ast.Descendants<HtmlBlock>().Select(b => (First: FirstLine(doc, b), Last: LastLine(doc, b))).ToList();

        var levels = new List<ReleaseLevel>();
        (int Number, Findings.SourceSpan Span, List<OrderEntry> Entries)? current = null;
        void Close()
        {
            if (current is { } c) levels.Add(new ReleaseLevel(c.Number, c.Span, c.Entries));
            current = null;
        }
        for (var line = LastLine(doc, heading) + 1; line <= lastLine; line++)
        {
            if (html.FirstOrDefault(b => b.First <= line && line <= b.Last) is { Last: > 0 } block) { line = block.Last; continue; }
            var text = doc.Line(line);
            var isHeading = inner.TryGetValue(line, out var headingEnd);
            if (PlaybookText.LevelNumber(text) is { } n)
            {
                Close();
                var col = PlaybookText.SkipDecoration(text);
                current = (n, doc.Span(doc.LineStart(line) + col, doc.LineStart(line) + text.Length), new List<OrderEntry>());
            }
            else if (isHeading) Close();
            else if (current is { } c && PlaybookText.ItemStart(text) is var start and >= 0 && PlaybookText.NameAt(text, start) is { } name)
            {
                var offset = doc.LineStart(line) + start;
                c.Entries.Add(new OrderEntry(name, c.Number, doc.Span(offset, offset + name.Length)));
            }
            if (isHeading) line = headingEnd; // a setext heading's underline is no entry
        }
        Close();
        return new ReleaseOrder(doc.Span(heading), levels);
    }

    /// <summary>The heading's text as written (ATX: without the <c>#</c> markers; setext: its first line).</summary>
    private static string HeadingText(MarkdownDocument doc, HeadingBlock h)
    {
        var text = doc.Line(FirstLine(doc, h)).Trim();
        return h.IsSetext ? text : text.TrimStart('#').TrimEnd('#').Trim();
    }

    private static List<Phase> ReadPhases(MarkdownDocument doc, List<HeadingBlock> headings)
    {
        var tables = doc.Ast.Descendants<Table>().OrderBy(t => t.Span.Start).ToList();
        var phases = new List<Phase>();
        for (var i = 0; i < headings.Count; i++)
        {
            if (PlaybookText.PhaseNumber(HeadingText(doc, headings[i])) is not { } number) continue;
            var end = SectionEnd(headings, i, headings[i].Level);
            var from = headings[i].Span.End;
            var to = end < headings.Count ? headings[end].Span.Start : int.MaxValue;
            var stepTables = tables.Where(t => t.Span.Start > from && t.Span.Start < to)
                .Select(t => ReadTable(doc, t)).Where(t => t != null).Cast<StepTable>().ToList();
            phases.Add(new Phase(number, doc.Span(headings[i]), stepTables));
        }
        return phases;
    }

    private static StepTable? ReadTable(MarkdownDocument doc, Table table)
    {
        var rows = table.OfType<TableRow>().ToList();
        var header = rows.FirstOrDefault(r => r.IsHeader);
        if (header == null) return null;
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var headerCells = Cells(doc, header);
        for (var c = 0; c < headerCells.Count; c++)
            columns.TryAdd(PlaybookText.Words(headerCells[c].Text).ToLowerInvariant(), c);
        if (!columns.TryGetValue("step", out var stepCol) || !columns.TryGetValue("action", out var actionCol)) return null;
        int? ownerCol = columns.TryGetValue("owner", out var o) ? o : null;
        int? statusCol = columns.TryGetValue("status", out var s) ? s : null;

        var steps = new List<Step>();
        foreach (var row in rows.Where(r => !r.IsHeader))
        {
            var cells = Cells(doc, row);
            var rowSpan = doc.Span(row);
            Cell? Get(int? col) => col is not { } c ? null
                : c < cells.Count ? cells[c]
                : new Cell("", Findings.SourceSpan.At(rowSpan.Path, rowSpan.EndLine, rowSpan.EndColumn)); // a short row: at its end
            var number = Get(stepCol)!;
            var action = Get(actionCol)!;
            if (number.Text.Length == 0 && action.Text.Length == 0 && (Get(ownerCol)?.Text ?? "").Length == 0) continue;
            var deploys = actionCol < cells.Count ? Deploys(doc, cells[actionCol]) : new List<DeployTarget>();
            steps.Add(new Step(number, action, Get(ownerCol), Get(statusCol), deploys, rowSpan));
        }
        return new StepTable(doc.Span(header), ownerCol != null, statusCol != null, steps);
    }

    /// <summary>
    /// A table row's cells, split from its source line at unescaped pipes (as GFM does, code spans included), each
    /// trimmed of spaces and located at its first character; an empty cell one character after its opening pipe.
    /// </summary>
    private static List<Cell> Cells(MarkdownDocument doc, TableRow row)
    {
        var lineNo = doc.Position(row.Span.Start).Line;
        var line = doc.Line(lineNo);
        var lineStart = doc.LineStart(lineNo);
        var first = Math.Clamp(row.Span.Start - lineStart, 0, line.Length); // after a blockquote's ">" or a list's indent
        var bounds = new List<int> { first - 1 };
        for (var i = first; i < line.Length; i++)
        {
            if (line[i] == '\\') { i++; continue; }
            if (line[i] == '|') bounds.Add(i);
        }
        bounds.Add(line.Length);
        var cells = new List<Cell>();
        for (var k = 0; k + 1 < bounds.Count; k++)
        {
            int from = bounds[k] + 1, to = bounds[k + 1];
            var raw = line[from..to];
            var trimmed = raw.Trim();
            // the segment before a leading pipe and after a trailing pipe is no cell
            if (trimmed.Length == 0 && (k == 0 || k + 2 == bounds.Count)) continue;
            var at = from + (trimmed.Length > 0 ? raw.IndexOf(trimmed, StringComparison.Ordinal) : Math.Min(1, raw.Length));
            cells.Add(new Cell(trimmed, doc.Span(lineStart + at, lineStart + at + trimmed.Length)) { Offset = lineStart + at });
        }
        return cells;
    }

    /// <summary>
    /// <c>Deploy `name`</c> (after any decoration; <c>deploy</c> in any case), and further names joined to it by
    /// <c>,</c>, <c>and</c>, <c>&amp;</c>, <c>+</c> or <c>/</c>: <c>Deploy `a` and `b` changes</c> deploys a and b.
    /// A backticked word without a repository-name shape (<c>`status/summary.json`</c>) is no target.
    /// </summary>
    private static List<DeployTarget> Deploys(MarkdownDocument doc, Cell cell)
    {
        var (text, start) = (cell.Text, cell.Offset);
        var list = new List<DeployTarget>();
        var i = PlaybookText.SkipDecoration(text);
        if (string.Compare(text, i, "deploy", 0, 6, StringComparison.OrdinalIgnoreCase) != 0) return list;
        i += 6;
        if (i < text.Length && PlaybookText.IsWordChar(text[i])) return list; // "Deployment", "Deploys"
        while (true)
        {
            var j = i;
            while (j < text.Length && char.IsWhiteSpace(text[j])) j++;
            if (j >= text.Length || text[j] != '`') return list;
            var close = text.IndexOf('`', j + 1);
            if (close < 0) return list;
            var raw = text[(j + 1)..close];
            var name = raw.Trim();
            if (PlaybookText.NameAt(name, 0) == name && name.Length > 0)
            {
                var offset = start + j + 1 + raw.IndexOf(name, StringComparison.Ordinal);
                list.Add(new DeployTarget(name, doc.Span(offset, offset + name.Length)));
            }
            i = close + 1;
            var k = i;
            while (k < text.Length && char.IsWhiteSpace(text[k])) k++;
            if (k < text.Length && text[k] is ',' or '&' or '+' or '/') i = k + 1;
            else if (string.Compare(text, k, "and", 0, 3, StringComparison.OrdinalIgnoreCase) == 0 && k + 3 < text.Length && char.IsWhiteSpace(text[k + 3])) i = k + 3;
            else return list;
        }
    }
}
