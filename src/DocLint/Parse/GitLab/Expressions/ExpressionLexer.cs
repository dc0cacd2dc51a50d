using System.Text.RegularExpressions;

namespace DocLint.Parse.GitLab.Expressions;

internal enum TokenKind
{
    ParenOpen,
    ParenClose,
    Variable,
    String,
    Pattern,
    Null,
    Boolean,
    Equals,
    Matches,
    NotEquals,
    NotMatches,
    And,
    Or,
}

internal readonly record struct Token(TokenKind Kind, int Offset, string Text)
{
    public int End => Offset + Text.Length;

    public bool IsValue => Kind is TokenKind.Variable or TokenKind.String or TokenKind.Pattern or TokenKind.Null or TokenKind.Boolean;

    public bool IsBinaryOperator => Kind is TokenKind.Equals or TokenKind.NotEquals or TokenKind.Matches or TokenKind.NotMatches or TokenKind.And or TokenKind.Or;
}

/// <summary>
/// GitLab's <c>Expression::Lexer</c> (lib/gitlab/ci/pipeline/expression/lexer.rb): skip <c>\s+</c>, then try each lexeme
/// in order (ParenthesisOpen, ParenthesisClose, Variable, String, Pattern, Null, [Boolean], Equals, Matches, NotEquals,
/// NotMatches, And, Or); the first that matches at the current position wins; nothing matching is "Unknown lexeme found!".
/// </summary>
/// <remarks>
/// Not modelled: the newest lexer also has an <c>Input</c> lexeme (<c>$[[ inputs.name ]]</c>, for <c>spec:inputs:rules</c>);
/// in <c>rules:if</c> inputs are interpolated before the expression is read, so a leftover <c>$[[</c> is reported as an
/// error here. <c>lexeme/not.rb</c> (a unary <c>!</c>) exists in GitLab's tree but is not registered in the lexer, so
/// <c>!</c> alone is an unknown lexeme in GitLab too.
/// </remarks>
internal static class ExpressionLexer
{
    /// <summary>
    /// lexeme/pattern.rb: <c>%r{^\/([^\/]|\\/)+[^\\]\/[ismU]*}</c>. Between the slashes there must be at least one
    /// character and then a final character that is not a backslash, so <c>/./</c> (one character) and <c>//</c> never lex:
    /// that is why GitLab does not support single-character regular expressions. <c>\/</c> is an escaped slash. The
    /// engine is backtracking like Ruby's, so the match (including where the pattern ends) is the same.
    /// </summary>
    private static readonly Regex PatternLexeme = new(@"\G/(?:[^/]|\\/)+[^\\]/[ismU]*",
        RegexOptions.CultureInvariant, TimeSpan.FromSeconds(10));

    /// <summary>Ruby's <c>\s</c>: <c>[ \t\r\n\f\v]</c> (ASCII only).</summary>
    public static bool IsRubySpace(char c) => c is ' ' or '\t' or '\r' or '\n' or '\f' or '\v';

    /// <summary>Ruby's <c>\w</c>: <c>[a-zA-Z0-9_]</c> (ASCII only).</summary>
    public static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    public static bool TryTokenize(string text, RuleExpressionOptions options, out List<Token> tokens, out ExpressionError? error)
    {
        tokens = new List<Token>();
        error = null;
        int pos = 0;
        int? max = options.MaxTokens;
        // lexer.rb: `@max_tokens.times do ... return tokens if @scanner.eos? ... end; raise 'Too many tokens!'`
        for (int i = 0; max is null || i < max; i++)
        {
            while (pos < text.Length && IsRubySpace(text[pos])) pos++;
            if (pos >= text.Length) return true;

            var token = Scan(text, pos, options);
            if (token is null)
            {
                error = UnknownLexeme(text, pos, options);
                return false;
            }
            tokens.Add(token.Value);
            pos = token.Value.End;
        }

        int at = tokens.Count > 0 ? tokens[^1].Offset : 0;
        error = new ExpressionError(
            $"invalid expression syntax: too many tokens at column {at + 1} (GitLab accepts at most {Math.Max(0, max!.Value - 1)} tokens)",
            at);
        return false;
    }

