using DocLint.Parse.GitLab.Inputs;

namespace DocLint.Evaluate;

public enum ScenarioKind { Ui, Legacy, Push }

/// <summary>
/// One operator choice (CONTRACT §3): the pipeline source, the pipeline inputs given (others take their defaults)
/// and the pipeline variables given.
/// </summary>
public sealed record Scenario(
    ScenarioKind Kind,
    string Source,
    IReadOnlyDictionary<string, InputValue> Inputs,
    IReadOnlyDictionary<string, string> Variables)
{
    public string Describe()
    {
        var parts = new List<string>();
        foreach (var (k, v) in Inputs) parts.Add($"{k}={v.Text}");
        foreach (var (k, v) in Variables) parts.Add($"{k}={v}");
        var what = string.Join(' ', parts);
        return Kind switch
        {
            ScenarioKind.Ui => what,
            ScenarioKind.Legacy => $"{what} (source={Source})",
            _ => $"a {Source} pipeline on the default branch",
        };
    }
}
