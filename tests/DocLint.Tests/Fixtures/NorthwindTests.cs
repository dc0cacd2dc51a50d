using DocLint.Tests.Support;

namespace DocLint.Tests.Fixtures;

/// <summary>
/// docs-fixtures/northwind, a repository not derived from bf-dev (other names, a catalogue file, nested docs, a job
/// that checks the docs/ subfolder): after <c>doclint init</c> it is clean, and each hand-made drift is one finding at
/// the right line, also when run from the subfolder as its CI job does.
/// </summary>
public class NorthwindTests
{
    private static async Task<TempRepo> Initialised()
    {
        var repo = TempRepo.CopyOf(RepoPaths.Fixture("northwind"));
        File.Delete(Path.Combine(repo.Root, "README.md"));
        var (code, _, err) = await CliRun.Run("init", repo.Root);
        Assert.True(code == 0, err);
        return repo;
    }

    [Fact]
    public async Task After_init_it_is_clean()
    {
        using var repo = await Initialised();
        Assert.Contains("catalogue: catalogue.yml", File.ReadAllText(Path.Combine(repo.Root, ".doclint.yml")));
        var (code, output, err) = await CliRun.Run("check", repo.Root, "--no-color");
        Assert.True(code == 0, output + err);
        Assert.StartsWith("0 errors, 0 warnings, 0 infos in 0 files (7 files checked", output);
    }

    public static readonly TheoryData<string, string, string, string> Drifts = new()
    {
        // ship-one no longer asks for confirm.
        { ".gitlab-ci.yml", "\"$[[ inputs.confirm ]]\" == \"true\" && \"$[[ inputs.action ]]\" == \"deploy-release-branch-to-staging\" && \"$[[ inputs.project ]]\" != \"all\"",
          "\"$[[ inputs.action ]]\" == \"deploy-release-branch-to-staging\" && \"$[[ inputs.project ]]\" != \"all\"", ".gitlab-ci.yml:55:7: error: action=deploy-release-branch-to-staging project=nw-orders confirm=false starts ship-one" },
        // A typo in one fan-out's matrix.
        { ".gitlab-ci.yml", "      - SERVICE: [nw-orders, nw-payments, nw-storefront, nw-search]\n  variables: { ORCHESTRATION_RELEASE",
          "      - SERVICE: [nw-orders, nw-payments, nw-storefront, nw-serch]\n  variables: { ORCHESTRATION_RELEASE", ".gitlab-ci.yml:72:58: error: " },
        // The nested payments doc goes back to the old action name.
        { "docs/handbook/teams/payments/release.md", "action=bring-all-code-to-release-branch project=nw-payments", "action=cut-off project=nw-payments",
          "docs/handbook/teams/payments/release.md:7:8: error: action=cut-off is an obsolete action name; use action=bring-all-code-to-release-branch [docs-action-name]" },
        // The staging hotfix runbook forgets confirm.
        { "docs/operations/runbooks/hotfix-release.staging.md", "project=nw-payments confirm=true", "project=nw-payments",
          "docs/operations/runbooks/hotfix-release.staging.md:4:39: error: invocation action=deploy-release-branch-to-staging does not set confirm=true" },
        // The runbook index mistypes all.
        { "docs/operations/runbooks/index.md", "project=all confirm", "project=al confirm",
          "docs/operations/runbooks/index.md:9:49: error: project=al is not in the catalogue and not all; did you mean project=all? [docs-invocation]" },
    };

    [Theory]
    [MemberData(nameof(Drifts))]
    public async Task Each_drift_is_one_finding_at_its_line(string file, string from, string to, string expected)
    {
        using var repo = await Initialised();
        var path = Path.Combine(repo.Root, file);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text);
        File.WriteAllText(path, text.Replace(from, to));
        var (code, output, _) = await CliRun.Run("check", repo.Root, "--no-color");
        Assert.Equal(1, code);
        var findings = output.TrimEnd('\n').Split('\n')[..^1];
        Assert.StartsWith(expected, Assert.Single(findings));

        // The CI job's way: from docs/, with paths relative to the repository root (docs findings only).
        if (!file.StartsWith("docs/", StringComparison.Ordinal)) return;
        var fromDocs = Processes.Run(NativeBinary.Path, new[] { "check", "--no-color" }, Path.Combine(repo.Root, "docs"), timeoutMs: 120_000);
        Assert.True(fromDocs.ExitCode == 1, fromDocs.ToString());
        Assert.StartsWith(expected, Assert.Single(fromDocs.Stdout.TrimEnd('\n').Split('\n')[..^1]));
    }
}
