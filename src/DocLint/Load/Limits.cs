namespace DocLint.Load;

/// <summary>Resource bounds. DocLint reads untrusted merge requests: every resource is bounded.</summary>
public sealed record Limits
{
    /// <summary>Largest file read, in bytes (default 5 MiB).</summary>
    public long MaxFileBytes { get; init; } = 5 * 1024 * 1024;
    /// <summary>Most YAML nodes a document may expand to once aliases are followed (billion laughs).</summary>
    public long MaxYamlExpandedNodes { get; init; } = 1_000_000;
    /// <summary>Deepest YAML nesting (GitLab's own limit is 100).</summary>
    public int MaxYamlDepth { get; init; } = 100;
    /// <summary>Most jobs created in one scenario before evaluation stops.</summary>
    public int MaxJobsPerScenario { get; init; } = 10_000;
    /// <summary>Deepest include nesting (GitLab: 100).</summary>
    public int MaxIncludeDepth { get; init; } = 100;
    /// <summary>Most include entries per pipeline (GitLab's ci_max_includes default: 150).</summary>
    public int MaxIncludes { get; init; } = 150;
    /// <summary>Longest CI/CD variable value after expansion, in characters (longer values are cut).</summary>
    public long MaxVariableValueChars { get; init; } = 1024 * 1024;
    /// <summary>Most characters variable expansion may produce in one run (then variables are no longer expanded).</summary>
    public long MaxVariableExpansionChars { get; init; } = 256L * 1024 * 1024;
    /// <summary>
    /// Longest time one regular expression match may take. The engine is DocLint's RE2 Pike VM (linear time, like
    /// GitLab's RE2), so this is a last-resort guard, not a budget a real pattern comes near: 2 s leaves a first match
    /// (which builds the automaton) room on a heavily loaded machine, where 200 ms made results flaky.
    /// </summary>
    public TimeSpan RegexTimeout { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>Most time all regular expression matches of one run may take together; after that none is evaluated.</summary>
    public TimeSpan RegexBudget { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Most files listed for globs (<c>docs</c>, <c>include:local</c> wildcards, <c>rules:exists</c>).</summary>
    public int MaxListedFiles { get; init; } = 200_000;

    public static Limits Default { get; } = new();
}
