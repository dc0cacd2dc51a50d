using DocLint.Load;

namespace DocLint.Evaluate;

/// <summary>
/// A created trigger job that passes a configured signal (or any ORCHESTRATION_* name) or targets a catalogue
/// project (CONTRACT §3). <see cref="Project"/> and <see cref="Branch"/> are expanded.
/// </summary>
public sealed record OrchestrationTrigger(
    CreatedJob Job,
    string? Project,
    string? Branch,
    IReadOnlyDictionary<string, string> Variables,
    CatalogueProject? Target)
{
    public string JobName => Job.Name;
    public bool Manual => Job.IsManual;

    /// <summary>The configured signals this trigger passes with the value "true".</summary>
    public IEnumerable<string> TrueSignals(IEnumerable<string> signals) =>
        signals.Where(s => Variables.TryGetValue(s, out var v) && v == "true");

    public string Describe() => Manual ? $"{JobName} (manual)" : JobName;
}

/// <summary>A scenario with what GitLab would do for it.</summary>
public sealed record ScenarioOutcome(
    Scenario Scenario,
    PipelineResult Pipeline,
    IReadOnlyList<OrchestrationTrigger> Triggers)
{
    /// <summary>
    /// The first error (a <c>ci-parse</c> finding) that makes GitLab refuse to create this scenario's pipeline, or null.
    /// <see cref="Pipeline"/> still holds what DocLint could evaluate; the routing rules do not judge a refused
    /// scenario (the ci-parse finding is the one finding for that defect).
    /// </summary>
    public Findings.Finding? Refusal { get; init; }

    /// <summary>False when GitLab creates no pipeline for this scenario (workflow:rules, no jobs, or a refusal).</summary>
    public bool PipelineCreated => Pipeline.Created && Refusal == null;

    /// <summary>Why GitLab creates no pipeline for this scenario, or null when it creates one.</summary>
    public string? NotCreatedReason =>
        Refusal is { } r ? $"GitLab refuses this pipeline: {Strip(r.Message)} ({r.Span.Path}:{r.Span.Line})"
        : Pipeline.Created ? null
        : Pipeline.Refusal != null ? $"GitLab refuses this pipeline: {Pipeline.NotCreatedReason}"
        : Pipeline.NotCreatedReason;

    private static string Strip(string message) =>
        message.StartsWith("GitLab refuses this pipeline: ", StringComparison.Ordinal) ? message["GitLab refuses this pipeline: ".Length..] : message;
}
