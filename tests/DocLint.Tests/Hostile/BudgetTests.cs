using System.Text;
using DocLint.Evaluate;
using DocLint.Load;
using DocLint.Tests.Support;

namespace DocLint.Tests.Hostile;

/// <summary>
/// The run-wide budgets behind the per-item limits: a per-match regex timeout alone still lets a file with many hostile
/// patterns (or one hostile pattern in every scenario) run for hours, and a per-value expansion cap alone still lets one
/// large value be copied into every job instance of every scenario. Small limits make the tests quick; the defaults
/// are in <see cref="Limits"/> and README's Limits table.
/// </summary>
public class BudgetTests
{
    private static string HostileRules(int count)
    {
        var sb = new StringBuilder("variables:\n  HOSTILE: " + HostileCases.HostileValue + "\n");
        for (var i = 0; i < count; i++)
            sb.Append($"job-{i}:\n  script: [\"true\"]\n  rules:\n    - if: '$HOSTILE =~ /(a*)*b{i}|{HostileCases.Padding}/'\n");
        return sb.ToString();
    }

    [Fact(Timeout = 120_000)]
    public async Task Regex_time_is_bounded_per_run_and_a_timed_out_pattern_is_not_evaluated_again()
    {
        using var repo = new TempRepo((".gitlab-ci.yml", HostileRules(6)));
        var limits = new Limits { RegexTimeout = TimeSpan.FromMilliseconds(50), RegexBudget = TimeSpan.FromMilliseconds(120) };
        var model = await Task.Run(() => RoutingModel.Build(repo.Workspace(limits), DocLintConfig.Default));

        // One finding per rule (not one per scenario), on its if: line.
        var byLine = model.Findings.Where(f => f.Key.StartsWith("if-", StringComparison.Ordinal)).GroupBy(f => f.Span.Line).ToList();
        Assert.Equal(Enumerable.Range(0, 6).Select(i => 6 + 4 * i), byLine.Select(g => g.Key).Order());
        Assert.All(byLine, g => Assert.Single(g));
        string KindAt(int i) => byLine.Single(g => g.Key == 6 + 4 * i).Single().Key.Split(':')[0];
        // The first rule has the whole budget: it times out. After three rules, at least 3 × 50 ms > 120 ms is spent.
        Assert.Equal("if-timeout", KindAt(0));
        Assert.All(new[] { 3, 4, 5 }, i => Assert.Equal("if-budget", KindAt(i)));
        Assert.Contains("took more than 0.1 s in all (a hostile pattern?), so DocLint evaluates no more of them",
            byLine.Single(g => g.Key == 6 + 4 * 5).Single().Message);
    }

    [Fact(Timeout = 120_000)]
    public async Task Variable_expansion_is_bounded_per_run_with_one_finding()
    {
        // One 1,001-character value with a variable in it, inherited by 50 jobs in each of 9 scenarios: the 21st expansion
        // passes 20,000 characters.
        var sb = new StringBuilder("variables:\n  X: x\n  BIG: \"${X}" + new string('y', 1000) + "\"\n");
        for (var i = 0; i < 50; i++) sb.Append($"job-{i}:\n  script: [\"true\"]\n");
        using var repo = new TempRepo((".gitlab-ci.yml", sb.ToString()));
        var limits = new Limits { MaxVariableExpansionChars = 20_000 };
        var model = await Task.Run(() => RoutingModel.Build(repo.Workspace(limits), DocLintConfig.Default));

        var finding = Assert.Single(model.Findings, f => f.Key == "variables-limit");
        Assert.Equal(".gitlab-ci.yml:3:3: error: CI/CD variables expand to more than 20000 characters in all (at 'BIG' in job 'job-20'); DocLint stopped expanding variables, so values from here on are evaluated unexpanded [ci-parse]",
            finding.ToString());
        // Before the budget was spent, values were expanded; after it, not.
        var first = model.Outcomes.First().Pipeline.Jobs.First(j => j.Name == "job-0");
        Assert.StartsWith("x" + "yyy", first.Variables["BIG"]);
        var last = model.Outcomes.Last().Pipeline.Jobs.First(j => j.Name == "job-49");
        Assert.StartsWith("${X}yyy", last.Variables["BIG"]);
    }
}
