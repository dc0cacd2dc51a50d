using DocLint.Findings;
using DocLint.Parse.Yaml;

namespace DocLint.Rules;

/// <summary>
/// FR-006, NFR-001: orchestration lives in the root CI file only. Static (CONTRACT §8): every job whose <c>trigger:</c>
/// passes a configured signal, created in some scenario or not, and every local include reachable from the root.
/// Fires when such a job is defined in another file, the root reaches a <c>bf-release/</c> include that is not allowed,
/// a written <c>trigger:project</c> names one catalogue project literally (the retired per-project job cockpit), or a
/// retired file still exists (warning, at the file's line 1; when the retired file is also included, only the include is reported).
/// </summary>
public sealed class CompositionRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new("composition", Severity.Error,
        "Orchestration lives in the root CI file only", "FR-006, NFR-001");

    private const string ReleaseDir = "bf-release/";

    public override IEnumerable<Finding> Check(RuleContext ctx)
    {
        var composed = StaticFacts.Composed(ctx);
        var root = ctx.Model.Composer.RootPath;
        var allowed = ctx.Config.Composition.AllowedIncludes.Select(p => p.TrimStart('/')).ToHashSet(StringComparer.Ordinal);
        var retired = ctx.Config.Composition.RetiredFiles.Select(p => p.TrimStart('/')).ToList();

        foreach (var job in composed.Jobs.Where(j => StaticFacts.PassesSignal(ctx, j) && j.DefinedIn != root))
            yield return At(job.KeyNode, $"orchestration trigger job {job.Name} is defined in {job.DefinedIn}; orchestration trigger jobs belong in the root CI file {root}", $"job-outside-root:{job.Name}");

        var includes = StaticFacts.LocalIncludes(ctx).ToList();
        var includedRetired = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in composed.LocalFiles.Skip(1).Distinct())
        {
            if (!path.StartsWith(ReleaseDir, StringComparison.Ordinal) || allowed.Contains(path)) continue;
            var at = includes.FirstOrDefault(i => i.Path == path).Node?.Span ?? SourceSpan.FileStart(root);
            var isRetired = retired.Contains(path);
            if (isRetired) includedRetired.Add(path);
            var why = isRetired ? "a retired file" : "not an allowed include";
            yield return At(at, $"the root CI file includes {path}, {why}; only {string.Join(", ", allowed.Order(StringComparer.Ordinal))} may be included from {ReleaseDir}", $"include:{path}");
        }

        foreach (var job in composed.Jobs)
        {
            var node = StaticFacts.ProjectNode(job);
            if (StaticFacts.WrittenText(ctx, node) is not { } written || written.Contains('$')) continue;
            if (ctx.Model.Catalogue.Match(written) is not { } project) continue;
            yield return At(node!, $"{job.Name} triggers {written}, one catalogue project written literally (the retired per-project job); route through betterfleet/$[[ inputs.project ]] or a $PROJECT fan-out matrix instead", $"literal-project:{job.Name}");
        }

        foreach (var path in retired)
            if (!includedRetired.Contains(path) && ctx.Workspace.FileExists(path))
                yield return At(SourceSpan.FileStart(path), $"retired file {path} still exists; delete it: orchestration lives in {root}", $"retired:{path}") with { Severity = Severity.Warning };
    }
}