    private static Token? Scan(string text, int pos, RuleExpressionOptions options)
    {
        char c = text[pos];
        switch (c)
        {
            case '(':
                return new Token(TokenKind.ParenOpen, pos, "(");
            case ')':
                return new Token(TokenKind.ParenClose, pos, ")");
            case '$':
            {
                // lexeme/variable.rb: /\$(?<name>\w+)/
                int end = pos + 1;
                while (end < text.Length && IsWordChar(text[end])) end++;
                if (end > pos + 1) return new Token(TokenKind.Variable, pos, text[pos..end]);
                break;
            }
            case '"':
            case '\'':
            {
                // lexeme/string.rb: /("(?<string>.*?)")|('(?<string>.*?)')/ - no escapes; '.' does not cross a newline.
                for (int end = pos + 1; end < text.Length && text[end] != '\n'; end++)
                {
                    if (text[end] == c) return new Token(TokenKind.String, pos, text[pos..(end + 1)]);
                }
                break;
            }
            case '/':
            {
                var m = PatternLexeme.Match(text, pos);
                if (m.Success) return new Token(TokenKind.Pattern, pos, m.Value);
                break;
            }
        }

        // lexeme/null.rb: /null/ (no word boundary: "nullx" lexes as null followed by an unknown "x").
        if (string.CompareOrdinal(text, pos, "null", 0, 4) == 0) return new Token(TokenKind.Null, pos, "null");

        if (options.BooleanLiterals)
        {
            // lexeme/boolean.rb: /\b(?:true|false)\b/ (the leading \b holds at the scan position).
            foreach (var word in (ReadOnlySpan<string>)["true", "false"])
            {
                int end = pos + word.Length;
                if (string.CompareOrdinal(text, pos, word, 0, word.Length) == 0 && (end >= text.Length || !IsWordChar(text[end])))
                    return new Token(TokenKind.Boolean, pos, word);
            }
        }

        if (pos + 1 < text.Length)
        {
            var two = text.AsSpan(pos, 2);
            if (two is "==") return new Token(TokenKind.Equals, pos, "==");
            if (two is "=~") return new Token(TokenKind.Matches, pos, "=~");
            if (two is "!=") return new Token(TokenKind.NotEquals, pos, "!=");
            if (two is "!~") return new Token(TokenKind.NotMatches, pos, "!~");
            if (two is "&&") return new Token(TokenKind.And, pos, "&&");
            if (two is "||") return new Token(TokenKind.Or, pos, "||");
        }
        return null;
    }

    private static ExpressionError UnknownLexeme(string text, int pos, RuleExpressionOptions options)
    {
        char c = text[pos];
        string snippet;
        string? hint = null;
        if (IsWordChar(c))
        {
            int end = pos;
            while (end < text.Length && (IsWordChar(text[end]) || text[end] is '-' or '.' or '/')) end++;
            snippet = text[pos..end];
            var word = snippet;
            if (word is "true" or "false" && !options.BooleanLiterals)
                hint = $"booleans are not values in rules:if; compare with a quoted string such as \"{word}\" (a boolean input interpolated as $[[ inputs.x ]] needs quotes: '\"$[[ inputs.x ]]\" == \"true\"')";
            else
                hint = $"string values must be quoted, e.g. \"{word}\"";
        }
        else if (c == '$')
        {
            if (pos + 1 < text.Length && text[pos + 1] == '{')
            {
                int close = text.IndexOf('}', pos);
                snippet = close > 0 ? text[pos..(close + 1)] : "${";
                hint = "GitLab does not support ${NAME} in expressions; write $NAME";
            }
            else if (pos + 2 < text.Length && text[pos + 1] == '[' && text[pos + 2] == '[')
            {
                int close = text.IndexOf("]]", pos, StringComparison.Ordinal);
                snippet = close > 0 ? text[pos..(close + 2)] : "$[[";
                hint = "an input reference was not interpolated here";
            }
            else
            {
                snippet = "$";
                hint = "'$' must be followed by a variable name made of letters, digits and '_'";
            }
        }
        else if (c is '"' or '\'')
        {
            snippet = c.ToString();
            hint = $"unterminated string: add the closing {c} on the same line";
        }
        else if (c == '/')
        {
            int close = pos + 1 < text.Length ? text.IndexOf('/', pos + 1) : -1;
            if (close >= 0 && close - pos <= 2)
            {
                snippet = text[pos..(close + 1)];
                hint = "GitLab needs at least two characters between the slashes of a regular expression (single-character regular expressions like /./ are not supported)";
            }
            else
            {
                snippet = "/";
                hint = "unterminated regular expression, or one ending in a backslash";
            }
        }
        else if (c == '=')
        {
            snippet = "=";
            hint = "use == to compare or =~ to match";
        }
        else if (c == '!')
        {
            snippet = "!";
            hint = "use != or !~ (there is no negation operator)";
        }
        else if (c == '&')
        {
            snippet = "&";
            hint = "use &&";
        }
        else if (c == '|')
        {
            snippet = "|";
            hint = "use ||";
        }
        else
        {
            snippet = char.IsSurrogatePair(text, pos) ? text.Substring(pos, 2) : c.ToString();
            if (char.IsWhiteSpace(c)) hint = "only ASCII whitespace may separate tokens";
        }

        if (snippet.Length > 40) snippet = snippet[..40] + "…";
        var message = $"invalid expression syntax: unexpected '{snippet}' at column {pos + 1}";
        return new ExpressionError(hint is null ? message : $"{message}; {hint}", pos);
    }
}
