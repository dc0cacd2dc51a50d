namespace DocLint.Parse.GitLab.Expressions;

/// <summary>
/// A problem found in a <c>rules:if</c> expression.
/// </summary>
/// <param name="Message">Human-readable message, in the spirit of GitLab's "invalid expression syntax".</param>
/// <param name="Offset">0-based character index into the expression text (0 &lt;= Offset &lt;= text length).</param>
public sealed record ExpressionError(string Message, int Offset);
