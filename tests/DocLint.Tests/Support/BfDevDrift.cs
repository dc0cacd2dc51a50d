using DocLint.Evaluate;
using DocLint.Findings;
using DocLint.Load;
using DocLint.Rules;

namespace DocLint.Tests.Support;

/// <summary>
/// Drifted copies of the clean bf-dev fixture for rule tests: one realistic mistake made by text replacement,
/// checked with every registered CI rule plus the model's own findings.
/// </summary>
public static class BfDevDrift
{
    public static readonly string CleanCi = File.ReadAllText(Path.Combine(RepoPaths.Fixture("bf-dev"), ".gitlab-ci.yml"));
    public static readonly string Changes = File.ReadAllText(Path.Combine(RepoPaths.Fixture("bf-dev"), "bf-release", "Changes.gitlab-ci.yml"));

    /// <summary>bf-dev's supported projects (its project options minus all), in order.</summary>
    public static readonly string[] Projects = { "bf-manage-core", "bf-telematics", "bf-billing", "bf-portal", "bf-notifications", "bf-identity", "bf-reporting", "bf-integrations", "bf-mobile-api" };

    /// <summary>A catalogue file listing <see cref="Projects"/> by name, for <c>catalogue: catalogue.yml</c>.</summary>
    public static (string Path, string Text) CatalogueFile => ("catalogue.yml", "projects:\n" + string.Concat(Projects.Select(n => $"  - name: {n}\n")));

    public static IReadOnlyList<Finding> Check(string ci, string? changes = null, DocLintConfig? config = null, params (string Path, string Text)[] extra)
    {
        config ??= DocLintConfig.Default;
        using var repo = new TempRepo(new[] { (".gitlab-ci.yml", ci), ("bf-release/Changes.gitlab-ci.yml", changes ?? Changes) }.Concat(extra).ToArray());
        var ws = repo.Workspace();
        var model = RoutingModel.Build(ws, config);
        return RuleSet.Run(new RuleContext(config, model, ws), RuleScope.Ci).Concat(model.Findings).ToList();
    }

    /// <summary>bf-dev's CI/release reference, which holds its generated regions (CONTRACT §9).</summary>
    public const string ReferenceDoc = "docs/reference/platform/ci-and-release.md";

    /// <summary>A Markdown file's bytes without its generated regions: each opening marker line through the closing
    /// marker line and the blank line after it.</summary>
    public static byte[] WithoutRegions(byte[] bytes) =>
        System.Text.Encoding.UTF8.GetBytes(System.Text.RegularExpressions.Regex.Replace(System.Text.Encoding.UTF8.GetString(bytes),
            @"(?ms)^<!-- doclint:generate [^\n]*-->\n.*?^<!-- doclint:end -->\n\n", ""));

    /// <summary>
    /// A copy of bf-dev to drift: its reference doc without the generated regions, which describe bf-dev's own pipeline
    /// and would be stale (a docs-generated finding) once a test changes the CI, the catalogue or the config.
    /// </summary>
    public static TempRepo CopyWithoutRegions(string subdir = "")
    {
        var repo = TempRepo.CopyOf(RepoPaths.Fixture("bf-dev"), subdir);
        var doc = Path.Combine(repo.Root, subdir, ReferenceDoc);
        File.WriteAllBytes(doc, WithoutRegions(File.ReadAllBytes(doc)));
        return repo;
    }

    /// <summary>A copy of the bf-dev repository whose release fan-out lost its legacy INVOKE_RELEASE rule: exactly one legacy-invoke error.</summary>
    public static TempRepo LegacyDriftedCopy()
    {
        var repo = CopyWithoutRegions();
        var ci = Path.Combine(repo.Root, ".gitlab-ci.yml");
        var text = File.ReadAllText(ci);
        const string line = "    - if: $INVOKE_RELEASE == \"true\"\n";
        Assert.Contains(line, text);
        File.WriteAllText(ci, text.Replace(line, ""));
        return repo;
    }

    /// <summary>The fixture (or <paramref name="text"/>) with the nth occurrence of <paramref name="from"/> replaced.</summary>
    public static string Drift(string from, string to, int nth = 0, string? text = null)
    {
        text ??= CleanCi;
        var at = -1;
        for (var i = 0; i <= nth; i++) at = text.IndexOf(from, at + 1, StringComparison.Ordinal);
        Assert.True(at >= 0, $"fixture text not found: {from}");
        return text[..at] + to + text[(at + from.Length)..];
    }

    public static int LineOf(string text, string needle, int nth = 0)
    {
        var lines = text.Split('\n');
        var seen = 0;
        for (var i = 0; i < lines.Length; i++)
            if (lines[i].Contains(needle) && seen++ == nth) return i + 1;
        throw new InvalidOperationException(needle);
    }

    /// <summary>Asserts exactly one finding, of this rule, and returns it.</summary>
    public static Finding Only(IReadOnlyList<Finding> findings, string ruleId)
    {
        Assert.True(findings.Count == 1, string.Join("\n", findings));
        Assert.Equal(ruleId, findings[0].RuleId);
        return findings[0];
    }
}
