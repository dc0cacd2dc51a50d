using DocLint.Findings;
using DocLint.Load;
using DocLint.Parse.GitLab;
using DocLint.Parse.Yaml;

namespace DocLint.Evaluate;

/// <summary>
/// Decides, for one scenario, which jobs GitLab creates from a <see cref="ComposedConfig"/>: <c>workflow:rules</c>,
/// job <c>rules</c> (or <c>only</c>/<c>except</c>), <c>parallel</c>/<c>parallel:matrix</c> expansion, variables with
/// GitLab's precedence, and what each trigger job passes downstream.
/// </summary>
public sealed class PipelineEvaluator
{
    public const int MaxMatrixJobs = 200;

    private readonly RuleMatcher _rules;
    private readonly Limits _limits;

    private readonly ExpansionBudget _budget;
    private readonly HashSet<string> _reportedExpansions = new(StringComparer.Ordinal);

    public PipelineEvaluator(RuleMatcher rules, Limits limits)
    {
        _rules = rules;
        _limits = limits;
        _budget = new ExpansionBudget(limits.MaxVariableValueChars, limits.MaxVariableExpansionChars);
    }

    /// <summary>
    /// True when <paramref name="later"/>, run at the same time as <paramref name="earlier"/> with a fresh expansion
    /// budget, decided exactly what it would have decided running after it: neither hit a bound, and both together stayed
    /// within the run's total. (Expansion only depends on the budget once a bound is hit.)
    /// </summary>
    public static bool SameAsInSequence(PipelineEvaluator earlier, PipelineEvaluator later) =>
        !earlier._budget.Hit && !later._budget.Hit && earlier._budget.Used + later._budget.Used < earlier._budget.MaxTotalChars;

    /// <summary>The predefined variables DocLint models for a scenario (CONTRACT §3).</summary>
    public static VariableSet Predefined(Scenario scenario, string defaultBranch)
    {
        var v = new VariableSet();
        v.Set("CI_PIPELINE_SOURCE", scenario.Source, expand: false);
        v.Set("CI_COMMIT_BRANCH", defaultBranch, expand: false);
        v.Set("CI_COMMIT_REF_NAME", defaultBranch, expand: false);
        v.Set("CI_DEFAULT_BRANCH", defaultBranch, expand: false);
        return v;
    }

