using System.Text;
using DocLint.Evaluate;
using DocLint.Load;
using DocLint.Reporting;
using DocLint.Tests.Support;

namespace DocLint.Tests.Evaluate;

/// <summary>
/// <see cref="RoutingModel.Build(Workspace, DocLintConfig)"/> composes and evaluates scenarios on two threads; the model
/// must be exactly the one a single thread builds in order, on every fixture, on real CI files and when an expansion
/// bound is hit (the case where the helper's part is evaluated again).
/// </summary>
public class RoutingModelTests
{
    private static string Render(RoutingModel model) =>
        ExplainWriter.Json(model) + "\n" + string.Join("\n", model.Findings.Concat(model.CatalogueFindings).Select(f => f.ToString()))
        + "\n" + string.Join("\n", model.Outcomes.Select(o => $"{o.Scenario.Source} {o.Pipeline.Created} {o.Refusal} {string.Join(",", o.Pipeline.Jobs.Select(j => j.Name + ":" + string.Join(";", j.Variables.Select(v => v.Key + "=" + v.Value))))}"));

    private static void AssertSameBothWays(Workspace workspace, DocLintConfig config, string label)
    {
        var sequential = Render(RoutingModel.Build(workspace, config, parallel: false));
        for (var i = 0; i < 3; i++)
            Assert.True(sequential == Render(RoutingModel.Build(workspace, config, parallel: true)), $"{label}: the parallel model differs (run {i})");
    }

    public static IEnumerable<object[]> Fixtures() =>
        Directory.GetFiles(RepoPaths.Fixtures, ".gitlab-ci.yml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepoPaths.Fixtures, Path.GetDirectoryName(f)!))
            .Order(StringComparer.Ordinal).Select(d => new object[] { d });

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_fixture_gives_the_same_model_on_two_threads_as_on_one(string fixture)
    {
        var project = Project.Open(new[] { Path.Combine(RepoPaths.Fixtures, fixture) }, null);
        AssertSameBothWays(project.Workspace, project.Config, fixture);
    }

    [Fact]
    public void Real_ci_files_give_the_same_model_on_two_threads_as_on_one()
    {
        var files = Directory.GetFiles(RepoPaths.RequireCorpus("gitlab-ci")).Where(f => f.EndsWith(".yml") || f.EndsWith(".yaml"))
            .Order(StringComparer.Ordinal).Where((_, i) => i % 10 == 0).ToList();
        Assert.True(files.Count > 100);
        using var repo = new TempRepo();
        foreach (var file in files)
        {
            File.WriteAllText(Path.Combine(repo.Root, ".gitlab-ci.yml"), File.ReadAllText(file));
            AssertSameBothWays(new Workspace(repo.Root), DocLintConfig.Default, Path.GetFileName(file));
        }
    }

    [Fact]
    public void A_spent_expansion_budget_gives_the_same_findings_and_values_on_two_threads()
    {
        // The budget is spent in the helper's part too: its results are thrown away and that part is evaluated again
        // after the front part, so the one finding names the same job as a single thread does.
        var sb = new StringBuilder("variables:\n  X: x\n  BIG: \"${X}" + new string('y', 1000) + "\"\n");
        for (var i = 0; i < 50; i++) sb.Append($"job-{i}:\n  script: [\"true\"]\n");
        using var repo = new TempRepo((".gitlab-ci.yml", sb.ToString()));
        var workspace = repo.Workspace(new Limits { MaxVariableExpansionChars = 200_000 });
        Assert.True(RoutingModel.Scenarios(DocLintConfig.Default, DocLint.Parse.GitLab.Inputs.InputSpecSet.None).Count() >= 8, "enough scenarios for two threads");
        AssertSameBothWays(workspace, DocLintConfig.Default, "budget");
        Assert.Single(RoutingModel.Build(workspace, DocLintConfig.Default).Findings, f => f.Key == "variables-limit");
    }
}
