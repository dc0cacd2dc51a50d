using DocLint.Evaluate;
using DocLint.Load;
using DocLint.Parse.Markdown;

namespace DocLint.Linting;

/// <summary>
/// What one <see cref="Linter.Run"/> may reuse from the previous run over the same repository (the language server
/// runs the same pipeline after every edit): the routing model, kept while every file it read (CI root and includes,
/// catalogue), every existence answer and the listing it consulted are unchanged and the config is the same object; and
/// each parsed doc, kept while its text is the same. Rules, suppressions and sorting run again every time. One run at a
/// time; memory stays bounded: only what the last run used is kept.
/// </summary>
public sealed class LintCache
{
    private (DocLintConfig Config, ReadLog Log, RoutingModel Model)? _model;

    /// <summary>The parsed docs of the last run by path, with their text (compared whole before reuse).</summary>
    internal DocCache Docs { get; } = new();

    /// <summary>How many runs reused the routing model, and how many built it (benchmarks and tests read these).</summary>
    public int ModelReused { get; private set; }
    public int ModelBuilt { get; private set; }

    internal RoutingModel Model(Workspace ws, DocLintConfig config)
    {
        if (_model is { } m && ReferenceEquals(m.Config, config) && m.Log.StillHolds(ws))
        {
            ModelReused++;
            return m.Model;
        }
        var log = new ReadLog();
        var model = RoutingModel.Build(ws.Recording(log), config);
        _model = (config, log, model);
        ModelBuilt++;
        return model;
    }
}
