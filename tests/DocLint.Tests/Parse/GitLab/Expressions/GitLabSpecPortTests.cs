using DocLint.Parse.GitLab.Expressions;

namespace DocLint.Tests.Parse.GitLab.Expressions;

/// <summary>
/// Tables ported from gitlabhq spec/lib/gitlab/ci/pipeline/expression/ (statement_spec.rb, parser_spec.rb, lexer_spec.rb,
/// lexeme/pattern_spec.rb, lexeme/matches_spec.rb). The expected values are GitLab's.
/// </summary>
public class GitLabSpecPortTests
{
    // statement_spec.rb
    private static readonly DictionaryScope StatementVariables = X.Vars(
        ("PRESENT_VARIABLE", "my variable"),
        ("PATH_VARIABLE", "a/path/variable/value"),
        ("FULL_PATH_VARIABLE", "/a/full/path/variable/value"),
        ("EMPTY_VARIABLE", ""));

    // Expected Ruby values: true/false, a string, or null for nil.
    public static TheoryData<string, object?> StatementEvaluateTable => new()
    {
        { "$PRESENT_VARIABLE == \"my variable\"", true },
        { "\"my variable\" == $PRESENT_VARIABLE", true },
        { "$PRESENT_VARIABLE == null", false },
        { "$EMPTY_VARIABLE == null", false },
        { "\"\" == $EMPTY_VARIABLE", true },
        { "$EMPTY_VARIABLE", "" },
        { "$UNDEFINED_VARIABLE == null", true },
        { "null == $UNDEFINED_VARIABLE", true },
        { "$PRESENT_VARIABLE", "my variable" },
        { "$UNDEFINED_VARIABLE", null },
        { "$PRESENT_VARIABLE =~ /var.*e$/", true },
        { @"$PRESENT_VARIABLE =~ /va\r.*e$/", false },
        { @"$PRESENT_VARIABLE =~ /va\/r.*e$/", false },
        { "$PRESENT_VARIABLE =~ /^var.*/", false },
        { "$EMPTY_VARIABLE =~ /var.*/", false },
        { "$UNDEFINED_VARIABLE =~ /var.*/", false },
        { "$PRESENT_VARIABLE =~ /VAR.*/i", true },
        { @"$PATH_VARIABLE =~ /path\/variable/", true },
        { @"$FULL_PATH_VARIABLE =~ /^\/a\/full\/path\/variable\/value$/", true },
        { @"$FULL_PATH_VARIABLE =~ /\/path\/variable\/value$/", true },
        { "$PRESENT_VARIABLE != \"my variable\"", false },
        { "\"my variable\" != $PRESENT_VARIABLE", false },
        { "$PRESENT_VARIABLE != null", true },
        { "$EMPTY_VARIABLE != null", true },
        { "\"\" != $EMPTY_VARIABLE", false },
        { "$UNDEFINED_VARIABLE != null", false },
        { "null != $UNDEFINED_VARIABLE", false },
        { "$PRESENT_VARIABLE !~ /var.*e$/", false },
        { "$PRESENT_VARIABLE !~ /^var.*/", true },
        { @"$PRESENT_VARIABLE !~ /^v\ar.*/", true },
        { @"$PRESENT_VARIABLE !~ /^v\/ar.*/", true },
        { "$EMPTY_VARIABLE !~ /var.*/", true },
        { "$UNDEFINED_VARIABLE !~ /var.*/", true },
        { "$PRESENT_VARIABLE !~ /VAR.*/i", false },

        { "$PRESENT_VARIABLE && \"string\"", "string" },
        { "$PRESENT_VARIABLE && $PRESENT_VARIABLE", "my variable" },
        { "$PRESENT_VARIABLE && $EMPTY_VARIABLE", "" },
        { "$PRESENT_VARIABLE && null", null },
        { "\"string\" && $PRESENT_VARIABLE", "my variable" },
        { "$EMPTY_VARIABLE && $PRESENT_VARIABLE", "my variable" },
        { "null && $PRESENT_VARIABLE", null },
        { "$EMPTY_VARIABLE && \"string\"", "string" },
        { "$EMPTY_VARIABLE && $EMPTY_VARIABLE", "" },
        { "\"string\" && $EMPTY_VARIABLE", "" },
        { "\"string\" && null", null },
        { "null && \"string\"", null },
        { "\"string\" && \"string\"", "string" },
        { "null && null", null },

        { "$PRESENT_VARIABLE =~ /my var/ && $EMPTY_VARIABLE =~ /nope/", false },
        { "$EMPTY_VARIABLE == \"\" && $PRESENT_VARIABLE", "my variable" },
        { "$EMPTY_VARIABLE == \"\" && $PRESENT_VARIABLE != \"nope\"", true },
        { "$PRESENT_VARIABLE && $UNDEFINED_VARIABLE", null },
        { "$UNDEFINED_VARIABLE && $EMPTY_VARIABLE", null },
        { "$UNDEFINED_VARIABLE && $PRESENT_VARIABLE", null },

        { @"$FULL_PATH_VARIABLE =~ /^\/a\/full\/path\/variable\/value$/ && $PATH_VARIABLE =~ /path\/variable/", true },
        { @"$FULL_PATH_VARIABLE =~ /^\/a\/bad\/path\/variable\/value$/ && $PATH_VARIABLE =~ /path\/variable/", false },
        { @"$FULL_PATH_VARIABLE =~ /^\/a\/full\/path\/variable\/value$/ && $PATH_VARIABLE =~ /bad\/path\/variable/", false },
        { @"$FULL_PATH_VARIABLE =~ /^\/a\/bad\/path\/variable\/value$/ && $PATH_VARIABLE =~ /bad\/path\/variable/", false },
        { @"$FULL_PATH_VARIABLE =~ /^\/a\/full\/path\/variable\/value$/ || $PATH_VARIABLE =~ /path\/variable/", true },
        { @"$FULL_PATH_VARIABLE =~ /^\/a\/bad\/path\/variable\/value$/ || $PATH_VARIABLE =~ /path\/variable/", true },
        { @"$FULL_PATH_VARIABLE =~ /^\/a\/full\/path\/variable\/value$/ || $PATH_VARIABLE =~ /bad\/path\/variable/", true },
        { @"$FULL_PATH_VARIABLE =~ /^\/a\/bad\/path\/variable\/value$/ || $PATH_VARIABLE =~ /bad\/path\/variable/", false },

        { "$PRESENT_VARIABLE =~ /my var/ || $EMPTY_VARIABLE =~ /nope/", true },
        { "$EMPTY_VARIABLE == \"\" || $PRESENT_VARIABLE", true },
        { "$PRESENT_VARIABLE != \"nope\" || $EMPTY_VARIABLE == \"\"", true },
        { "$PRESENT_VARIABLE && null || $EMPTY_VARIABLE == \"\"", true },
        { "$PRESENT_VARIABLE || $UNDEFINED_VARIABLE", "my variable" },
        { "$UNDEFINED_VARIABLE || $PRESENT_VARIABLE", "my variable" },
        { "$UNDEFINED_VARIABLE == null || $PRESENT_VARIABLE", true },
        { "$PRESENT_VARIABLE || $UNDEFINED_VARIABLE == null", "my variable" },

        { "($PRESENT_VARIABLE)", "my variable" },
        { "(($PRESENT_VARIABLE))", "my variable" },
        { "(($PRESENT_VARIABLE && null) || $EMPTY_VARIABLE == \"\")", true },
        { "($PRESENT_VARIABLE) && (null || $EMPTY_VARIABLE == \"\")", true },
        { "(\"string\" || \"test\") == \"string\"", true },
        { "(null || (\"test\" == \"string\"))", false },
        { "(\"string\" == (\"test\" && \"string\"))", true },
        { "(\"string\" == (\"test\" || \"string\"))", false },
        { "(\"string\" == \"test\" || \"string\")", "string" },
        { "(\"string\" == (\"string\" || ((\"1\" == \"1\") && (\"2\" == \"3\"))))", true },
    };

