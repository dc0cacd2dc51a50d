using System.Text.Json;
using DocLint.Tests.Support;

namespace DocLint.Tests.Cli;

/// <summary>
/// <c>doclint check</c> run from a subfolder finds the repository root above it (the git top level, or the nearest
/// <c>.doclint.yml</c> / <c>.gitlab-ci.yml</c>), as ruff, eslint and markdownlint-cli2 do: reports are relative to that
/// root, so GitLab places Code Quality findings in the merge-request diff even when the job checks a subfolder; and a
/// directory below the root restricts the check to the docs under it.
/// </summary>
public class RootDiscoveryTests
{
    private const string Index = "docs/operations/runbooks/index.md";

    /// <summary>A git repository of bf-dev with an obsolete action name in a runbook (line 40) and the legacy release rule dropped from the CI.</summary>
    private static TempRepo DriftedGitRepo()
    {
        var repo = BfDevDrift.LegacyDriftedCopy();
        var index = Path.Combine(repo.Root, Index);
        File.WriteAllText(index, File.ReadAllText(index).Replace("action=bring-all-code-to-release-branch project=all", "action=cut-off project=all"));
        Processes.Git(repo.Root, "init", "-q");
        return repo;
    }

    private static Processes.Result Doclint(string cwd, params string[] args) =>
        Processes.Run(NativeBinary.Path, args, cwd, timeoutMs: 120_000);

    private static List<(string Path, int Line, string Rule)> CodeQuality(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateArray()
            .Select(e => (e.GetProperty("location").GetProperty("path").GetString()!, e.GetProperty("location").GetProperty("lines").GetProperty("begin").GetInt32(), e.GetProperty("check_name").GetString()!))
            .ToList();

    [Fact]
    public void From_a_subfolder_the_root_is_found_above_and_paths_are_relative_to_it()
    {
        using var repo = DriftedGitRepo();
        var docs = Path.Combine(repo.Root, "docs");
        var r = Doclint(docs, "check", "--format", "codequality");
        Assert.True(r.ExitCode == 1, r.ToString());
        // Only the docs under docs/ are checked, and the path is the repository's, not docs/-relative.
        Assert.Equal(new[] { (Index, 40, "docs-action-name") }, CodeQuality(r.Stdout));

        // The same from the root naming the folder; the whole repository from the root.
        var named = Doclint(repo.Root, "check", "docs", "--format", "codequality");
        Assert.Equal(CodeQuality(r.Stdout), CodeQuality(named.Stdout));
        var whole = Doclint(repo.Root, "check", "--format", "codequality");
        Assert.Equal(new[] { "docs-action-name", "legacy-invoke" }, CodeQuality(whole.Stdout).Select(f => f.Rule).Order());

        // Any subfolder of the repository (even without docs) has the same root: a CI subfolder gets the CI findings.
        var sub = Doclint(Path.Combine(repo.Root, "docs", "operations", "runbooks"), "check", "--format", "codequality");
        Assert.Equal(new[] { (Index, 40, "docs-action-name") }, CodeQuality(sub.Stdout));
        var bfRelease = Doclint(Path.Combine(repo.Root, "bf-release"), "check", ".", "--format", "codequality");
        Assert.True(bfRelease.ExitCode == 0, bfRelease.ToString());
        Assert.Empty(CodeQuality(bfRelease.Stdout));
    }

    [Fact]
    public void The_git_top_level_is_the_root_when_there_is_no_marker_below_it()
    {
        using var repo = new TempRepo();
        using var bfDev = TempRepo.CopyOf(RepoPaths.Fixture("bf-dev"));
        // bf-dev without its .gitlab-ci.yml: the only marker left is .git.
        foreach (var file in Directory.GetFiles(bfDev.Root, "*", SearchOption.AllDirectories))
            repo.WriteBytes(Path.GetRelativePath(bfDev.Root, file), File.ReadAllBytes(file));
        File.Delete(Path.Combine(repo.Root, ".gitlab-ci.yml"));
        var index = Path.Combine(repo.Root, Index);
        File.WriteAllText(index, File.ReadAllText(index).Replace("action=bring-all-code-to-release-branch project=all", "action=cut-off project=all"));
        Processes.Git(repo.Root, "init", "-q");
        var r = Doclint(Path.Combine(repo.Root, "docs", "operations"), "check", "--format", "json");
        using var json = JsonDocument.Parse(r.Stdout);
        Assert.NotEmpty(json.RootElement.GetProperty("findings").EnumerateArray());
        // docs-coverage's repository-wide checks do not run for a subfolder; no finding points at a docs/-relative path.
        Assert.All(json.RootElement.GetProperty("findings").EnumerateArray(), f => Assert.StartsWith("docs/operations/", f.GetProperty("path").GetString()));
    }
}
