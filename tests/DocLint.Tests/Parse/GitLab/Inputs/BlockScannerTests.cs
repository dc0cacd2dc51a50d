using System.Text.RegularExpressions;
using DocLint.Parse.GitLab.Inputs;
using FsCheck;
using FsCheck.Fluent;

namespace DocLint.Tests.Parse.GitLab.Inputs;

public class BlockScannerTests
{
    private static string[] Data(string s) => BlockScanner.Scan(s).Select(m => m.Data(s)).ToArray();

    [Theory]
    [InlineData("$[[ inputs.a ]]", new[] { "inputs.a" })]
    [InlineData("$[[inputs.a]]", new[] { "inputs.a" })]
    [InlineData("x $[[ inputs.a ]] y $[[ inputs.b|truncate(1,2) ]]", new[] { "inputs.a", "inputs.b|truncate(1,2)" })]
    [InlineData("$[[ inputs.a ]]]]", new[] { "inputs.a" })]
    [InlineData("$[[ a]] ]]", new[] { "a]]" })]          // the lazy data must be at least two characters
    [InlineData("$[[ ab ]]", new[] { "ab" })]
    [InlineData("$[[ a ]]", new string[0])]
    [InlineData("$[[ inputs.a", new string[0])]
    [InlineData("$[[ in\nputs ]]", new string[0])]        // no newline inside the data
    [InlineData("$[[\n inputs.a \n]]", new[] { "inputs.a" })] // but around it
    [InlineData("$[[ $[[ inputs.a ]] ]]", new[] { "$[[ inputs.a" })]
    [InlineData("$[[ x\n$[[ inputs.a ]]", new[] { "inputs.a" })]
    public void Finds_blocks_like_GitLabs_pattern(string text, string[] expected)
    {
        Assert.Equal(expected, Data(text));
    }

    [Fact]
    public void Positions_are_of_the_whole_block()
    {
        var m = Assert.Single(BlockScanner.Scan("ab $[[  inputs.x  ]] cd"));
        Assert.Equal((3, 17, 8, 8), (m.Start, m.Length, m.DataStart, m.DataLength));
    }

    [Fact(Timeout = 60_000)] // a hang guard for the algorithm (quadratic would take minutes), not a benchmark
    public Task Pathological_input_is_linear() => Task.Run(() =>
    {
        var s = string.Concat(Enumerable.Repeat("$[[ a", 200_000)) + "\nb]]"; // every start fails on the newline
        Assert.Empty(BlockScanner.Scan(s));
        Assert.Empty(BlockScanner.Scan(string.Concat(Enumerable.Repeat("$[[ ", 300_000))));
        Assert.Single(BlockScanner.Scan(string.Concat(Enumerable.Repeat("$[[ ", 300_000)) + "ab]]"));
    });

    // GitLab's BLOCK_REGEXP with RE2's classes spelled out: \s = [\t\n\f\r ], . = [^\n]
    private static readonly Regex Reference = new(
        @"\$\[\[[\t\n\f\r ]*(?<data>[^\t\n\f\r ][^\n]*?[^\t\n\f\r ])[\t\n\f\r ]*\]\]", RegexOptions.CultureInvariant);

    [Fact]
    public void Agrees_with_the_regular_expression_on_random_text()
    {
        var token = Gen.Elements("$[[", "]]", "$", "[", "]", " ", "\n", "\t", "a", "b", "|", ".", "inputs.x");
        var text = Gen.ListOf(token).Select(ts => string.Concat(ts));
        Prop.ForAll(text.ToArbitrary(), s =>
            {
                var expected = Reference.Matches(s).Select(m => (m.Index, m.Length, m.Groups["data"].Index, m.Groups["data"].Length));
                var actual = BlockScanner.Scan(s).Select(m => (m.Start, m.Length, m.DataStart, m.DataLength));
                return expected.SequenceEqual(actual);
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(2000).WithEndSize(60));
    }
}
