using DocLint.Parse.GitLab.Expressions;

namespace DocLint.Tests.Parse.GitLab.Expressions;

public class RuleExpressionSemanticsTests
{
    // ---- && / || precedence and parentheses -----------------------------------------------------

    [Theory]
    // $A || $B && $C  ==  $A || ($B && $C)
    [InlineData(true, false, false, true)]
    [InlineData(false, true, false, false)]
    [InlineData(false, true, true, true)]
    [InlineData(false, false, true, false)]
    public void And_binds_tighter_than_or(bool a, bool b, bool c, bool expected)
    {
        var scope = Flags(a, b, c);
        var expression = X.Parse("$A || $B && $C");
        Assert.Equal("or($A, and($B, $C))", expression.ToGitLabInspect());
        Assert.Equal(expected, expression.Evaluate(scope, X.Timeout));
        Assert.Equal(expected, X.Eval("$A || ($B && $C)", scope));
    }

    [Theory]
    [InlineData(true, false, false, false)] // ($A || $B) && $C differs from $A || $B && $C here
    [InlineData(true, false, true, true)]
    [InlineData(false, true, true, true)]
    public void Parentheses_group(bool a, bool b, bool c, bool expected) =>
        Assert.Equal(expected, X.Eval("($A || $B) && $C", Flags(a, b, c)));

    [Fact]
    public void Nested_parentheses()
    {
        var expression = X.Parse("(($A == \"1\" || ($B == \"2\" && ($C == \"3\"))) && $D != \"4\")");
        Assert.Equal("and(or(equals($A, \"1\"), and(equals($B, \"2\"), equals($C, \"3\"))), not_equals($D, \"4\"))", expression.ToGitLabInspect());
        Assert.True(expression.Evaluate(X.Vars(("B", "2"), ("C", "3")), X.Timeout));
        Assert.False(expression.Evaluate(X.Vars(("B", "2"), ("C", "3"), ("D", "4")), X.Timeout));
        Assert.False(expression.Evaluate(X.Vars(("B", "2")), X.Timeout));
    }

    [Fact]
    public void Equality_operators_are_left_associative_and_bind_tighter_than_and() =>
        Assert.Equal("and(equals($A, \"x\"), not_equals($B, \"y\"))", X.Parse("$A == \"x\" && $B != \"y\"").ToGitLabInspect());

    private static DictionaryScope Flags(bool a, bool b, bool c)
    {
        var d = new Dictionary<string, string>();
        if (a) d["A"] = "yes";
        if (b) d["B"] = "yes";
        if (c) d["C"] = "yes";
        return new DictionaryScope(d);
    }

    // ---- null, "", and bare variables --------------------------------------------------------------

    [Theory]
    [InlineData(null, true, false, false, false)]
    [InlineData("", false, true, true, false)]
    [InlineData("value", false, true, false, true)]
    [InlineData("   ", false, true, false, false)] // present? is false for whitespace-only strings (ActiveSupport blank?)
    public void Null_empty_and_presence(string? value, bool eqNull, bool neNull, bool eqEmpty, bool bare)
    {
        var scope = value is null ? DictionaryScope.Empty : X.Vars(("VAR", value));
        Assert.Equal(eqNull, X.Eval("$VAR == null", scope));
        Assert.Equal(neNull, X.Eval("$VAR != null", scope));
        Assert.Equal(eqNull, X.Eval("null == $VAR", scope));
        Assert.Equal(eqEmpty, X.Eval("$VAR == \"\"", scope));
        Assert.Equal(eqEmpty, X.Eval("$VAR == ''", scope));
        Assert.Equal(bare, X.Eval("$VAR", scope));
    }

    [Fact]
    public void Whitespace_only_value_still_compares_equal_to_itself() =>
        Assert.True(X.Eval("$VAR == \"   \"", ("VAR", "   ")));

