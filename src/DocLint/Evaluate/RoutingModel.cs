using DocLint.Findings;
using DocLint.Load;
using DocLint.Parse.GitLab;
using DocLint.Parse.GitLab.Inputs;
using DocLint.Parse.Yaml;

namespace DocLint.Evaluate;

/// <summary>
/// The routing model of CONTRACT §3: the scenarios an operator (or automation) can start, and for each the
/// orchestration triggers GitLab would create. This is what <c>explain</c> prints and the CI rules judge.
/// </summary>
public sealed class RoutingModel
{
    public static readonly string[] LegacySources = { "api", "schedule", "trigger", "web" };

    private RoutingModel(DocLintConfig config, CiComposer composer, InputSpecSet inputs, Catalogue catalogue,
        IReadOnlyList<ScenarioOutcome> outcomes, IReadOnlyList<Finding> findings, IReadOnlyList<Finding> catalogueFindings)
    {
        CatalogueFindings = catalogueFindings;
        Config = config;
        Composer = composer;
        Inputs = inputs;
        Catalogue = catalogue;
        Outcomes = outcomes;
        Findings = findings;
    }

    public DocLintConfig Config { get; }
    public CiComposer Composer { get; }
    /// <summary>The root file's declared inputs.</summary>
    public InputSpecSet Inputs { get; }
    public Catalogue Catalogue { get; }
    public IReadOnlyList<ScenarioOutcome> Outcomes { get; }
    /// <summary>Problems found while composing and evaluating (ci-parse), deduplicated.</summary>
    public IReadOnlyList<Finding> Findings { get; }
    /// <summary>Problems in the catalogue file (project-options), when <c>catalogue:</c> names one.</summary>
    public IReadOnlyList<Finding> CatalogueFindings { get; }
    /// <summary>False for <c>ci: null</c>: no CI file, no scenarios, and the CI rules do not run.</summary>
    public bool HasCi => Config.Ci != null;

    public static RoutingModel Build(Workspace workspace, DocLintConfig config) =>
        Build(workspace, config, parallel: Environment.ProcessorCount > 1);

    /// <param name="parallel">True: two threads share the scenarios (when there are enough of them), whatever the
    /// number of cores; false: every scenario on this thread, in order. The tests compare both ways.</param>
    internal static RoutingModel Build(Workspace workspace, DocLintConfig config, bool parallel)
    {
        var rules = new RuleMatcher(workspace.AnyFileMatches, workspace.Limits.RegexTimeout, workspace.Limits.RegexBudget);
        var composer = config.Ci == null ? CiComposer.None(workspace, rules) : new CiComposer(workspace, config.Ci, rules);
        var inputs = config.Ci == null ? InputSpecSet.None : composer.RootInputs();
        var sink = new FindingSink();

        var catalogueFindings = new List<Finding>();
        var catalogue = config.Catalogue == "ci"
            ? Catalogue.FromNames(OptionValues(inputs, config.Inputs.Project).Where(o => o.Value != config.AllSelector))
            : Catalogue.Load(workspace, config.Catalogue, catalogueFindings);
        // A catalogue file that cannot be read is one defect, reported where the config names it (the place to fix it).
        if (catalogue is { FromFile: true, Read: false } && ConfigLocation.Of(workspace, config, config.Catalogue, "catalogue") is { } named)
            for (var i = 0; i < catalogueFindings.Count; i++)
                catalogueFindings[i] = catalogueFindings[i] with { Span = named };
        // `ci: null`: no CI configuration; an empty model (only the catalogue), so only docs and playbook rules run.
        if (config.Ci == null) return new RoutingModel(config, composer, inputs, catalogue, [], [], catalogueFindings);

        var outcomes = new List<ScenarioOutcome>();
        var rootUnreadable = composer.RootFile.Content == null;
        var rootInputs = composer.RootFile.Spec?.Span ?? SourceSpan.FileStart(composer.RootPath); // where root input findings are reported
        var reportedIfs = new HashSet<(string, int)>();
        var scenarios = Scenarios(config, inputs).ToList();
        var runs = Run(scenarios, composer, rules, workspace.Limits, config, parallel);
        foreach (var run in runs)
        {
            var (scenario, composed, pipeline, findings) = run;
            var triggers = Triggers(pipeline, config, catalogue);
            // A pipeline GitLab refuses at creation (a need on a job absent here) creates nothing. The refusal is a
            // finding when it decides whether the operator's choice starts something: the refused pipeline holds an
            // orchestration trigger (rules/ci-parse.md); elsewhere it is only the reason explain shows.
            if (!pipeline.Created)
            {
                if (pipeline.Refusal is { } refused && triggers.Count > 0) findings.Add(refused);
                triggers = [];
            }
            var all = composed.Findings.Concat(findings).ToList();
            if (Orchestrates(composed, config)) all.AddRange(composed.NeedsFindings);
            // GitLab validates the whole configuration before it creates anything: an error refuses the pipeline.
            var refusal = rootUnreadable ? composer.RootFile.Findings.FirstOrDefault() : all.FirstOrDefault(f => f.Severity == Severity.Error);
            foreach (var f in all)
            {
                // A root input without a default is input-surface's finding (CONTRACT §5.1), not again ci-parse's.
                if (f.Key.EndsWith(":missing", StringComparison.Ordinal) && f.Key.StartsWith("input:", StringComparison.Ordinal) && f.Span == rootInputs) continue;
                // One finding per rejected rules:if, not one per interpolation of it.
                if (f.Key.StartsWith("if:", StringComparison.Ordinal) && !reportedIfs.Add((f.Span.Path, f.Span.Line))) continue;
                sink.Add(f);
            }
            outcomes.Add(new ScenarioOutcome(scenario, pipeline, triggers) { Refusal = refusal });
        }
        if (rootUnreadable) sink.AddRange(composer.RootFile.Findings);
        return new RoutingModel(config, composer, inputs, catalogue, outcomes, sink.Items, catalogueFindings);
    }

