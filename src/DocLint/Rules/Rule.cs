using DocLint.Evaluate;
using DocLint.Findings;
using DocLint.Load;

namespace DocLint.Rules;

/// <summary>A rule's metadata, the way Roslyn describes an analyzer with a DiagnosticDescriptor.</summary>
public sealed record RuleDescriptor(string Id, Severity DefaultSeverity, string Title, string Enforces, RuleScope Scope = RuleScope.Ci)
{
    /// <summary>This rule's help link under the user's docs URL, or null without one (<see cref="DocLintInfo.RuleHelpUri"/>).</summary>
    public string? HelpUriFor(string? docsUrl) => DocLintInfo.RuleHelpUri(docsUrl, Id);
}

/// <summary>What a rule reads: the CI configuration and catalogue, the operator docs, the release-train playbooks, or
/// every checked file (<c>unused-suppression</c> judges the inline directives of YAML and Markdown alike).</summary>
public enum RuleScope { Ci, Docs, Playbooks, Any }

/// <summary>
/// What a rule sees: the configuration, the routing model (scenarios → triggers), the repository, and the docs and
/// playbooks this run checks (all of <c>docs</c> / <c>playbooks</c>, or only the named / changed ones).
/// </summary>
public sealed record RuleContext(DocLintConfig Config, RoutingModel Model, Workspace Workspace)
{
    public Parse.Markdown.DocSet Docs { get; init; } = Parse.Markdown.DocSet.Empty;
    /// <summary>False in file-path mode: the repository-wide docs checks (required docs present, every final action
    /// documented, every <c>docs</c> pattern matching) need the whole repository and do not run.</summary>
    public bool DocsRepositoryWide { get; init; } = true;
    /// <summary>The release-train playbooks this run checks (config <c>playbooks</c>).</summary>
    public Parse.Playbook.PlaybookSet Playbooks { get; init; } = Parse.Playbook.PlaybookSet.Empty;
}

/// <summary>One rule: one class, one <c>rules/&lt;id&gt;.md</c>.</summary>
public abstract class Rule
{
    public abstract RuleDescriptor Descriptor { get; }
    public abstract IEnumerable<Finding> Check(RuleContext context);

    protected Finding At(Parse.Yaml.YNode node, string message, string key) =>
        new(Descriptor.Id, Descriptor.DefaultSeverity, message, node.Span, key);

    protected Finding At(SourceSpan span, string message, string key) =>
        new(Descriptor.Id, Descriptor.DefaultSeverity, message, span, key);

    /// <summary>Where a finding about a created job belongs: the line of its matched rule's <c>- if:</c>, else the job key.</summary>
    internal static SourceSpan SpanOf(CreatedJob job) =>
        job.MatchedRule is { } rule && rule.Start.Line > 0 ? rule.Span : job.Job.KeyNode.Span;

    /// <summary>A stable semantic key for a job instance (its base job name, not the matrix value).</summary>
    protected static string JobKey(CreatedJob job) => job.Job.Name;
}
