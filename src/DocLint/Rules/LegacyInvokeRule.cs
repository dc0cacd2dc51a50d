using DocLint.Evaluate;
using DocLint.Findings;
using DocLint.Parse.Yaml;

namespace DocLint.Rules;

/// <summary>
/// FR-007: for each action's legacy variable V, some legacy source (api, schedule, trigger, web) yields exactly the
/// all fan-out of V's action, and no source yields a partial or mixed one. A source that creates nothing is fine
/// while another yields the exact fan-out (CONTRACT §8).
/// </summary>
public sealed class LegacyInvokeRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new("legacy-invoke", Severity.Error,
        "INVOKE_* variables still start the matching all fan-out", "FR-007");

    public override IEnumerable<Finding> Check(RuleContext ctx)
    {
        foreach (var action in ctx.Config.Actions)
        {
            if (action.LegacyVariable is not { } variable || action.Signal == null) continue;
            var outcomes = ctx.Model.Outcomes.Where(o => o.Scenario.Kind == ScenarioKind.Legacy && o.Scenario.Variables.ContainsKey(variable)).ToList();
            var exact = new List<string>();
            var reported = new HashSet<string>();
            foreach (var o in outcomes)
            {
                if (o.Triggers.Count == 0) continue;
                var defects = FanoutCatalogueRule.FanOutDefects(ctx, o, action, $"{variable}=true (source={o.Scenario.Source})", Descriptor, $"legacy:{variable}").ToList();
                if (defects.Count == 0) { exact.Add(o.Scenario.Source); continue; }
                foreach (var d in defects)
                    if (reported.Add(d.Key)) yield return d with { Message = d.Message.Replace("; expected", "; a legacy bulk invocation must start the whole fan-out of " + action.Name + ": expected") };
            }
            if (exact.Count == 0 && reported.Count == 0)
                yield return At(LegacySpan(ctx, variable), $"{variable}=true starts nothing in any of the sources {string.Join(", ", RoutingModel.LegacySources)}; it must start the all fan-out of {action.Name} ({action.Signal}=\"true\" to every catalogue project)", $"legacy:{variable}:none");
        }
    }

    /// <summary>The first <c>- if:</c> that mentions the variable, else the root file's first line.</summary>
    private static SourceSpan LegacySpan(RuleContext ctx, string variable)
    {
        var composed = ctx.Model.Composer.Compose(new Dictionary<string, Parse.GitLab.Inputs.InputValue>(), Parse.GitLab.Expressions.DictionaryScope.Empty);
        foreach (var job in composed.Jobs)
            foreach (var rule in YTree.Flatten(job["rules"]).OfType<YMapping>())
                if (YTree.Text(rule["if"]) is { } text && text.Contains("$" + variable)) return rule.Span;
        return SourceSpan.FileStart(ctx.Model.Composer.RootPath);
    }
}