    [Theory]
    [MemberData(nameof(StatementEvaluateTable))]
    public void Statement_evaluate_matches_GitLab(string expression, object? expected)
    {
        var value = X.Parse(expression).EvaluateValue(StatementVariables, X.Timeout);
        switch (expected)
        {
            case null:
                Assert.Equal(ValueKind.Nil, value.Kind);
                break;
            case bool b:
                Assert.Equal(b ? ValueKind.True : ValueKind.False, value.Kind);
                break;
            case string s:
                Assert.Equal(ValueKind.String, value.Kind);
                Assert.Equal(s, value.Text);
                break;
        }
        // truthful? is evaluate.present?
        bool present = expected switch { null => false, bool b => b, string s => s.Trim().Length > 0, _ => true };
        Assert.Equal(present, X.Parse(expression).Evaluate(StatementVariables, X.Timeout));
    }

    [Theory]
    [InlineData("$PRESENT_VARIABLE == \"my variable\"", true)]
    [InlineData("$PRESENT_VARIABLE == 'no match'", false)]
    [InlineData("$UNDEFINED_VARIABLE == null", true)]
    [InlineData("$PRESENT_VARIABLE", true)]
    [InlineData("$UNDEFINED_VARIABLE", false)]
    [InlineData("$EMPTY_VARIABLE", false)]
    [InlineData("$PRESENT_VARIABLE =~ /var.*/", true)]
    [InlineData("$UNDEFINED_VARIABLE =~ /var.*/", false)]
    [InlineData("$PRESENT_VARIABLE !~ /var.*/", false)]
    [InlineData("$UNDEFINED_VARIABLE !~ /var.*/", true)]
    public void Statement_truthful_matches_GitLab(string expression, bool expected) =>
        Assert.Equal(expected, X.Parse(expression).Evaluate(StatementVariables, X.Timeout));

