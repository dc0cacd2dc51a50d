namespace DocLint.Parse.GitLab.Expressions;

/// <summary>
/// A GitLab CI/CD variable expression, as used by <c>rules:if</c> (and <c>workflow:rules:if</c>), parsed and evaluated
/// the way GitLab does it (gitlabhq <c>lib/gitlab/ci/pipeline/expression/</c>).
/// </summary>
/// <remarks>
/// Summary of GitLab's semantics, all mirrored here:
/// <list type="bullet">
/// <item>Operands: <c>$NAME</c> (ASCII letters, digits, <c>_</c>), <c>"..."</c>/<c>'...'</c> strings without escapes,
/// <c>/regex/flags</c> (flags <c>i m s U</c>, RE2 meaning), <c>null</c>. Operators: <c>== != =~ !~ &amp;&amp; ||</c> and
/// parentheses; <c>&amp;&amp;</c> binds tighter than <c>||</c>, all are left-associative.</item>
/// <item>Values are Ruby values: <c>&amp;&amp;</c>/<c>||</c> return one of their operands with Ruby truthiness (so <c>""</c> is
/// truthy there); the final result counts as true when it is <c>present?</c> (not nil, not false, not blank).</item>
/// <item><c>=~</c>: a regex on the right (literal, or a string/variable holding <c>/.../flags</c>) is searched in the left
/// side's text; any other string on the right is a substring test (left occurs in right); nil on the right is false
/// (<c>!~</c>: true); nil on the left is the empty string.</item>
/// </list>
/// </remarks>
public sealed class RuleExpression
{
    private readonly ExprNode _root;

    private RuleExpression(string text, ExprNode root, RuleExpressionOptions options, IReadOnlyCollection<string> variableNames,
        IReadOnlyList<ExpressionError> warnings)
    {
        Text = text;
        _root = root;
        Options = options;
        VariableNames = variableNames;
        Warnings = warnings;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>How long the validation evaluation of <see cref="TryParse(string, RuleExpressionOptions, out RuleExpression?, out ExpressionError?)"/> took (its regex matches: the cost a run's regex budget counts).</summary>
    public TimeSpan ValidationTime { get; private init; }

    public RuleExpressionOptions Options { get; }

    /// <summary>Every <c>$NAME</c> the expression reads, once each, in order of first appearance (names inside regular expressions are not variables).</summary>
    public IReadOnlyCollection<string> VariableNames { get; }

    /// <summary>
    /// Constructs GitLab accepts but that are almost certainly not what the author meant: operators not written between
    /// their operands (GitLab's parser does not check placement), a string on the right of <c>=~</c> (a substring test),
    /// a regex on the left of <c>=~</c>, and <c>==</c>/<c>!=</c> against a regex literal (never equal).
    /// </summary>
    public IReadOnlyList<ExpressionError> Warnings { get; }

    /// <summary>Parses with GitLab's <c>rules:if</c> behaviour (<see cref="RuleExpressionOptions.Default"/>).</summary>
    public static bool TryParse(string text, out RuleExpression? expression, out ExpressionError? error) =>
        TryParse(text, RuleExpressionOptions.Default, out expression, out error);

    /// <summary>
    /// Parses <paramref name="text"/>. Accepts exactly what GitLab's config validation accepts (<c>Statement#valid?</c>,
    /// which also evaluates the expression once with no variables defined); on failure, <paramref name="error"/> points at
    /// the offending character. Never throws.
    /// </summary>
    public static bool TryParse(string text, RuleExpressionOptions options, out RuleExpression? expression, out ExpressionError? error)
    {
        expression = null;
        if (text is null)
        {
            error = new ExpressionError("invalid expression syntax: the expression is missing", 0);
            return false;
        }
        options ??= RuleExpressionOptions.Default;

        try
        {
            if (!ExpressionLexer.TryTokenize(text, options, out var tokens, out error)) return false;
            if (!ExpressionParser.TryBuild(text, tokens, out var root, out error)) return false;

            // statement.rb `valid?`: `evaluate` (with no variables) must not raise.
            var validationStart = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                new ExpressionEvaluator(text, DictionaryScope.Empty, options.ValidationRegexTimeout).Evaluate(root!);
            }
            catch (EvaluationAbort e)
            {
                error = new ExpressionError($"invalid expression: {e.Message} (column {e.Offset + 1})", e.Offset);
                return false;
            }
            catch (ExpressionTimeoutException)
            {
                // A regex that does not finish in time is no syntax error; evaluating it for a scenario reports the timeout.
            }

            var names = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var t in tokens)
            {
                if (t.Kind == TokenKind.Variable && seen.Add(t.Text[1..])) names.Add(t.Text[1..]);
            }

            var validationTime = System.Diagnostics.Stopwatch.GetElapsedTime(validationStart);
            expression = new RuleExpression(text, root!, options, names.AsReadOnly(), CollectWarnings(tokens, root!).AsReadOnly())
            {
                ValidationTime = validationTime,
            };
            error = null;
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Defensive: TryParse must not throw. Reaching this is a DocLint bug.
            error = new ExpressionError($"invalid expression: DocLint could not analyse it ({e.GetType().Name}: {e.Message})", 0);
            return false;
        }
    }

