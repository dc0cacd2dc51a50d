using System.Text.RegularExpressions;
using DocLint.Linting;
using DocLint.Tests.Support;

namespace DocLint.Tests.Fixtures;

/// <summary>
/// Every directory under <c>docs-fixtures/</c> holding an <c>expected.txt</c> is a repository checked as it is, with
/// its own <c>.doclint.yml</c> if it has one. <c>expected.txt</c> lists, one a line, exactly the findings the check
/// must report: <c>RULE-ID PATH:LINE</c>, optionally followed by a quoted piece of the message
/// (<c>confirm-gate .gitlab-ci.yml:97 "confirm=false starts release:single"</c>). Blank lines and <c># …</c> are
/// comments; an expected.txt with no entries means the fixture must be clean. Extra and missing findings both fail.
/// </summary>
public partial class FixtureTests
{
    [GeneratedRegex("""^(?<rule>[a-z0-9-]+)\s+(?<path>\S+):(?<line>\d+)(?:\s+"(?<msg>.*)")?\s*$""")]
    private static partial Regex EntryPattern();

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepoPaths.Fixtures, "expected.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(RepoPaths.Fixtures, Path.GetDirectoryName(file)!).Replace('\\', '/'));
        return data;
    }

    public sealed record Expected(string Rule, string Path, int Line, string? Message);

    public static IReadOnlyList<Expected> ReadExpected(string dir)
    {
        var list = new List<Expected>();
        var n = 0;
        foreach (var raw in File.ReadAllLines(Path.Combine(dir, "expected.txt")))
        {
            n++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var m = EntryPattern().Match(line);
            Assert.True(m.Success, $"{dir}/expected.txt:{n}: expected 'RULE-ID PATH:LINE [\"message part\"]', got '{raw}'");
            list.Add(new Expected(m.Groups["rule"].Value, m.Groups["path"].Value, int.Parse(m.Groups["line"].Value),
                m.Groups["msg"].Success ? m.Groups["msg"].Value : null));
        }
        return list;
    }

    [Fact]
    public void There_are_fixtures() => Assert.Contains(Cases().Cast<object[]>(), row => (string)row[0] == "bf-dev");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fixture_reports_exactly_what_expected_txt_lists(string name)
    {
        var dir = Path.Combine(RepoPaths.Fixtures, name);
        var expected = ReadExpected(dir);
        var result = Linter.Run(RepoPaths.OpenFixture(dir));
        var actual = result.Findings.ToList();
        var unmatched = new List<Expected>();
        foreach (var e in expected)
        {
            var hit = actual.FindIndex(f => f.RuleId == e.Rule && f.Span.Path == e.Path && f.Span.Line == e.Line
                                            && (e.Message == null || f.Message.Contains(e.Message, StringComparison.Ordinal)));
            if (hit >= 0) actual.RemoveAt(hit);
            else unmatched.Add(e);
        }
        Assert.True(unmatched.Count == 0 && actual.Count == 0,
            $"docs-fixtures/{name}:\n  missing:\n    {string.Join("\n    ", unmatched)}\n  unexpected:\n    {string.Join("\n    ", actual)}");
    }
}