    [Theory]
    [InlineData("\"x\"", true)]
    [InlineData("\"\"", false)]
    [InlineData("\" \"", false)]
    [InlineData("null", false)]
    public void A_lone_literal_is_its_own_truthiness(string text, bool expected) =>
        Assert.Equal(expected, X.Eval(text));

    [Fact]
    public void Or_returns_the_first_truthy_operand_so_an_empty_variable_short_circuits()
    {
        // Ruby: "" || "x" is "" (empty strings are truthy), and "" is not present? -> the rule does not match.
        Assert.False(X.Eval("$EMPTY || $SET", ("EMPTY", ""), ("SET", "x")));
        Assert.True(X.Eval("$UNSET || $SET", ("SET", "x")));
        // and "" && "x" is "x"
        Assert.True(X.Eval("$EMPTY && $SET", ("EMPTY", ""), ("SET", "x")));
        Assert.False(X.Eval("$EMPTY", ("EMPTY", "")));
    }

    // ---- comparisons ------------------------------------------------------------------------------------

    [Theory]
    [InlineData("main", "main", true)]
    [InlineData("main", "develop", false)]
    [InlineData(null, "main", false)]   // tag pipelines have no CI_COMMIT_BRANCH
    [InlineData(null, null, true)]      // nil == nil
    public void Variable_against_variable(string? branch, string? defaultBranch, bool expected)
    {
        var d = new Dictionary<string, string>();
        if (branch != null) d["CI_COMMIT_BRANCH"] = branch;
        if (defaultBranch != null) d["CI_DEFAULT_BRANCH"] = defaultBranch;
        var scope = new DictionaryScope(d);
        Assert.Equal(expected, X.Eval("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH", scope));
        Assert.Equal(!expected, X.Eval("$CI_COMMIT_BRANCH != $CI_DEFAULT_BRANCH", scope));
    }

    [Theory]
    [InlineData("\"main\" == $B", true)]
    [InlineData("'main' == $B", true)]
    [InlineData("$B == 'main'", true)]
    [InlineData("$B == \"Main\"", false)] // case-sensitive
    [InlineData("\"x\" == \"x\"", true)]
    [InlineData("'x' != \"x\"", false)]
    public void Strings_compare_exactly_and_may_be_on_either_side(string text, bool expected) =>
        Assert.Equal(expected, X.Eval(text, ("B", "main")));

    [Theory]
    [InlineData("$A == \"it's\"", "it's", true)]
    [InlineData("$A == 'say \"hi\"'", "say \"hi\"", true)]
    [InlineData(@"$A == ""a\nb""", @"a\nb", true)] // no escape processing: backslash-n is two characters
    [InlineData("$A == \"$B\"", "$B", true)]       // no variable expansion inside strings
    public void Strings_have_no_escapes_or_expansion(string text, string value, bool expected) =>
        Assert.Equal(expected, X.Eval(text, ("A", value), ("B", "other")));

    // ---- =~ and !~ ---------------------------------------------------------------------------------------

    [Theory]
    [InlineData("$B =~ /main/", "main", true)]
    [InlineData("$B =~ /main/", "not-main-branch", true)] // unanchored search
    [InlineData("$B =~ /^main$/", "not-main-branch", false)]
    [InlineData("$B =~ /MAIN/", "main", false)]           // case-sensitive by default
    [InlineData("$B =~ /MAIN/i", "main", true)]
    [InlineData("$B =~ /main/i", "MAIN", true)]
    [InlineData("$B !~ /main/i", "MAIN", false)]
    [InlineData("$B !~ /^release/", "main", true)]
    [InlineData(@"$B =~ /^feature\/.+/", "feature/login", true)]
    [InlineData(@"$B =~ /^feature\/.+/", "featurex/login", false)]
    [InlineData(@"$B =~ /^user\x40example\.com$/", "user@example.com", true)] // docs: use \x40 for @
    public void Regex_literals(string text, string value, bool expected) =>
        Assert.Equal(expected, X.Eval(text, ("B", value)));

