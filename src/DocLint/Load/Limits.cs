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
    /// <summary>Longest time one regular expression match may take.</summary>
    public TimeSpan RegexTimeout { get; init; } = TimeSpan.FromMilliseconds(200);

    public static Limits Default { get; } = new();
}