    [Fact]
    public void Statement_invalid_assignment_is_rejected() =>
        X.Error("$INVALID = 1"); // truthful? => false because the statement does not lex

    [Theory]
    [InlineData("$teststring =~ \"abcde\"", true)]
    [InlineData("$teststring =~ $teststring", true)]
    [InlineData("$teststring =~ $pattern1", true)]
    [InlineData("$teststring =~ $pattern2", false)]
    public void Statement_variables_holding_patterns(string expression, bool expected)
    {
        var scope = X.Vars(("teststring", "abcde"), ("pattern1", "/^ab.*/"), ("pattern2", "/^at.*/"));
        Assert.Equal(expected, X.Eval(expression, scope));
    }

    // parser_spec.rb
    [Theory]
    [InlineData("$VAR1 == \"123\"", "equals($VAR1, \"123\")")]
    [InlineData("$VAR1 == \"123\" == $VAR2", "equals(equals($VAR1, \"123\"), $VAR2)")]
    [InlineData("$VAR", "$VAR")]
    [InlineData("\"some value\"", "\"some value\"")]
    [InlineData("null", "null")]
    [InlineData("$VAR1 || $VAR2 && $VAR3", "or($VAR1, and($VAR2, $VAR3))")]
    [InlineData("$VAR1 && $VAR2 || $VAR3", "or(and($VAR1, $VAR2), $VAR3)")]
    [InlineData("$VAR1 && $VAR2 || $VAR3 && $VAR4", "or(and($VAR1, $VAR2), and($VAR3, $VAR4))")]
    [InlineData("$VAR1 && ($VAR2 || $VAR3) && $VAR4", "and(and($VAR1, or($VAR2, $VAR3)), $VAR4)")]
    [InlineData("$VAR1 == \"a\" || $VAR2 == \"b\" && $VAR3 == \"c\" || $VAR4 == \"d\" && $VAR5 == \"e\"",
        "or(or(equals($VAR1, \"a\"), and(equals($VAR2, \"b\"), equals($VAR3, \"c\"))), and(equals($VAR4, \"d\"), equals($VAR5, \"e\")))")]
    [InlineData("(($VAR1 == \"a\" || $VAR2 == \"b\") && $VAR3 == \"c\" || $VAR4 == \"d\") && $VAR5 == \"e\"",
        "and(or(and(or(equals($VAR1, \"a\"), equals($VAR2, \"b\")), equals($VAR3, \"c\")), equals($VAR4, \"d\")), equals($VAR5, \"e\"))")]
    public void Parser_builds_GitLabs_tree(string expression, string tree) =>
        Assert.Equal(tree, X.Parse(expression).ToGitLabInspect());