    [Theory]
    [InlineData("/^release-.*$/", "release-1.2", true)]
    [InlineData("/^release-.*$/", "main", false)]
    [InlineData("/^MAIN$/i", "main", true)]
    [InlineData("/./", "x", true)]       // the lexer's two-character rule does not apply to variable values
    [InlineData("/./", "", false)]
    [InlineData("//", "anything", true)] // empty regex matches everything
    [InlineData(@"/a\/b/", "a/b", true)] // \/ becomes /
    [InlineData("junk\n/ba+r/", "baaar", true)] // RubySyntax's ^ and $ are line anchors: the second line is the regex
    public void Regex_held_in_a_variable(string pattern, string value, bool expected)
    {
        Assert.Equal(expected, X.Eval("$VALUE =~ $PATTERN", ("VALUE", value), ("PATTERN", pattern)));
        Assert.Equal(!expected, X.Eval("$VALUE !~ $PATTERN", ("VALUE", value), ("PATTERN", pattern)));
    }

    [Fact]
    public void Variables_inside_a_regex_are_not_expanded()
    {
        var scope = X.Vars(("VALUE", "abc"), ("OTHER", "abc"), ("PATTERN", "/^$OTHER$/"));
        Assert.False(X.Eval("$VALUE =~ $PATTERN", scope));
        Assert.False(X.Eval("$VALUE =~ /$OTHER/", scope));
    }

    [Theory]
    [InlineData("\"23\" =~ \"1234\"", true)]   // docs example
    [InlineData("\"1234\" =~ \"23\"", false)]
    [InlineData("$A =~ \"main-branch\"", true)] // "main" is a substring of "main-branch"
    [InlineData("$A =~ \"mai\"", false)]
    [InlineData("$A !~ \"mai\"", true)]
    [InlineData("$A =~ $NOT_A_REGEX", true)]
    [InlineData("$A =~ $INVALID_REGEX", false)]  // "/ma(in/" is not valid RE2: substring test against the raw text
    [InlineData("\"ma(in\" =~ $INVALID_REGEX", true)]
    [InlineData("$A =~ \"/^ma.n$/\"", true)]     // a string literal that is a /regex/ is used as a regex
    public void Substring_fallback_when_the_right_side_is_not_a_regex(string text, bool expected) =>
        Assert.Equal(expected, X.Eval(text, ("A", "main"), ("NOT_A_REGEX", "x-main-y"), ("INVALID_REGEX", "/ma(in/")));

    [Theory]
    [InlineData("$UNSET =~ /^$/", true)]   // nil.to_s is ""
    [InlineData("$UNSET =~ /.*/", true)]
    [InlineData("$UNSET =~ /ab/", false)]
    [InlineData("$UNSET !~ /ab/", true)]
    [InlineData("$UNSET =~ \"abc\"", true)] // "" is a substring of anything
    [InlineData("$UNSET !~ \"abc\"", false)]
    [InlineData("$UNSET =~ $UNSET", false)] // nil on the right: false
    public void Undefined_left_side_is_the_empty_string(string text, bool expected) =>
        Assert.Equal(expected, X.Eval(text));

    [Theory]
    [InlineData("$A =~ $UNSET", false)]
    [InlineData("$A !~ $UNSET", true)]
    [InlineData("$A =~ null", false)]
    [InlineData("$A !~ null", true)]
    [InlineData("$A =~ ($B == \"no\")", false)] // false on the right behaves like nil
    public void Undefined_right_side(string text, bool expected) =>
        Assert.Equal(expected, X.Eval(text, ("A", "main"), ("B", "x")));

    [Fact]
    public void Boolean_true_on_the_right_of_matches_is_a_GitLab_error()
    {
        var expression = X.Parse("$A =~ ($B == \"x\")");
        var ex = Assert.Throws<ExpressionEvaluationException>(() => expression.Evaluate(X.Vars(("A", "a"), ("B", "x")), X.Timeout));
        Assert.Equal(ExpressionEvaluationFailure.GitLabInternalError, ex.Failure);
        Assert.Contains("NoMethodError", ex.Message);
    }

