using DocLint.Tests.Support;

namespace DocLint.Tests.Distribution;

/// <summary>
/// <c>.pre-commit-hooks.yaml</c> with the installed pre-commit 3.0.4 (<c>/usr/bin/pre-commit</c>): <c>pre-commit
/// try-repo</c> of this repository on a temporary git repository whose CI drifts fails, and passes once the drift is
/// fixed, for the hook pre-commit builds itself (<c>doclint</c>) and for the one using an installed doclint
/// (<c>doclint-system</c>). A missing pre-commit fails the test with the reason; nothing skips.
/// </summary>
public class PreCommitTests
{
    private const string PreCommit = "/usr/bin/pre-commit";
    private const string Drift = "drift/confirm-gate/one-rule-without-confirm";

    private static Dictionary<string, string> Environment(string scratch, string? extraPath = null)
    {
        var home = System.Environment.GetEnvironmentVariable("HOME") ?? scratch;
        return new Dictionary<string, string>
        {
            ["PRE_COMMIT_HOME"] = Path.Combine(scratch, "pre-commit-home"),
            // dotnet publish restores from the machine's package cache; nothing is fetched.
            ["NUGET_PACKAGES"] = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(home, ".nuget", "packages"),
            ["PATH"] = (extraPath == null ? "" : extraPath + ":") + System.Environment.GetEnvironmentVariable("PATH"),
            ["GIT_CONFIG_NOSYSTEM"] = "1",
            ["NO_COLOR"] = "1",
        };
    }

    private static Processes.Result TryRepo(string repo, string hook, Dictionary<string, string> env) =>
        Processes.Run(PreCommit, new[] { "try-repo", RepoPaths.Root, hook, "--all-files", "--color", "never" }, repo, env, timeoutMs: 600_000);

    private static TempRepo DriftedGitRepo()
    {
        Assert.True(File.Exists(PreCommit), $"{PreCommit} (pre-commit 3.0.4) is not installed: apt-get install pre-commit");
        var repo = Processes.CopyFixture(Drift);
        Processes.Git(repo.Root, "init", "-q");
        Processes.Git(repo.Root, "add", "-A");
        Processes.Git(repo.Root, "commit", "-q", "-m", "drifted");
        return repo;
    }

    private static void FixTheDrift(TempRepo repo)
    {
        File.Copy(Path.Combine(RepoPaths.Fixture("bf-dev"), ".gitlab-ci.yml"), Path.Combine(repo.Root, ".gitlab-ci.yml"), overwrite: true);
        Processes.Git(repo.Root, "add", "-A");
    }

    [Fact]
    public void The_hook_pre_commit_builds_itself_fails_on_a_drift_and_passes_after_the_fix()
    {
        using var repo = DriftedGitRepo();
        using var scratch = new TempRepo();
        var env = Environment(scratch.Root);

        var failing = TryRepo(repo.Root, "doclint", env);
        Assert.True(failing.ExitCode == 1, failing.ToString());
        Assert.Contains("[confirm-gate]", failing.Stdout);
        Assert.Contains("DocLint (built by pre-commit)", failing.Stdout);

        FixTheDrift(repo);
        var passing = TryRepo(repo.Root, "doclint", env);
        Assert.True(passing.ExitCode == 0, passing.ToString());
        Assert.Matches(@"DocLint \(built by pre-commit\)\.+Passed", passing.Stdout);
    }

