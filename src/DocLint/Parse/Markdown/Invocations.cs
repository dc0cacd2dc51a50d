using DocLint.Load;
using Markdig.Extensions.Tables;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DocLint.Parse.Markdown;

/// <summary>The three pipeline inputs an operator answers.</summary>
public enum InputKey { Action, Project, Confirm }

/// <summary>Where an assignment's key was written: prose, inline code, a code block or a table.</summary>
public enum TextKind { Prose, InlineCode, CodeBlock, Table }

/// <summary>The groups of CONTRACT §8: an invocation never spans two of them.</summary>
public enum GroupKind { Paragraph, Heading, List, Table, CodeBlock }

/// <summary>
/// One input assignment (<c>action=X</c>, <c>project: X</c>, <c>"confirm": "X"</c>, an inputs-table cell).
/// <see cref="Offset"/>/<see cref="Length"/> locate the value in <see cref="MarkdownDocument.Text"/>.
/// </summary>
public sealed record Assignment(InputKey Key, string Value, int Offset, int Length, TextKind Kind)
{
    /// <summary>A placeholder (<c>&lt;…&gt;</c>, <c>{…}</c>, <c>$NAME</c>, <c>${NAME}</c>, <c>$[[ … ]]</c>, <c>…</c>, <c>...</c>): never a wrong value.</summary>
    public bool IsPlaceholder { get; init; }
}

/// <summary>
/// A documented invocation (CONTRACT §5.2, §8): an <c>action</c> assignment and the <c>project</c> and
/// <c>confirm</c> assignments that follow it in its group, up to the next <c>action</c>.
/// </summary>
public sealed record Invocation(Assignment Action, IReadOnlyList<Assignment> Projects, IReadOnlyList<Assignment> Confirms, GroupKind Group);

/// <summary>Code text for job-name matching: the content of one inline code span, or the lines of one code block.</summary>
public readonly record struct CodeText(int Offset, int Length, bool Inline);

/// <summary>What <see cref="InvocationReader"/> found in one document.</summary>
public sealed record DocInvocations(
    IReadOnlyList<Invocation> Invocations,
    IReadOnlyList<Assignment> References,
    IReadOnlyList<CodeText> Code);

/// <summary>
/// Reads the documented invocations of one parsed document in a single walk over the Markdig tree (CONTRACT §8).
/// Code is masked by the parse: keys are looked for only in the source ranges of literal text, inline code,
/// code-block lines and table cells that Markdig reports; HTML, link destinations, autolinks and front matter are
/// never read. The value is then read from the source text after the key, so it may sit in backticks or bold.
/// </summary>
public static class InvocationReader
{
    private const int MaxPlaceholder = 200;