    /// <summary>
    /// Evaluates the expression like GitLab's <c>Statement#truthful?</c>: true when the result is <c>present?</c>.
    /// </summary>
    /// <param name="variables">The CI/CD variables; <see cref="IVariableScope.Get"/> returns null for undefined ones.</param>
    /// <param name="regexTimeout">Limit for each regular-expression match (positive, or <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>).</param>
    /// <exception cref="ExpressionTimeoutException">a regular-expression match exceeded <paramref name="regexTimeout"/>.</exception>
    /// <exception cref="ExpressionEvaluationException">
    /// GitLab itself would raise a Ruby error for these values (pipeline creation fails), or a variable holds a regular
    /// expression DocLint cannot evaluate.
    /// </exception>
    public bool Evaluate(IVariableScope variables, TimeSpan regexTimeout)
    {
        ArgumentNullException.ThrowIfNull(variables);
        if (regexTimeout != System.Threading.Timeout.InfiniteTimeSpan && (regexTimeout <= TimeSpan.Zero || regexTimeout.TotalMilliseconds > int.MaxValue - 1))
            throw new ArgumentOutOfRangeException(nameof(regexTimeout), regexTimeout, "the timeout must be positive (at most ~24 days) or infinite");

        try
        {
            return new ExpressionEvaluator(Text, variables, regexTimeout).Evaluate(_root).IsPresent;
        }
        catch (EvaluationAbort e)
        {
            throw new ExpressionEvaluationException(Text, e.Failure, $"{e.Message} (column {e.Offset + 1} of '{Text}')", e);
        }
    }

    /// <summary>The Ruby value GitLab's <c>Statement#evaluate</c> returns (before <c>present?</c>); for tests.</summary>
    internal RubyValue EvaluateValue(IVariableScope variables, TimeSpan regexTimeout) =>
        new ExpressionEvaluator(Text, variables, regexTimeout).Evaluate(_root);

    /// <summary>The parse tree in GitLab's <c>inspect</c> format, e.g. <c>or($A, and($B, equals($C, "x")))</c>.</summary>
    public string ToGitLabInspect() => ExpressionInspector.Inspect(_root);

    public override string ToString() => Text;

    private static List<ExpressionError> CollectWarnings(IReadOnlyList<Token> tokens, ExprNode root)
    {
        var warnings = new List<ExpressionError>();

        // 1. Operators not between their operands (GitLab's shunting-yard parser does not check this).
        bool expectOperand = true;
        string? structural = null;
        int structuralAt = 0;
        foreach (var t in tokens)
        {
            if (t.IsValue || t.Kind == TokenKind.ParenOpen)
            {
                if (!expectOperand) { structural = $"missing operator before '{ExpressionParser.Shorten(t.Text)}'"; structuralAt = t.Offset; break; }
                expectOperand = t.Kind == TokenKind.ParenOpen;
            }
            else if (t.Kind == TokenKind.ParenClose || t.IsBinaryOperator)
            {
                if (expectOperand) { structural = $"'{t.Text}' where an operand was expected"; structuralAt = t.Offset; break; }
                expectOperand = t.IsBinaryOperator;
            }
        }
        if (structural is null && expectOperand)
        {
            structural = $"the expression ends with '{tokens[^1].Text}'";
            structuralAt = tokens[^1].Offset;
        }
        if (structural is not null)
        {
            warnings.Add(new ExpressionError(
                $"GitLab accepts this expression, but its structure is unusual ({structural} at column {structuralAt + 1}): GitLab's parser does not check where operators are written; the tree is {ExpressionInspector.Inspect(root)}",
                structuralAt));
        }

        // 2-4. Suspicious operand combinations.
        var stack = new Stack<ExprNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            if (stack.Pop() is not BinaryNode b) continue;
            stack.Push(b.Right);
            stack.Push(b.Left);
            var op = BinaryNode.OperatorText(b.Op);
            if (b.Op is BinaryOp.Matches or BinaryOp.NotMatches)
            {
                if (b.Right is StringNode s && GitLabRegex.Fabricate(s.Value.Replace("\\/", "/", StringComparison.Ordinal)).Status != Re2Status.Valid)
                {
                    warnings.Add(new ExpressionError(
                        $"'{op}' at column {b.Offset + 1} has a string that is not a /regular expression/ on its right, so GitLab tests whether the left side is a substring of {ExpressionInspector.RubyStringInspect(s.Value)}",
                        b.Offset));
                }
                if (b.Left is PatternNode)
                {
                    warnings.Add(new ExpressionError(
                        $"'{op}' at column {b.Offset + 1} has a regular expression on its left; GitLab matches the right side against the text of a Ruby object instead (put the variable on the left)",
                        b.Offset));
                }
            }
            else if (b.Op is BinaryOp.Equals or BinaryOp.NotEquals && b.Right is PatternNode)
            {
                warnings.Add(new ExpressionError(
                    $"'{op}' at column {b.Offset + 1} compares with a regular expression, which never equals a string; use {(b.Op == BinaryOp.Equals ? "=~" : "!~")}",
                    b.Offset));
            }
        }
        return warnings;
    }
}
