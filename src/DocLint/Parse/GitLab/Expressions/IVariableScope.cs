namespace DocLint.Parse.GitLab.Expressions;

/// <summary>The CI/CD variables visible to an expression. <c>null</c> means the variable is not defined.</summary>
public interface IVariableScope
{
    string? Get(string name);
}

/// <summary>A variable scope over a dictionary (names are case-sensitive, as in GitLab).</summary>
public sealed class DictionaryScope(IReadOnlyDictionary<string, string> values) : IVariableScope
{
    public static readonly DictionaryScope Empty = new(new Dictionary<string, string>());
    public string? Get(string name) => values.TryGetValue(name, out var v) ? v : null;
}
