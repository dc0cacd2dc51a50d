namespace DocLint.Parse.GitLab.Expressions;

/// <summary>Why an expression could not be evaluated the way GitLab would.</summary>
public enum ExpressionEvaluationFailure
{
    /// <summary>A regular expression match exceeded the timeout (see <see cref="ExpressionTimeoutException"/>).</summary>
    Timeout,

    /// <summary>
    /// GitLab itself raises a Ruby exception that is not an expression error (for example <c>NoMethodError</c> when a
    /// regex literal is compared with <c>==</c> to a string, or when <c>=~</c> gets a boolean on its right side).
    /// Pipeline creation fails in that case, so there is no true/false answer to give.
    /// </summary>
    GitLabInternalError,

    /// <summary>The value of a variable is a regular expression that RE2 accepts but DocLint cannot evaluate faithfully (e.g. Unicode script classes).</summary>
    Unsupported,
}

/// <summary>Evaluation of a <see cref="RuleExpression"/> could not produce GitLab's result.</summary>
public class ExpressionEvaluationException : Exception
{
    public ExpressionEvaluationException(string expression, ExpressionEvaluationFailure failure, string message, Exception? inner = null)
        : base(message, inner)
    {
        Expression = expression;
        Failure = failure;
    }

    /// <summary>The expression text.</summary>
    public string Expression { get; }

    public ExpressionEvaluationFailure Failure { get; }
}

/// <summary>A regular-expression match inside <see cref="RuleExpression.Evaluate(IVariableScope, TimeSpan)"/> exceeded the given timeout.</summary>
public sealed class ExpressionTimeoutException : ExpressionEvaluationException
{
    public ExpressionTimeoutException(string expression, string pattern, TimeSpan timeout, Exception? inner = null)
        : base(expression, ExpressionEvaluationFailure.Timeout,
               $"regular expression /{pattern}/ timed out after {timeout.TotalMilliseconds} ms while evaluating '{expression}'", inner)
    {
        Pattern = pattern;
        Timeout = timeout;
    }

    /// <summary>The RE2 source of the regular expression (with GitLab's <c>(?flags)</c> prefix, if any).</summary>
    public string Pattern { get; }

    public TimeSpan Timeout { get; }
}
