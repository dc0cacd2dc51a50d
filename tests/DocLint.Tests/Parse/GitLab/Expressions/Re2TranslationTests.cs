using System.Text.RegularExpressions;
using DocLint.Parse.GitLab.Expressions;
using FsCheck;
using FsCheck.Fluent;

namespace DocLint.Tests.Parse.GitLab.Expressions;

/// <summary>The RE2 parser/translator on its own (validity decides between regex match and GitLab's substring fallback).</summary>
public class Re2TranslationTests
{
    [Theory]
    [InlineData("")]
    [InlineData("a|")]
    [InlineData("()")]
    [InlineData("(?:)")]
    [InlineData("(?)")]          // RE2 accepts an empty flag group
    [InlineData("(?i)(?-i)a")]
    [InlineData("(?i-s:a.)")]
    [InlineData("(?P<name>a)(?<other>b)")]
    [InlineData("(?<名前>a)")]     // Unicode capture names
    [InlineData("^*a")]          // a repeated empty-width assertion is allowed
    [InlineData("a*(?i)*")]      // a flag group resets "last was repetition"
    [InlineData("a{,2}")]        // literal
    [InlineData("a{01}")]        // leading zero: literal
    [InlineData("x{1000}")]
    [InlineData("(x{10}){100}")]
    [InlineData("(x{2,}){500}")]
    [InlineData(@"\pL\p{Lu}\PN\p{^Zs}\p{Any}")]
    [InlineData(@"[\d\D\s\S\w\W[:^space:]\p{L}]")]
    [InlineData(@"[a-b-c]")]     // Perl mode allows '-' anywhere
    [InlineData(@"\C")]
    [InlineData(@"\Q")]
    [InlineData(@"\0\07\077\x{10FFFF}")]
    [InlineData(@"\a\f\t\n\r\v\.\*\_\ \/")]
    public void RE2_accepts(string pattern) =>
        Assert.Equal(Re2Status.Valid, Re2Parser.Parse(pattern).Status);

