namespace DocLint.Parse.GitLab.Expressions;

/// <summary>
/// GitLab's <c>Expression::Parser</c> (lib/gitlab/ci/pipeline/expression/parser.rb): the shunting-yard algorithm turns
/// the tokens into reverse Polish notation, which is then folded into a tree. Precedences come from the lexemes
/// (lower binds tighter, as in Ruby's table): <c>== != =~ !~</c> 10, <c>&amp;&amp;</c> 11, <c>||</c> 12,
/// <c>)</c> 900, <c>(</c> 901; an operator pops operators of lower-or-equal precedence (<c>consume?</c> uses <c>&gt;=</c>), so
/// all binary operators are left-associative.
/// </summary>
/// <remarks>
/// Like GitLab's, this parser does not check that operators sit between their operands: <c>== $A $B</c> and
/// <c>$A $B ==</c> are accepted as <c>$A == $B</c>. DocLint mirrors that (GitLab accepts such expressions) and reports a
/// warning instead (see <see cref="RuleExpression.Warnings"/>).
/// </remarks>
internal static class ExpressionParser
{
    private static int Precedence(TokenKind kind) => kind switch
    {
        TokenKind.Equals or TokenKind.NotEquals or TokenKind.Matches or TokenKind.NotMatches => 10,
        TokenKind.And => 11,
        TokenKind.Or => 12,
        TokenKind.ParenClose => 900,
        TokenKind.ParenOpen => 901,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static BinaryOp ToOp(TokenKind kind) => kind switch
    {
        TokenKind.Equals => BinaryOp.Equals,
        TokenKind.NotEquals => BinaryOp.NotEquals,
        TokenKind.Matches => BinaryOp.Matches,
        TokenKind.NotMatches => BinaryOp.NotMatches,
        TokenKind.And => BinaryOp.And,
        _ => BinaryOp.Or,
    };

    public static bool TryBuild(string text, IReadOnlyList<Token> tokens, out ExprNode? root, out ExpressionError? error)
    {
        root = null;

        // statement.rb: `raise StatementError if @lexer.lexemes.empty?`
        if (tokens.Count == 0)
        {
            error = new ExpressionError("invalid expression syntax: the expression is empty", text.Length);
            return false;
        }

        // tokens_rpn
        var output = new List<int>(tokens.Count); // token indexes
        var operators = new Stack<int>();
        for (int i = 0; i < tokens.Count; i++)
        {
            var tok = tokens[i];
            if (tok.IsValue)
            {
                output.Add(i);
            }
            else if (tok.IsBinaryOperator)
            {
                while (operators.Count > 0 && Precedence(tok.Kind) >= Precedence(tokens[operators.Peek()].Kind))
                    output.Add(operators.Pop());
                operators.Push(i);
            }
            else if (tok.Kind == TokenKind.ParenOpen)
            {
                operators.Push(i);
            }
            else // ParenClose
            {
                while (operators.Count > 0 && Precedence(TokenKind.ParenClose) >= Precedence(tokens[operators.Peek()].Kind))
                    output.Add(operators.Pop());
                if (operators.Count == 0)
                {
                    // parser.rb: raise ParseError, 'Unmatched parenthesis'
                    error = new ExpressionError($"invalid expression syntax: unmatched ')' at column {tok.Offset + 1}", tok.Offset);
                    return false;
                }
                operators.Pop(); // the '('
            }
        }
        while (operators.Count > 0) output.Add(operators.Pop());

        // tree
        var results = new Stack<ExprNode>();
        foreach (var index in output)
        {
            var tok = tokens[index];
            if (tok.IsValue)
            {
                if (!TryBuildValue(tok, out var leaf, out error)) return false;
                results.Push(leaf!);
            }
            else if (tok.IsBinaryOperator)
            {
                // logical_operator.rb: raise OperatorError, 'Invalid left operand' / 'Invalid right operand'
                var right = results.Count > 0 ? results.Pop() : null;
                var left = results.Count > 0 ? results.Pop() : null;
                if (left is null || right is null)
                {
                    var side = MissingSide(tokens, index);
                    error = new ExpressionError(
                        $"invalid expression syntax: '{tok.Text}' at column {tok.Offset + 1} has no {side} operand", tok.Offset);
                    return false;
                }
                results.Push(new BinaryNode(tok.Offset, ToOp(tok.Kind), left, right));
            }
            else
            {
                // A '(' left on the operator stack: "Unprocessable token found in parse tree: parenthesis_open"
                error = new ExpressionError($"invalid expression syntax: '(' at column {tok.Offset + 1} is never closed", tok.Offset);
                return false;
            }
        }

        if (results.Count > 1)
        {
            // parser.rb: 'Unreachable nodes in parse tree' - two operands without an operator between them.
            int at = FindJuxtaposition(tokens) ?? results.Peek().Start;
            var snippet = tokens.First(t => t.Offset == at).Text;
            error = new ExpressionError(
                $"invalid expression syntax: missing operator before '{Shorten(snippet)}' at column {at + 1}", at);
            return false;
        }
        if (results.Count == 0)
        {
            // parser.rb: 'Empty parse tree' (only parentheses, e.g. "()")
            error = new ExpressionError($"invalid expression syntax: nothing to evaluate between the parentheses at column {tokens[0].Offset + 1}", tokens[0].Offset);
            return false;
        }

        root = results.Pop();
        error = null;
        return true;
    }

    private static bool TryBuildValue(Token tok, out ExprNode? node, out ExpressionError? error)
    {
        error = null;
        switch (tok.Kind)
        {
            case TokenKind.Variable:
                node = new VariableNode(tok.Offset, tok.Text[1..]);
                return true;
            case TokenKind.String:
                node = new StringNode(tok.Offset, tok.Text[1..^1]);
                return true;
            case TokenKind.Null:
                node = new NullNode(tok.Offset);
                return true;
            case TokenKind.Boolean:
                node = new BooleanNode(tok.Offset, tok.Text == "true");
                return true;
            case TokenKind.Pattern:
            {
                // pattern.rb: super(regexp.gsub(%r{\\/}, '/')); raise Lexer::SyntaxError, 'Invalid regular expression!' unless valid
                var value = tok.Text.Replace("\\/", "/", StringComparison.Ordinal);
                var compiled = GitLabRegex.Fabricate(value);
                if (compiled.Status == Re2Status.Valid)
                {
                    node = new PatternNode(tok.Offset, value, compiled.Regex!);
                    return true;
                }
                node = null;
                var what = compiled.Status == Re2Status.Invalid
                    ? "invalid regular expression"
                    : "regular expression not supported by DocLint";
                error = new ExpressionError(
                    $"invalid expression syntax: {what} {Shorten(tok.Text)} at column {tok.Offset + 1}: {compiled.Error}", tok.Offset);
                return false;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(tok));
        }
    }

    /// <summary>Which operand of the operator at <paramref name="index"/> is missing, judging from its neighbours.</summary>
    private static string MissingSide(IReadOnlyList<Token> tokens, int index)
    {
        bool leftOk = index > 0 && (tokens[index - 1].IsValue || tokens[index - 1].Kind == TokenKind.ParenClose);
        return leftOk ? "right" : "left";
    }

    /// <summary>The first operand that directly follows another operand (or a ')'), i.e. where an operator is missing.</summary>
    private static int? FindJuxtaposition(IReadOnlyList<Token> tokens)
    {
        for (int i = 1; i < tokens.Count; i++)
        {
            bool prevEndsOperand = tokens[i - 1].IsValue || tokens[i - 1].Kind == TokenKind.ParenClose;
            bool startsOperand = tokens[i].IsValue || tokens[i].Kind == TokenKind.ParenOpen;
            if (prevEndsOperand && startsOperand) return tokens[i].Offset;
        }
        return null;
    }

    internal static string Shorten(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