    public PipelineResult Evaluate(ComposedConfig config, Scenario scenario, string defaultBranch, ICollection<Finding> findings)
    {
        var predefined = Predefined(scenario, defaultBranch);
        predefined.Budget = _budget;
        var global = new List<CiVariable>(config.GlobalVariables);

        if (config.Workflow?["rules"] is { } workflowRules)
        {
            var scope = Layer(predefined, global, null, null, null, scenario.Variables);
            var match = _rules.Match(workflowRules, scope, "always", findings);
            if (!match.Matched) return new PipelineResult(false, "no workflow:rules entry matches", Array.Empty<CreatedJob>());
            if (match.When == "never") return new PipelineResult(false, "workflow:rules says when: never", Array.Empty<CreatedJob>());
            // The matched rule's variables are merged into the global variables.
            global = global.Where(g => match.Variables.All(w => w.Name != g.Name)).Concat(match.Variables).ToList();
        }

        var created = new List<CreatedJob>();
        foreach (var job in config.Jobs)
        {
            var inherited = InheritedGlobals(job, global);
            var jobVariables = CiVariables.Read(job["variables"]);
            // The predefined, inherited global and job variables: one layer per job, under every instance's own.
            var jobLayer = Layer(predefined, inherited, jobVariables, null, null, null);
            // The job's own YAML variables (inherited global and job), under each created instance's matrix and rules ones.
            var ownJob = Layer(new VariableSet { Budget = _budget }, inherited, jobVariables, null, null, null);
            var instances = Instances(job, findings);
            var shared = instances.Count > 1 && DecisionIgnoresMatrix(job, instances, jobLayer, scenario.Variables);
            (string When, YMapping? Rule, IReadOnlyList<CiVariable> Variables)? sharedDecision = null;
            var decided = false;
            foreach (var (instanceName, matrix) in instances)
            {
                VariableSet? scope = null;
                (string When, YMapping? Rule, IReadOnlyList<CiVariable> Variables)? decision;
                if (decided) decision = sharedDecision;
                else
                {
                    scope = Layer(jobLayer, null, null, matrix, null, scenario.Variables);
                    decision = Decide(job, scope, scenario, defaultBranch, findings);
                    ReportExpansionLimit(job, inherited, jobVariables, Array.Empty<CiVariable>(), findings);
                    (sharedDecision, decided) = (decision, shared);
                }
                if (decision == null) continue;
                var (when, rule, ruleVariables) = decision.Value;
                if (ruleVariables.Count > 0 || scope == null) scope = Layer(jobLayer, null, null, matrix, ruleVariables, scenario.Variables);

                var own = Layer(ownJob, null, null, matrix, ruleVariables, null);
                // The job's yaml variables (global as inherited, job, matrix, rules:variables; the later wins) with the values
                // GitLab passes downstream: expanded once against the job's scope (docs/variables.md).
                var ownValues = own.Names.ToDictionary(n => n, n => own.DownstreamValueIn(n, scope)!, StringComparer.Ordinal);
                var trigger = job["trigger"] is { } t ? ReadTrigger(t, scope, ownValues, scenario) : null;
                created.Add(new CreatedJob(instanceName, job, matrix, when, ownValues, rule, trigger));
                ReportExpansionLimit(job, inherited, jobVariables, ruleVariables, findings);
                if (created.Count > _limits.MaxJobsPerScenario)
                {
                    findings.Add(new Finding(CiFile.ParseRule, Severity.Error,
                        $"more than {_limits.MaxJobsPerScenario} jobs in one pipeline; evaluation stopped at '{instanceName}'",
                        job.KeyNode.Span, "jobs-limit"));
                    return new PipelineResult(true, null, created);
                }
            }
        }
        return Refused(config, created) ?? new PipelineResult(true, null, created);
    }

    /// <summary>
    /// What GitLab checks when it creates the pipeline from the jobs that matched (Pipeline::Seed::Build, Chain::Populate):
    /// a <c>needs</c> entry (not <c>optional: true</c>) on a defined job that is absent from this pipeline refuses it,
    /// and so does a pipeline with no job outside <c>.pre</c>/<c>.post</c> ("No stages / jobs for this pipeline.").
    /// </summary>
    private static PipelineResult? Refused(ComposedConfig config, List<CreatedJob> created)
    {
        foreach (var job in created)
            foreach (var need in JobNeeds.Created(job.Job, job.MatchedRule))
            {
                if (need.Optional || CiComposer.Target(config.Jobs, need.Name) == null) continue; // undefined: the static finding
                if (created.Any(c => c.Name == need.Name || c.Job.Name == need.Name)) continue;
                var reason = $"'{job.Job.Name}' job needs '{need.Name}' job, but '{need.Name}' does not exist in the pipeline";
                var finding = new Finding(CiFile.ParseRule, Severity.Error,
                    $"GitLab refuses this pipeline: {reason} (its rules do not create it here; mark the need optional: true, or create '{need.Name}' whenever '{job.Job.Name}' runs)",
                    need.Node.Span, $"need-absent:{job.Job.Name}:{need.Name}");
                return new PipelineResult(false, reason, created) { Refusal = finding };
            }
        var stages = created.Select(c => YTree.Text(c.Job["stage"]) ?? "test");
        if (stages.All(s => s is ".pre" or ".post"))
            return new PipelineResult(false, created.Count == 0 ? "no job is created" : "only .pre/.post jobs are created", created);
        return null;
    }

