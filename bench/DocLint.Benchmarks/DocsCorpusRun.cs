using System.Diagnostics;
using DocLint.Evaluate;
using DocLint.Findings;
using DocLint.Load;
using DocLint.Parse.Markdown;
using DocLint.Rules;

namespace DocLint.Benchmarks;

/// <summary>
/// Runs the docs rules over every Markdown file of one or more corpus folders, each folder taken as a repository
/// whose docs are all its <c>.md</c> files (the default config otherwise: no CI there, so the catalogue is empty).
/// Prints files, exceptions, findings per rule and per 1,000 files, time, and with <c>--show RULE</c> every finding
/// of that rule with its source line (to read by hand).
/// Usage: <c>dotnet run -c Release --project bench/DocLint.Benchmarks -- docs-corpus ../shared/corpus/markdown ../shared/corpus/runbooks [--show docs-invocation] [--invocations] [--timing]</c>
/// </summary>
public static class DocsCorpusRun
{
    public static int Run(string[] args)
    {
        var show = new HashSet<string>(StringComparer.Ordinal);
        var dirs = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--show" && i + 1 < args.Length) show.Add(args[++i]);
            else if (args[i] == "--invocations") show.Add("invocations");
            else if (args[i] == "--timing") show.Add("timing");
            else dirs.Add(args[i]);
        }
        if (dirs.Count == 0) dirs.AddRange(new[] { Path.Combine("..", "shared", "corpus", "markdown"), Path.Combine("..", "shared", "corpus", "runbooks") });
        var config = DocLintConfig.Default with { Docs = new[] { "**/*.md" } };
        var rules = RuleSet.All.Where(r => r.Descriptor.Scope == RuleScope.Docs).ToList();
        var byRule = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int files = 0, exceptions = 0, invocations = 0;
        var total = Stopwatch.StartNew();
        foreach (var dir in dirs)
        {
            var ws = new Workspace(dir);
            var model = RoutingModel.Build(ws, config);
            var docs = DocSet.Load(ws, config.Docs);
            files += docs.Documents.Count + docs.Findings.Count;
            var ctx = new RuleContext(config, model, ws) { Docs = docs };
            foreach (var doc in docs.Documents)
            foreach (var inv in doc.Invocations(config.Inputs).Invocations)
            {
                invocations++;
                if (show.Contains("invocations"))
                    Console.WriteLine($"INV {doc.Path}:{doc.Position(inv.Action.Offset).Line} {inv.Group} action={inv.Action.Value} " +
                                      string.Join(" ", inv.Projects.Select(p => "project=" + p.Value).Concat(inv.Confirms.Select(c => "confirm=" + c.Value))));
            }
            foreach (var f in docs.Findings) Count(byRule, f);
            foreach (var rule in rules)
            {
                try
                {
                    foreach (var f in rule.Check(ctx))
                    {
                        Count(byRule, f);
                        if (show.Contains(f.RuleId))
                        {
                            var doc = docs.Documents.FirstOrDefault(d => d.Path == f.Span.Path);
                            var line = doc != null && f.Span.Line <= doc.LineCount ? doc.Line(f.Span.Line).Trim() : "";
                            Console.WriteLine($"{f}\n      | {(line.Length > 160 ? line[..160] + "…" : line)}");
                        }
                    }
                }
                catch (Exception e)
                {
                    exceptions++;
                    Console.WriteLine($"EXCEPTION {dir} {rule.Descriptor.Id}: {e}");
                }
            }
        }
        total.Stop();
        if (show.Contains("timing")) Timing(dirs, config);
        Console.WriteLine($"files: {files}, exceptions: {exceptions}, invocations read (before the pipeline filter): {invocations}, total: {total.Elapsed.TotalSeconds:F2} s");
        foreach (var (rule, n) in byRule) Console.WriteLine($"  {rule}: {n} ({n * 1000.0 / Math.Max(1, files):F2} per 1,000 files)");
        return exceptions == 0 ? 0 : 1;
    }

    /// <summary>Parse alone vs parse + invocation reading, over the same texts (best of 5 rounds each).</summary>
    private static void Timing(List<string> dirs, DocLintConfig config)
    {
        var sources = new List<SourceText>();
        foreach (var dir in dirs)
        {
            var ws = new Workspace(dir);
            foreach (var path in ws.AllFiles().Where(p => p.EndsWith(".md", StringComparison.Ordinal)))
                if (ws.TryRead(path, out _) is { } s) sources.Add(s);
        }
        double Best(Action run)
        {
            var best = double.MaxValue;
            for (var round = 0; round < 5; round++)
            {
                var sw = Stopwatch.StartNew();
                run();
                best = Math.Min(best, sw.Elapsed.TotalMilliseconds);
            }
            return best;
        }
        var parse = Best(() => { foreach (var s in sources) MarkdownDocument.Parse(s); });
        var both = Best(() => { foreach (var s in sources) InvocationReader.Read(MarkdownDocument.Parse(s), config.Inputs); });
        var parsed = sources.Select(MarkdownDocument.Parse).ToList();
        var readOnly = Best(() => { foreach (var d in parsed) InvocationReader.Read(d, config.Inputs); });
        Console.WriteLine($"reading invocations of parsed docs alone: {readOnly:F0} ms");
        Console.WriteLine($"timing over {sources.Count} files: parse {parse:F0} ms, parse + invocations {both:F0} ms ({both / parse:F2}×)");
    }

    private static void Count(SortedDictionary<string, int> byRule, Finding f)
    {
        var key = $"{f.RuleId} ({f.Severity.ToString().ToLowerInvariant()})";
        byRule[key] = byRule.GetValueOrDefault(key) + 1;
    }
}
