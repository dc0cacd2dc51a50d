using DocLint.Parse.GitLab;
using DocLint.Parse.Yaml;

namespace DocLint.Evaluate;

/// <summary>The downstream pipeline a trigger job starts.</summary>
public sealed record TriggerInfo(
    string? Project,
    string? Branch,
    string? Strategy,
    bool IsChildPipeline,
    IReadOnlyDictionary<string, string> PassedVariables,
    YNode Node,
    YNode? ProjectNode);

/// <summary>A job GitLab creates in a scenario (a matrix instance counts as its own job).</summary>
public sealed record CreatedJob(
    string Name,
    CiJob Job,
    IReadOnlyDictionary<string, string>? Matrix,
    string When,
    IReadOnlyDictionary<string, string> Variables,
    YMapping? MatchedRule,
    TriggerInfo? Trigger)
{
    public bool IsManual => When == "manual";
}

/// <summary>
/// What GitLab does for one scenario: whether a pipeline is created, and which jobs. When GitLab refuses to create it
/// although jobs matched (a <c>needs</c> on a job absent from this pipeline), <see cref="Jobs"/> still holds the jobs
/// that matched and <see cref="Refusal"/> the <c>ci-parse</c> finding that says why.
/// </summary>
public sealed record PipelineResult(bool Created, string? NotCreatedReason, IReadOnlyList<CreatedJob> Jobs)
{
    public Findings.Finding? Refusal { get; init; }
}
