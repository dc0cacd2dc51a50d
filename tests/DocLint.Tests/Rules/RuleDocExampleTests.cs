using System.Collections.Concurrent;
using DocLint.Findings;
using DocLint.Linting;
using DocLint.Reporting;
using DocLint.Rules;
using DocLint.Tests.Support;
using Markdig.Syntax;

namespace DocLint.Tests.Rules;

/// <summary>
/// Every example in <c>rules/&lt;id&gt;.md</c> is executed, the way actionlint verifies its docs/checks.md. The
/// examples are excerpts: each code block under <c>## Fails</c> and <c>## Passes</c> is preceded by
/// <c>&lt;!-- fixture: PATH --&gt;</c> naming the repository file it is taken from, under a fixture directory (the
/// nearest one above it with an <c>expected.txt</c>). The test checks that the block is in that file verbatim
/// (modulo one common indentation; a line <c>...</c> or <c># ...</c> elides file lines), then checks the fixture
/// directory: a failing block's documented messages (the inline-code paragraphs after it) are each exactly the
/// message of a finding of the rule, in that file, on a line the excerpt shows; a passing block's fixture has no
/// finding of the rule.
/// </summary>
public class RuleDocExampleTests
{
    public static TheoryData<string> DocIds()
    {
        var data = new TheoryData<string>();
        foreach (var id in RuleDocs.Ids) data.Add(id);
        return data;
    }

    [Fact]
    public void Every_rule_a_finding_can_carry_has_a_doc_with_examples() =>
        Assert.All(RuleCatalog.All, r => Assert.Contains(r.Id, RuleDocs.Ids));

    [Theory]
    [MemberData(nameof(DocIds))]
    public void Every_example_is_an_excerpt_of_its_fixture_and_fails_or_passes_there(string id)
    {
        var problems = Verify(RuleDocs.Find(id)!);
        Assert.True(problems.Count == 0, $"rules/{id}.md:\n  " + string.Join("\n  ", problems));
    }

    [Fact]
    public void A_drifted_message_a_foreign_excerpt_or_a_passing_example_that_fails_is_caught()
    {
        var doc = RuleDocs.Find("confirm-gate")!;
        var failing = doc.Failing[0];
        Assert.Empty(Verify(doc));

        var drifted = Reparse(doc, failing.Messages[0], failing.Messages[0].Replace("confirm=true", "confirm=yes"));
        Assert.Contains(Verify(drifted), p => p.Contains("no confirm-gate finding has the documented message", StringComparison.Ordinal));

        var foreign = Reparse(doc, failing.Code, failing.Code + "\n    when: manual");
        Assert.Contains(Verify(foreign), p => p.Contains("is not an excerpt of", StringComparison.Ordinal));

        var elsewhere = Reparse(doc, failing.Code, string.Join("\n", failing.Code.Split('\n').Take(4)));
        Assert.Contains(Verify(elsewhere), p => p.Contains("outside the excerpt", StringComparison.Ordinal));

        // The failing excerpt offered as a passing one: its fixture has the finding.
        var passesWhereItFails = RuleDocs.Parse(doc.Id, doc.Markdown[..doc.Markdown.IndexOf("## Passes", StringComparison.Ordinal)]
            + $"## Passes\n\n<!-- fixture: {failing.Fixture} -->\n```yaml\n{failing.Code}\n```\n");
        Assert.Contains(Verify(passesWhereItFails), p => p.StartsWith("passing example 1: its fixture", StringComparison.Ordinal) && p.Contains("has a confirm-gate finding", StringComparison.Ordinal));

        var unnamed = Reparse(doc, "<!-- fixture: " + failing.Fixture + " -->\n", "");
        Assert.Contains(Verify(unnamed), p => p.Contains("names no fixture", StringComparison.Ordinal));
    }

