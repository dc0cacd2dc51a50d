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

    // Differential check against an independent reference matcher, on RE2 syntax (including where .NET differs).
    private static Gen<string> Re2Pattern(int size)
    {
        var atom = Gen.Elements(
            "a", "b", "ab", ".", "[ab]", "[^a]", "[a-c]", @"\n", @"\d", @"\D", @"\s", @"\w", @"\W", "[[:alpha:]]", "[[:^digit:]]",
            "x", "A", "^", "$", @"\A", @"\z", @"\b", @"\B", "()", "(?:)", "(a|)", "(|b)", "(?i:a)", "(?s:.)", "(?m:^)", "(?m:$)",
            @"\x41", @"\Qa.\E", "(a)", "(?:a)", "(?i:k)", "(?i:[^k])", @"[\x{1F600}-\x{1F64F}]", @"\pL", @"\PL", @"\p{Lu}", "é");
        if (size <= 0) return atom;
        var sub = Re2Pattern(size / 2);
        return Gen.OneOf(
            atom,
            Gen.Zip(sub, sub).Select(t => t.Item1 + t.Item2),
            Gen.Zip(sub, sub).Select(t => t.Item1 + "|" + t.Item2),
            Gen.Zip(sub, sub).Select(t => "(?:" + t.Item1 + "|" + t.Item2 + ")"),
            sub.Select(s => "(?:" + s + ")*"),
            sub.Select(s => "(?:" + s + ")+"),
            sub.Select(s => "(?:" + s + ")?"),
            sub.Select(s => "(?:" + s + "|)+"),
            sub.Select(s => "(?:" + s + "){1,2}"),
            sub.Select(s => "(?:" + s + "){2}"),
            sub.Select(s => "(?:" + s + "){0,3}"),
            sub.Select(s => "(?i)" + s),
            sub.Select(s => "(?m)" + s),
            sub.Select(s => "(?s)" + s));
    }

    [Fact]
    public void Translation_agrees_with_a_reference_matcher()
    {
        var texts = Gen.Frequency(
            (1, Gen.Constant("")), // the empty text takes a shortcut that does not use .NET at all
            (6, Gen.Elements("a", "b", "A", "x", "1", "\n", "ab", " ", ".", "_").ListOf().Select(l => string.Concat(l))),
            (3, Gen.Elements("a", "k", "K", "\u212A", "é", "É", "😀", "𝒜", "\n", "1").ListOf().Select(l => string.Concat(l))));
        var cases = Arb.From(Gen.Zip(Gen.Sized(size => Re2Pattern(Math.Min(size, 10))), texts));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(4000), Prop.ForAll(cases, c =>
        {
            var (pattern, text) = c;
            var parsed = Re2Parser.Parse(pattern);
            Assert.Equal(Re2Status.Valid, parsed.Status);
            var compiled = GitLabRegex.Compile(pattern);
            var expected = Re2ReferenceMatcher.IsMatch(parsed.Root!, text);
            // The matcher DocLint uses: its own RE2 program (a Pike VM), RE2's semantics everywhere.
            Assert.True(compiled.Regex!.UsesProgram, $"/{pattern}/ has no RE2 program");
            Assert.True(expected == compiled.Regex.IsMatch(text, TimeSpan.FromSeconds(5)),
                $"/{pattern}/ on \"{text.Replace("\n", "\\n")}\": reference says {expected}; the RE2 program does not");
            // The fallback for regexes too large for the program: the .NET translation. Documented deviation: .NET's \b
            // uses Unicode word characters, RE2's are ASCII.
            if ((pattern.Contains(@"\b") || pattern.Contains(@"\B")) && text.Any(ch => ch > 0x7F)) return;
            Assert.True(expected == compiled.Regex.IsMatchWithDotNet(text, TimeSpan.FromSeconds(5)),
                $"/{pattern}/ on \"{text.Replace("\n", "\\n")}\": reference says {expected}; .NET pattern {compiled.Regex.DotNetPattern}");
        }));
    }

    [Theory]
    [InlineData(@"\PL", "\n", true)]                  // NonBacktracking gets this one wrong
    [InlineData(@"(?s)(?i:[^k])\PL|é\z", ".\n", true)]
    [InlineData(@"^\pL+$", "héllo𝒜", true)]
    [InlineData(@"^\pL+$", "héllo 𝒜", false)]
    public void Unicode_property_classes_match_correctly(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, Re2ReferenceMatcher.IsMatch(Re2Parser.Parse(pattern).Root!, text));
        Assert.Equal(expected, GitLabRegex.Compile(pattern).Regex!.IsMatch(text, TimeSpan.FromSeconds(5)));
    }

    [Theory]
    [InlineData("ab", true)]
    [InlineData(".*[^a]", true)]
    [InlineData(@"[\x{1F600}-\x{1F64F}]+", true)]
    [InlineData(@"\pL", true)]
    [InlineData(@"\PL{1000}", true)]
    [InlineData("((a|b)(c|d)(e|f)(g|h)(i|j)(k|l)(m|n)(o|p)(q|r)(s|t)){1000}", false)] // over NonBacktracking's 10,000-node limit
    public void Engine_choice(string pattern, bool nonBacktracking)
    {
        var regex = GitLabRegex.Compile(pattern).Regex!;
        Assert.Equal(nonBacktracking, regex.UsesNonBacktracking);
        // DocLint's RE2 program takes every regex up to 20,000 instructions; the 1000-fold group is .NET's.
        Assert.Equal(nonBacktracking, regex.UsesProgram);
    }

    [Fact]
    public void The_RE2_program_is_linear_where_backtracking_explodes_and_honours_the_timeout()
    {
        var regex = GitLabRegex.Compile("(a*)*b").Regex!;
        Assert.True(regex.UsesProgram);
        Assert.False(regex.IsMatch(new string('a', 200_000), TimeSpan.FromSeconds(30)));
        Assert.True(regex.IsMatch(new string('a', 200_000) + "b", TimeSpan.FromSeconds(30)));
        // RE2's \b is ASCII: é is not a word character (the .NET fallback would say it is).
        Assert.True(GitLabRegex.Compile(@"\bx").Regex!.IsMatch("éx", TimeSpan.FromSeconds(5)));
        // A big program on a long text runs out of time and says so, as the .NET engines do.
        var big = GitLabRegex.Compile("[ab]{0,900}c").Regex!;
        Assert.True(big.UsesProgram);
        Assert.Throws<System.Text.RegularExpressions.RegexMatchTimeoutException>(() =>
            big.IsMatch(string.Concat(Enumerable.Repeat("ab", 500_000)), TimeSpan.FromMilliseconds(1)));
    }

    [Fact]
    public void Astral_code_points_are_one_character_each()
    {
        var emoji = GitLabRegex.Compile(@"^[\x{1F600}-\x{1F64F}]{2}\z").Regex!;
        Assert.True(emoji.IsMatch("😀😃", TimeSpan.FromSeconds(5)));
        Assert.False(emoji.IsMatch("😀", TimeSpan.FromSeconds(5)));
        Assert.False(emoji.IsMatch("😀🚀", TimeSpan.FromSeconds(5))); // U+1F680 is outside the range
        Assert.DoesNotContain(@"\uD83D", emoji.DotNetPattern);          // no surrogate pairs in the pattern
        var literal = GitLabRegex.Compile("^a😀b$").Regex!;
        Assert.True(literal.IsMatch("a😀b", TimeSpan.FromSeconds(5)));
        Assert.False(literal.IsMatch("a😃b", TimeSpan.FromSeconds(5)));
        // An unpaired surrogate (not valid UTF-8, so never seen by RE2) matches no class.
        Assert.False(GitLabRegex.Compile("^.$").Regex!.IsMatch("\uD83D", TimeSpan.FromSeconds(5)));
        Assert.True(GitLabRegex.Compile(@"\bx\b").Regex!.IsMatch("😀x😀", TimeSpan.FromSeconds(5))); // astral chars are not word characters
    }

    [Theory]
    [InlineData("(?:a{1,2}|)+", "", true)]  // .NET 10 gets these wrong for the non-capturing form
    [InlineData("(?:a{1,2}|){2}", "", true)]
    [InlineData("x(?:a{1,2}|)+", "x", true)]
    [InlineData(@"^((.){1,2}|(\z)*)+", "\n", true)]
    [InlineData("(?:a+|)+$", "b", true)]
    [InlineData(@"(?:(?i)\D|[^a]|[^a]|\w)(?i:a)", "xa", true)] // .NET merges such class branches into a wrong union
    [InlineData(@"(?:\D|[^a])a", "xa", true)]
    public void Translation_avoids_dotnet_loop_coalescing_bug(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, Re2ReferenceMatcher.IsMatch(Re2Parser.Parse(pattern).Root!, text));
        Assert.Equal(expected, GitLabRegex.Compile(pattern).Regex!.IsMatch(text, TimeSpan.FromSeconds(5)));
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