    [Fact]
    public void Pattern_inspect_wraps_the_whole_token_like_GitLab()
    {
        // pattern.rb: inspect is "/#{value}/" and value is the whole token (after \/ -> /), slashes and flags included.
        Assert.Equal("matches($A, //a/b/i/)", X.Parse(@"$A =~ /a\/b/i").ToGitLabInspect());
        Assert.Equal("equals($A, \"say \\\"hi\\\" \\\\ \\#{x}\")", X.Parse("$A == 'say \"hi\" \\ #{x}'").ToGitLabInspect());
    }

    [Theory]
    [InlineData("")]
    [InlineData("$VAR \"text\"")]
    [InlineData("== \"123\"")]
    [InlineData("$VAR ==")]
    [InlineData("$VAR == (")]
    [InlineData("$VAR2 == (\"aa\"")]
    [InlineData("$VAR2 == (\"aa\"))")]
    [InlineData("$VAR2 == \"aa\")")]
    [InlineData("(($VAR2 == \"aa\")")]
    [InlineData("($VAR2 == \"aa\"))")]
    public void Parser_rejects_what_GitLab_rejects(string expression) => X.Error(expression);

    // lexer_spec.rb
    [Theory]
    [InlineData("$V1 123 $V2", 4)]
    [InlineData("12345", 0)]
    public void Lexer_rejects_unknown_lexemes(string expression, int offset) =>
        Assert.Equal(offset, X.Error(expression).Offset);

    [Fact]
    public void Lexer_ignores_surrounding_whitespace() =>
        Assert.Equal("$VARIABLE", X.Parse("\t$VARIABLE ").ToGitLabInspect());

    // lexeme/pattern_spec.rb (through full expressions)
    [Theory]
    [InlineData("$X =~ /foo\\/bar/", "foo/bar", true)]
    [InlineData("$X =~ /pattern/i", "PATTERN", true)]
    [InlineData("$X =~ /pattern/im", "xPaTtErN", true)]
    [InlineData("$X =~ /some .* \\/ pattern/", "some thing / pattern", true)]
    [InlineData("$X =~ /some numeric \\/$ pattern/", "some numeric /$ pattern", false)] // RE2 sees "/$ pattern": $ is end of text
    [InlineData("$X =~ /some numeric \\$ pattern/", "some numeric $ pattern", true)]
    public void Pattern_lexeme_cases(string expression, string value, bool expected) =>
        Assert.Equal(expected, X.Eval(expression, ("X", value)));

    [Fact]
    public void Pattern_lexeme_is_eager_about_the_closing_slash()
    {
        // '/some .* / pattern/' scans as '/some .* /'; the rest does not lex.
        var error = X.Error("$X =~ /some .* / pattern/");
        Assert.Equal(17, error.Offset);
        Assert.Contains("'pattern/'", error.Message);
    }

    [Theory]
    [InlineData("$X =~ //")]
    [InlineData("$X =~ / some ( thin/i")]
    public void Pattern_lexeme_rejects(string expression) => X.Error(expression);

    [Fact]
    public void Pattern_flag_x_is_not_part_of_the_token() =>
        Assert.Equal(15, X.Error("$X =~ /pattern/x").Offset);

    // lexeme/matches_spec.rb (left/right values supplied through variables)
    [Theory]
    [InlineData("my-string", "/something/", false)]
    [InlineData("my-awesome-string", "/awesome.string$/", true)]
    [InlineData(null, "/pattern/", false)]
    [InlineData("my-awesome-string", null, false)]
    [InlineData(null, null, false)]
    [InlineData("", "/pattern/", false)]
    [InlineData("My awesome contents\n\nMy-text-string!\n", "/text-string/", true)]
    [InlineData("My awesome contents\n\nMy-terrible-string!\n", "/text-string/", false)]
    [InlineData("My AWESOME content\n", "/awesome/i", true)]
    [InlineData("My AWESOME content\n", "/terrible/i", false)]
    [InlineData("abcde", "/^ab.*/", true)]
    [InlineData("dfg", "/^ab.*/", false)]
    public void Matches_operator_cases(string? left, string? right, bool expected)
    {
        var vars = new Dictionary<string, string>();
        if (left != null) vars["L"] = left;
        if (right != null) vars["R"] = right;
        var scope = new DictionaryScope(vars);
        Assert.Equal(expected, X.Eval("$L =~ $R", scope));
        Assert.Equal(!expected, X.Eval("$L !~ $R", scope));
    }
}
