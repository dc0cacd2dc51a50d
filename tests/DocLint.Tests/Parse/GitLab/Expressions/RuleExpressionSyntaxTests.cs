using DocLint.Parse.GitLab.Expressions;

namespace DocLint.Tests.Parse.GitLab.Expressions;

public class RuleExpressionSyntaxTests
{
    [Fact]
    public void Bare_true_from_an_interpolated_boolean_input_is_rejected_at_its_offset()
    {
        // if: $[[ inputs.confirm ]] == "true"  with confirm: true  interpolates to:
        var error = X.Error("true == \"true\"");
        Assert.Equal(0, error.Offset);
        Assert.StartsWith("invalid expression syntax: unexpected 'true' at column 1", error.Message);
        Assert.Contains("\"$[[ inputs.x ]]\" == \"true\"", error.Message);
    }

    [Fact]
    public void Bare_word_on_the_right_is_rejected_at_its_offset()
    {
        // docs troubleshooting: `$CI_COMMIT_REF_NAME == main` is invalid because main is not quoted
        var error = X.Error("$CI_COMMIT_REF_NAME == main");
        Assert.Equal(23, error.Offset);
        Assert.Equal("invalid expression syntax: unexpected 'main' at column 24; string values must be quoted, e.g. \"main\"", error.Message);
    }

    [Theory]
    [InlineData("$A == false", 6, "'false'")]
    [InlineData("$A == 1", 6, "'1'")]
    [InlineData("$A == 1.2.3", 6, "'1.2.3'")]
    [InlineData("$A == feature/x", 6, "'feature/x'")]
    [InlineData("$A == nullable", 10, "'able'")] // null.rb has no word boundary: "null" lexes, then "able" does not
    [InlineData("$VARé == \"x\"", 4, "'é'")]      // variable names are ASCII \w
    public void Bare_words_and_numbers_are_rejected(string text, int offset, string snippet)
    {
        var error = X.Error(text);
        Assert.Equal(offset, error.Offset);
        Assert.Contains(snippet, error.Message);
        Assert.Contains($"at column {offset + 1}", error.Message);
    }

    [Theory]
    [InlineData("${CI_COMMIT_BRANCH} == \"main\"", 0, "${CI_COMMIT_BRANCH}")]
    [InlineData("$CI_COMMIT_BRANCH == ${CI_DEFAULT_BRANCH}", 21, "${CI_DEFAULT_BRANCH}")]
    [InlineData("(${A})", 1, "${A}")]
    public void Braced_variables_are_rejected(string text, int offset, string snippet)
    {
        var error = X.Error(text);
        Assert.Equal(offset, error.Offset);
        Assert.Contains($"unexpected '{snippet}'", error.Message);
        Assert.Contains("write $NAME", error.Message);
    }

    [Theory]
    [InlineData("$A = \"x\"", 3, "'='")]
    [InlineData("!$A", 0, "'!'")]
    [InlineData("$A & $B", 3, "'&'")]
    [InlineData("$A | $B", 3, "'|'")]
    [InlineData("$A === \"x\"", 5, "'='")]
    [InlineData("$ == \"x\"", 0, "'$'")]
    [InlineData("$A == \"x", 6, "'\"'")]
    [InlineData("$A == 'x", 6, "'''")]
    [InlineData("$A == \"x\ny\"", 6, "'\"'")]       // a string cannot span lines (Ruby '.' stops at \n)
    [InlineData("$A\u00A0== \"x\"", 2, "only ASCII whitespace")] // Ruby \s is ASCII
    [InlineData("$A == \"x\" and $B", 10, "'and'")]
    [InlineData("$A =~ /xy/g", 10, "'g'")]
    public void Stray_characters_are_rejected_where_they_occur(string text, int offset, string fragment)
    {
        var error = X.Error(text);
        Assert.Equal(offset, error.Offset);
        Assert.Contains(fragment, error.Message);
    }

    [Theory]
    [InlineData("$A =~ /./")]
    [InlineData("$A =~ /a/")]
    [InlineData("$A =~ //")]
    public void Single_character_and_empty_regex_literals_are_not_supported(string text)
    {
        var error = X.Error(text);
        Assert.Equal(6, error.Offset);
        Assert.Contains("single-character regular expressions", error.Message);
    }