    [Theory]
    [InlineData("(", "missing )")]
    [InlineData(")", "unexpected )")]
    [InlineData("a**", "bad repetition operator")]
    [InlineData("a*?+", "bad repetition operator")]
    [InlineData("a{2}{3}", "bad repetition operator")]
    [InlineData("x{1001}", "invalid repetition size")]
    [InlineData("(x{10}){101}", "invalid repetition size")]
    [InlineData("((x{2}){2}){251}", "invalid repetition size")]
    [InlineData("+", "missing argument")]
    [InlineData("(?i)*", "missing argument")]
    [InlineData(@"\", "trailing \\")]
    [InlineData(@"\8", "invalid escape sequence")]
    [InlineData(@"\1", "invalid escape sequence")]
    [InlineData(@"\x", "invalid escape sequence")]
    [InlineData(@"\x4", "invalid escape sequence")]
    [InlineData(@"\x{}", "invalid escape sequence")]
    [InlineData(@"\x{110000}", "invalid escape sequence")]
    [InlineData(@"\é", "invalid escape sequence")]
    [InlineData(@"\E", "invalid escape sequence")]
    [InlineData(@"[\b]", "invalid escape sequence")]
    [InlineData(@"\G", "invalid escape sequence")]
    [InlineData(@"\k<n>", "invalid escape sequence")]
    [InlineData(@"\R", "invalid escape sequence")]
    [InlineData("[]", "missing ]")]
    [InlineData("[^]", "missing ]")]
    [InlineData(@"\p{Lx}", "invalid character class range")]
    [InlineData(@"\p", "invalid character class range")]
    [InlineData(@"[\p{Nope}]", "invalid character class range")]
    [InlineData("(?P<>a)", "invalid named capture group")]
    [InlineData("(?P<a-b>a)", "invalid named capture group")]
    [InlineData("(?P<a", "invalid named capture group")]
    [InlineData("(?<a>x)(?P<a>y)", "invalid named capture group")]
    [InlineData("(?'n'a)", "invalid perl operator")]
    [InlineData("(?-)", "invalid perl operator")]
    [InlineData("(?i-)", "invalid perl operator")]
    [InlineData("(?--i)", "invalid perl operator")]
    [InlineData("(?x)", "invalid perl operator")]
    [InlineData("(?", "invalid perl operator")]
    [InlineData("(?=a)", "invalid perl operator (lookaround")]
    public void RE2_rejects(string pattern, string message)
    {
        var result = Re2Parser.Parse(pattern);
        Assert.Equal(Re2Status.Invalid, result.Status);
        Assert.StartsWith(message, result.Error);
    }

    [Fact]
    public void CodePointSet_merges_negates_and_folds()
    {
        var set = CodePointSet.Of((5, 9), (1, 3), (4, 4), (20, 20));
        Assert.Equal([(1, 9), (20, 20)], set.Ranges);
        Assert.True(set.Contains(4));
        Assert.False(set.Contains(10));
        set.Negate();
        Assert.Equal([(0, 0), (10, 19), (21, CodePointSet.MaxRune)], set.Ranges);

        var k = CodePointSet.Of(('k', 'k'));
        k.AddCaseFolds();
        Assert.Equal([('K', 'K'), ('k', 'k'), (0x212A, 0x212A)], k.Ranges);
    }

    [Fact]
    public void Deep_nesting_is_bounded()
    {
        Assert.Equal(Re2Status.Valid, Re2Parser.Parse(new string('(', 900) + "a" + new string(')', 900)).Status);
        Assert.Equal(Re2Status.Invalid, Re2Parser.Parse(new string('(', 5000) + "a" + new string(')', 5000)).Status);
        Assert.Equal(Re2Status.Invalid, Re2Parser.Parse("a" + string.Concat(Enumerable.Repeat("*(?i)", 5000))).Status);
    }

    [Theory]
    [InlineData("/main/", "main", true)]
    [InlineData("/main/i", "(?i)main", true)]
    [InlineData("/a/b/", "a/b", true)]        // greedy .* up to the last slash
    [InlineData("/ab/x", null, false)]        // x is not a flag
    [InlineData("ab", null, false)]
    [InlineData("/ab", null, false)]
    [InlineData(" /ab/", null, false)]
    [InlineData("x\n/ab/U", "(?U)ab", true)]  // line anchors
    public void RubySyntax_fabricate(string value, string? source, bool valid)
    {
        var result = GitLabRegex.Fabricate(value);
        Assert.Equal(valid, result.Status == Re2Status.Valid);
        Assert.Equal(source, result.Regex?.Source);
    }

    // Differential check against .NET's own engine for a syntax subset where RE2 and .NET agree.
    private static readonly Gen<string> SimpleRegex = Gen.Sized(size => SimpleRegexOf(Math.Min(size, 12)));

    private static Gen<string> SimpleRegexOf(int size)
    {
        var atom = Gen.Elements("a", "b", ".", "[ab]", "[^a]", "\\n", "ab", "\\d", "x");
        if (size <= 0) return atom;
        var sub = SimpleRegexOf(size / 2);
        return Gen.OneOf(
            atom,
            Gen.Zip(sub, sub).Select(t => t.Item1 + t.Item2),
            Gen.Zip(sub, sub).Select(t => t.Item1 + "|" + t.Item2),
            sub.Select(s => "(" + s + ")*"),
            sub.Select(s => "(" + s + ")+"),
            sub.Select(s => "(?:" + s + ")?"),
            sub.Select(s => "(" + s + "){1,2}"),
            sub.Select(s => "^" + s));
    }

    [Fact]
    public void Translation_agrees_with_dotnet_on_a_shared_subset()
    {
        var texts = Gen.Elements("a", "b", "x", "1", "\n", "ab").ListOf().Select(l => string.Concat(l));
        var cases = Arb.From(Gen.Zip(SimpleRegex, texts));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1500), Prop.ForAll(cases, c =>
        {
            var (pattern, text) = c;
            var compiled = GitLabRegex.Compile(pattern);
            Assert.Equal(Re2Status.Valid, compiled.Status);
            // RE2's \d is ASCII; with only ASCII text, .NET's \d agrees.
            var expected = new Regex(pattern, RegexOptions.CultureInvariant).IsMatch(text);
            Assert.Equal(expected, compiled.Regex!.IsMatch(text, TimeSpan.FromSeconds(5)));
        }));
    }

    private static readonly string[] RegexFragments =
    [
        "a", "b", "\\", "(", ")", "[", "]", "^", "$", ".", "*", "+", "?", "{", "}", ",", "1", "2", "0", "|", "-", ":", "=", "!",
        "<", ">", "P", "i", "m", "s", "U", "x", "d", "p", "L", "Q", "E", "{1,3}", "(?i)", "(?P<n>", "\\p{Lu}", "[:alpha:]",
        "\\x{1F600}", "é", "😀", "\n", " ",
    ];

    [Fact]
    public void Compiling_arbitrary_regex_soup_never_throws()
    {
        var soup = Arb.From(Gen.Elements(RegexFragments).ListOf().Select(p => string.Concat(p)));
        var texts = new[] { "", "a", "ab\nAB", "😀é1{1,3}" };
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(3000), Prop.ForAll(soup, pattern =>
        {
            var compiled = GitLabRegex.Compile(pattern);
            if (compiled.Status == Re2Status.Valid)
            {
                foreach (var t in texts) compiled.Regex!.IsMatch(t, TimeSpan.FromSeconds(5));
            }
            else
            {
                Assert.False(string.IsNullOrEmpty(compiled.Error));
                Assert.Null(compiled.Regex);
            }
        }));
    }
}