    /// <summary>Scenarios from this many on are composed and evaluated on two threads.</summary>
    private const int ParallelFrom = 8;

    private readonly record struct ScenarioRun(Scenario Scenario, ComposedConfig Composed, PipelineResult Pipeline, List<Finding> Findings);

    /// <summary>
    /// Composes and evaluates every scenario. With enough of them (and a second core) two threads share the work: this
    /// one takes scenarios from the front, a helper from the back, each with an evaluator of its own, until they meet.
    /// The helper's results are kept only if they are what evaluating them after the front part gives
    /// (<see cref="PipelineEvaluator.SameAsInSequence"/>: no expansion bound was hit, so the order did not matter);
    /// otherwise its part is evaluated again, in order, after the front part. Either way the model is the same on any
    /// machine, however the threads were scheduled.
    /// </summary>
    private static ScenarioRun[] Run(List<Scenario> scenarios, CiComposer composer, RuleMatcher rules, Limits limits, DocLintConfig config, bool parallel)
    {
        var runs = new ScenarioRun[scenarios.Count];
        var front = new PipelineEvaluator(rules, limits);
        if (!parallel || scenarios.Count < ParallelFrom)
        {
            for (var i = 0; i < scenarios.Count; i++) runs[i] = RunOne(scenarios[i], composer, front, config);
            return runs;
        }
        // next: the front's next index; last: the back's next index. A side claims an index under the lock. The helper
        // runs on the thread pool; if it has not started by the time the front is done (the pool busy reading docs), it
        // is told not to, so this thread never waits for a pool thread.
        int next = 0, last = scenarios.Count - 1;
        bool closed = false, started = false;
        var gate = new object();
        var finished = new ManualResetEventSlim(); // not disposed: a helper told not to start still sets it, later
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? failure = null;
        int? Claim(bool fromFront)
        {
            lock (gate)
            {
                if (next > last) return null;
                return fromFront ? next++ : last--;
            }
        }
        var back = new PipelineEvaluator(rules, limits);
        ThreadPool.UnsafeQueueUserWorkItem(_ =>
        {
            try
            {
                lock (gate)
                {
                    if (closed) return;
                    started = true;
                }
                while (Claim(fromFront: false) is { } i) runs[i] = RunOne(scenarios[i], composer, back, config);
            }
            catch (Exception e) { failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e); }
            finally { finished.Set(); }
        }, null);
        while (Claim(fromFront: true) is { } i) runs[i] = RunOne(scenarios[i], composer, front, config);
        bool wait;
        lock (gate)
        {
            closed = true;
            wait = started;
        }
        if (wait) finished.Wait();
        failure?.Throw();
        if (!PipelineEvaluator.SameAsInSequence(front, back))
            for (var i = next; i < scenarios.Count; i++) runs[i] = RunOne(scenarios[i], composer, front, config);
        return runs;
    }

    private static ScenarioRun RunOne(Scenario scenario, CiComposer composer, PipelineEvaluator evaluator, DocLintConfig config)
    {
        var findings = new List<Finding>();
        var scope = PipelineEvaluator.Predefined(scenario, config.DefaultBranch);
        foreach (var (k, v) in scenario.Variables) scope.Set(k, v);
        var scopeKey = composer.RootFile.Content is YMapping ? scenario.Source + "|" + string.Join(",", scenario.Variables.Select(kv => kv.Key + "=" + kv.Value)) : "";
        var composed = composer.Compose(scenario.Inputs, scope, scopeKey);
        var pipeline = evaluator.Evaluate(composed, scenario, config.DefaultBranch, findings);
        return new ScenarioRun(scenario, composed, pipeline, findings);
    }

    /// <summary>
    /// True when some job with <c>trigger:</c> passes a configured signal or an <c>ORCHESTRATION_*</c> name (in its
    /// variables or a rule's): a refusal of the pipeline then decides whether an operator's choice starts anything.
    /// </summary>
    private static bool Orchestrates(ComposedConfig composed, DocLintConfig config)
    {
        bool IsSignal(string name) => config.Signals.Contains(name) || name.StartsWith("ORCHESTRATION_", StringComparison.Ordinal);
        return composed.Jobs.Any(j => j["trigger"] != null
            && (CiVariables.Read(j["variables"]).Any(v => IsSignal(v.Name))
                || YTree.Items(j["rules"]).OfType<YMapping>().Any(r => CiVariables.Read(r["variables"]).Any(v => IsSignal(v.Name)))));
    }

    /// <summary>True when the root CI file could not be read or parsed: nothing about the pipeline can be judged.</summary>
    public bool RootUnreadable => Composer.RootFile.Content == null;

    private static IEnumerable<(string Value, SourceSpan Span)> OptionValues(InputSpecSet inputs, string name) =>
        inputs.Inputs.TryGetValue(name, out var spec) && spec.Options != null
            ? spec.Options.OfType<YScalar>().Select(o => (o.AsText, o.Span))
            : Enumerable.Empty<(string, SourceSpan)>();

    /// <summary>The scenarios of CONTRACT §3: ui (every action × project × confirm), legacy, push.</summary>
    public static IEnumerable<Scenario> Scenarios(DocLintConfig config, InputSpecSet inputs)
    {
        var names = config.Inputs;
        var actions = OptionValues(inputs, names.Action).Select(o => o.Value).Distinct().ToList();
        var projects = OptionValues(inputs, names.Project).Select(o => o.Value).Distinct().ToList();
        var confirmIsBool = inputs.Inputs.TryGetValue(names.Confirm, out var confirmSpec) && confirmSpec.Type == InputType.Boolean;
        var empty = new Dictionary<string, string>();
        if (inputs.Inputs.ContainsKey(names.Action) || inputs.Inputs.ContainsKey(names.Project))
        {
            if (actions.Count == 0 && inputs.Inputs.ContainsKey(names.Action)) actions.Add(DefaultText(inputs, names.Action) ?? "");
            if (projects.Count == 0 && inputs.Inputs.ContainsKey(names.Project)) projects.Add(DefaultText(inputs, names.Project) ?? "");
            foreach (var action in actions.DefaultIfEmpty(null))
            foreach (var project in projects.DefaultIfEmpty(null))
            foreach (var confirm in new[] { true, false })
            {
                var given = new Dictionary<string, InputValue>(StringComparer.Ordinal);
                if (action != null) given[names.Action] = InputValue.Of(action);
                if (project != null) given[names.Project] = InputValue.Of(project);
                if (inputs.Inputs.ContainsKey(names.Confirm))
                    given[names.Confirm] = confirmIsBool ? InputValue.Of(confirm) : InputValue.Of(confirm ? "true" : "false");
                else if (!confirm) continue; // without a confirm input there is only one way to start it
                yield return new Scenario(ScenarioKind.Ui, "web", given, empty);
            }
        }
        var defaults = new Dictionary<string, InputValue>();
        foreach (var action in config.Actions)
        {
            if (action.LegacyVariable == null) continue;
            foreach (var source in LegacySources)
                yield return new Scenario(ScenarioKind.Legacy, source, defaults,
                    new Dictionary<string, string> { [action.LegacyVariable] = "true" });
        }
        yield return new Scenario(ScenarioKind.Push, "push", defaults, empty);
    }

    private static string? DefaultText(InputSpecSet inputs, string name) =>
        inputs.Inputs.TryGetValue(name, out var s) && s.Default is YScalar d ? d.AsText : null;

    private static List<OrchestrationTrigger> Triggers(PipelineResult pipeline, DocLintConfig config, Catalogue catalogue)
    {
        var signals = config.Signals.ToHashSet(StringComparer.Ordinal);
        var list = new List<OrchestrationTrigger>();
        foreach (var job in pipeline.Jobs)
        {
            if (job.Trigger is not { } t || t.IsChildPipeline) continue;
            var target = catalogue.Match(t.Project);
            var passesSignal = t.PassedVariables.Keys.Any(k => signals.Contains(k) || k.StartsWith("ORCHESTRATION_", StringComparison.Ordinal));
            if (!passesSignal && target == null) continue;
            list.Add(new OrchestrationTrigger(job, t.Project, t.Branch, t.PassedVariables, target));
        }
        return list;
    }
}