    /// <summary>
    /// A variable whose expansion hit a bound of the <see cref="ExpansionBudget"/>: one finding per run and bound, at the
    /// first variable that hit it (the others that then grow too large are the same defect).
    /// </summary>
    private void ReportExpansionLimit(CiJob job, IReadOnlyList<CiVariable> inherited, IReadOnlyList<CiVariable> jobVariables,
        IReadOnlyList<CiVariable> ruleVariables, ICollection<Finding> findings)
    {
        if (_budget.TakeExceeded() is not { } hit) return;
        var name = hit.Name ?? "(trigger)";
        if (!_reportedExpansions.Add(hit.Total ? "total" : "value")) return;
        var definition = ruleVariables.Concat(jobVariables).Concat(inherited).FirstOrDefault(v => v.Name == name);
        var span = definition?.KeyNode.Span ?? job.KeyNode.Span;
        var message = hit.Total
            ? $"CI/CD variables expand to more than {_budget.MaxTotalChars} characters in all (at '{name}' in job '{job.Name}'); DocLint stopped expanding variables, so values from here on are evaluated unexpanded"
            : $"variable '{name}' expands to more than {_budget.MaxValueChars} characters (a variable that repeats another many times over?); DocLint does not expand it";
        findings.Add(new Finding(CiFile.ParseRule, Severity.Error, message, span, hit.Total ? "variables-limit" : $"variable-limit:{name}"));
    }

    private static VariableSet Layer(VariableSet predefined, IReadOnlyList<CiVariable>? global, IReadOnlyList<CiVariable>? job,
        IReadOnlyDictionary<string, string>? matrix, IReadOnlyList<CiVariable>? rule, IReadOnlyDictionary<string, string>? pipeline)
    {
        var v = new VariableSet(predefined);
        if (global != null) foreach (var g in global) v.Set(g.Name, g.Value, g.Expand);
        if (job != null) foreach (var j in job) v.Set(j.Name, j.Value, j.Expand);
        if (matrix != null) foreach (var (k, val) in matrix) v.Set(k, val);
        if (rule != null) foreach (var r in rule) v.Set(r.Name, r.Value, r.Expand);
        if (pipeline != null) foreach (var (k, val) in pipeline) v.Set(k, val);
        return v;
    }

    /// <summary>
    /// True when every instance of a <c>parallel</c> job gets the same <c>rules</c> decision, so it is taken once: each
    /// <c>if:</c> parses, and no variable it reads is a matrix variable or has a value that expands other variables
    /// (a matrix value could reach it through them). Otherwise each instance is decided in its own scope, as GitLab does.
    /// </summary>
    private bool DecisionIgnoresMatrix(CiJob job, IReadOnlyList<(string Name, IReadOnlyDictionary<string, string>? Matrix)> instances,
        VariableSet jobLayer, IReadOnlyDictionary<string, string> pipeline)
    {
        if (job["rules"] is not { } rules) return false;
        foreach (var item in YTree.Flatten(rules))
        {
            if (item is not YMapping rule) return false;
            if (rule["if"] is not { } ifNode) continue;
            if (ifNode is not YScalar text || _rules.Parse(text.Value).Expr is not { } expr) return false;
            foreach (var name in expr.VariableNames)
            {
                foreach (var (_, matrix) in instances)
                    if (matrix != null && matrix.ContainsKey(name)) return false;
                var value = pipeline.TryGetValue(name, out var given) ? given : jobLayer.Raw(name);
                if (value != null && (value.Contains('$') || value.Contains('%'))) return false;
            }
        }
        return true;
    }

    /// <summary>Global variables the job inherits: <c>inherit:variables</c> true (default), false, or a list of names.</summary>
    private static IReadOnlyList<CiVariable> InheritedGlobals(CiJob job, IReadOnlyList<CiVariable> global)
    {
        var inherit = (job["inherit"] as YMapping)?["variables"];
        return inherit switch
        {
            YScalar s when s.AsBool == false => Array.Empty<CiVariable>(),
            YSequence list => global.Where(g => list.Items.Any(i => YTree.Text(i) == g.Name)).ToList(),
            _ => global,
        };
    }

