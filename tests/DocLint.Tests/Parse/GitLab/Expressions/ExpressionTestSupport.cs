using DocLint.Parse.GitLab.Expressions;

namespace DocLint.Tests.Parse.GitLab.Expressions;

internal static class X
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static RuleExpression Parse(string text, RuleExpressionOptions? options = null)
    {
        var ok = RuleExpression.TryParse(text, options ?? RuleExpressionOptions.Default, out var expression, out var error);
        Assert.True(ok, $"expected '{text}' to parse, got: {error?.Message}");
        Assert.Null(error);
        Assert.NotNull(expression);
        return expression!;
    }

    public static ExpressionError Error(string text, RuleExpressionOptions? options = null)
    {
        var ok = RuleExpression.TryParse(text, options ?? RuleExpressionOptions.Default, out var expression, out var error);
        Assert.False(ok, $"expected '{text}' to be rejected, but it parsed as {expression?.ToGitLabInspect()}");
        Assert.Null(expression);
        Assert.NotNull(error);
        Assert.InRange(error!.Offset, 0, text.Length);
        Assert.StartsWith("invalid expression", error.Message);
        return error;
    }

    public static DictionaryScope Vars(params (string Name, string Value)[] vars) =>
        new(vars.ToDictionary(v => v.Name, v => v.Value));

    public static bool Eval(string text, params (string Name, string Value)[] vars) =>
        Parse(text).Evaluate(Vars(vars), Timeout);

    public static bool Eval(string text, IVariableScope scope) => Parse(text).Evaluate(scope, Timeout);
}
