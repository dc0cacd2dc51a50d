namespace DocLint.Parse.GitLab.Expressions;

/// <summary>Knobs for <see cref="RuleExpression.TryParse(string, RuleExpressionOptions, out RuleExpression?, out ExpressionError?)"/>.</summary>
public sealed record RuleExpressionOptions
{
    /// <summary>
    /// GitLab's <c>Lexer::MAX_TOKENS</c> (lib/gitlab/ci/pipeline/expression/lexer.rb). The lexer loop runs
    /// <c>MAX_TOKENS.times</c> and checks for end of input at the top of each iteration, so an expression with
    /// 100 tokens is already rejected ("Too many tokens!"): at most 99 tokens are accepted.
    /// </summary>
    public const int GitLabMaxTokens = 100;

    /// <summary>The defaults: GitLab's behaviour for <c>rules:if</c>.</summary>
    public static RuleExpressionOptions Default { get; } = new();

    /// <summary>
    /// Token limit with GitLab's semantics (an expression needs fewer tokens than this). <c>null</c> lifts the limit
    /// (a DocLint extension, e.g. for analysing generated expressions; GitLab itself would reject them).
    /// </summary>
    public int? MaxTokens { get; init; } = GitLabMaxTokens;

    /// <summary>
    /// Recent GitLab versions add a <c>Boolean</c> lexeme (<c>lexeme/boolean.rb</c>, pattern <c>\b(?:true|false)\b</c>)
    /// to the shared lexer for <c>spec:inputs:rules</c>. When it is present, <c>true == "true"</c> is no longer a syntax error:
    /// it compares the Ruby boolean <c>true</c> with the string <c>"true"</c> and is always false.
    /// Off by default, because the established <c>rules:if</c> grammar (and every GitLab release before that lexeme)
    /// rejects bare <c>true</c>/<c>false</c> as an unknown lexeme.
    /// </summary>
    public bool BooleanLiterals { get; init; }

    /// <summary>
    /// Limit for each regular-expression match of the validation evaluation (GitLab's <c>valid?</c> evaluates the
    /// expression once with no variables, so a string literal on the left of <c>=~</c> is matched). A match that does
    /// not finish in time does not make the expression invalid: GitLab's RE2 would have finished.
    /// </summary>
    public TimeSpan ValidationRegexTimeout { get; init; } = TimeSpan.FromSeconds(2);
}
