using System.Text;
using System.Text.Json;
using DocLint.Linting;
using DocLint.Load;
using DocLint.Tests.Support;
using FsCheck;
using FsCheck.Fluent;

namespace DocLint.Tests.Rules;

/// <summary>
/// docs-generated, property-based: for generated guided pipelines (actions, projects with awkward names, single and
/// fan-out trigger jobs, manual or not, a catalogue file with <c>dependsOn</c> or none) and a doc holding a region of
/// every kind in random line endings, with or without a BOM and with random stale content, <c>--fix</c> then
/// <c>check</c> gives no docs-generated finding, and a second <c>--fix</c> changes no byte.
/// </summary>
public class DocsGeneratedPropertyTests
{
    public sealed record Pipeline(
        string[] Actions, string[] Projects, string SingleJob, string FanJob, bool Manual, bool FanOut,
        string Description, bool CatalogueFile, int[] DependsOn, bool Crlf, bool Bom, string Stale, string? RoutingProject)
    {
        public override string ToString() => JsonSerializer.Serialize(this);
    }

    private static readonly string[] ActionPool = ["bring-all-code-to-release-branch", "deploy-release-branch-to-staging"];
    private static readonly string[] ProjectPool = ["bf-core", "bf-portal", "x|y", "we`ird", "bf-mobile-api", "ünï"];
    private static readonly string[] JobPool = ["cut-off:single", "deploy one", "job|pipe", "run`it`", "release:fan-out"];
    private static readonly string[] TextPool = ["What do you need?", "a | b", "use `this`", "two\nlines", "``", " "];

    private static Gen<T[]> SubsetOf<T>(T[] pool) =>
        Gen.Shuffle(pool).SelectMany(s => Gen.Choose(1, s.Length).Select(n => s.Take(n).ToArray()));

    private static readonly Gen<Pipeline> Pipelines =
        from actions in SubsetOf(ActionPool)
        from projects in SubsetOf(ProjectPool)
        from single in Gen.Elements(JobPool)
        from fan in Gen.Elements(JobPool)
        from manual in Gen.Elements(true, false)
        from fanOut in Gen.Elements(true, false)
        from description in Gen.Elements(TextPool)
        from catalogueFile in Gen.Elements(true, false)
        from deps in Gen.Choose(-1, 5).ArrayOf(projects.Length)
        from crlf in Gen.Elements(true, false)
        from bom in Gen.Elements(true, false)
        from stale in Gen.Elements("", "| old |\n", "\n\n", "text `x`\n| a | b |\n")
        from routingProject in Gen.Elements<string?>(null, "all", projects[0])
        select new Pipeline(actions, projects, single, fan == single ? fan + "-all" : fan, manual, fanOut, description,
            catalogueFile, deps, crlf, bom, stale, routingProject);

    private static string Q(string s) => JsonSerializer.Serialize(s); // a YAML double-quoted scalar

    private static string Ci(Pipeline p)
    {
        var sb = new StringBuilder();
        sb.Append("spec:\n  inputs:\n");
        sb.Append($"    action:\n      description: {Q(p.Description)}\n      options: [{string.Join(", ", p.Actions.Select(Q))}]\n      default: {Q(p.Actions[0])}\n");
        sb.Append($"    project:\n      description: {Q("Which project?")}\n      options: [\"all\", {string.Join(", ", p.Projects.Select(Q))}]\n      default: \"all\"\n");
        sb.Append("    confirm:\n      description: \"Are you sure?\"\n      type: boolean\n      default: false\n---\n");
        sb.Append("stages: [orchestrate]\n");
        for (var i = 0; i < p.Actions.Length; i++)
        {
            var signal = p.Actions[i] == ActionPool[0] ? "ORCHESTRATION_CUT_OFF" : "ORCHESTRATION_RELEASE";
            var when = p.Manual ? "manual" : "on_success";
            sb.Append($"{Q(p.SingleJob + i)}:\n  stage: orchestrate\n  rules:\n");
            sb.Append($"    - if: '\"$[[ inputs.action ]]\" == \"{p.Actions[i]}\" && \"$[[ inputs.confirm ]]\" == \"true\" && \"$[[ inputs.project ]]\" != \"all\"'\n      when: {when}\n");
            sb.Append($"  variables:\n    {signal}: \"true\"\n  trigger:\n    project: \"betterfleet/$[[ inputs.project ]]\"\n    branch: release\n");
            if (!p.FanOut) continue;
            sb.Append($"{Q(p.FanJob + i)}:\n  stage: orchestrate\n  rules:\n");
            sb.Append($"    - if: '\"$[[ inputs.action ]]\" == \"{p.Actions[i]}\" && \"$[[ inputs.confirm ]]\" == \"true\" && \"$[[ inputs.project ]]\" == \"all\"'\n");
            sb.Append($"  parallel:\n    matrix:\n      - PROJECT: [{string.Join(", ", p.Projects.Select(Q))}]\n");
            sb.Append($"  variables:\n    {signal}: \"true\"\n  trigger:\n    project: \"betterfleet/$PROJECT\"\n    branch: release\n");
        }
        return sb.ToString();
    }

