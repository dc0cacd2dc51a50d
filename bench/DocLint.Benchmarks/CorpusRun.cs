using System.Diagnostics;
using DocLint.Evaluate;
using DocLint.Load;

namespace DocLint.Benchmarks;

/// <summary>
/// Loads every CI file of a corpus folder as the root file of a temporary repository and evaluates every scenario:
/// prints files, exceptions, findings per rule and severity, total time and the slowest files.
/// Usage: <c>dotnet run -c Release --project bench/DocLint.Benchmarks -- corpus ../shared/corpus/gitlab-ci</c>
/// </summary>
public static class CorpusRun
{
    public static int Run(string[] args)
    {
        var dir = args.Length > 0 ? args[0] : Path.Combine("..", "shared", "corpus", "gitlab-ci");
        var files = Directory.GetFiles(dir).Where(f => f.EndsWith(".yml") || f.EndsWith(".yaml")).OrderBy(f => f).ToList();
        var root = Path.Combine(Path.GetTempPath(), "doclint-corpus-" + Environment.ProcessId);
        Directory.CreateDirectory(root);
        var times = new List<(string File, double Ms, int Findings)>();
        var byRule = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var exceptions = 0;
        var total = Stopwatch.StartNew();
        foreach (var file in files)
        {
            File.Copy(file, Path.Combine(root, ".gitlab-ci.yml"), overwrite: true);
            var sw = Stopwatch.StartNew();
            try
            {
                var model = RoutingModel.Build(new Workspace(root), DocLintConfig.Default);
                foreach (var f in model.Findings)
                {
                    var key = $"{f.RuleId} ({f.Severity.ToString().ToLowerInvariant()})";
                    byRule[key] = byRule.GetValueOrDefault(key) + 1;
                }
                times.Add((Path.GetFileName(file), sw.Elapsed.TotalMilliseconds, model.Findings.Count));
            }
            catch (Exception e)
            {
                exceptions++;
                Console.WriteLine($"EXCEPTION {Path.GetFileName(file)}: {e.GetType().Name}: {e.Message}");
            }
        }
        total.Stop();
        Directory.Delete(root, true);
        Console.WriteLine($"files: {files.Count}, exceptions: {exceptions}, total: {total.Elapsed.TotalSeconds:F2} s");
        foreach (var (rule, n) in byRule) Console.WriteLine($"  {rule}: {n}");
        var sorted = times.Select(t => t.Ms).Order().ToList();
        if (sorted.Count > 0) Console.WriteLine($"per file: median {sorted[sorted.Count / 2]:F2} ms, p99 {sorted[(int)(sorted.Count * 0.99)]:F2} ms");
        Console.WriteLine("slowest:");
        foreach (var t in times.OrderByDescending(t => t.Ms).Take(5)) Console.WriteLine($"  {t.Ms,9:F1} ms  {t.File} ({t.Findings} findings)");
        return exceptions == 0 ? 0 : 1;
    }
}
