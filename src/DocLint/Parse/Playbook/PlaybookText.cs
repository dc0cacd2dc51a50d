using System.Text;
using System.Text.RegularExpressions;

namespace DocLint.Parse.Playbook;

/// <summary>
/// How a playbook line is read: by its structure, never by its decoration. Words (repository names, <c>Level</c>,
/// <c>Phase</c>, step numbers, header names) are ASCII; everything before the first ASCII letter or digit of a line or
/// cell is decoration — indentation, list markers, tree glyphs (<c>├──</c>, <c>└──</c>, <c>│</c>), emoji, backticks,
/// emphasis. This is what keeps a playbook whose emoji were broken in transit readable: mojibake (UTF-8 read as
/// Windows-1252 or -1254 and saved again, <c>🚂</c> → <c>ğŸš‚</c>, <c>├──</c> → <c>â”œâ”€â”€</c>) turns every non-ASCII
/// character into more non-ASCII characters and never into ASCII, so the words and their order are untouched.
/// </summary>
public static partial class PlaybookText
{
    public static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c);

    /// <summary>The index of the first ASCII letter or digit at or after <paramref name="from"/> (the end when none).</summary>
    public static int SkipDecoration(string s, int from = 0)
    {
        var i = from;
        while (i < s.Length && !IsWordChar(s[i])) i++;
        return i;
    }

    /// <summary>The text without leading and trailing decoration (<c>**3.1**</c> → <c>3.1</c>, <c>👤 Owner</c> → <c>Owner</c>).</summary>
    public static string Words(string s)
    {
        var start = SkipDecoration(s);
        var end = s.Length;
        while (end > start && !IsWordChar(s[end - 1])) end--;
        return s[start..end];
    }

    /// <summary>
    /// Where the first word of a list item or tree line starts, or -1 when the line is neither: its decoration must
    /// hold a list marker (<c>-</c>, <c>*</c>, <c>+</c>, <c>1.</c>, <c>1)</c>) or a non-ASCII glyph (tree line
    /// characters, an emoji bullet, or what broken bytes made of them). A task box (<c>- [ ]</c>, <c>- [x]</c>) is decoration.
    /// </summary>
    public static int ItemStart(string line)
    {
        var i = 0;
        var marked = false;
        while (true)
        {
            for (; i < line.Length && !IsWordChar(line[i]); i++)
                if (line[i] is '-' or '*' or '+' || line[i] >= 0x80 && !char.IsWhiteSpace(line[i])) marked = true;
            if (i > 0 && line[i - 1] == '[' && i + 1 < line.Length && line[i] is 'x' or 'X' && line[i + 1] == ']')
            {
                i += 2; // a task list box: - [x] name
                continue;
            }
            var ordered = OrderedMarker().Match(line, i);
            if (i < line.Length && ordered.Success && ordered.Index == i)
            {
                i += ordered.Length;
                marked = true;
                continue;
            }
            return marked && i < line.Length ? i : -1;
        }
    }

    /// <summary>
    /// The repository name that starts at <paramref name="start"/>: the word up to whitespace or a non-ASCII character,
    /// without closing backticks, emphasis or punctuation; null when it has no repository-name shape
    /// (<c>[A-Za-z0-9][A-Za-z0-9._-]*</c>, optionally ending in a wildcard <c>*</c>).
    /// </summary>
    public static string? NameAt(string line, int start, int decorationStart = 0)
    {
        var end = start;
        while (end < line.Length && line[end] < 0x80 && !char.IsWhiteSpace(line[end])) end++;
        var word = line[start..end];
        var opening = line[decorationStart..start].TrimStart();
        // closing emphasis that mirrors the opening one: **name** / _name_ (a trailing wildcard star survives)
        foreach (var wrap in new[] { "**", "__", "*", "_", "`" })
            if (opening.EndsWith(wrap, StringComparison.Ordinal) && word.Length > wrap.Length && word.EndsWith(wrap, StringComparison.Ordinal))
            {
                word = word[..^wrap.Length];
                break;
            }
        word = word.TrimEnd('`', ',', ';', ':', '.', ')', '!', '?', '\'', '"');
        return RepositoryName().IsMatch(word) ? word : null;
    }

    /// <summary>True when a listed name, or a wildcard <c>prefix*</c> (any name starting with prefix), designates the project.</summary>
    public static bool NameMatches(string pattern, string project) =>
        pattern.EndsWith('*')
            ? project.StartsWith(pattern[..^1], StringComparison.Ordinal)
            : string.Equals(pattern, project, StringComparison.Ordinal);

    /// <summary>The level number when the line, after its decoration, starts with <c>Level N</c>.</summary>
    public static int? LevelNumber(string line)
    {
        var m = LevelPattern().Match(line, SkipDecoration(line));
        return m.Success && int.TryParse(m.Groups[1].Value, out var n) ? n : null;
    }

    /// <summary>The phase number when a heading's text, after its decoration, starts with <c>Phase N</c>.</summary>
    public static int? PhaseNumber(string heading)
    {
        var m = PhasePattern().Match(heading, SkipDecoration(heading));
        return m.Success && int.TryParse(m.Groups[1].Value, out var n) ? n : null;
    }

    /// <summary><c>N.M</c> as numbers (so 3.9 &lt; 3.10), or null.</summary>
    public static (int Major, int Minor)? StepNumber(string text)
    {
        var m = StepPattern().Match(text);
        return m.Success && int.TryParse(m.Groups[1].Value, out var a) && int.TryParse(m.Groups[2].Value, out var b) ? (a, b) : null;
    }

    private static readonly HashSet<string> Placeholders = new(StringComparer.OrdinalIgnoreCase)
    {
        "tbd", "tbc", "tba", "n/a", "na", "none", "unassigned", "nobody", "todo",
    };

    /// <summary>
    /// True when an Owner cell names someone: it holds a word character — an ASCII letter or digit, or a letter or
    /// digit of a script beyond Latin (Greek onwards, U+0370 and up) — and is not a placeholder (TBD, n/a, none…).
    /// Latin-1 and Windows-125x letters alone do not count: that is what broken emoji and dashes turn into
    /// (<c>—</c> → <c>â€”</c>), so an emoji-only or dash-only cell is no owner in the repaired copy and in the broken one.
    /// </summary>
    public static bool NamesSomeone(string cell)
    {
        var words = Words(cell);
        if (Placeholders.Contains(words)) return false;
        foreach (var r in cell.EnumerateRunes())
            if (r.IsAscii ? Rune.IsLetterOrDigit(r) : r.Value >= 0x370 && Rune.IsLetterOrDigit(r)) return true;
        return false;
    }

    [GeneratedRegex(@"\G\d{1,9}[.)](?=\s|$)")]
    private static partial Regex OrderedMarker();

    [GeneratedRegex(@"\G(?i:level)\s+(\d{1,6})(?![0-9A-Za-z])")]
    private static partial Regex LevelPattern();

    [GeneratedRegex(@"\G(?i:phase)\s+(\d{1,6})(?![0-9A-Za-z])(?!\.\d)")]
    private static partial Regex PhasePattern();

    [GeneratedRegex(@"^(\d{1,6})\.(\d{1,6})$")]
    private static partial Regex StepPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*\*?$")]
    private static partial Regex RepositoryName();
}
