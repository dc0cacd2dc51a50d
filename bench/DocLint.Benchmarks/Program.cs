using BenchmarkDotNet.Running;
using DocLint.Benchmarks;

if (args.Length > 0 && args[0] == "corpus")
{
    return CorpusRun.Run(args.Skip(1).ToArray());
}
if (args.Length > 0 && args[0] == "docs-corpus")
{
    return DocsCorpusRun.Run(args.Skip(1).ToArray());
}
if (args.Length > 0 && args[0] == "generate")
{
    // generate DIR PROJECTS RUNBOOKS [DRIFT-RATE] [SEED]: a synthetic bf-dev repository for end-to-end benchmarks.
    if (args.Length < 4) { Console.Error.WriteLine("usage: generate DIR PROJECTS RUNBOOKS [DRIFT-RATE] [SEED]"); return 2; }
    var bfDev = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "docs-fixtures", "bf-dev");
    if (Environment.GetEnvironmentVariable("DOCLINT_BF_DEV") is { Length: > 0 } given) bfDev = given;
    var shape = new SyntheticRepo.Shape(int.Parse(args[2]), int.Parse(args[3]),
        args.Length > 4 ? double.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 0.05,
        args.Length > 5 ? int.Parse(args[5]) : 1);
    SyntheticRepo.Write(args[1], Path.GetFullPath(bfDev), shape);
    Console.WriteLine($"wrote {args[1]}: {shape.Projects} projects, {shape.Runbooks} runbooks (drift rate {shape.DriftRate})");
    return 0;
}
if (args.Length > 0 && args[0] == "phases")
{
    // phases DIR: where one check's time goes, stage by stage (cold, then warm).
    return PhaseTimes.Run(args.Skip(1).ToArray());
}
if (args.Length > 0 && args[0] == "markdig")
{
    // markdig DIR: parse every *.md under DIR with DocLint's Markdig pipeline and nothing else (the docs floor).
    return MarkdigFloor.Run(args.Skip(1).ToArray());
}
BenchmarkSwitcher.FromAssembly(typeof(RoutingBenchmarks).Assembly).Run(args);
return 0;
