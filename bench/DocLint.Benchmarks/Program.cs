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
BenchmarkSwitcher.FromAssembly(typeof(RoutingBenchmarks).Assembly).Run(args);
return 0;
