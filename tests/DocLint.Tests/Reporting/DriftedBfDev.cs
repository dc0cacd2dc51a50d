using DocLint.Tests.Support;

namespace DocLint.Tests.Reporting;

/// <summary>
/// A copy of the bf-dev fixture (in a directory named bf-dev, as the html report's title shows it) with four
/// realistic mistakes: a placeholder action offered in the form (action-vocabulary), the legacy INVOKE_RELEASE rule
/// dropped (legacy-invoke), release:single no longer asking for confirm (confirm-gate), and a retired per-action CI
/// file back in bf-release/ (composition, a warning).
/// </summary>
internal sealed class DriftedBfDev : IDisposable
{
    private readonly TempRepo _repo;

    public DriftedBfDev()
    {
        _repo = BfDevDrift.CopyWithoutRegions("bf-dev");
        Root = Path.Combine(_repo.Root, "bf-dev");
        var ci = Path.Combine(Root, ".gitlab-ci.yml");
        var text = File.ReadAllText(ci);
        text = Replace(text, "        - deploy-release-branch-to-staging\n", "        - deploy-release-branch-to-staging\n        - rollback\n");
        text = Replace(text, "    - if: $INVOKE_RELEASE == \"true\"\n", "");
        text = Replace(text,
            "\"$[[ inputs.confirm ]]\" == \"true\" && \"$[[ inputs.action ]]\" == \"deploy-release-branch-to-staging\" && \"$[[ inputs.project ]]\" != \"all\"",
            "\"$[[ inputs.action ]]\" == \"deploy-release-branch-to-staging\" && \"$[[ inputs.project ]]\" != \"all\"");
        File.WriteAllText(ci, text);
        File.WriteAllText(Path.Combine(Root, "bf-release", "Cut-off.gitlab-ci.yml"),
            "# Retired: cut-off now lives in the root .gitlab-ci.yml\ncut-off:all:\n  trigger: { project: betterfleet/bf-manage-core }\n");
    }

    /// <summary>The repository root (…/bf-dev).</summary>
    public string Root { get; }

    /// <summary>A scratch directory beside the repository for report files.</summary>
    public string Out(string name)
    {
        var dir = Path.Combine(_repo.Root, "out");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }

    /// <summary>The rule ids the drift produces, at least (more may come as rules are added).</summary>
    public static readonly string[] ExpectedRules = { "action-vocabulary", "legacy-invoke", "confirm-gate", "composition" };

    /// <summary>Runs <c>doclint check</c> in-process.</summary>
    public static Task<(int Code, string Out, string Err)> Check(params string[] args) => CliRun.Run(["check", .. args]);

    private static string Replace(string text, string from, string to)
    {
        var at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"bf-dev fixture text not found: {from}");
        return text[..at] + to + text[(at + from.Length)..];
    }

    public void Dispose() => _repo.Dispose();
}
