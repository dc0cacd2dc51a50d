using System.Diagnostics;
using DocLint.Evaluate;
using DocLint.Findings.Suppressions;
using DocLint.Load;
using DocLint.Parse.Markdown;
using DocLint.Parse.Playbook;
using DocLint.Rules;

namespace DocLint.Benchmarks;

/// <summary>
/// Where one check's time goes: the stages of <c>Linter.Run</c> timed one after the other in a fresh process (so the
/// first stage also pays for start-up work such as loading code), then the whole run again, warm.
/// Usage: <c>dotnet bench/out/bench/DocLint.Benchmarks.dll phases DIR</c>
/// </summary>
public static class PhaseTimes
{
    public static int Run(string[] args)
    {
        if (args.Length != 1 || !Directory.Exists(args[0])) { Console.Error.WriteLine("usage: phases DIR"); return 2; }
        var total = Stopwatch.StartNew();
        var sw = Stopwatch.StartNew();
        void Lap(string stage)
        {
            Console.WriteLine($"{stage,-28} {sw.Elapsed.TotalMilliseconds,8:F1} ms");
            sw.Restart();
        }
        var project = Project.Open(new[] { args[0] }, null);
        Lap("open (config)");
        var ws = project.Workspace;
        var config = project.Config;
        ws.AllFiles();
        Lap("list files");
        var model = RoutingModel.Build(ws, config);
        Lap($"CI model ({model.Outcomes.Count} scenarios)");
        var globbed = DocSet.Glob(ws, config.Docs, new List<string>());
        Lap($"glob docs ({globbed.Count})");
        foreach (var p in globbed) File.ReadAllText(ws.FullPath(p));
        Lap("File.ReadAllText (sequential)");
        var sources = globbed.Select(p => ws.Read(p, out _)).ToList();
        Lap("Workspace.Read (sequential)");
        foreach (var src in sources) if (src != null) MarkdownDocument.Parse(src);
        Lap("parse docs (sequential, dropped)");
        var docs = DocSet.Load(ws, config.Docs, prepare: d => { d.Invocations(config.Inputs); d.Compact(); });
        Lap($"read + parse + invocations of {docs.Documents.Count} docs (as Linter.Run)");
        foreach (var d in docs.Documents) d.Invocations(config.Inputs);
        Lap("read invocations");
        var playbooks = PlaybookSet.Load(ws, config.Playbooks);
        Lap("playbooks");
        var ctx = new RuleContext(config, model, ws) { Docs = docs, Playbooks = playbooks, DocsRepositoryWide = true };
        foreach (var scope in new[] { RuleScope.Ci, RuleScope.Docs, RuleScope.Playbooks, RuleScope.Any })
        {
            var n = RuleSet.Run(ctx, scope).Count;
            Lap($"rules {scope} ({n} findings)");
        }
        SuppressionEngine.Collect(model, docs, ws, playbooks);
        Lap("suppression directives");
        Console.WriteLine($"{"cold total",-28} {total.Elapsed.TotalMilliseconds,8:F1} ms");
        sw.Restart();
        Linting.Linter.Run(Project.Open(new[] { args[0] }, null));
        Lap("warm Linter.Run");
        // Warm CI model builds: time and bytes allocated per build (allocation is what the native binary pays in
        // page faults on its first touch of fresh heap).
        // (100 unmeasured builds first, so the JIT's tiering has settled.)
        const int Builds = 50;
        for (var i = 0; i < 100; i++) RoutingModel.Build(ws, config);
        sw.Restart();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < Builds; i++) RoutingModel.Build(ws, config);
        var perBuild = (GC.GetTotalAllocatedBytes(precise: true) - before) / Builds;
        Console.WriteLine($"{"warm CI model, per build",-28} {sw.Elapsed.TotalMilliseconds / Builds,8:F1} ms {perBuild / 1024.0 / 1024.0,8:F1} MB allocated");
        return 0;
    }
}
