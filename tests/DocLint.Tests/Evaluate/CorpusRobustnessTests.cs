using DocLint.Evaluate;
using DocLint.Load;
using DocLint.Tests.Support;

namespace DocLint.Tests.Evaluate;

/// <summary>
/// Every real GitLab CI file of the shared corpus, as the root file of a temporary repository, is composed and
/// evaluated for every scenario without an exception; whatever cannot be resolved becomes findings with positions
/// inside the file.
/// </summary>
public class CorpusRobustnessTests
{
    [Fact]
    public void Every_corpus_ci_file_loads_as_a_root_file_without_exceptions()
    {
        var dir = RepoPaths.RequireCorpus("gitlab-ci");
        var files = Directory.GetFiles(dir).Where(f => f.EndsWith(".yml") || f.EndsWith(".yaml")).OrderBy(f => f).ToList();
        Assert.True(files.Count > 1000, $"expected the whole corpus, found {files.Count} files");
        var failures = new List<string>();
        var withFindings = 0;
        using var repo = new TempRepo();
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            File.WriteAllText(Path.Combine(repo.Root, ".gitlab-ci.yml"), text);
            try
            {
                var model = RoutingModel.Build(new Workspace(repo.Root), DocLintConfig.Default);
                var lines = text.Split('\n').Length;
                foreach (var f in model.Findings)
                {
                    if (f.Span.Path == ".gitlab-ci.yml" && (f.Span.Line < 1 || f.Span.Line > lines + 1 || f.Span.Column < 1))
                        failures.Add($"{Path.GetFileName(file)}: finding outside the file: {f}");
                }
                if (model.Findings.Count > 0) withFindings++;
                Assert.NotEmpty(model.Outcomes);
            }
            catch (Exception e)
            {
                failures.Add($"{Path.GetFileName(file)}: {e.GetType().Name}: {e.Message}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(30)));
        Assert.True(withFindings > 0, "the corpus holds invalid YAML and unresolvable includes: some findings are expected");
    }
}