    [Fact]
    public void A_variable_holding_a_regex_DocLint_cannot_evaluate_throws_Unsupported()
    {
        var expression = X.Parse("$A =~ $P");
        var ex = Assert.Throws<ExpressionEvaluationException>(() => expression.Evaluate(X.Vars(("A", "α"), ("P", @"/\p{Greek}/")), X.Timeout));
        Assert.Equal(ExpressionEvaluationFailure.Unsupported, ex.Failure);
        Assert.Equal("$A =~ $P", ex.Expression);
        Assert.Contains("column 4", ex.Message);
        // An invalid regex in a variable is not an error: it is GitLab's substring fallback.
        Assert.False(expression.Evaluate(X.Vars(("A", "α"), ("P", "/\\p{Nope}/")), X.Timeout));
    }

    [Fact]
    public void Regex_literals_compare_by_source() =>
        Assert.True(X.Eval("/ab/i == /(?i)ab/"));

    [Fact]
    public void A_string_never_equals_a_regex() =>
        Assert.False(X.Eval("$A == /main/", ("A", "main")));

    // ---- RE2 semantics that .NET would get wrong without translation -----------------------------

    [Theory]
    [InlineData("$A =~ /abc$/", "abc\n", false)]      // RE2: $ is \z without (?m); .NET's $ also matches before a final \n
    [InlineData("$A =~ /^b$/", "a\nb\nc", false)]
    [InlineData("$A =~ /^b$/m", "a\nb\nc", true)]     // m is RE2's multi-line (not Ruby's dot-all)
    [InlineData("$A =~ /a.b/", "a\nb", false)]
    [InlineData("$A =~ /a.b/s", "a\nb", true)]
    [InlineData(@"$A =~ /^\d+$/", "١٢٣", false)]       // RE2 \d is ASCII
    [InlineData(@"$A =~ /^\d+$/", "123", true)]
    [InlineData(@"$A =~ /^\w+$/", "café", false)]     // RE2 \w is ASCII
    [InlineData(@"$A =~ /\s/", "\v", false)]          // RE2 \s is [\t\n\f\r ]
    [InlineData(@"$A =~ /\s/", "\f", true)]
    [InlineData("$A =~ /^[[:alpha:]]+$/", "abcXYZ", true)]
    [InlineData("$A =~ /^[[:alpha:]]+$/", "abé", false)] // POSIX classes are ASCII
    [InlineData("$A =~ /^[[:^digit:]]+$/", "abc", true)]
    [InlineData(@"$A =~ /\Aab\z/", "ab", true)]
    [InlineData(@"$A =~ /^(?P<major>\d+)\.(?<minor>\d+)$/", "1.22", true)]
    [InlineData(@"$A =~ /\Qa.b\E/", "a.b", true)]
    [InlineData(@"$A =~ /\Qa.b\E/", "axb", false)]
    [InlineData(@"$A =~ /\Qab/", "ab", false)]        // unterminated \Q: GitLab's scan wraps the source in (...), which RE2 rejects
    [InlineData(@"$A =~ /(x)?\Qab/", "ab", true)]     // ... unless the regex has a capture group
    [InlineData("$A =~ /(?i)MAIN/", "main", true)]
    [InlineData("$A =~ /a(?i:B)c/", "abc", true)]
    [InlineData("$A =~ /a(?i:B)c/", "abC", false)]
    [InlineData("$A =~ /^.$/", "😀", true)]            // . is one code point
    [InlineData(@"$A =~ /^[\x{1F600}-\x{1F64F}]$/", "😀", true)]
    [InlineData(@"$A =~ /^[^a]$/", "😀", true)]
    [InlineData("$A =~ /^k$/i", "\u212A", true)]      // Kelvin sign folds to k
    [InlineData("$A =~ /^[^k]$/i", "\u212A", false)]
    [InlineData("$A =~ /^ſ$/i", "S", true)]
    [InlineData("$A =~ /^i$/i", "\u0130", false)]     // no simple folding for dotted capital I
    [InlineData(@"$A =~ /^\pL+$/", "héllo", true)]
    [InlineData(@"$A =~ /^\PL+$/", "123", true)]
    [InlineData(@"$A =~ /^\p{Lu}$/", "É", true)]
    [InlineData(@"$A =~ /^\p{^Lu}$/", "é", true)]
    [InlineData(@"$A =~ /^a{2,3}$/", "aaa", true)]
    [InlineData(@"$A =~ /^a{2,3}$/", "aaaa", false)]
    [InlineData(@"$A =~ /^a{,3}$/", "a{,3}", true)]   // not a repetition in RE2: literal braces
    [InlineData(@"$A =~ /^\101\x42\x{43}$/", "ABC", true)]
    [InlineData(@"$A =~ /^[]a]+$/", "]a]", true)]
    [InlineData(@"$A =~ /^[a-]+$/", "a-a", true)]
    [InlineData(@"$A =~ /^a\_b$/", "a_b", true)]      // RE2 accepts \_
    [InlineData(@"$A =~ /\bmain\b/", "the main branch", true)]
    [InlineData(@"$A =~ /\Bain/", "main", true)]
    [InlineData("$A =~ /^(?U)a+$/", "aaa", true)]
    [InlineData(@"$A =~ /^x*?$/", "xx", true)]
    public void RE2_semantics(string text, string value, bool expected) =>
        Assert.Equal(expected, X.Eval(text, ("A", value)));