    [Fact]
    public void The_system_hook_runs_the_installed_doclint_fails_on_a_drift_and_passes_after_the_fix()
    {
        using var repo = DriftedGitRepo();
        using var scratch = new TempRepo();
        // "Installed": a doclint on PATH (the release binary when DOCLINT_NATIVE_BINARY is set).
        var bin = Path.Combine(scratch.Root, "bin");
        Directory.CreateDirectory(bin);
        File.WriteAllBytes(Path.Combine(bin, "doclint"), ReleaseArtefact.DoclintExecutable());
        File.SetUnixFileMode(Path.Combine(bin, "doclint"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var env = Environment(scratch.Root, bin);

        var failing = TryRepo(repo.Root, "doclint-system", env);
        Assert.True(failing.ExitCode == 1, failing.ToString());
        Assert.Contains("[confirm-gate]", failing.Stdout);

        FixTheDrift(repo);
        var passing = TryRepo(repo.Root, "doclint-system", env);
        Assert.True(passing.ExitCode == 0, passing.ToString());
        Assert.Matches(@"DocLint \(installed\)\.+Passed", passing.Stdout);
    }

    [Fact]
    public void The_README_configuration_blocks_a_commit_with_drift_and_lets_the_fix_through()
    {
        using var repo = DriftedGitRepo();
        using var scratch = new TempRepo();
        // README.md's .pre-commit-config.yaml, with its repo: the committed state of this repository (a clone) and
        // rev: that commit; and doclint-system chosen (the hook that builds DocLint is run by the try-repo test above).
        var hookRepo = Path.Combine(scratch.Root, "doclint-repo");
        Processes.Run("git", new[] { "clone", "-q", "--no-hardlinks", RepoPaths.Root, hookRepo }, scratch.Root);
        var rev = Processes.Git(hookRepo, "rev-parse", "HEAD").Trim();
        var config = ReadmeTests.YamlBlock("repos:");
        config = System.Text.RegularExpressions.Regex.Replace(config, @"(?m)^(\s*- repo: ).*$", "${1}" + hookRepo);
        config = System.Text.RegularExpressions.Regex.Replace(config, @"(?m)^(\s*rev: ).*$", "${1}" + rev);
        config = config.Replace("      - id: doclint ", "      # - id: doclint ").Replace("      # - id: doclint-system", "      - id: doclint-system");
        Assert.Contains("- id: doclint-system", config);
        File.WriteAllText(Path.Combine(repo.Root, ".pre-commit-config.yaml"), config);
        var bin = Path.Combine(scratch.Root, "bin");
        Directory.CreateDirectory(bin);
        File.WriteAllBytes(Path.Combine(bin, "doclint"), ReleaseArtefact.DoclintExecutable());
        File.SetUnixFileMode(Path.Combine(bin, "doclint"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var env = Environment(scratch.Root, bin);

        var install = Processes.Run(PreCommit, new[] { "install", "--hook-type", "pre-commit", "--hook-type", "pre-push" }, repo.Root, env);
        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.True(File.Exists(Path.Combine(repo.Root, ".git", "hooks", "pre-commit")));
        Assert.True(File.Exists(Path.Combine(repo.Root, ".git", "hooks", "pre-push")));

        string[] Commit(string message) => new[] { "-c", "user.email=t@example.invalid", "-c", "user.name=T", "commit", "-q", "-m", message };
        File.AppendAllText(Path.Combine(repo.Root, ".gitlab-ci.yml"), "# touched\n");
        Processes.Git(repo.Root, "add", "-A");
        var blocked = Processes.Run("git", Commit("drift"), repo.Root, env);
        Assert.True(blocked.ExitCode != 0, blocked.ToString());
        Assert.Contains("[confirm-gate]", blocked.Stdout + blocked.Stderr);

        FixTheDrift(repo);
        var allowed = Processes.Run("git", Commit("fixed"), repo.Root, env);
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.Matches(@"DocLint \(installed\)\.+Passed", allowed.Stdout + allowed.Stderr);

        // Before a push too: the pre-push hook runs the same check against a bare remote.
        var remote = Path.Combine(scratch.Root, "remote.git");
        Processes.Run("git", new[] { "init", "-q", "--bare", remote }, scratch.Root);
        var push = Processes.Run("git", new[] { "push", "-q", remote, "HEAD:refs/heads/main" }, repo.Root, env);
        Assert.True(push.ExitCode == 0, push.ToString());
        Assert.Matches(@"DocLint \(installed\)\.+Passed", push.Stdout + push.Stderr);
    }

    [Fact]
    public void The_manifest_runs_both_hooks_before_commit_and_before_push()
    {
        var manifest = File.ReadAllText(Path.Combine(RepoPaths.Root, ".pre-commit-hooks.yaml"));
        var docs = DocLint.Parse.Yaml.YamlLoader.Load(".pre-commit-hooks.yaml", manifest);
        var hooks = ((DocLint.Parse.Yaml.YSequence)docs.Documents[0]).Items.Cast<DocLint.Parse.Yaml.YMapping>().ToList();
        Assert.Equal(new[] { "doclint", "doclint-system" }, hooks.Select(h => ((DocLint.Parse.Yaml.YScalar)h["id"]!).Value));
        Assert.All(hooks, h => Assert.Equal(new[] { "commit", "push" },
            ((DocLint.Parse.Yaml.YSequence)h["stages"]!).Items.Select(s => ((DocLint.Parse.Yaml.YScalar)s).Value)));
        Assert.Equal("system", ((DocLint.Parse.Yaml.YScalar)hooks[1]["language"]!).Value);
        // The script hook's entry is executable in git (pre-commit runs it from its clone).
        Assert.Contains("100755", Processes.Git(RepoPaths.Root, "ls-files", "-s", ".ci/pre-commit-doclint"));
    }
}