    private static string Catalogue(Pipeline p)
    {
        var sb = new StringBuilder("projects:\n");
        for (var i = 0; i < p.Projects.Length; i++)
        {
            sb.Append($"  - name: {Q(p.Projects[i])}\n    path: {Q("betterfleet/" + p.Projects[i])}\n");
            var d = p.DependsOn[i];
            if (d >= 0 && d < p.Projects.Length) sb.Append($"    dependsOn: [{Q(p.Projects[d])}]\n");
        }
        return sb.ToString();
    }

    private static byte[] DocBytes(Pipeline p)
    {
        var routing = p.RoutingProject == null ? "routing" : $"routing project={p.RoutingProject}";
        var text = $"# Generated\n\nIntro.\n\n<!-- doclint:generate {routing} -->\n{p.Stale}<!-- doclint:end -->\n\n" +
                   $"<!-- doclint:generate actions -->\n<!-- doclint:end -->\n\n<!-- doclint:generate projects -->\n{p.Stale}<!-- doclint:end -->\n\n" +
                   $"<!-- doclint:generate inputs -->\n{p.Stale}<!-- doclint:end -->\n\nEnd.\n";
        if (p.Crlf) text = text.Replace("\n", "\r\n");
        var bytes = Encoding.UTF8.GetBytes(text);
        return p.Bom ? new byte[] { 0xEF, 0xBB, 0xBF }.Concat(bytes).ToArray() : bytes;
    }

    private static void FixThenCheck(Pipeline p)
    {
        // A project name with a space cannot be a region option; the generator's names have none.
        using var repo = new TempRepo();
        repo.Write(".gitlab-ci.yml", Ci(p));
        repo.Write(".doclint.yml", p.CatalogueFile ? "catalogue: catalogue.yml\nrequiredDocs: []\n" : "requiredDocs: []\n");
        if (p.CatalogueFile) repo.Write("catalogue.yml", Catalogue(p));
        repo.WriteBytes("docs/generated.md", DocBytes(p));
        var path = Path.Combine(repo.Root, "docs/generated.md");

        var (_, after) = Linter.Fix(Project.Open(new[] { repo.Root }, null));
        var left = after.Findings.Where(f => f.RuleId == "docs-generated").ToList();
        Assert.True(left.Count == 0, $"{p}\nafter --fix: {string.Join("\n", left)}\n{File.ReadAllText(path)}");
        var once = File.ReadAllBytes(path);
        Assert.True(once.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }) == p.Bom, $"{p}: BOM");
        var text = Encoding.UTF8.GetString(once);
        Assert.True(p.Crlf ? !text.Replace("\r\n", "").Contains('\n') : !text.Contains('\r'), $"{p}: line endings\n{text}");

        var (again, _) = Linter.Fix(Project.Open(new[] { repo.Root }, null));
        Assert.True(again.Rewrites.Count == 0, $"{p}: a second --fix rewrote {string.Join(", ", again.Rewrites)}");
        Assert.Equal(once, File.ReadAllBytes(path));
    }

    [Fact]
    public void Fix_then_check_leaves_no_stale_region_and_a_second_fix_changes_nothing() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), Prop.ForAll(Arb.From(Pipelines), FixThenCheck));
}