    // ---- names, warnings -------------------------------------------------------------------------------

    [Fact]
    public void VariableNames_lists_each_variable_once_in_order()
    {
        var expression = X.Parse("$B == $A || $A =~ /$C/ && ($D != null || $B)");
        Assert.Equal(["B", "A", "D"], expression.VariableNames);
    }

    [Fact]
    public void Variable_names_are_ascii_word_characters_and_may_start_with_a_digit()
    {
        var expression = X.Parse("$1 == \"x\" && $_a_B_9 != null");
        Assert.Equal(["1", "_a_B_9"], expression.VariableNames);
        Assert.True(expression.Evaluate(X.Vars(("1", "x"), ("_a_B_9", "")), X.Timeout));
    }

    [Fact]
    public void Clean_expressions_have_no_warnings() =>
        Assert.Empty(X.Parse("$CI_PIPELINE_SOURCE == \"merge_request_event\" && $CI_COMMIT_BRANCH =~ /^feat/").Warnings);

    [Theory]
    [InlineData("== $A $B", "equals($A, $B)", 0)]
    [InlineData("$A $B ==", "equals($A, $B)", 3)]
    [InlineData("$A $B == $C ||", "or($A, equals($B, $C))", 3)]
    [InlineData("$A ()", "$A", 3)]
    public void GitLab_accepts_operators_in_odd_places_and_DocLint_warns(string text, string tree, int offset)
    {
        var expression = X.Parse(text);
        Assert.Equal(tree, expression.ToGitLabInspect());
        var warning = Assert.Single(expression.Warnings);
        Assert.Equal(offset, warning.Offset);
        Assert.Contains("GitLab accepts this expression", warning.Message);
    }

    [Fact]
    public void Odd_operator_placement_still_evaluates_like_GitLab() =>
        Assert.True(X.Eval("== $A \"x\"", ("A", "x")));

    [Theory]
    [InlineData("$A =~ \"main\"", 3, "substring")]
    [InlineData("/main/ =~ $A", 7, "on its left")]
    [InlineData("$A == /main/", 3, "never equals")]
    [InlineData("$A != /main/", 3, "use !~")]
    public void Suspicious_operands_are_warned_about(string text, int offset, string fragment)
    {
        var warning = Assert.Single(X.Parse(text).Warnings);
        Assert.Equal(offset, warning.Offset);
        Assert.Contains(fragment, warning.Message);
    }
}