    [Fact]
    public void Regex_ending_in_a_backslash_does_not_terminate()
    {
        var error = X.Error(@"$A =~ /ab\/");
        Assert.Equal(6, error.Offset);
        Assert.Contains("unterminated regular expression", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void Empty_expressions_are_rejected(string text)
    {
        var error = X.Error(text);
        Assert.Equal(text.Length, error.Offset);
        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void Null_text_is_rejected_without_throwing()
    {
        Assert.False(RuleExpression.TryParse(null!, out var expression, out var error));
        Assert.Null(expression);
        Assert.Equal(0, error!.Offset);
    }

    [Theory]
    [InlineData("$A ==", 3, "has no right operand")]
    [InlineData("$A == \"x\" &&", 10, "has no right operand")]
    [InlineData("$A == \"x\" ||", 10, "has no right operand")]
    [InlineData("$A =~", 3, "has no right operand")]
    [InlineData("&& $A", 0, "has no left operand")]
    [InlineData("== \"123\"", 0, "has no left operand")]
    [InlineData("($A ||) && $B", 4, "has no right operand")]
    [InlineData("$A == != $B", 3, "has no right operand")]
    public void Operators_missing_an_operand_are_rejected_at_the_operator(string text, int offset, string fragment)
    {
        var error = X.Error(text);
        Assert.Equal(offset, error.Offset);
        Assert.Contains(fragment, error.Message);
        Assert.Contains($"'{text.Substring(offset, 2)}'", error.Message);
    }

    [Theory]
    [InlineData("($A == \"x\"", 0, "'(' at column 1 is never closed")]
    [InlineData("(($A)", 0, "never closed")]
    [InlineData("$A && ($B || ($C)", 6, "never closed")]
    [InlineData("$A == \"x\")", 9, "unmatched ')' at column 10")]
    [InlineData("($A))", 4, "unmatched ')'")]
    [InlineData(")", 0, "unmatched ')'")]
    [InlineData("()", 0, "nothing to evaluate")]
    [InlineData("(())", 0, "nothing to evaluate")]
    public void Unbalanced_parentheses_are_rejected(string text, int offset, string fragment)
    {
        var error = X.Error(text);
        Assert.Equal(offset, error.Offset);
        Assert.Contains(fragment, error.Message);
    }

    [Theory]
    [InlineData("$A \"x\"", 3)]
    [InlineData("$A $B", 3)]
    [InlineData("$A == \"x\" $B", 10)]
    [InlineData("($A) ($B)", 5)]
    [InlineData("$A == $B $C", 9)]
    public void Missing_operators_are_rejected(string text, int offset)
    {
        var error = X.Error(text);
        Assert.Equal(offset, error.Offset);
        Assert.Contains("missing operator", error.Message);
    }

    [Theory]
    [InlineData(@"$A =~ /a(b/", "missing )")]
    [InlineData(@"$A =~ /(a)\1/", @"invalid escape sequence: \1")]
    [InlineData(@"$A =~ /a(?=b)/", "lookaround")]
    [InlineData(@"$A =~ /(?<=a)b/", "lookaround")]
    [InlineData(@"$A =~ /(?<!a)b/", "lookaround")]
    [InlineData(@"$A =~ /a(?!b)/", "lookaround")]
    [InlineData(@"$A =~ /ab\Z/", @"invalid escape sequence: \Z")]
    [InlineData(@"$A =~ /ab**/", "bad repetition operator: **")]
    [InlineData(@"$A =~ /ab++/", "bad repetition operator: ++")]
    [InlineData(@"$A =~ /a{1001}/", "invalid repetition size: {1001}")]
    [InlineData(@"$A =~ /(a{100}){20}/", "invalid repetition size: {20}")]
    [InlineData(@"$A =~ /a{2,1}/", "invalid repetition size")]
    [InlineData(@"$A =~ /[z-a]/", "invalid character class range: z-a")]
    [InlineData(@"$A =~ /[[:foo:]]/", "invalid character class range: [:foo:]")]
    [InlineData(@"$A =~ /\p{Foo}/", @"invalid character class range: \p{Foo}")]
    [InlineData(@"$A =~ /(?P<n>a)(?P<n>b)/", "invalid named capture group")]
    [InlineData(@"$A =~ /(?P=n)/", "invalid perl operator")]
    [InlineData(@"$A =~ /(?>ab)/", "invalid perl operator")]
    [InlineData(@"$A =~ /(?#no comments)/", "invalid perl operator")]
    [InlineData(@"$A =~ /ab[cd/", "missing ]")]
    [InlineData(@"$A =~ /*ab/", "missing argument to repetition operator: *")]
    [InlineData(@"$A =~ /a|*b/", "missing argument to repetition operator")]
    [InlineData(@"$A =~ /ab)/", "unexpected )")]
    [InlineData(@"$A =~ /\e\x/", "invalid escape sequence")]
    [InlineData(@"$A =~ /\cA\d/", @"invalid escape sequence: \c")]
    public void Regex_literals_that_RE2_rejects_are_parse_errors(string text, string fragment)
    {
        var error = X.Error(text);
        Assert.Equal(6, error.Offset);
        Assert.Contains("invalid regular expression", error.Message);
        Assert.Contains(fragment, error.Message);
    }

    [Fact]
    public void Unicode_script_classes_are_flagged_as_unsupported_rather_than_invalid()
    {
        var error = X.Error(@"$A =~ /\p{Greek}+/");
        Assert.Contains("not supported by DocLint", error.Message);
    }

    [Fact]
    public void Expressions_GitLab_cannot_even_validate_are_rejected()
    {
        // statement.rb valid? evaluates once with no variables: UntrustedRegexp#== calls nil.source -> NoMethodError.
        var error = X.Error("/ab/ == $A");
        Assert.Equal(5, error.Offset);
        Assert.Contains("NoMethodError", error.Message);
    }

    [Fact]
    public void Token_limit_follows_GitLabs_lexer_loop()
    {
        // 50 operands and 49 '||' = 99 tokens: the most GitLab accepts.
        var terms = Enumerable.Range(0, 50).Select(i => $"$V{i}").ToList();
        var ninetyNine = string.Join(" || ", terms);
        X.Parse(ninetyNine);

        // One more token, even a trailing operator, hits "Too many tokens!" before any parsing.
        var hundred = ninetyNine + " ||";
        var error = X.Error(hundred);
        Assert.Equal(hundred.Length - 2, error.Offset);
        Assert.Contains("too many tokens", error.Message);
        Assert.Contains("at most 99", error.Message);

        // With the limit lifted the same text reaches the parser.
        var lifted = X.Error(hundred, new RuleExpressionOptions { MaxTokens = null });
        Assert.Contains("has no right operand", lifted.Message);
    }

    [Theory]
    [InlineData(0, "", false)]
    [InlineData(1, "$A", false)]
    [InlineData(2, "$A", true)]
    [InlineData(4, "$A == $B", true)]
    [InlineData(3, "$A == $B", false)]
    public void Token_limit_is_configurable(int max, string text, bool ok)
    {
        var options = new RuleExpressionOptions { MaxTokens = max };
        if (ok)
        {
            X.Parse(text, options);
        }
        else
        {
            var error = X.Error(text, options);
            Assert.Contains("too many tokens", error.Message);
        }
    }

    [Fact]
    public void Unsupported_regex_in_a_string_literal_is_reported_at_the_operator()
    {
        // GitLab's valid? evaluates the expression once: the string is fabricated into a regex DocLint cannot evaluate.
        var error = X.Error(@"$A =~ ""/\p{Greek}/""");
        Assert.Equal(3, error.Offset);
        Assert.Contains("script classes", error.Message);
    }

    [Fact]
    public void Unknown_lexeme_before_the_token_limit_wins()
    {
        var text = string.Join(" || ", Enumerable.Range(0, 10).Select(i => $"$V{i}")) + " || main" +
                   string.Concat(Enumerable.Repeat(" || $X", 100));
        var error = X.Error(text);
        Assert.Equal(text.IndexOf("main", StringComparison.Ordinal), error.Offset);
    }

    [Theory]
    [InlineData("((($A)))")]
    [InlineData("(($A == \"x\") || ($B != 'y')) && ((($C =~ /ab/)))")]
    [InlineData("\t$A\n==\r\n\"x\"\f&&\v$B")]
    [InlineData("$A==\"x\"&&$B!='y'||$C=~/ab/&&$D!~/cd/i")]
    public void Valid_expressions_parse(string text) => Assert.Equal(text, X.Parse(text).Text);

    [Fact]
    public void Boolean_literals_are_an_opt_in_dialect()
    {
        var options = new RuleExpressionOptions { BooleanLiterals = true };
        var expression = X.Parse("true == \"true\"", options);
        Assert.Equal("equals(true, \"true\")", expression.ToGitLabInspect());
        // Ruby: true == "true" is false, so the rule never matches
        Assert.False(expression.Evaluate(DictionaryScope.Empty, X.Timeout));
        Assert.True(X.Parse("true", options).Evaluate(DictionaryScope.Empty, X.Timeout));
        Assert.False(X.Parse("false || $UNSET", options).Evaluate(DictionaryScope.Empty, X.Timeout));
        Assert.True(X.Parse("$A == \"x\" == true", options).Evaluate(X.Vars(("A", "x")), X.Timeout));
        // \b after the word: "trueish" is still not a value
        Assert.Equal(0, X.Error("trueish == \"x\"", options).Offset);
    }
}
