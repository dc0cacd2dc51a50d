using DocLint.Findings;
using DocLint.Parse.GitLab.Inputs;
using DocLint.Parse.Yaml;

namespace DocLint.Parse.GitLab;

/// <summary>
/// The configuration GitLab would build for one set of pipeline inputs: includes merged, inputs interpolated,
/// <c>!reference</c> and <c>extends</c> resolved. Jobs are in file order.
/// </summary>
public sealed class ComposedConfig
{
    public required YMapping Root { get; init; }
    public required IReadOnlyList<CiJob> Jobs { get; init; }
    public required IReadOnlyList<CiVariable> GlobalVariables { get; init; }
    public YMapping? Workflow { get; init; }
    public required IReadOnlyList<string> Stages { get; init; }
    public required IReadOnlyDictionary<string, InputValue> Inputs { get; init; }
    /// <summary>Every local file reached through <c>include</c>, root first.</summary>
    public required IReadOnlyList<string> LocalFiles { get; init; }
    public required IReadOnlyList<Finding> Findings { get; init; }

    /// <summary>
    /// GitLab's logical validation of <c>needs</c> and <c>dependencies</c> (undefined job, later stage, listed twice):
    /// each refuses every pipeline. Kept apart from <see cref="Findings"/>: the routing model reports them for a
    /// configuration with an orchestration trigger job (rules/ci-parse.md).
    /// </summary>
    public IReadOnlyList<Finding> NeedsFindings { get; init; } = [];
}
