using DocLint.Load;
using DocLint.Parse.Markdown;

namespace DocLint.Rules;

/// <summary>The vocabulary the docs rules judge invocations against: configured actions, the catalogue, job names.</summary>
internal sealed class DocsFacts
{
    private readonly Dictionary<string, ActionConfig> _obsolete = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _placeholderActions;
    private readonly HashSet<string> _projects;

    public DocsFacts(RuleContext ctx)
    {
        Config = ctx.Config;
        Finals = ctx.Config.Actions.Select(a => a.Name).ToList();
        foreach (var a in ctx.Config.Actions)
        foreach (var o in a.ObsoleteNames)
            _obsolete.TryAdd(o, a);
        _placeholderActions = ctx.Config.PlaceholderActions.ToHashSet(StringComparer.OrdinalIgnoreCase);
        Projects = ctx.Model.Catalogue.Projects.Select(p => p.Name).Distinct(StringComparer.Ordinal).ToList();
        _projects = Projects.ToHashSet(StringComparer.Ordinal);
        var jobNames = ObsoleteJobNames(ctx.Config, Projects);
        JobNames = jobNames;
        JobNameLookup = jobNames.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public DocLintConfig Config { get; }
    public IReadOnlyList<string> Finals { get; }
    public IReadOnlyList<string> Projects { get; }
    /// <summary>Every obsolete static job name (<c>{project}</c> expanded over the catalogue) → the action it ran.</summary>
    public IReadOnlyDictionary<string, (ActionConfig? Action, string Project)> JobNames { get; }
    /// <summary><see cref="JobNames"/> looked up by a span of the document text.</summary>
    public Dictionary<string, (ActionConfig? Action, string Project)>.AlternateLookup<ReadOnlySpan<char>> JobNameLookup { get; }

    public string AllSelector => Config.AllSelector;

    public ActionConfig? ObsoleteOf(string value) => _obsolete.GetValueOrDefault(value);
    public bool IsPlaceholderAction(string value) => _placeholderActions.Contains(value);
    public bool IsFinal(string value) => Finals.Contains(value, StringComparer.Ordinal);

    /// <summary>A project value nobody can object to: a catalogue project, the all selector, or a placeholder.</summary>
    public bool IsKnownProject(Assignment p) => p.IsPlaceholder || p.Value == AllSelector || _projects.Contains(p.Value);

    public static bool IsTrue(Assignment confirm) => confirm.Value.Equals("true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// True when an invocation is one of this pipeline's (precision, see rules/docs-action-name.md): its action is a
    /// word of the configured vocabulary (a final, obsolete or placeholder action in any case, or a placeholder), or
    /// it also assigns <c>confirm</c>, or it names a catalogue project or the all selector. Anything else, such as
    /// <c>"action": "create"</c> in an API payload, <c>action: stop</c> of an environment or a Ruby
    /// <c>action: 'start', project: project</c>, is another system's <c>action</c>: a reference, not an invocation.
    /// </summary>
    public bool IsPipelineInvocation(Invocation inv)
    {
        var v = inv.Action.Value;
        if (inv.Action.IsPlaceholder || Finals.Contains(v, StringComparer.OrdinalIgnoreCase) || _obsolete.ContainsKey(v) || _placeholderActions.Contains(v))
            return true;
        return inv.Confirms.Count > 0 || inv.Projects.Any(p => !p.IsPlaceholder && (p.Value == AllSelector || _projects.Contains(p.Value)));
    }

    /// <summary>A valid invocation: a final action, a known project (at least one), and <c>confirm=true</c>.</summary>
    public bool IsValid(Invocation inv) =>
        IsFinal(inv.Action.Value) && inv.Projects.Count > 0 && inv.Projects.All(IsKnownProject)
        && inv.Confirms.Count > 0 && inv.Confirms.All(c => IsTrue(c) || c.IsPlaceholder);

    /// <summary>The invocations of a document the docs rules judge: not those inside a generated region, which
    /// docs-generated judges (CONTRACT §9: one defect, one finding).</summary>
    public IEnumerable<Invocation> Invocations(MarkdownDocument doc)
    {
        var regions = doc.Regions;
        return doc.Invocations(Config.Inputs).Invocations.Where(i => IsPipelineInvocation(i) && !regions.Covers(i.Action.Offset));
    }

    private static Dictionary<string, (ActionConfig?, string)> ObsoleteJobNames(DocLintConfig config, IReadOnlyList<string> projects)
    {
        var names = new Dictionary<string, (ActionConfig?, string)>(StringComparer.Ordinal);
        foreach (var pattern in config.ObsoleteJobNames)
        {
            var colon = pattern.IndexOf(':');
            var prefix = colon > 0 ? pattern[..colon] : pattern;
            var action = config.Actions.FirstOrDefault(a => a.ObsoleteNames.Contains(prefix, StringComparer.OrdinalIgnoreCase) || a.Name == prefix);
            const string slot = "{project}";
            var at = pattern.IndexOf(slot, StringComparison.Ordinal);
            if (at < 0) { names.TryAdd(pattern, (action, colon > 0 ? pattern[(colon + 1)..] : config.AllSelector)); continue; }
            foreach (var p in projects)
                names.TryAdd(pattern[..at] + p + pattern[(at + slot.Length)..], (action, p));
        }
        return names;
    }

    /// <summary>The closest candidate within a small edit distance, for "did you mean".</summary>
    public static string? Closest(string value, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var c in candidates)
        {
            if (Math.Abs(value.Length - c.Length) > 8 || value.Length > 128) continue;
            var d = Findings.Spelling.Distance(value.ToLowerInvariant(), c.ToLowerInvariant());
            if (d < bestDistance) { best = c; bestDistance = d; }
        }
        return best != null && bestDistance <= Math.Max(2, best.Length / 4) ? best : null;
    }
}