    /// <summary>Matrix instances with GitLab's names (<c>job: [a, b]</c>); <c>parallel: N</c> gives <c>job 1/N</c>.</summary>
    private IReadOnlyList<(string Name, IReadOnlyDictionary<string, string>? Matrix)> Instances(CiJob job, ICollection<Finding> findings)
    {
        var parallel = job["parallel"];
        if (parallel == null) return new[] { (job.Name, (IReadOnlyDictionary<string, string>?)null) };
        if (parallel is YScalar ps && int.TryParse(ps.Value, out var n))
        {
            if (n < 1 || n > MaxMatrixJobs)
                findings.Add(new Finding(CiFile.ParseRule, Severity.Error,
                    $"parallel: {n} is outside GitLab's range 1..{MaxMatrixJobs}", ps.Span, $"parallel:{job.Name}"));
            return Enumerable.Range(1, Math.Clamp(n, 1, _limits.MaxJobsPerScenario)).Select(i => ($"{job.Name} {i}/{n}", (IReadOnlyDictionary<string, string>?)null)).ToList();
        }
        if (parallel is not YMapping pm || pm["matrix"] is not YSequence matrix)
        {
            findings.Add(new Finding(CiFile.ParseRule, Severity.Error, "parallel: must be a number or have a matrix: list", parallel.Span, $"parallel:{job.Name}"));
            return new[] { (job.Name, (IReadOnlyDictionary<string, string>?)null) };
        }
        var result = new List<(string, IReadOnlyDictionary<string, string>?)>();
        foreach (var entry in matrix.Items)
        {
            if (entry is not YMapping em)
            {
                findings.Add(new Finding(CiFile.ParseRule, Severity.Error, "each parallel:matrix entry must be a mapping of variables", entry.Span, $"matrix-entry:{job.Name}"));
                continue;
            }
            IEnumerable<List<(string Key, string Value)>> product = new[] { new List<(string, string)>() };
            foreach (var e in em.Entries)
            {
                var values = e.Value is YSequence vs ? vs.Items.Select(i => YTree.Text(i) ?? "").ToList() : new List<string> { YTree.Text(e.Value) ?? "" };
                var key = e.Key.Value;
                product = product.SelectMany(p => values.Select(v => new List<(string, string)>(p) { (key, v) })).ToList();
                if (product.Count() > _limits.MaxJobsPerScenario) break;
            }
            foreach (var combo in product)
            {
                if (combo.Count == 0) continue;
                var name = $"{job.Name}: [{string.Join(", ", combo.Select(c => c.Value))}]";
                result.Add((name, combo.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal)));
                if (result.Count > _limits.MaxJobsPerScenario) break;
            }
        }
        if (result.Count > MaxMatrixJobs)
            findings.Add(new Finding(CiFile.ParseRule, Severity.Error,
                $"parallel:matrix of '{job.Name}' generates {result.Count} jobs; GitLab refuses more than {MaxMatrixJobs} (\"matrix config generates too many jobs\")",
                (pm.KeyNode("matrix") ?? (YNode)matrix).Span, $"matrix-limit:{job.Name}"));
        return result;
    }

    /// <summary>Whether the job instance is created, and how (null: not created).</summary>
    private (string When, YMapping? Rule, IReadOnlyList<CiVariable> Variables)? Decide(
        CiJob job, VariableSet scope, Scenario scenario, string defaultBranch, ICollection<Finding> findings)
    {
        var jobWhen = YTree.Text(job["when"]) ?? "on_success";
        if (job["rules"] is { } rules)
        {
            var match = _rules.Match(rules, scope, jobWhen, findings);
            if (!match.Matched || match.When == "never") return null;
            return (match.When, match.Rule, match.Variables);
        }
        if (jobWhen == "never") return null;
        if (!OnlyExcept(job, scope, scenario, defaultBranch, findings)) return null;
        return (jobWhen, null, Array.Empty<CiVariable>());
    }

    private static readonly Dictionary<string, string> SourceKeyword = new(StringComparer.Ordinal)
    {
        ["push"] = "pushes", ["web"] = "web", ["api"] = "api", ["schedule"] = "schedules", ["trigger"] = "triggers",
        ["merge_request_event"] = "merge_requests", ["external"] = "external", ["pipeline"] = "pipelines",
        ["parent_pipeline"] = "pipelines", ["chat"] = "chat", ["external_pull_request_event"] = "external_pull_requests",
    };

    /// <summary>The legacy <c>only</c>/<c>except</c> keywords (refs and variables) for a branch pipeline.</summary>
    private bool OnlyExcept(CiJob job, VariableSet scope, Scenario scenario, string branch, ICollection<Finding> findings)
    {
        bool Applies(YNode node, bool isOnly)
        {
            YNode? refs = node is YMapping m ? m["refs"] : node;
            var refsOk = refs == null ? isOnly : YTree.Flatten(refs is YSequence ? refs : new YSequence(new[] { refs }, refs.File, refs.Start, refs.End))
                .Select(YTree.Text).Any(r => RefMatches(r, scenario.Source, branch));
            if (node is YMapping mm && mm["variables"] is { } vars)
            {
                var varsOk = YTree.Flatten(vars is YSequence ? vars : new YSequence(new[] { vars }, vars.File, vars.Start, vars.End))
                    .Any(v => _rules.EvaluateIf(v, scope, findings));
                return isOnly ? (refs == null || refsOk) && varsOk : (refs == null || refsOk) && varsOk;
            }
            return refsOk;
        }
        if (job["only"] is { } only && !Applies(only, true)) return false;
        if (job["except"] is { } except && Applies(except, false)) return false;
        return true;
    }

    private static bool RefMatches(string? r, string source, string branch)
    {
        if (r == null) return false;
        if (r == "branches") return true;
        if (r == "tags") return false;
        if (SourceKeyword.TryGetValue(source, out var kw) && r == kw) return true;
        if (SourceKeyword.ContainsValue(r)) return false;
        if (r.Length > 2 && r[0] == '/' && r.LastIndexOf('/') > 0)
        {
            try
            {
                var end = r.LastIndexOf('/');
                var opts = r[(end + 1)..].Contains('i') ? System.Text.RegularExpressions.RegexOptions.IgnoreCase : 0;
                return System.Text.RegularExpressions.Regex.IsMatch(branch, r[1..end],
                    opts | System.Text.RegularExpressions.RegexOptions.NonBacktracking, TimeSpan.FromMilliseconds(100));
            }
            catch (Exception) { return false; }
        }
        return r == branch;
    }

    private static TriggerInfo ReadTrigger(YNode trigger, VariableSet scope, IReadOnlyDictionary<string, string> ownValues, Scenario scenario)
    {
        string? project = null, branch = null, strategy = null;
        YNode? projectNode = null;
        var child = false;
        bool yamlVariables = true, pipelineVariables = false;
        switch (trigger)
        {
            case YScalar s:
                project = scope.ExpandText(s.AsText);
                projectNode = s;
                break;
            case YMapping m:
                projectNode = m["project"];
                if (YTree.Text(m["project"]) is { } p) project = scope.ExpandText(p);
                if (YTree.Text(m["branch"]) is { } b) branch = VariableSet.ExpandOnce(b, scope.Raw, scope.Budget); // Ci::Bridge#target_ref
                strategy = YTree.Text(m["strategy"]);
                child = m["include"] != null && m["project"] == null;
                if (m["forward"] is YMapping fw)
                {
                    if ((fw["yaml_variables"] as YScalar)?.AsBool is { } yv) yamlVariables = yv;
                    if ((fw["pipeline_variables"] as YScalar)?.AsBool is { } pv) pipelineVariables = pv;
                }
                break;
        }
        var passed = new Dictionary<string, string>(StringComparer.Ordinal);
        if (yamlVariables) foreach (var (k, v) in ownValues) passed[k] = v;
        if (pipelineVariables) foreach (var (k, v) in scenario.Variables) passed[k] = VariableSet.ExpandOnce(v, scope.Raw, scope.Budget, k);
        return new TriggerInfo(project, branch, strategy, child, passed, trigger, projectNode);
    }
}
