using System.Text;
using System.Text.RegularExpressions;
using DocLint.Parse.GitLab.Expressions;
using FsCheck;
using FsCheck.Fluent;

namespace DocLint.Tests.Parse.GitLab.Expressions;

public class RuleExpressionRobustnessTests
{
    private static readonly RuleExpressionOptions Unlimited = new() { MaxTokens = null };

    private static void AssertTryParseContract(string? text, RuleExpressionOptions options)
    {
        bool ok = RuleExpression.TryParse(text!, options, out var expression, out var error);
        if (ok)
        {
            Assert.NotNull(expression);
            Assert.Null(error);
            Assert.Equal(text, expression!.Text);
            Assert.All(expression.Warnings, w => Assert.InRange(w.Offset, 0, text!.Length));
            // Evaluating must either succeed or fail with the documented exception type.
            try
            {
                expression.Evaluate(X.Vars(("A", "ab"), ("B", "/a.b/"), ("C", "")), TimeSpan.FromSeconds(5));
            }
            catch (ExpressionEvaluationException)
            {
            }
        }
        else
        {
            Assert.Null(expression);
            Assert.NotNull(error);
            Assert.False(string.IsNullOrWhiteSpace(error!.Message));
            Assert.InRange(error.Offset, 0, text?.Length ?? 0);
        }
    }

