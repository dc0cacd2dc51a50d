using BenchmarkDotNet.Attributes;
using DocLint.Evaluate;
using DocLint.Load;

namespace DocLint.Benchmarks;

/// <summary>
/// The scenario evaluation of CONTRACT §3 (every ui, legacy and push scenario) on generated pipelines: at GitLab's
/// limits (20 inputs, 49 projects plus all, 200-job matrices, 11-level extends) and beyond (a 1,000-project matrix).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class RoutingBenchmarks
{
    private string _root = "";

    [Params("p10", "p25", "p49", "p49+3x200", "p49-m1000")]
    public string Case { get; set; } = "p49";

    private static PipelineGenerator.Shape ShapeOf(string c) => c switch
    {
        "p10" => new(10, 10, 0, 11, 17),
        "p25" => new(25, 25, 0, 11, 17),
        "p49" => new(49, 49, 0, 11, 17),
        "p49+3x200" => new(49, 49, 3, 11, 17),
        "p49-m1000" => new(49, 1000, 0, 11, 17),
        _ => throw new ArgumentException(c),
    };

    [GlobalSetup]
    public void Setup()
    {
        _root = Path.Combine(Path.GetTempPath(), "doclint-bench-" + Case);
        var shape = ShapeOf(Case);
        PipelineGenerator.Write(_root, shape);
        // The benchmark measures real work only: every trigger is created and nothing but the limits is reported.
        var model = RoutingModel.Build(new Workspace(_root), DocLintConfig.Default);
        var fanOut = model.Outcomes.Max(o => o.Triggers.Count);
        if (fanOut != shape.MatrixProjects)
            throw new InvalidOperationException($"{Case}: the all fan-out creates {fanOut} triggers, expected {shape.MatrixProjects}");
        var unexpected = model.Findings.Where(f => !f.Message.Contains("generates")).ToList();
        if (unexpected.Count > 0) throw new InvalidOperationException($"{Case}: {unexpected[0]}");
    }

    [Benchmark]
    public int EvaluateAllScenarios()
    {
        var model = RoutingModel.Build(new Workspace(_root), DocLintConfig.Default);
        return model.Outcomes.Sum(o => o.Pipeline.Jobs.Count);
    }
}
