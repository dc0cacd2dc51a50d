using System.Diagnostics;
using DocLint.Linting;
using DocLint.Load;

namespace DocLint.Benchmarks;

/// <summary>
/// Checks every CI file of a corpus folder with the whole pipeline (<see cref="Linter.Run"/>: composition, every
/// scenario, every rule, suppressions), each as the root <c>.gitlab-ci.yml</c> of a temporary repository whose
/// <c>.doclint.yml</c> only says <c>requiredDocs: []</c> (a lone CI file has no runbooks to require). Prints files,
/// exceptions, findings per rule and severity, total time, per-file median and p99, and the slowest files.
/// Usage: <c>dotnet run -c Release --project bench/DocLint.Benchmarks -- corpus ../shared/corpus/gitlab-ci</c>
/// </summary>
public static class CorpusRun
{
    public static int Run(string[] args)
    {
        var dir = args.Length > 0 ? args[0] : Path.Combine("..", "shared", "corpus", "gitlab-ci");
        var files = Directory.GetFiles(dir).Where(f => f.EndsWith(".yml") || f.EndsWith(".yaml")).OrderBy(f => f, StringComparer.Ordinal).ToList();
        var root = Path.Combine(Path.GetTempPath(), "doclint-corpus-" + Environment.ProcessId);
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, ".doclint.yml"), "requiredDocs: []\n");
        var times = new List<(string File, double Ms, int Findings)>();
        var byRule = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var exceptions = 0;
        // DOCLINT_CORPUS_DUMP=FILE writes every finding (file, rule, severity, line, message), one a line, to compare two runs.
        using var dump = Environment.GetEnvironmentVariable("DOCLINT_CORPUS_DUMP") is { Length: > 0 } dumpPath ? new StreamWriter(dumpPath) : null;
        var total = Stopwatch.StartNew();
        try
        {
            foreach (var file in files)
            {
                File.Copy(file, Path.Combine(root, ".gitlab-ci.yml"), overwrite: true);
                var sw = Stopwatch.StartNew();
                try
                {
                    var result = Linter.Run(Project.Open(new[] { root }, null));
                    foreach (var f in result.Findings)
                    {
                        var key = $"{f.RuleId} ({f.Severity.ToString().ToLowerInvariant()})";
                        byRule[key] = byRule.GetValueOrDefault(key) + 1;
                        dump?.WriteLine($"{Path.GetFileName(file)}\t{key}\t{f.Span.Line}\t{f.Message.ReplaceLineEndings(" ")}");
                    }
                    times.Add((Path.GetFileName(file), sw.Elapsed.TotalMilliseconds, result.Findings.Count));
                }
                catch (Exception e)
                {
                    exceptions++;
                    Console.WriteLine($"EXCEPTION {Path.GetFileName(file)}: {e.GetType().Name}: {e.Message}");
                }
            }
        }
        finally
        {
            Directory.Delete(root, true);
        }
        total.Stop();
        Console.WriteLine($"CI corpus {dir}: files: {files.Count}, exceptions: {exceptions}, findings: {byRule.Values.Sum()}, total: {total.Elapsed.TotalSeconds:F2} s");
        foreach (var (rule, n) in byRule) Console.WriteLine($"  {rule}: {n}");
        var sorted = times.Select(t => t.Ms).Order().ToList();
        if (sorted.Count > 0) Console.WriteLine($"per file: median {sorted[sorted.Count / 2]:F2} ms, p99 {sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * 0.99))]:F2} ms");
        Console.WriteLine("slowest:");
        foreach (var t in times.OrderByDescending(t => t.Ms).Take(5)) Console.WriteLine($"  {t.Ms,9:F1} ms  {t.File} ({t.Findings} findings)");
        return exceptions == 0 ? 0 : 1;
    }
}