    [Fact]
    public void TryParse_never_throws_for_arbitrary_strings()
    {
        var strings = Arb.From(ArbMap.Default.GeneratorFor<string>());
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000),
            Prop.ForAll(strings, s => AssertTryParseContract(s, RuleExpressionOptions.Default)));
    }

    private static readonly string[] Fragments =
    [
        "$A", "$B", "$C", "$UNSET", "${A}", "$", "\"x\"", "\"\"", "'y'", "\"/a.b/\"", "/ab/", "/a\\/b/i", "/(/", "/./", "//", "/x", "null",
        "true", "false", "main", "1", "==", "!=", "=~", "!~", "&&", "||", "=", "!", "&", "|", "(", ")", " ", " ", "\t", "\n",
        "\\", "\"", "'", "/", "[[", "]]", "é", "😀", "\u00A0",
    ];

    private static readonly Arbitrary<string> TokenSoup = Arb.From(
        Gen.Elements(Fragments).ListOf().Select(parts => string.Concat(parts)));

    [Fact]
    public void TryParse_never_throws_for_token_soup()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(3000),
            Prop.ForAll(TokenSoup, s => AssertTryParseContract(s, RuleExpressionOptions.Default)));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500),
            Prop.ForAll(TokenSoup, s => AssertTryParseContract(s, new RuleExpressionOptions { BooleanLiterals = true, MaxTokens = null })));
    }

    // Mostly well-formed expressions with random damage, so that the property also exercises the parser and evaluator.
    private static readonly Gen<string> Operand = Gen.Elements(
        "$A", "$B", "$C", "$UNSET", "\"x\"", "''", "'ab'", "\"/a.b/\"", "/ab/", "/a\\/b/i", "/(?i)AB/m", "null", "$A =~ /[a-z]+/");

    private static readonly Gen<string> Operator = Gen.Elements(" == ", " != ", " =~ ", " !~ ", " && ", " || ", "==", "&&");

    private static Gen<string> Expression(int size) => size <= 0
        ? Operand
        : Gen.OneOf(
            Operand,
            Gen.Zip(Gen.Zip(Expression(size / 2), Operator), Expression(size / 2)).Select(t => t.Item1.Item1 + t.Item1.Item2 + t.Item2),
            Expression(size - 1).Select(e => "(" + e + ")"));

    private static readonly Gen<string> Damaged = Gen.Sized(size => Expression(Math.Min(size, 20)))
        .SelectMany(e => Gen.Choose(0, e.Length).SelectMany(at => Gen.Elements(Fragments).SelectMany(f => Gen.Elements(
            e,
            e,
            e,
            e.Insert(at, f),
            e.Remove(at, Math.Min(1, e.Length - at)),
            e[..at]))));

    [Fact]
    public void TryParse_never_throws_for_damaged_expressions()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(3000),
            Prop.ForAll(Arb.From(Damaged), s => AssertTryParseContract(s, RuleExpressionOptions.Default)));
    }

    [Fact]
    public void Generated_expressions_actually_reach_the_parser_and_evaluator()
    {
        // Guard against a vacuous property: a good share must parse, and a good share must fail.
        var samples = Gen.Sample(Damaged, 2000, 20);
        int parsed = samples.Count(s => RuleExpression.TryParse(s, out _, out _));
        Assert.InRange(parsed, 500, 1900);
    }

    // ---- long and deep expressions -------------------------------------------------------------------------

    [Fact]
    public void A_thousand_or_terms_exceed_GitLabs_token_limit_but_parse_without_it()
    {
        var text = string.Join(" || ", Enumerable.Range(0, 1000).Select(i => $"$V{i} == \"{i}\""));

        var error = X.Error(text);
        Assert.Contains("too many tokens", error.Message);

        var expression = X.Parse(text, Unlimited);
        Assert.Equal(1000, expression.VariableNames.Count);
        Assert.True(expression.Evaluate(X.Vars(("V999", "999")), X.Timeout));
        Assert.True(expression.Evaluate(X.Vars(("V0", "0")), X.Timeout));
        Assert.False(expression.Evaluate(X.Vars(("V500", "nope")), X.Timeout));
        var inspect = expression.ToGitLabInspect();
        Assert.StartsWith(string.Concat(Enumerable.Repeat("or(", 999)) + "equals($V0, \"0\")", inspect);
    }

    [Fact]
    public void A_thousand_and_terms_evaluate_left_to_right()
    {
        var text = string.Join(" && ", Enumerable.Range(0, 1000).Select(i => $"$V{i}"));
        var expression = X.Parse(text, Unlimited);
        var all = new DictionaryScope(Enumerable.Range(0, 1000).ToDictionary(i => $"V{i}", i => "x"));
        Assert.True(expression.Evaluate(all, X.Timeout));
        var missingLast = new DictionaryScope(Enumerable.Range(0, 999).ToDictionary(i => $"V{i}", i => "x"));
        Assert.False(expression.Evaluate(missingLast, X.Timeout));
    }

    [Fact]
    public void Deeply_nested_parentheses_do_not_overflow_the_stack()
    {
        const int depth = 20_000;
        var text = new string('(', depth) + "$A == \"x\"" + new string(')', depth);
        var expression = X.Parse(text, Unlimited);
        Assert.True(expression.Evaluate(X.Vars(("A", "x")), X.Timeout));
        Assert.Equal("equals($A, \"x\")", expression.ToGitLabInspect());
    }

    [Fact]
    public void Deep_right_nested_chains_do_not_overflow_the_stack()
    {
        const int depth = 20_000;
        var sb = new StringBuilder();
        for (int i = 0; i < depth; i++) sb.Append($"$V{i} || (");
        sb.Append("$LAST").Append(')', depth);
        var expression = X.Parse(sb.ToString(), Unlimited);
        Assert.True(expression.Evaluate(X.Vars(("LAST", "x")), X.Timeout));
        Assert.False(expression.Evaluate(DictionaryScope.Empty, X.Timeout));
        Assert.EndsWith("$LAST" + new string(')', depth), expression.ToGitLabInspect());
    }

    // ---- timeouts -------------------------------------------------------------------------------------------

    [Fact]
    public void A_regex_match_past_the_timeout_throws_ExpressionTimeoutException()
    {
        var expression = X.Parse("$BIG =~ /(ab)*c|b{5}/");
        var big = new StringBuilder(10_000_000);
        for (int i = 0; i < 5_000_000; i++) big.Append("ab");
        var scope = X.Vars(("BIG", big.ToString()));

        var ex = Assert.Throws<ExpressionTimeoutException>(() => expression.Evaluate(scope, TimeSpan.FromMilliseconds(1)));
        Assert.Equal("(ab)*c|b{5}", ex.Pattern);
        Assert.Equal(TimeSpan.FromMilliseconds(1), ex.Timeout);
        Assert.Equal(ExpressionEvaluationFailure.Timeout, ex.Failure);
        Assert.IsAssignableFrom<ExpressionEvaluationException>(ex);
        Assert.IsType<RegexMatchTimeoutException>(ex.InnerException);

        // With enough time, the same evaluation finishes (linear time, no catastrophic backtracking).
        Assert.False(expression.Evaluate(scope, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Catastrophic_backtracking_patterns_run_in_linear_time()
    {
        var expression = X.Parse("$A =~ /^(a+)+$/");
        var value = new string('a', 50_000) + "b";
        Assert.False(expression.Evaluate(X.Vars(("A", value)), TimeSpan.FromSeconds(5)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Evaluate_rejects_non_positive_timeouts(int ms) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => X.Parse("$A =~ /ab/").Evaluate(DictionaryScope.Empty, TimeSpan.FromMilliseconds(ms)));

    [Fact]
    public void Evaluate_accepts_an_infinite_timeout_and_rejects_a_null_scope()
    {
        var expression = X.Parse("$A =~ /ab/");
        Assert.True(expression.Evaluate(X.Vars(("A", "xaby")), Timeout.InfiniteTimeSpan));
        Assert.Throws<ArgumentNullException>(() => expression.Evaluate(null!, X.Timeout));
    }

    // ---- caching and threads --------------------------------------------------------------------------------

    [Fact]
    public void Concurrent_evaluation_with_many_distinct_regexes_is_correct()
    {
        // More distinct patterns than the caches hold, evaluated from many threads at once.
        const int n = 1100; // more than the 1024 compilations and 512 instances the caches keep
        var expressions = Enumerable.Range(0, n).Select(i => X.Parse($"$V =~ /^v{i}-\\d+$/")).ToArray();
        var failures = 0;
        Parallel.For(0, n * 2, new ParallelOptions { MaxDegreeOfParallelism = 8 }, k =>
        {
            int i = k % n;
            bool matching = k < n;
            var scope = X.Vars(("V", matching ? $"v{i}-{k}" : $"v{i}-x"));
            if (expressions[i].Evaluate(scope, X.Timeout) != matching) Interlocked.Increment(ref failures);
        });
        Assert.Equal(0, failures);
    }

    [Fact]
    public void Bounded_cache_never_exceeds_its_capacity()
    {
        var cache = new BoundedCache<int, string>(16);
        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal($"v{i}", cache.GetOrAdd(i, k => $"v{k}"));
            Assert.InRange(cache.Count, 1, 16);
        }
        Assert.Equal("v999", cache.GetOrAdd(999, _ => "recomputed"));
    }
}
