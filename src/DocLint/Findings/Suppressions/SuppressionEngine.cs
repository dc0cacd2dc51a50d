using DocLint.Evaluate;
using DocLint.Load;
using DocLint.Parse.Markdown;
using DocLint.Rules;

namespace DocLint.Findings.Suppressions;

/// <summary>
/// Inline suppressions (CONTRACT §5.4), applied after every rule ran and before the findings are sorted for the
/// reporters. It takes findings generically (any rule, any file), so a rule written later needs nothing here.
/// <list type="bullet">
/// <item>A finding is suppressed when a directive of its file covers its start line and names its rule (or names no
/// rule: every rule).</item>
/// <item>A rule listed in config <c>unsuppressible</c> (default <c>[confirm-gate]</c>) is never suppressed; a
/// directive naming it is a <c>unused-suppression</c> warning, and so is a no-rule directive over one of its
/// findings. Only <c>.doclint.yml</c>, which reviewers see, can turn such a rule off.</item>
/// <item>A directive, or each rule named in it, that suppressed nothing is <c>unused-suppression</c> (info) at the
/// directive; an unknown rule ID or an unknown <c>doclint-…</c> directive is a warning.</item>
/// <item>A rule that is <c>off</c> in config <c>rules:</c> raises nothing to suppress; naming it is not reported
/// (as markdownlint: a directive is not nagged about a rule the config already silences).</item>
/// <item><c>unused-suppression</c> is computed from the directives themselves, so no inline comment can suppress it;
/// a directive naming it is a warning. Config <c>rules: {unused-suppression: off|info|warning|error}</c> sets it.</item>
/// </list>
/// Only the directives of the files this run checked are read (the CI files, a catalogue file, and the docs of
/// <see cref="DocSet.Documents"/>: in file-path mode or with <c>--changed-since</c>, only the named docs).
/// </summary>
public static class SuppressionEngine
{
    public static string RuleId => RuleSet.UnusedSuppression.Id;

    private const int EndOfFile = int.MaxValue;