    private static RuleDoc Reparse(RuleDoc doc, string from, string to)
    {
        var at = doc.Markdown.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, from);
        return RuleDocs.Parse(doc.Id, doc.Markdown[..at] + to + doc.Markdown[(at + from.Length)..]);
    }

    private static readonly ConcurrentDictionary<string, IReadOnlyList<Finding>> Checked = new(StringComparer.Ordinal);

    private static IReadOnlyList<Finding> Check(string dir) =>
        Checked.GetOrAdd(dir, d => Linter.Run(RepoPaths.OpenFixture(d)).Findings);

    /// <summary>What is wrong with the doc's examples; empty when every one is a real, executed excerpt.</summary>
    public static List<string> Verify(RuleDoc doc)
    {
        var problems = new List<string>();
        if (doc.Failing.Count == 0) problems.Add("no failing example");
        if (doc.Passing.Count == 0) problems.Add("no passing example");
        var attached = doc.Failing.Sum(e => e.Messages.Count);
        var written = MessageParagraphs(doc.Sections.GetValueOrDefault("Fails") ?? "");
        if (written != attached)
            problems.Add($"## Fails has {written} message paragraphs but {attached} follow a code block: a message must come right after the example that produces it");

        foreach (var (ex, n, fails) in doc.Failing.Select((e, i) => (e, i + 1, true)).Concat(doc.Passing.Select((e, i) => (e, i + 1, false))))
        {
            var what = $"{(fails ? "failing" : "passing")} example {n}";
            if (ex.Fixture == null) { problems.Add($"{what} names no fixture (<!-- fixture: PATH --> before its code block)"); continue; }
            var file = Path.GetFullPath(Path.Combine(RepoPaths.Root, ex.Fixture));
            if (!ex.Fixture.StartsWith("docs-fixtures/", StringComparison.Ordinal) || !File.Exists(file))
            {
                problems.Add($"{what}: fixture {ex.Fixture} is not a file under docs-fixtures/");
                continue;
            }
            var dir = FixtureDir(file);
            if (dir == null) { problems.Add($"{what}: no directory above {ex.Fixture} has an expected.txt"); continue; }
            var rel = Path.GetRelativePath(dir, file).Replace('\\', '/');
            var range = Excerpt.Find(ex.Code, File.ReadAllText(file));
            if (range == null) { problems.Add($"{what} is not an excerpt of {ex.Fixture} (verbatim, modulo indentation)"); continue; }

            var findings = Check(dir).Where(f => f.RuleId == doc.Id).ToList();
            var dirName = Path.GetRelativePath(RepoPaths.Root, dir).Replace('\\', '/');
            if (!fails)
            {
                foreach (var f in findings) problems.Add($"{what}: its fixture {dirName} has a {doc.Id} finding: {f}");
                continue;
            }
            if (ex.Messages.Count == 0) problems.Add($"{what} documents no message (an inline-code paragraph right after the block)");
            foreach (var message in ex.Messages)
            {
                var same = findings.Where(f => f.Message == message).ToList();
                if (same.Count == 0)
                    problems.Add($"{what}: no {doc.Id} finding has the documented message `{message}`; {dirName} reports:\n    "
                                 + string.Join("\n    ", findings.Select(f => f.ToString())));
                else if (!same.Any(f => f.Span.Path == rel && f.Span.Line >= range.Value.First && f.Span.Line <= range.Value.Last))
                    problems.Add($"{what}: `{message}` is reported at {string.Join(", ", same.Select(f => f.Span))}, outside the excerpt ({rel}:{range.Value.First}-{range.Value.Last})");
            }
        }
        return problems;
    }

    private static string? FixtureDir(string file)
    {
        var stop = Path.GetFullPath(RepoPaths.Fixtures);
        for (var d = Path.GetDirectoryName(file); d != null && d.Length > stop.Length; d = Path.GetDirectoryName(d))
            if (File.Exists(Path.Combine(d, "expected.txt"))) return d;
        return null;
    }

    /// <summary>Paragraphs of a section that are one inline code span and nothing else (documented messages).</summary>
    private static int MessageParagraphs(string markdown) =>
        Markdig.Markdown.Parse(markdown).Descendants<ParagraphBlock>()
            .Count(p => p.Inline?.FirstChild is Markdig.Syntax.Inlines.CodeInline { NextSibling: null });
}

/// <summary>Finds an example's code in a file: the same lines with one common indentation added; a line that is only
/// <c>...</c> or <c># ...</c> stands for any number of file lines.</summary>
public static class Excerpt
{
    private static bool Elision(string line) => line.Trim() is "..." or "# ...";

    /// <summary>The 1-based line range of the file the excerpt covers, or null when it is not in the file.</summary>
    public static (int First, int Last)? Find(string code, string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n').Select(l => l.TrimEnd()).ToArray();
        var block = code.Replace("\r\n", "\n").Split('\n').Select(l => l.TrimEnd()).ToList();
        var indent = block.Where(l => l.Length > 0 && !Elision(l)).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        block = block.Select(l => l.Length == 0 || Elision(l) ? l.Trim() : l[indent..]).ToList();
        var segments = new List<List<string>> { new() };
        foreach (var l in block)
            if (Elision(l)) segments.Add(new List<string>());
            else segments[^1].Add(l);
        segments = segments.Where(s => s.Count > 0).ToList();
        if (segments.Count == 0) return null;

        var anchor = segments[0].First(l => l.Length > 0);
        var anchorAt = segments[0].IndexOf(anchor);
        for (var i = anchorAt; i < lines.Length; i++)
        {
            if (!lines[i].EndsWith(anchor, StringComparison.Ordinal)) continue;
            var prefix = lines[i][..^anchor.Length];
            if (prefix.Trim().Length != 0) continue;
            var start = i - anchorAt;
            if (!At(lines, start, segments[0], prefix)) continue;
            var end = start + segments[0].Count;
            var ok = true;
            foreach (var seg in segments.Skip(1))
            {
                var found = Enumerable.Range(end, Math.Max(0, lines.Length - end)).Where(j => At(lines, j, seg, prefix)).Select(j => (int?)j).FirstOrDefault();
                if (found == null) { ok = false; break; }
                end = found.Value + seg.Count;
            }
            if (ok) return (start + 1, end);
        }
        return null;
    }

    private static bool At(string[] lines, int start, List<string> seg, string prefix)
    {
        if (start < 0 || start + seg.Count > lines.Length) return false;
        for (var k = 0; k < seg.Count; k++)
            if (seg[k].Length == 0 ? lines[start + k].Length != 0 : lines[start + k] != prefix + seg[k]) return false;
        return true;
    }
}

public class ExcerptTests
{
    private const string File = "a:\n  b:\n    c: 1\n\n    d: 2\n  e: 3\nf: 4\n";

    [Fact]
    public void An_excerpt_matches_with_one_common_indentation_and_blank_lines()
    {
        Assert.Equal((3, 5), Excerpt.Find("c: 1\n\nd: 2", File));
        Assert.Equal((2, 3), Excerpt.Find("    b:\n      c: 1", File));
        Assert.Null(Excerpt.Find("c: 1\nd: 2", File));
        Assert.Null(Excerpt.Find("c: 1\n\n  d: 2", File));
        Assert.Null(Excerpt.Find("b:\n    c: 1", File));
    }

    [Fact]
    public void An_elision_skips_file_lines_in_order()
    {
        Assert.Equal((2, 7), Excerpt.Find("  b:\n# ...\nf: 4", File));
        Assert.Equal((1, 6), Excerpt.Find("a:\n...\n  e: 3", File));
        Assert.Null(Excerpt.Find("f: 4\n# ...\na:", File));
    }
}
