using DocLint.Findings;
using DocLint.Load;
using Markdig;
using Markdig.Syntax;
using SourceSpan = DocLint.Findings.SourceSpan;

namespace DocLint.Parse.Markdown;

/// <summary>
/// One Markdown file parsed by Markdig (CommonMark + pipe tables; YAML front matter recognised and skipped), with exact
/// source positions. Offsets are UTF-16 indexes into <see cref="Text"/> (the decoded file without its BOM); lines and
/// columns are 1-based, a column counts UTF-16 code units from the line start (a tab is one column, as in markdownlint
/// and SARIF's default <c>utf16CodeUnits</c>), and a line ends at <c>\n</c> (a preceding <c>\r</c> belongs to it).
/// </summary>
public sealed class MarkdownDocument
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseYamlFrontMatter()
        .UsePreciseSourceLocation()
        .Build();

    private readonly int[] _lineStarts;

    private MarkdownDocument(SourceText source, Markdig.Syntax.MarkdownDocument ast)
    {
        Source = source;
        _ast = ast;
        _lineStarts = LineStarts(source.Text);
    }

    public SourceText Source { get; private set; }
    /// <summary>Repository-relative path with '/'.</summary>
    public string Path => Source.Path;
    public string Text => Source.Text;
    public Markdig.Syntax.MarkdownDocument Ast => _ast ??= Markdig.Markdown.Parse(Source.Text, Pipeline);

    private Markdig.Syntax.MarkdownDocument? _ast;

    /// <summary>
    /// Lets the parse tree and the file's raw bytes go once what the rules read from the tree is cached
    /// (<see cref="Invocations"/>): thousands of kept trees made the garbage collector, not the parser, the largest cost
    /// of a large docs set, and the bytes are only needed to rewrite a file, which <c>--fix</c> reads again.
    /// <see cref="Ast"/> parses again if it is asked for later (a doc with suppression directives).
    /// </summary>
    public void Compact()
    {
        _ast = null;
        if (Source.Bytes.Length > 0) Source = Source with { Bytes = Array.Empty<byte>() };
    }
    public int LineCount => _lineStarts.Length;

    public static MarkdownDocument Parse(SourceText source) => new(source, Markdig.Markdown.Parse(source.Text, Pipeline));

    /// <summary>Markdig's nesting limit (blockquotes, lists, links, emphasis); deeper input is refused, not parsed.</summary>
    public static int MaxNestingDepth => Pipeline.MaximumNestingDepth;

    /// <summary>
    /// Reads a repository file through the workspace and parses it; null with why (a message that starts with the
    /// quoted path, and where) when it cannot be read or Markdig refuses it.
    /// </summary>
    public static MarkdownDocument? Load(Workspace workspace, string path, out ReadFailure? failure)
    {
        var source = workspace.Read(path, out failure);
        if (source == null) return null;
        var doc = TryParse(source, out var error);
        if (doc == null) failure = new ReadFailure($"'{source.Path}' {error}");
        return doc;
    }

    /// <summary>
    /// Parses, or returns null with the reason (the rest of a sentence after the path) when Markdig refuses the text:
    /// elements nested deeper than <see cref="MaxNestingDepth"/> levels, or any other failure of the parser.
    /// </summary>
    public static MarkdownDocument? TryParse(SourceText source, out string? error)
    {
        error = null;
        try
        {
            return Parse(source);
        }
        catch (ArgumentException e) when (e.Message.Contains("too deeply nested", StringComparison.Ordinal))
        {
            error = $"nests Markdown elements (blockquotes, lists, links or emphasis) more than {MaxNestingDepth} levels deep; it was not checked";
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IndexOutOfRangeException
                                      or NullReferenceException or FormatException or OverflowException or InsufficientExecutionStackException)
        {
            error = $"could not be parsed as Markdown ({e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}); it was not checked";
        }
        return null;
    }

    /// <summary>Parses text that did not come from a file (tests, generated docs).</summary>
    public static MarkdownDocument Parse(string path, string text) =>
        Parse(new SourceText(path, text, false, System.Text.Encoding.UTF8.GetBytes(text)));

    private (InputNames Names, DocInvocations Found)? _invocations;

    /// <summary>The documented invocations of this document for these input names (read once, then cached).</summary>
    public DocInvocations Invocations(InputNames names)
    {
        if (_invocations is { } cached && cached.Names == names) return cached.Found;
        var found = InvocationReader.Read(this, names);
        _invocations = (names, found);
        return found;
    }

    private GeneratedRegions? _regions;

    /// <summary>The generated regions (CONTRACT §9) of this document (read once, then cached; read it before
    /// <see cref="Compact"/> to spare a second parse).</summary>
    public GeneratedRegions Regions => _regions ??= GeneratedRegions.Read(this);

    /// <summary>1-based line and column of a character offset (clamped into the text).</summary>
    public (int Line, int Column) Position(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var i = Array.BinarySearch(_lineStarts, offset);
        if (i < 0) i = ~i - 1;
        return (i + 1, offset - _lineStarts[i] + 1);
    }

    /// <summary>The span of characters [start, end) as a finding location.</summary>
    public SourceSpan Span(int start, int end)
    {
        var (l1, c1) = Position(start);
        var (l2, c2) = Position(Math.Max(start, end));
        return new SourceSpan(Path, l1, c1, l2, c2);
    }

    public SourceSpan Span(MarkdownObject node) => Span(node.Span.Start, node.Span.End + 1);

    /// <summary>Character offset of the start of a 1-based line.</summary>
    public int LineStart(int line) => _lineStarts[Math.Clamp(line - 1, 0, _lineStarts.Length - 1)];

    /// <summary>The text of a 1-based line without its line ending.</summary>
    public string Line(int line)
    {
        var start = LineStart(line);
        var end = line < _lineStarts.Length ? _lineStarts[line] : Text.Length;
        var s = Text[start..end];
        return s.TrimEnd('\n').TrimEnd('\r');
    }

    private static int[] LineStarts(string text)
    {
        var span = text.AsSpan();
        var starts = new int[span.Count('\n') + 1];
        var line = 1;
        for (var at = span.IndexOf('\n'); at >= 0; at = span[(at + 1)..].IndexOf('\n') is var next and >= 0 ? at + 1 + next : -1)
            starts[line++] = at + 1;
        return starts;
    }
}