    /// <summary>The directives of a run's checked files: the loaded CI files (<see cref="Parse.GitLab.CiComposer.LoadedFiles"/>;
    /// none with <c>ci: null</c>), a catalogue file, the checked docs and the checked playbooks.</summary>
    public static IReadOnlyList<Directive> Collect(RoutingModel model, DocSet docs, Workspace workspace, Parse.Playbook.PlaybookSet? playbooks = null)
    {
        var result = new List<Directive>();
        var yaml = new HashSet<string>(StringComparer.Ordinal);
        if (model.Config.Ci != null)
            foreach (var file in model.Composer.LoadedFiles)
                if (file.Text != null && yaml.Add(file.Path)) result.AddRange(YamlDirectives.Extract(file.Path, file.Text));
        if (model.Catalogue.File is { } catalogue && workspace.TryRead(catalogue, out _) is { } source && yaml.Add(source.Path))
            result.AddRange(YamlDirectives.Extract(source.Path, source.Text));
        var markdown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var doc in docs.Documents.Concat(playbooks?.Playbooks.Select(p => p.Document) ?? []))
            if (markdown.Add(doc.Path)) result.AddRange(MarkdownDirectives.Extract(doc));
        return result;
    }

    /// <summary>The region of lines one (directive, rule) pair covers.</summary>
    private sealed class Region(Directive directive, DirectiveRule? rule, int from, int to, bool effective)
    {
        public Directive Directive { get; } = directive;
        /// <summary>Null: every rule.</summary>
        public DirectiveRule? Rule { get; } = rule;
        public int From { get; } = from;
        public int To { get; set; } = to;
        /// <summary>False when the rule may not or need not be suppressed (unknown, unsuppressible, off): it never matches.</summary>
        public bool Effective { get; } = effective;
        public bool Used { get; set; }
        /// <summary>For a no-rule <c>doclint-disable</c>: rules re-enabled by <c>doclint-enable RULE</c>, from that line.</summary>
        public Dictionary<string, int> EnabledFrom { get; } = new(StringComparer.Ordinal);
        /// <summary>Unsuppressible rules whose findings a no-rule directive covered (and left reported).</summary>
        public SortedSet<string> Blocked { get; } = new(StringComparer.Ordinal);

        public bool Covers(Finding f)
        {
            var line = f.Span.Line;
            if (!Effective || line < From || line > To) return false;
            if (Rule != null) return Rule.Id == f.RuleId;
            return !(EnabledFrom.TryGetValue(f.RuleId, out var enabled) && line >= enabled);
        }
    }

    /// <summary>Drops the suppressed findings and adds the <c>unused-suppression</c> findings.</summary>
    /// <param name="knownRules">Rule IDs a directive may name (default: <see cref="RuleSet.Descriptors"/>).</param>
    public static IReadOnlyList<Finding> Apply(IReadOnlyList<Finding> findings, IReadOnlyList<Directive> directives,
        DocLintConfig config, IReadOnlyCollection<string>? knownRules = null)
    {
        if (directives.Count == 0) return findings;
        var known = new HashSet<string>(knownRules ?? RuleSet.Descriptors.Select(d => d.Id), StringComparer.Ordinal);
        var unsuppressible = new HashSet<string>(config.Unsuppressible, StringComparer.Ordinal);
        var reports = new List<Finding>();
        var regions = new List<Region>();

        void Report(Severity severity, SourceSpan at, string message, string key) =>
            reports.Add(new Finding(RuleId, severity, message, at, key));

        // Whether a directive naming this rule can take effect; reports why not (nothing for a rule that is off).
        bool Check(Directive d, DirectiveRule rule)
        {
            if (!known.Contains(rule.Id))
            {
                Report(Severity.Warning, rule.Span, $"{d.Name} names unknown rule '{rule.Id}'{Spelling.Suggest(rule.Id, known)}, so it suppresses nothing; `doclint rules` lists the rule IDs", $"{d.Name}:{rule.Id}:unknown");
                return false;
            }
            if (rule.Id == RuleId)
            {
                Report(Severity.Warning, rule.Span, $"{d.Name} {rule.Id} has no effect: {RuleId} cannot be suppressed by an inline comment; set it in .doclint.yml (rules: {{ {RuleId}: off }})", $"{d.Name}:{rule.Id}:self");
                return false;
            }
            if (unsuppressible.Contains(rule.Id))
            {
                Report(Severity.Warning, rule.Span, Unsuppressible(d, rule.Id, null), $"{d.Name}:{rule.Id}:unsuppressible");
                return false;
            }
            return !RuleSet.Setting(config, rule.Id).Off;
        }

        foreach (var file in directives.GroupBy(d => d.Path, StringComparer.Ordinal))
        {
            var open = new List<Region>();
            foreach (var d in file.OrderBy(d => d.Span.Line).ThenBy(d => d.Span.Column))
            {
                switch (d.Kind)
                {
                    case DirectiveKind.Invalid:
                        Report(Severity.Warning, d.Span, d.Problem ?? $"unknown directive '{d.Name}'", $"{d.Name}:invalid");
                        break;
                    case DirectiveKind.NextLine:
                    case DirectiveKind.File:
                    case DirectiveKind.Disable:
                    {
                        var (from, to) = d.Kind switch
                        {
                            DirectiveKind.NextLine => (d.TargetLine, d.TargetLine),
                            DirectiveKind.File => (1, EndOfFile),
                            _ => (d.Span.Line, EndOfFile),
                        };
                        var created = d.AllRules
                            ? new List<Region> { new(d, null, from, to, true) }
                            : d.Rules.Select(r => new Region(d, r, from, to, Check(d, r))).ToList();
                        regions.AddRange(created);
                        if (d.Kind == DirectiveKind.Disable) open.AddRange(created);
                        break;
                    }
                    case DirectiveKind.Enable:
                        Enable(d, open, known, config, Report);
                        break;
                }
            }
        }

        var byPath = regions.GroupBy(r => r.Directive.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var kept = new List<Finding>(findings.Count);
        foreach (var f in findings)
        {
            if (!byPath.TryGetValue(f.Span.Path, out var candidates)) { kept.Add(f); continue; }
            var covering = candidates.Where(r => r.Covers(f)).ToList();
            if (unsuppressible.Contains(f.RuleId))
            {
                foreach (var r in covering) r.Blocked.Add(f.RuleId);
                kept.Add(f);
            }
            else if (covering.Count > 0)
                foreach (var r in covering) r.Used = true;
            else kept.Add(f);
        }

        foreach (var r in regions.Where(r => r.Effective))
        {
            var d = r.Directive;
            foreach (var rule in r.Blocked)
                Report(Severity.Warning, d.Span, Unsuppressible(d, rule, r), $"{d.Name}:*:unsuppressible:{rule}");
            if (r.Used || r.Blocked.Count > 0) continue;
            var what = r.Rule == null ? "finding" : $"{r.Rule.Id} finding";
            var remove = r.Rule == null || d.Rules.Count == 1 ? "remove the comment" : $"remove {r.Rule.Id} from it";
            Report(Severity.Info, r.Rule?.Span ?? d.Span, $"{Written(d, r.Rule)} suppresses nothing: no {what} {Where(r)}; {remove}", $"{d.Name}:{r.Rule?.Id ?? "*"}");
        }

        var (off, severity) = RuleSet.Setting(config, RuleId);
        if (!off) kept.AddRange(severity is { } s ? reports.Select(f => f with { Severity = s }) : reports);
        return kept;
    }

    /// <summary><c>doclint-enable</c>: ends the open <c>doclint-disable</c> regions it names (all of them when it names no rule).</summary>
    private static void Enable(Directive d, List<Region> open, HashSet<string> known, DocLintConfig config,
        Action<Severity, SourceSpan, string, string> report)
    {
        if (d.AllRules)
        {
            if (open.Count == 0)
                report(Severity.Info, d.Span, $"{d.Name} ends no {DirectiveSyntax.Disable} (none is open above it); remove the comment", $"{d.Name}:*");
            foreach (var r in open) r.To = d.Span.Line - 1;
            open.Clear();
            return;
        }
        foreach (var rule in d.Rules)
        {
            var matched = false;
            foreach (var r in open.ToList())
            {
                if (r.Rule == null)
                {
                    r.EnabledFrom.TryAdd(rule.Id, d.Span.Line);
                    matched = true;
                }
                else if (r.Rule.Id == rule.Id)
                {
                    r.To = d.Span.Line - 1;
                    open.Remove(r);
                    matched = true;
                }
            }
            if (matched) continue;
            if (!known.Contains(rule.Id))
                report(Severity.Warning, rule.Span, $"{d.Name} names unknown rule '{rule.Id}'{Spelling.Suggest(rule.Id, known)}; `doclint rules` lists the rule IDs", $"{d.Name}:{rule.Id}:unknown");
            else if (!RuleSet.Setting(config, rule.Id).Off)
                report(Severity.Info, rule.Span, $"{d.Name} {rule.Id} ends no {DirectiveSyntax.Disable} of {rule.Id}; remove {(d.Rules.Count == 1 ? "the comment" : rule.Id + " from it")}", $"{d.Name}:{rule.Id}");
        }
    }

    private static string Unsuppressible(Directive d, string rule, Region? region) =>
        (region == null
            ? $"{d.Name} {rule} has no effect"
            : $"{Written(d, null)} does not suppress the {rule} finding {Where(region)}")
        + $": {rule} is unsuppressible (config unsuppressible); it can only be turned off in .doclint.yml, which reviewers see";

    private static string Written(Directive d, DirectiveRule? rule) => rule == null ? d.Name : $"{d.Name} {rule.Id}";

    private static string Where(Region r) => r.Directive.Kind switch
    {
        DirectiveKind.NextLine when r.From == 0 => "after it (no line follows it)",
        DirectiveKind.NextLine => $"on line {r.From}",
        DirectiveKind.File => "in this file",
        _ when r.To == EndOfFile => $"from line {r.From} to the end of the file",
        _ when r.To < r.From => $"on line {r.From} (its {DirectiveSyntax.Enable} is on the same line)",
        _ when r.To == r.From => $"on line {r.From}",
        _ => $"on lines {r.From}-{r.To}",
    };
}
