using DocLint.Parse.Markdown;
using SourceSpan = DocLint.Findings.SourceSpan;

namespace DocLint.Parse.Playbook;

/// <summary>
/// A release-train playbook (CONTRACT §5.3, §8): its release order and its phases, each with exact positions in
/// <see cref="Document"/>.
/// </summary>
public sealed record Playbook(MarkdownDocument Document, ReleaseOrder? Order, IReadOnlyList<Phase> Phases)
{
    public string Path => Document.Path;
}

/// <summary>The section whose heading contains "Release Order": its <c>Level N</c> groups, in document order.</summary>
public sealed record ReleaseOrder(SourceSpan Heading, IReadOnlyList<ReleaseLevel> Levels)
{
    public IEnumerable<OrderEntry> Entries => Levels.SelectMany(l => l.Entries);
}

/// <summary>One <c>Level N</c> line and the repositories listed under it.</summary>
public sealed record ReleaseLevel(int Number, SourceSpan Span, IReadOnlyList<OrderEntry> Entries);

/// <summary>
/// A repository named by a list item or tree line. <see cref="Name"/> is the first word without decoration;
/// a trailing <c>*</c> makes it a wildcard over catalogue names.
/// </summary>
public sealed record OrderEntry(string Name, int Level, SourceSpan Span)
{
    public bool IsWildcard => Name.EndsWith('*');

    /// <summary>
    /// True when the word has the shape of a repository name (a <c>-</c> or <c>_</c> in it, or a wildcard), so a
    /// prose item under a level ("- The packs are independent") is not read as a repository unless the catalogue has it.
    /// </summary>
    public bool LooksLikeRepository => IsWildcard || Name.Contains('-') || Name.Contains('_');

    public bool Matches(string project) => PlaybookText.NameMatches(Name, project);
}

/// <summary>A <c>Phase N</c> heading and the step-table rows under it (every step table up to the next heading of its level).</summary>
public sealed record Phase(int Number, SourceSpan Heading, IReadOnlyList<StepTable> Tables)
{
    public IReadOnlyList<Step> Steps { get; } = Tables.SelectMany(t => t.Steps).ToList();
    public string Label => $"Phase {Number}";
}

/// <summary>
/// A table whose header names a Step and an Action column (matched by name, in any order). <see cref="HasOwner"/> is
/// false when it lacks an Owner column.
/// </summary>
public sealed record StepTable(SourceSpan Header, bool HasOwner, bool HasStatus, IReadOnlyList<Step> Steps);

/// <summary>One row of a step table: its cells without surrounding decoration, each with its span.</summary>
public sealed record Step(Cell Number, Cell Action, Cell? Owner, Cell? Status, IReadOnlyList<DeployTarget> Deploys, SourceSpan Row)
{
    /// <summary>The step number without decoration (<c>**3.1**</c> → <c>3.1</c>).</summary>
    public string NumberText => PlaybookText.Words(Number.Text);
    /// <summary>The step number as (phase, index) when it reads <c>N.M</c>; compared numerically (3.9 &lt; 3.10).</summary>
    public (int Major, int Minor)? Parsed => PlaybookText.StepNumber(NumberText);
}

/// <summary>A table cell's text between its pipes, trimmed of spaces, and where that text is.</summary>
public sealed record Cell(string Text, SourceSpan Span)
{
    /// <summary>The character offset of <see cref="Text"/> in the document.</summary>
    public int Offset { get; init; }
}

/// <summary>A repository a step deploys: <c>Deploy `name`</c> in its Action cell (a wildcard covers every match).</summary>
public sealed record DeployTarget(string Name, SourceSpan Span)
{
    public bool IsWildcard => Name.EndsWith('*');
    public bool Covers(string repository) => PlaybookText.NameMatches(Name, repository);
}
