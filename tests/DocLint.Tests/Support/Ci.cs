using DocLint.Evaluate;
using DocLint.Findings;
using DocLint.Load;
using DocLint.Parse.GitLab;
using DocLint.Parse.GitLab.Inputs;

namespace DocLint.Tests.Support;

/// <summary>Composes and evaluates a CI configuration held in a <see cref="TempRepo"/>.</summary>
public static class Ci
{
    public static (CiComposer Composer, PipelineEvaluator Evaluator) Open(TempRepo repo, string root = ".gitlab-ci.yml", Limits? limits = null)
    {
        var ws = repo.Workspace(limits);
        var rules = new RuleMatcher(ws.AnyFileMatches, ws.Limits.RegexTimeout);
        return (new CiComposer(ws, root, rules), new PipelineEvaluator(rules, ws.Limits));
    }

    public static ComposedConfig Compose(TempRepo repo, IReadOnlyDictionary<string, InputValue>? inputs = null, Limits? limits = null)
    {
        var (composer, _) = Open(repo, limits: limits);
        return composer.Compose(inputs ?? new Dictionary<string, InputValue>(), DictionaryScopeOf());
    }

    public static (PipelineResult Result, List<Finding> Findings) Run(TempRepo repo, string source = "web",
        IReadOnlyDictionary<string, string>? variables = null, IReadOnlyDictionary<string, InputValue>? inputs = null)
    {
        var (composer, evaluator) = Open(repo);
        var scenario = new Scenario(ScenarioKind.Ui, source, inputs ?? new Dictionary<string, InputValue>(), variables ?? new Dictionary<string, string>());
        var composed = composer.Compose(scenario.Inputs, PipelineEvaluator.Predefined(scenario, "main"));
        var findings = new List<Finding>(composed.Findings);
        var result = evaluator.Evaluate(composed, scenario, "main", findings);
        return (result, findings);
    }

    public static DocLint.Parse.GitLab.Expressions.IVariableScope DictionaryScopeOf() =>
        DocLint.Parse.GitLab.Expressions.DictionaryScope.Empty;

    public static string[] Names(this PipelineResult r) => r.Jobs.Select(j => j.Name).ToArray();
}