    public static DocInvocations Read(MarkdownDocument doc, InputNames names)
    {
        var keys = new[] { names.Action, names.Project, names.Confirm };
        var walker = new Walker(doc.Text, keys, Search(keys));
        foreach (var block in doc.Ast) walker.Block(block, null);
        walker.Invocations.Sort((a, b) => a.Action.Offset.CompareTo(b.Action.Offset)); // a list closes after its code blocks
        return new DocInvocations(walker.Invocations, walker.References, walker.Code);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, KeyFinder> Searches = new();

    /// <summary>The keys (any case) as one search; the walk looks for them only inside the text regions it reads.</summary>
    private static KeyFinder Search(string[] keys) => Searches.GetOrAdd(string.Join('\n', keys), _ => new KeyFinder(keys));

    /// <summary>
    /// Where the first key occurs (<see cref="StringComparison.OrdinalIgnoreCase"/>) in a span. Most spans the walk
    /// asks about are short (one literal, one cell), where a vectorised multi-string search costs more to set up than
    /// it saves: those are scanned one character at a time, comparing only where a key's first letter stands (or any
    /// non-ASCII character, which case folding might match); long spans, or keys that start outside ASCII, use the
    /// vectorised search. Both give the same positions.
    /// </summary>
    internal sealed class KeyFinder
    {
        private const int ShortSpan = 256;
        private readonly string[] _keys;
        private readonly System.Buffers.SearchValues<string> _search;
        private readonly bool[] _first = new bool[128];
        private readonly bool _scalar;

        public KeyFinder(string[] keys)
        {
            _keys = keys;
            _search = System.Buffers.SearchValues.Create(keys, StringComparison.OrdinalIgnoreCase);
            _scalar = keys.All(k => k.Length > 0 && k[0] < 128);
            foreach (var k in keys)
                if (k.Length > 0 && k[0] < 128)
                    _first[char.ToLowerInvariant(k[0])] = _first[char.ToUpperInvariant(k[0])] = true;
        }

        public int IndexOf(ReadOnlySpan<char> span)
        {
            if (!_scalar || span.Length >= ShortSpan) return span.IndexOfAny(_search);
            for (var i = 0; i < span.Length; i++)
            {
                var c = span[i];
                if (c < 128 && !_first[c]) continue;
                foreach (var key in _keys)
                    if (span[i..].StartsWith(key, StringComparison.OrdinalIgnoreCase)) return i;
            }
            return -1;
        }
    }

    private readonly record struct Region(int Start, int End, TextKind Kind);

    /// <summary>An open group: the text regions to scan, in source order.</summary>
    private sealed class Group(GroupKind kind)
    {
        public GroupKind Kind { get; } = kind;
        public List<Region> Regions { get; } = new();
    }

    private sealed class Walker(string text, string[] keys, KeyFinder search)
    {
        /// <summary>True when a key occurs within [start, end).</summary>
        private bool HasHit(int start, int end) => end > start && search.IndexOf(text.AsSpan(start, end - start)) >= 0;

        private void AddRegion(Group group, int start, int end, TextKind kind)
        {
            if (HasHit(start, end)) group.Regions.Add(new Region(start, end, kind));
        }

        public List<Invocation> Invocations { get; } = new();
        public List<Assignment> References { get; } = new();
        public List<CodeText> Code { get; } = new();
        private readonly List<Assignment> _scratch = new();

        public void Block(Block block, Group? list)
        {
            switch (block)
            {
                case YamlFrontMatterBlock:
                case HtmlBlock:
                    return;
                case FencedCodeBlock fenced:
                    CodeBlock(fenced, IsYaml(fenced.Info));
                    return;
                case CodeBlock code:
                    CodeBlock(code, false);
                    return;
                case Table table:
                    Table(table);
                    return;
                case ListBlock listBlock:
                {
                    var group = list ?? new Group(GroupKind.List);
                    foreach (var child in listBlock) Block(child, group);
                    if (list == null) Flush(group);
                    return;
                }
                case LeafBlock leaf when leaf.Inline != null && leaf is ParagraphBlock or HeadingBlock:
                {
                    var group = list ?? new Group(leaf is HeadingBlock ? GroupKind.Heading : GroupKind.Paragraph);
                    Inlines(leaf.Inline, group, TextKind.Prose);
                    if (list == null) Flush(group);
                    return;
                }
                case ContainerBlock container:
                    foreach (var child in container) Block(child, list);
                    return;
            }
        }

        private static bool IsYaml(string? info)
        {
            if (string.IsNullOrEmpty(info)) return false;
            var lang = info.Trim();
            var end = lang.IndexOfAny(new[] { ' ', '\t', '{', ',' });
            if (end >= 0) lang = lang[..end];
            return lang.Equals("yaml", StringComparison.OrdinalIgnoreCase) || lang.Equals("yml", StringComparison.OrdinalIgnoreCase);
        }

        private void Inlines(ContainerInline container, Group group, TextKind proseKind)
        {
            for (var inline = container.FirstChild; inline != null; inline = inline.NextSibling)
            {
                switch (inline)
                {
                    case LiteralInline lit when lit.Span.Start >= 0 && lit.Span.End >= lit.Span.Start:
                        AddRegion(group, lit.Span.Start, lit.Span.End + 1, proseKind);
                        break;
                    case CodeInline code when code.Span.Start >= 0:
                    {
                        var start = code.Span.Start + code.DelimiterCount;
                        var end = code.Span.End + 1 - code.DelimiterCount;
                        if (end <= start || end > text.Length) break;
                        AddRegion(group, start, end, TextKind.InlineCode);
                        var (s, e) = Trim(start, end);
                        if (e > s) Code.Add(new CodeText(s, e - s, true));
                        break;
                    }
                    case LinkInline { IsAutoLink: true }:
                        break;
                    case ContainerInline child: // emphasis, link labels (never the destination)
                        Inlines(child, group, proseKind);
                        break;
                }
            }
        }

        private void CodeBlock(LeafBlock block, bool yaml)
        {
            var group = new Group(GroupKind.CodeBlock);
            var lines = block.Lines;
            int first = 0, last = 0;
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines.Lines[i];
                int start, end;
                if (ReferenceEquals(line.Slice.Text, text)) { start = line.Slice.Start; end = line.Slice.End + 1; }
                else
                {
                    // Markdig rewrote the line (a tab partly used as indentation): read the source line as it is.
                    start = line.Position;
                    end = text.IndexOf('\n', Math.Min(start, text.Length));
                    if (end < 0) end = text.Length;
                }
                start = Math.Clamp(start, 0, text.Length);
                end = Math.Clamp(end, start, text.Length);
                if (i == 0) first = start;
                last = Math.Max(last, end);
                if (!yaml) AddRegion(group, start, end, TextKind.CodeBlock);
            }
            // One range for the whole block: job names are whitespace-delimited tokens, and what lies between the
            // lines (line ends, indentation, a quote's `>`) only separates them.
            if (last > first) Code.Add(new CodeText(first, last - first, false));
            Flush(group);
        }

        // ---- tables ------------------------------------------------------------------------------------------

        private void Table(Table table)
        {
            var rows = table.OfType<TableRow>().ToList();
            var header = rows.FirstOrDefault(r => r.IsHeader);
            var columns = new Dictionary<InputKey, int>();
            if (header != null)
                for (var col = 0; col < header.Count; col++)
                    if (header[col] is TableCell cell && KeyOf(CellText(cell)) is { } k && !columns.ContainsKey(k)) columns[k] = col;

            var twoColumns = table.ColumnDefinitions.Count == 2 || rows.All(r => r.Count <= 2);
            var keyValue = twoColumns && rows.Any(r => !r.IsHeader && r.Count == 2 && KeyOf(CellText((TableCell)r[0])) != null);
            if (keyValue || columns.Count > 0)
            {
                foreach (var row in rows)
                foreach (var cell in row.OfType<TableCell>())
                foreach (var p in cell.OfType<LeafBlock>())
                    if (p.Inline != null) CollectCode(p.Inline);
            }
            if (keyValue)
            {
                KeyValueTable(rows);
                return;
            }
            if (columns.Count > 0)
            {
                foreach (var row in rows)
                {
                    if (row.IsHeader) continue;
                    Assignment? Cell(InputKey key) =>
                        columns.TryGetValue(key, out var col) && col < row.Count && row[col] is TableCell c ? CellValue(key, c) : null;
                    var action = Cell(InputKey.Action);
                    var project = Cell(InputKey.Project);
                    var confirm = Cell(InputKey.Confirm);
                    if (action != null)
                        Invocations.Add(new Invocation(action, List(project), List(confirm), GroupKind.Table));
                    else
                    {
                        if (project != null) References.Add(project);
                        if (confirm != null) References.Add(confirm);
                    }
                }
                return;
            }
            // A table that is not an inputs table: its cells are text in which `key: value` counts.
            var group = new Group(GroupKind.Table);
            foreach (var row in rows)
            foreach (var cell in row.OfType<TableCell>())
            foreach (var p in cell.OfType<LeafBlock>())
                if (p.Inline != null) Inlines(p.Inline, group, TextKind.Table);
            Flush(group);
        }

        private void KeyValueTable(List<TableRow> rows)
        {
            Assignment? action = null;
            var projects = new List<Assignment>();
            var confirms = new List<Assignment>();
            foreach (var row in rows)
            {
                if (row.Count != 2 || KeyOf(CellText((TableCell)row[0])) is not { } key) continue;
                if (CellValue(key, (TableCell)row[1]) is not { } a) continue;
                switch (key)
                {
                    case InputKey.Action: action ??= a; break;
                    case InputKey.Project: projects.Add(a); break;
                    default: confirms.Add(a); break;
                }
            }
            if (action != null) Invocations.Add(new Invocation(action, projects, confirms, GroupKind.Table));
            else References.AddRange(projects.Concat(confirms));
        }

        private static IReadOnlyList<Assignment> List(Assignment? a) => a == null ? Array.Empty<Assignment>() : new[] { a };

        private void CollectCode(ContainerInline container)
        {
            for (var inline = container.FirstChild; inline != null; inline = inline.NextSibling)
            {
                if (inline is CodeInline code && code.Span.Start >= 0)
                {
                    var (s, e) = Trim(code.Span.Start + code.DelimiterCount, code.Span.End + 1 - code.DelimiterCount);
                    if (e > s) Code.Add(new CodeText(s, e - s, true));
                }
                else if (inline is ContainerInline child && inline is not LinkInline { IsAutoLink: true }) CollectCode(child);
            }
        }

        private (int Start, int End) CellRange(TableCell cell)
        {
            if (cell.Span.Start < 0 || cell.Span.End < cell.Span.Start) return (0, 0);
            return Trim(cell.Span.Start, Math.Min(cell.Span.End + 1, text.Length));
        }

        /// <summary>A header or key cell's text without markup (backticks, bold, quotes, spaces).</summary>
        private ReadOnlySpan<char> CellText(TableCell cell)
        {
            var (s, e) = CellRange(cell);
            return text.AsSpan(s, e - s).Trim("`*_\"' \t");
        }

        private InputKey? KeyOf(ReadOnlySpan<char> name)
        {
            for (var k = 0; k < keys.Length; k++)
                if (name.Equals(keys[k], StringComparison.OrdinalIgnoreCase) && IsAscii(name)) return (InputKey)k;
            return null;
        }

        /// <summary>An inputs-table value cell: one value and nothing else (a prompt or a description is no assignment).</summary>
        private Assignment? CellValue(InputKey key, TableCell cell)
        {
            var (s, e) = CellRange(cell);
            if (e <= s) return null;
            if (ReadValue(s, e) is not { } v) return null;
            // Only closing markup and dropped punctuation may follow the value.
            for (var i = v.Offset + v.Length; i < e; i++)
                if (text[i] is not ('`' or '*' or '"' or '\'' or ' ' or '\t' or '.' or ':' or '!' or '?')) return null;
            return new Assignment(key, v.Text, v.Offset, v.Length, TextKind.Table) { IsPlaceholder = v.Placeholder };
        }

        // ---- scanning a text group ------------------------------------------------------------------------------

        private void Flush(Group group)
        {
            _scratch.Clear();
            foreach (var r in group.Regions) Scan(r);
            if (_scratch.Count == 0) return;
            _scratch.Sort((a, b) => a.Offset.CompareTo(b.Offset));
            Assignment? action = null;
            List<Assignment>? projects = null, confirms = null;
            foreach (var a in _scratch)
            {
                if (a.Key == InputKey.Action)
                {
                    if (action != null) Invocations.Add(new Invocation(action, projects!, confirms!, group.Kind));
                    action = a;
                    projects = new List<Assignment>();
                    confirms = new List<Assignment>();
                }
                else if (action == null) References.Add(a);
                else (a.Key == InputKey.Project ? projects! : confirms!).Add(a);
            }
            if (action != null) Invocations.Add(new Invocation(action, projects!, confirms!, group.Kind));
        }

        private void Scan(Region r)
        {
            for (var from = r.Start; from < r.End;)
            {
                var found = search.IndexOf(text.AsSpan(from, r.End - from));
                if (found < 0) break;
                var at = from + found;
                from = at + 1;
                for (var k = 0; k < keys.Length; k++)
                {
                    var key = keys[k];
                    if (at + key.Length > r.End || !text.AsSpan(at, key.Length).Equals(key, StringComparison.OrdinalIgnoreCase)) continue;
                    if (TryAssignment((InputKey)k, at, key.Length, r) is { } a) _scratch.Add(a);
                    break;
                }
            }
        }

        private Assignment? TryAssignment(InputKey key, int at, int length, Region r)
        {
            if (!IsAscii(text.AsSpan(at, length))) return null;
            var before = at > 0 ? text[at - 1] : ' ';
            // Another word (`PROJECT_ID`, `$CI_PROJECT`), another tool's flag (`--action=`), a property
            // (`inputs.action`), a shell variable (`$action`) or a URL parameter (`?action=`, `&project=`, `#action=`).
            if (IsWordChar(before) || before is '-' or '.' or '$' or '?' or '&' or '#' or '%' or '@' or '/' or '\\') return null;
            var i = at + length;
            if (i < text.Length && IsWordChar(text[i])) return null;
            var lineEnd = text.IndexOf('\n', i);
            if (lineEnd < 0) lineEnd = text.Length;
            if (before == '[' && i < text.Length && text[i] == ']')
            {
                // The API's form fields and query parameters: `inputs[action]=x`, `variables[action]=x` (curl --form / -F).
                if (!FormField(at - 1) || i + 1 >= text.Length || text[i + 1] != '=') return null;
                return Read(i + 2, query: true);
            }
            var quoted = before is '"' or '\'';
            if (quoted && i < text.Length && text[i] == before)
            {
                i++;
                quoted = false; // "action": … (a quoted key)
                // The pipelines API's variables list: {"key": "action", "value": "x"}.
                if (KeyValuePair(at - 1) && ValueOfPair(i) is { } pair) return Read(pair);
            }
            while (i < text.Length && text[i] is ' ' or '\t') i++;
            if (i >= text.Length) return null;
            var sep = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\n';
            if (sep == '=')
            {
                if (next is '=' or '~' or '>') return null; // comparison, regex match, hash rocket
            }
            else if (sep == ':')
            {
                if (r.Kind == TextKind.Prose) return null; // "Owner project: bf-dev" in prose is no assignment
                if (next == ':') return null;
                // Inside a string ("extra.thing":"Project:1") unless it is glab's key:value form: --input "action:x".
                if (quoted && !GlabFlag(at - 1)) return null;
            }
            else return null;
            return Read(i + 1);

            Assignment? Read(int from, bool query = false) =>
                ReadValue(from, lineEnd, query) is { } v ? new Assignment(key, v.Text, v.Offset, v.Length, r.Kind) { IsPlaceholder = v.Placeholder } : null;
        }

        /// <summary>True when <c>inputs[</c> or <c>variables[</c> ends at <paramref name="bracket"/> (the API's form fields).</summary>
        private bool FormField(int bracket) =>
            EndsWithWord(bracket, "inputs") || EndsWithWord(bracket, "variables");

        /// <summary>True when glab's <c>--input</c> / <c>--variables</c> flag (then spaces or <c>=</c>) precedes the quote at <paramref name="quote"/>.</summary>
        private bool GlabFlag(int quote)
        {
            var j = quote;
            while (j > 0 && text[j - 1] is ' ' or '\t' or '=') j--;
            return EndsWith(j, "--input") || EndsWith(j, "--variables");
        }

        private bool EndsWith(int end, string word) =>
            end >= word.Length && text.AsSpan(end - word.Length, word.Length).Equals(word, StringComparison.OrdinalIgnoreCase)
            && (end == word.Length || !IsWordChar(text[end - word.Length - 1]) || word[0] == '-');

        private bool EndsWithWord(int end, string word) =>
            end >= word.Length && text.AsSpan(end - word.Length, word.Length).Equals(word, StringComparison.OrdinalIgnoreCase)
            && (end == word.Length || !IsWordChar(text[end - word.Length - 1]));

        /// <summary>True when <c>"key": </c> precedes the quote at <paramref name="quote"/> (the variables list of the pipelines API).</summary>
        private bool KeyValuePair(int quote)
        {
            var j = quote;
            while (j > 0 && text[j - 1] is ' ' or '\t') j--;
            if (j == 0 || text[j - 1] != ':') return false;
            j--;
            while (j > 0 && text[j - 1] is ' ' or '\t') j--;
            return j >= 5 && text.AsSpan(j - 5, 5).SequenceEqual("\"key\"");
        }

        /// <summary>After <c>"key": "action"</c> at <paramref name="i"/>: where the value of the following <c>, "value":</c> starts.</summary>
        private int? ValueOfPair(int i)
        {
            var lineEnd = text.IndexOf('\n', i);
            if (lineEnd < 0) lineEnd = text.Length;
            while (i < lineEnd && text[i] is ' ' or '\t') i++;
            if (i >= lineEnd || text[i] != ',') return null;
            i++;
            while (i < lineEnd && text[i] is ' ' or '\t') i++;
            const string value = "\"value\"";
            if (i + value.Length > lineEnd || !text.AsSpan(i, value.Length).SequenceEqual(value)) return null;
            i += value.Length;
            while (i < lineEnd && text[i] is ' ' or '\t') i++;
            return i < lineEnd && text[i] == ':' ? i + 1 : null;
        }


        private readonly record struct Value(string Text, int Offset, int Length, bool Placeholder);

        /// <summary>CONTRACT §8: a value starts after optional spaces, quotes, backticks or <c>**</c> and ends before
        /// whitespace, a quote, a backtick, <c>*</c>, <c>,</c>, <c>;</c>, <c>)</c>, <c>]</c>, <c>}</c>, <c>|</c> or <c>#</c>;
        /// trailing <c>.</c>, <c>:</c>, <c>!</c>, <c>?</c> are dropped; <c>&lt;…&gt;</c> and <c>{…}</c> are taken whole.</summary>
        private Value? ReadValue(int i, int end, bool query = false)
        {
            while (i < end)
            {
                var c = text[i];
                if (c is ' ' or '\t' or '"' or '\'' or '`') i++;
                else if (c == '*' && i + 1 < end && text[i + 1] == '*') i += 2;
                else break;
            }
            if (i >= end) return null;
            if (text[i] is '<' or '{')
            {
                // Taken whole up to its closing bracket, spaces included (`<target repository>`, `{project}`).
                var close = text.IndexOf(text[i] == '<' ? '>' : '}', i + 1, Math.Min(end - i - 1, MaxPlaceholder));
                if (close > i + 1) return new Value(text.Substring(i, close + 1 - i), i, close + 1 - i, true);
            }
            var j = i;
            while (j < end && !IsTerminator(text[j]) && !(query && text[j] == '&')) j++; // a form field in a query string ends at `&`
            var raw = text.AsSpan(i, j - i);
            if (raw.Contains("...", StringComparison.Ordinal) || raw.Contains('…'))
                return new Value(raw.ToString(), i, j - i, true);
            while (j > i && text[j - 1] is '.' or ':' or '!' or '?') j--;
            if (j == i) return null;
            var value = text.Substring(i, j - i);
            var placeholder = IsPlaceholder(value);
            // A value that opens a structure (`project: {`, `"action": [`) is not an input value.
            if (!placeholder && value[0] is '{' or '[' or '(') return null;
            return new Value(value, i, j - i, placeholder);
        }

        private static bool IsTerminator(char c) =>
            char.IsWhiteSpace(c) || c is '"' or '\'' or '`' or '*' or ',' or ';' or ')' or ']' or '}' or '|' or '#';

        private (int, int) Trim(int start, int end)
        {
            end = Math.Min(end, text.Length);
            while (start < end && char.IsWhiteSpace(text[start])) start++;
            while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
            return (start, end);
        }
    }

    /// <summary>
    /// Placeholders are never a wrong value (CONTRACT §8): <c>&lt;…&gt;</c>, <c>{…}</c>, <c>$NAME</c>, <c>${NAME}</c>,
    /// a GitLab interpolation <c>$[[ … ]]</c>, <c>…</c> and <c>...</c>.
    /// </summary>
    public static bool IsPlaceholder(string value)
    {
        if (value.Length == 0) return false;
        if (value[0] == '<' && value[^1] == '>') return true;
        if (value[0] == '{' && value[^1] == '}') return true;
        if (value[0] == '$' && value.Length > 1 && (value[1] is '{' or '_' || char.IsAsciiLetter(value[1]) || value.StartsWith("$[[", StringComparison.Ordinal))) return true;
        return value.Contains("...", StringComparison.Ordinal) || value.Contains('…');
    }

    internal static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static bool IsAscii(ReadOnlySpan<char> s)
    {
        foreach (var c in s) if (c > 0x7F) return false;
        return true;
    }
}
