using System.Runtime.CompilerServices;
using DocLint.Evaluate;
using Microsoft.Extensions.FileSystemGlobbing;
using DocLint.Findings;
using DocLint.Load;
using DocLint.Parse.GitLab.Expressions;
using DocLint.Parse.GitLab.Inputs;
using DocLint.Parse.Yaml;

namespace DocLint.Parse.GitLab;

/// <summary>
/// Builds the configuration GitLab creates a pipeline from, in GitLab's order: load the root file, interpolate its
/// inputs, resolve local includes (each with its own inputs, nested, merged with a deep merge under the including
/// file), then <c>!reference</c> tags, then <c>extends</c>, then <c>default:</c>. Remote, project, template and
/// component includes are never fetched. Files are parsed once; composition runs once per distinct set of inputs.
/// </summary>
public sealed class CiComposer
{
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "default", "include", "stages", "variables", "workflow", "image", "services", "cache",
        "before_script", "after_script", "spec", "types",
    };
    private static readonly string[] DefaultInheritable =
    {
        "after_script", "artifacts", "before_script", "cache", "hooks", "id_tokens", "image",
        "interruptible", "retry", "services", "tags", "timeout",
    };
    private static readonly string[] DefaultStages = { ".pre", "build", "test", "deploy", ".post" };
    public const int MaxExtendsDepth = 11;
    public const int MaxReferenceDepth = 10;

    private readonly Workspace _workspace;
    private readonly Dictionary<string, CiFile> _files = new(StringComparer.Ordinal);
    private readonly RuleMatcher _rules;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<ComposedConfig>> _cache = new(StringComparer.Ordinal);
    private static readonly ConditionalWeakTable<YNode, object> HasReferenceCache = new();

    public CiComposer(Workspace workspace, string rootPath, RuleMatcher rules)
    {
        _workspace = workspace;
        _rules = rules;
        RootPath = Workspace.NormalizeRelative(rootPath) ?? rootPath;
        RootFile = GetFile(RootPath, null);
    }

    private CiComposer(Workspace workspace, RuleMatcher rules)
    {
        _workspace = workspace;
        _rules = rules;
        RootPath = "";
        RootFile = CiFile.Parse("", "", workspace.Limits);
    }

    /// <summary>The composer of a repository without CI (config <c>ci: null</c>): an empty root, no file read.</summary>
    public static CiComposer None(Workspace workspace, RuleMatcher rules) => new(workspace, rules);

    public string RootPath { get; }
    public CiFile RootFile { get; }
    /// <summary>Every file read so far: the root first, then the others by path (the same order however the
    /// scenarios were scheduled).</summary>
    public IEnumerable<CiFile> LoadedFiles
    {
        get
        {
            lock (_files)
                return _files.Values.OrderBy(f => f.Path == RootPath ? 0 : 1).ThenBy(f => f.Path, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>The root file's declared inputs (without findings; <see cref="Compose"/> reports them).</summary>
    public InputSpecSet RootInputs() => InputSpecReader.ReadSpec(RootFile.Spec, new List<Finding>(), isPipeline: true, _workspace.Limits);

    private CiFile GetFile(string path, SourceSpan? requestedAt)
    {
        // Scenarios are composed on two threads (RoutingModel.Build): a file is read and parsed once, under the lock.
        // (Where an unreadable include is reported does not depend on who asked first: ProcessInclude reports it at
        // each include entry.)
        lock (_files)
        {
            if (!_files.TryGetValue(path, out var file))
            {
                file = CiFile.Load(_workspace, path, requestedAt);
                _files[path] = file;
            }
            return file;
        }
    }

    /// <summary>
    /// Composes the configuration for these pipeline inputs. <paramref name="includeScope"/> holds the variables
    /// include rules and <c>expand_vars</c> can see (predefined and pipeline variables).
    /// </summary>
    public ComposedConfig Compose(IReadOnlyDictionary<string, InputValue> inputs, IVariableScope includeScope, string scopeKey = "")
    {
        var key = string.Join('\u001f', inputs.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key}={k.Value.Type}:{k.Value.Text}")) + "\u001e" + scopeKey;
        // Thread-safe, and each distinct input set is composed once (a second thread asking for it waits for the first).
        return _cache.GetOrAdd(key, _ => new Lazy<ComposedConfig>(() => ComposeUncached(inputs, includeScope))).Value;
    }

    private ComposedConfig ComposeUncached(IReadOnlyDictionary<string, InputValue> inputs, IVariableScope includeScope)
    {
        var findings = new List<Finding>(RootFile.Findings);
        var specs = InputSpecReader.ReadSpec(RootFile.Spec, findings, isPipeline: true, _workspace.Limits);
        var resolved = InputInterpolator.Resolve(specs, inputs, RootFile.Spec?.Span ?? SourceSpan.FileStart(RootPath), findings, _workspace.Limits);
        var localFiles = new List<string> { RootPath };
        YMapping root;
        if (RootFile.Content is YMapping content)
        {
            var interpolated = InputInterpolator.Interpolate(content, resolved, includeScope, findings, _workspace.Limits) as YMapping ?? content;
            var state = new IncludeState(findings, localFiles, includeScope);
            state.Stack.Add(RootPath);
            root = ExpandIncludes(interpolated, state, 0);
        }
        else root = YMapping.Empty(RootPath);

        root = ResolveReferences(root, findings);
        var jobs = ResolveJobs(root, findings);
        var stages = ReadStages(root, findings);
        CheckStages(jobs, stages, findings);
        CheckNeeds(jobs, stages, findings);
        DowngradeWhenIncompleteConfig(findings);
        // The needs/dependencies refusals are kept apart: the routing model reports them where they block orchestration.
        var needs = findings.Where(f => f.Key.StartsWith("need-", StringComparison.Ordinal)).ToList();
        findings.RemoveAll(f => f.Key.StartsWith("need-", StringComparison.Ordinal));
        return new ComposedConfig
        {
            Root = root,
            Jobs = jobs,
            GlobalVariables = CiVariables.Read(root["variables"]),
            Workflow = root["workflow"] as YMapping,
            Stages = stages,
            Inputs = resolved,
            LocalFiles = localFiles,
            Findings = findings,
            NeedsFindings = needs,
        };
    }

    private static readonly string[] CompletenessKeys = { "extends-missing:", "reference-missing:", "job-script:", "stage:", "need-undefined:", "need-stage:" };

    /// <summary>
    /// When an include was not fetched or could not be read, a missing <c>extends</c> parent, <c>!reference</c>
    /// target, script or stage may well be defined there: those findings become <c>info</c> (and say why) instead
    /// of one error per consequence of the same unread file.
    /// </summary>
    private static void DowngradeWhenIncompleteConfig(List<Finding> findings)
    {
        var incomplete = findings.Any(f => f.Key.StartsWith("include-", StringComparison.Ordinal)
                                           || f.Message.StartsWith("include:local", StringComparison.Ordinal));
        if (!incomplete) return;
        for (var i = 0; i < findings.Count; i++)
        {
            var f = findings[i];
            if (f.Severity == Severity.Error && CompletenessKeys.Any(k => f.Key.StartsWith(k, StringComparison.Ordinal)))
                findings[i] = f with
                {
                    Severity = Severity.Info,
                    Message = f.Message + " (it may come from an include DocLint did not read)",
                };
        }
    }

    // ---------------------------------------------------------------- includes

    private sealed class IncludeState(List<Finding> findings, List<string> localFiles, IVariableScope scope)
    {
        public List<Finding> Findings { get; } = findings;
        public List<string> LocalFiles { get; } = localFiles;
        public IVariableScope Scope { get; } = scope;
        public List<string> Stack { get; } = new();
        public HashSet<string> Done { get; } = new(StringComparer.Ordinal);
        public int Count;
    }

    private YMapping ExpandIncludes(YMapping content, IncludeState state, int depth)
    {
        var includeNode = content["include"];
        if (includeNode == null) return content;
        YNode merged = YMapping.Empty(content.File);
        foreach (var entry in IncludeEntries(includeNode))
        {
            var included = ProcessInclude(entry, state, depth);
            if (included != null) merged = YTree.DeepMerge(merged, included);
        }
        var own = content.Without("include");
        return (YMapping)YTree.DeepMerge(merged, own);
    }

    private static IEnumerable<YNode> IncludeEntries(YNode node) => node is YSequence seq ? YTree.Flatten(seq) : new[] { node };

    private YMapping? ProcessInclude(YNode entry, IncludeState state, int depth)
    {
        string? local = null;
        YNode? inputsNode = null;
        YNode where = entry;
        switch (entry)
        {
            case YScalar s when !s.IsNull:
                if (s.Value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || s.Value.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                {
                    NotFetched("remote", s.Value, s, state);
                    return null;
                }
                local = s.Value;
                break;
            case YMapping m:
            {
                if (m["rules"] is { } rules)
                {
                    var match = _rules.Match(rules, state.Scope, "always", state.Findings);
                    if (!match.Matched || match.When == "never") return null;
                }
                if (m["local"] is { } l) { local = YTree.Text(l); where = l; inputsNode = m["inputs"]; break; }
                foreach (var kind in new[] { "remote", "project", "template", "component" })
                {
                    if (m[kind] is { } v)
                    {
                        var what = YTree.Text(v) ?? kind;
                        if (kind == "project" && m["file"] is { } f) what += ":" + string.Join(",", f is YSequence fs ? fs.Items.Select(YTree.Text) : new[] { YTree.Text(f) });
                        NotFetched(kind, what, v, state);
                        return null;
                    }
                }
                if (m["artifact"] is { } art)
                {
                    NotFetched("artifact", YTree.Text(art) ?? "artifact", art, state);
                    return null;
                }
                state.Findings.Add(new Finding(CiFile.ParseRule, Severity.Error,
                    "include entry has none of local, remote, project, template or component", m.Span, "include-kind"));
                return null;
            }
            default:
                state.Findings.Add(new Finding(CiFile.ParseRule, Severity.Error, "include entry must be a path or a mapping", entry.Span, "include-kind"));
                return null;
        }
        if (string.IsNullOrWhiteSpace(local))
        {
            state.Findings.Add(new Finding(CiFile.ParseRule, Severity.Error, "include:local needs a file path", where.Span, "include-empty"));
            return null;
        }

        var paths = local.Contains('*') ? GlobLocal(local, where, state) : new List<string?> { Workspace.NormalizeRelative(local.TrimStart('/')) };
        YNode merged = YMapping.Empty(entry.File);
        foreach (var path in paths)
        {
            if (path == null)
            {
                state.Findings.Add(new Finding(CiFile.ParseRule, Severity.Error,
                    $"include '{local}' points outside the repository; it was not read", where.Span, $"include-outside:{local}"));
                return null;
            }
            var one = IncludeLocal(path, entry, where, inputsNode, state, depth);
            if (one != null) merged = YTree.DeepMerge(merged, one);
        }
        return merged as YMapping;
    }


    private List<string?> GlobLocal(string pattern, YNode where, IncludeState state)
    {
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude(pattern.TrimStart('/'));
        var hits = _workspace.AllFiles().Where(f => matcher.Match(f).HasMatches).OrderBy(f => f, StringComparer.Ordinal).Cast<string?>().ToList();
        if (hits.Count == 0)
            state.Findings.Add(new Finding(CiFile.ParseRule, Severity.Error, $"include:local '{pattern}' matches no file", where.Span, $"include-glob:{pattern}"));
        return hits;
    }

    private YMapping? IncludeLocal(string path, YNode entry, YNode where, YNode? inputsNode, IncludeState state, int depth)
    {
        if (state.Stack.Contains(path))
        {
            state.Findings.Add(new Finding(CiFile.ParseRule, Severity.Error,
                $"include cycle: {string.Join(" → ", state.Stack.SkipWhile(p => p != path).Append(path))}", where.Span, $"include-cycle:{path}"));
            return null;
        }
        if (depth + 1 > _workspace.Limits.MaxIncludeDepth)
        {
            state.Findings.Add(new Finding(CiFile.ParseRule, Severity.Error,
                $"includes are nested deeper than {_workspace.Limits.MaxIncludeDepth} levels at '{path}'", where.Span, $"include-depth:{path}"));
            return null;
        }
        if (++state.Count > _workspace.Limits.MaxIncludes)
        {
            state.Findings.Add(new Finding(CiFile.ParseRule, Severity.Error,
                $"more than {_workspace.Limits.MaxIncludes} includes (GitLab's limit); '{path}' and later ones were not read", where.Span, "include-count"));
            return null;
        }
        var dedupeKey = path + "\u001f" + (inputsNode == null ? "" : Fingerprint(inputsNode));
        if (!state.Done.Add(dedupeKey)) return null;

        var file = GetFile(path, where.Span);
        if (!file.Loaded)
        {
            // A missing or unreadable include is reported where it is included, in every file that includes it.
            foreach (var f in file.Findings)
                state.Findings.Add(f.Key.StartsWith("read:", StringComparison.Ordinal)
                    ? f with { Span = where.Span, Message = $"include:local {f.Message}" }
                    : f);
            return null;
        }
        state.Findings.AddRange(file.Findings);
        if (!state.LocalFiles.Contains(path)) state.LocalFiles.Add(path);

        var specs = InputSpecReader.ReadSpec(file.Spec, state.Findings, isPipeline: false, _workspace.Limits);
        var given = new Dictionary<string, InputValue>(StringComparer.Ordinal);
        if (inputsNode is YMapping im)
            foreach (var e in im.Entries) given[e.Key.Value] = InputValue.FromNode(e.Value, e.Key);
        else if (inputsNode != null && !(inputsNode is YScalar ns && ns.IsNull))
            state.Findings.Add(new Finding(CiFile.ParseRule, Severity.Error, "include inputs: must be a mapping", inputsNode.Span, "include-inputs"));
        var values = InputInterpolator.Resolve(specs, given, (inputsNode ?? entry).Span, state.Findings, _workspace.Limits);
        var content = InputInterpolator.Interpolate(file.Content!, values, state.Scope, state.Findings, _workspace.Limits) as YMapping ?? (YMapping)file.Content!;
        state.Stack.Add(path);
        var expanded = ExpandIncludes(content, state, depth + 1);
        state.Stack.RemoveAt(state.Stack.Count - 1);
        return expanded;
    }

    private static string Fingerprint(YNode node) => node switch
    {
        YScalar s => s.Value,
        YSequence q => "[" + string.Join(",", q.Items.Select(Fingerprint)) + "]",
        YMapping m => "{" + string.Join(",", m.Entries.Select(e => e.Key.Value + ":" + Fingerprint(e.Value))) + "}",
        _ => "",
    };

    private static void NotFetched(string kind, string what, YNode node, IncludeState state) =>
        state.Findings.Add(new Finding(CiFile.ParseRule, Severity.Info,
            $"include:{kind} '{what}' is not fetched; DocLint treats it as contributing nothing", node.Span, $"include-{kind}:{what}"));

    // ---------------------------------------------------------------- !reference

    private static bool HasReference(YNode node)
    {
        if (HasReferenceCache.TryGetValue(node, out var v)) return (bool)v;
        var result = node switch
        {
            YSequence q => q.IsReference || q.Items.Any(HasReference),
            YMapping m => m.Entries.Any(e => HasReference(e.Value)),
            _ => false,
        };
        HasReferenceCache.AddOrUpdate(node, result);
        return result;
    }

    private static YMapping ResolveReferences(YMapping root, List<Finding> findings)
    {
        if (!HasReference(root)) return root;
        return (YMapping)Resolve(root, root, findings, new List<string>());
    }

    private static YNode Resolve(YNode node, YMapping root, List<Finding> findings, List<string> chain)
    {
        if (!HasReference(node)) return node;
        switch (node)
        {
            case YSequence q when q.IsReference:
                return Dereference(q, root, findings, chain);
            case YSequence q:
                return new YSequence(q.Items.Select(i => Resolve(i, root, findings, chain)).ToList(), q.File, q.Start, q.End, q.Tag);
            case YMapping m:
                return new YMapping(m.Entries.Select(e => new YEntry(e.Key, Resolve(e.Value, root, findings, chain))), m.File, m.Start, m.End, m.Tag);
            default:
                return node;
        }
    }

    private static YNode Dereference(YSequence reference, YMapping root, List<Finding> findings, List<string> chain)
    {
        var path = reference.Items.Select(YTree.Text).ToList();
        var label = "!reference [" + string.Join(", ", path) + "]";
        var empty = new YSequence(Array.Empty<YNode>(), reference.File, reference.Start, reference.End);
        if (path.Count == 0 || path.Any(p => p == null))
        {
            findings.Add(new Finding(CiFile.ParseRule, Severity.Error, $"{label} must list keys as strings", reference.Span, "reference-form"));
            return empty;
        }
        if (chain.Contains(label))
        {
            findings.Add(new Finding(CiFile.ParseRule, Severity.Error, $"{label} refers to itself (circular !reference)", reference.Span, $"reference-cycle:{label}"));
            return empty;
        }
        if (chain.Count >= MaxReferenceDepth)
        {
            findings.Add(new Finding(CiFile.ParseRule, Severity.Error,
                $"!reference tags are nested deeper than {MaxReferenceDepth} levels (GitLab's limit) at {label}", reference.Span, $"reference-depth:{label}"));
            return empty;
        }
        YNode? target = root;
        foreach (var key in path)
        {
            target = (target as YMapping)?[key!];
            if (target == null)
            {
                findings.Add(new Finding(CiFile.ParseRule, Severity.Error,
                    $"{label} points to nothing: '{key}' is not defined there", reference.Span, $"reference-missing:{label}"));
                return empty;
            }
        }
        chain.Add(label);
        var resolved = Resolve(target!, root, findings, chain);
        chain.RemoveAt(chain.Count - 1);
        return resolved;
    }

    // ---------------------------------------------------------------- extends, default, jobs

    private List<CiJob> ResolveJobs(YMapping root, List<Finding> findings)
    {
        var state = new ExtendsState();
        var jobs = new List<CiJob>();
        var defaults = root["default"] as YMapping;
        foreach (var e in root.Entries)
        {
            var name = e.Key.Value;
            if (Reserved.Contains(name)) continue;
            if (e.Value is not YMapping)
            {
                if (!name.StartsWith('.'))
                    findings.Add(new Finding(CiFile.ParseRule, Severity.Error,
                        $"job '{name}' must be a mapping of keywords", e.Key.Span, $"job-type:{name}"));
                continue;
            }
            var resolvedJob = ResolveExtends(name, root, state, findings);
            if (name.StartsWith('.') || resolvedJob == null) continue;
            var def = resolvedJob.Value.Job;
            def = ApplyDefault(def, defaults);
            if (def["script"] == null && def["run"] == null && def["trigger"] == null)
                findings.Add(new Finding(CiFile.ParseRule, Severity.Error,
                    $"job '{name}' has no script:, run: or trigger:; GitLab refuses the pipeline", e.Key.Span, $"job-script:{name}"));
            jobs.Add(new CiJob(name, e.Key, def));
        }
        return jobs;
    }

    private sealed class ExtendsState
    {
        public readonly Dictionary<string, (YMapping Job, int Levels)> Resolved = new(StringComparer.Ordinal);
        public readonly HashSet<string> Failed = new(StringComparer.Ordinal);
        public readonly List<string> Chain = new();
    }

    /// <summary>
    /// Resolves <c>extends</c> for one entry: parents in order, each deep-merged over the previous, the entry itself
    /// last. GitLab allows at most 11 levels of inheritance; cycles and unknown parents are reported once.
    /// </summary>
    private static (YMapping Job, int Levels)? ResolveExtends(string name, YMapping root, ExtendsState state, List<Finding> findings)
    {
        if (state.Resolved.TryGetValue(name, out var done)) return done;
        if (state.Failed.Contains(name) || root[name] is not YMapping job) return null;
        var extends = job["extends"];
        if (extends == null) return state.Resolved[name] = (job, 0);
        if (state.Chain.Contains(name))
        {
            var cycle = state.Chain.SkipWhile(c => c != name).ToList();
            findings.Add(new Finding(CiFile.ParseRule, Severity.Error,
                $"circular dependency in extends: {string.Join(" → ", cycle.Append(name))}", extends.Span,
                $"extends-cycle:{string.Join(",", cycle.Order(StringComparer.Ordinal))}"));
            foreach (var c in cycle) state.Failed.Add(c);
            return null;
        }
        var parents = YTree.Items(extends).Select(YTree.Text).ToList();
        YNode merged = YMapping.Empty(job.File);
        var levels = 0;
        state.Chain.Add(name);
        foreach (var parent in parents)
        {
            if (parent == null || root[parent] is not YMapping)
            {
                findings.Add(new Finding(CiFile.ParseRule, Severity.Error,
                    $"'{name}' extends '{parent}', which is not defined", extends.Span, $"extends-missing:{name}:{parent}"));
                continue;
            }
            var p = ResolveExtends(parent, root, state, findings);
            if (p == null)
            {
                state.Chain.RemoveAt(state.Chain.Count - 1);
                state.Failed.Add(name);
                return null;
            }
            levels = Math.Max(levels, p.Value.Levels + 1);
            merged = YTree.DeepMerge(merged, p.Value.Job.Without("extends"));
        }
        state.Chain.RemoveAt(state.Chain.Count - 1);
        if (levels > MaxExtendsDepth)
        {
            findings.Add(new Finding(CiFile.ParseRule, Severity.Error,
                $"'{name}' inherits through {levels} levels of extends; GitLab allows at most {MaxExtendsDepth}", extends.Span, $"extends-depth:{name}"));
            state.Failed.Add(name);
            return null;
        }
        var result = (YMapping)YTree.DeepMerge(merged, job.Without("extends"));
        return state.Resolved[name] = (result, levels);
    }

    private static YMapping ApplyDefault(YMapping job, YMapping? defaults)
    {
        if (defaults == null) return job;
        var inherit = (job["inherit"] as YMapping)?["default"];
        if (inherit is YScalar s && s.AsBool == false) return job;
        var allowed = inherit is YSequence list ? list.Items.Select(YTree.Text).ToHashSet() : null;
        var add = defaults.Entries.Where(e => DefaultInheritable.Contains(e.Key.Value) && !job.ContainsKey(e.Key.Value)
                                              && (allowed == null || allowed.Contains(e.Key.Value))).ToList();
        return add.Count == 0 ? job : job.With(add);
    }

    private static List<string> ReadStages(YMapping root, List<Finding> findings)
    {
        var node = root["stages"] ?? root["types"];
        if (node == null) return DefaultStages.ToList();
        var stages = YTree.Flatten(node).Select(YTree.Text).Where(s => s != null).Cast<string>().ToList();
        if (!stages.Contains(".pre")) stages.Insert(0, ".pre");
        if (!stages.Contains(".post")) stages.Add(".post");
        return stages;
    }

    /// <summary>
    /// GitLab's logical validation of <c>needs</c> and <c>dependencies</c> (YamlProcessor#validate_job_dependency!),
    /// which refuses every pipeline of the configuration: the named job must be defined (an undefined
    /// <c>needs:optional</c> entry is ignored), and its stage must be the same or an earlier one (<c>needs</c>) or
    /// an earlier one (<c>dependencies</c>); a need listed twice is refused too. One finding per entry, at the entry.
    /// </summary>
    private static void CheckNeeds(List<CiJob> jobs, List<string> stages, List<Finding> findings)
    {
        int? StageIndex(CiJob job)
        {
            var i = stages.IndexOf(YTree.Text(job["stage"]) ?? "test");
            return i < 0 ? null : i;
        }
        foreach (var job in jobs)
        {
            var own = StageIndex(job);
            var lists = new List<IReadOnlyList<JobNeed>> { JobNeeds.Needs(job) };
            lists.AddRange(JobNeeds.RuleNeeds(job));
            foreach (var need in lists.SelectMany(l => l).Concat(JobNeeds.Dependencies(job)))
            {
                var kind = need.IsDependency ? "dependency" : "need";
                var target = Target(jobs, need.Name);
                if (target == null)
                {
                    if (need.Optional) continue;
                    findings.Add(new Finding(CiFile.ParseRule, Severity.Error,
                        $"GitLab refuses this pipeline: \"{job.Name} job: undefined {kind}: {need.Name}\" (no job '{need.Name}' is defined)",
                        need.Node.Span, $"need-undefined:{job.Name}:{need.Name}"));
                    continue;
                }
                if (ReferenceEquals(target, job))
                {
                    findings.Add(new Finding(CiFile.ParseRule, Severity.Error,
                        $"GitLab refuses this pipeline: \"{job.Name} job: {kind} should not contain itself\"",
                        need.Node.Span, $"need-self:{job.Name}"));
                    continue;
                }
                var theirs = StageIndex(target);
                if (own == null || theirs == null) continue; // an undeclared stage is reported by CheckStages
                if (theirs <= own) continue;
                findings.Add(new Finding(CiFile.ParseRule, Severity.Error,
                    $"GitLab refuses this pipeline: \"{job.Name} job: {kind} {need.Name} is not defined in current or prior stages\" ('{need.Name}' runs in stage {stages[theirs.Value]}, after {job.Name}'s stage {stages[own.Value]})",
                    need.Node.Span, $"need-stage:{job.Name}:{need.Name}"));
            }
            foreach (var twice in lists.SelectMany(l => l.GroupBy(n => n.Name, StringComparer.Ordinal)).Where(g => g.Count() > 1))
                findings.Add(new Finding(CiFile.ParseRule, Severity.Error,
                    $"GitLab refuses this pipeline: \"{job.Name} has the following needs duplicated: {twice.Key}.\"",
                    twice.Skip(1).First().Node.Span, $"need-twice:{job.Name}:{twice.Key}"));
        }
    }

    /// <summary>The job a need names: by name, or a <c>parallel</c> instance of it (<c>job 1/2</c>, <c>job: [a, b]</c>).</summary>
    internal static CiJob? Target(IReadOnlyList<CiJob> jobs, string name)
    {
        foreach (var j in jobs) if (j.Name == name) return j;
        foreach (var j in jobs)
            if (j["parallel"] != null && name.Length > j.Name.Length && name.StartsWith(j.Name, StringComparison.Ordinal)
                && name[j.Name.Length] is ' ' or ':')
                return j;
        return null;
    }

    private static void CheckStages(List<CiJob> jobs, List<string> stages, List<Finding> findings)
    {
        foreach (var job in jobs)
        {
            var stage = YTree.Text(job["stage"]) ?? "test";
            if (!stages.Contains(stage))
                findings.Add(new Finding(CiFile.ParseRule, Severity.Error,
                    $"job '{job.Name}' uses stage '{stage}', which is not in stages: ({string.Join(", ", stages)})",
                    (job["stage"] ?? job.KeyNode).Span, $"stage:{job.Name}"));
        }
    }
}
