using DocLint.Linting;
using DocLint.Tests.Support;

namespace DocLint.Tests.Linting;

/// <summary>The pre-push hook, end to end: a real git repository, a real bare remote, real pushes.</summary>
public class PrePushHookTests
{
    private static Dictionary<string, string> Env => new()
    {
        // The hook runs the native doclint, as an installed hook does (the tool is not on PATH in tests).
        ["DOCLINT"] = NativeBinary.Path,
        ["GIT_TERMINAL_PROMPT"] = "0",
    };

    private sealed class Clone : IDisposable
    {
        public readonly TempRepo Work = Processes.CopyFixture("bf-dev");
        public readonly TempRepo Remote = new();

        public Clone()
        {
            Processes.Git(Remote.Root, "init", "-q", "--bare");
            Processes.Git(Work.Root, "init", "-q");
            Processes.Git(Work.Root, "add", "-A");
            Processes.Git(Work.Root, "commit", "-qm", "bf-dev");
            Processes.Git(Work.Root, "remote", "add", "origin", Remote.Root);
        }

        public Processes.Result Push() =>
            Processes.Run("git", new[] { "push", "-q", "origin", "HEAD:refs/heads/main" }, Work.Root, Env);

        public void Commit(string path, Func<string, string> edit, string message)
        {
            var full = Path.Combine(Work.Root, path);
            File.WriteAllText(full, edit(File.ReadAllText(full)));
            Processes.Git(Work.Root, "commit", "-qam", message);
        }

        public void Dispose() { Work.Dispose(); Remote.Dispose(); }
    }

    [Fact]
    public void The_native_binary_installs_a_hook_that_runs_itself_not_dotnet()
    {
        using var repo = new Clone();
        var native = NativeBinary.Path;
        var install = Processes.Run(native, new[] { "hook", "install", repo.Work.Root }, repo.Work.Root);
        Assert.True(install.ExitCode == 0, install.ToString());
        var hook = File.ReadAllText(Path.Combine(repo.Work.Root, ".git", "hooks", "pre-push"));
        Assert.Contains($"else '{native}' \"$@\"", hook);
        Assert.DoesNotContain("dotnet", hook);

        // Neither DOCLINT nor a doclint on PATH: the hook runs the native binary it recorded, and it blocks drift.
        var env = new Dictionary<string, string> { ["DOCLINT"] = "", ["PATH"] = "/usr/local/bin:/usr/bin:/bin", ["GIT_TERMINAL_PROMPT"] = "0" };
        Assert.NotEqual(0, Processes.Run("sh", new[] { "-c", "command -v doclint" }, repo.Work.Root, env).ExitCode);
        repo.Commit(".gitlab-ci.yml", t => t.Replace("\"$[[ inputs.confirm ]]\" == \"true\" && \"$[[ inputs.action ]]\" == \"deploy-release-branch-to-staging\" && \"$[[ inputs.project ]]\" != \"all\"",
            "\"$[[ inputs.action ]]\" == \"deploy-release-branch-to-staging\" && \"$[[ inputs.project ]]\" != \"all\""), "drop the confirm gate");
        var blocked = Processes.Run("git", new[] { "push", "-q", "origin", "HEAD:refs/heads/main" }, repo.Work.Root, env);
        Assert.True(blocked.ExitCode != 0, blocked.ToString());
        Assert.Contains("[confirm-gate]", blocked.Stdout + blocked.Stderr);
    }

    [Fact]
    public void Installed_from_a_dotnet_host_the_hook_runs_doclint_from_path()
    {
        // This test host is a .NET host (dotnet/testhost), as `dotnet doclint.dll` would be: never recorded.
        Assert.Equal("doclint", PrePushHook.CurrentCommand());
        Assert.Contains("else doclint \"$@\"", PrePushHook.Script(PrePushHook.CurrentCommand()));
    }

    [Fact]
    public async Task The_hook_allows_a_clean_push_and_blocks_a_push_with_drift()
    {
        using var repo = new Clone();
        var stdout = new StringWriter();
        Assert.Equal(0, await DocLint.Cli.Cli.RunAsync(new[] { "hook", "install", repo.Work.Root }, stdout, new StringWriter()));
        var hook = Path.Combine(repo.Work.Root, ".git", "hooks", "pre-push");
        Assert.Contains(hook, stdout.ToString());
        Assert.True(File.GetUnixFileMode(hook).HasFlag(UnixFileMode.UserExecute));

        var clean = repo.Push();
        Assert.True(clean.ExitCode == 0, clean.ToString());

        // A runbook edit that brings back the obsolete action name, and a pipeline edit dropping the confirm gate.
        repo.Commit(".gitlab-ci.yml", t => t.Replace("'$CI_PIPELINE_SOURCE == \"web\" && \"$[[ inputs.confirm ]]\" == \"true\" && \"$[[ inputs.action ]]\" == \"deploy-release-branch-to-staging\" && \"$[[ inputs.project ]]\" != \"all\"'",
            "'$CI_PIPELINE_SOURCE == \"web\" && \"$[[ inputs.action ]]\" == \"deploy-release-branch-to-staging\" && \"$[[ inputs.project ]]\" != \"all\"'"), "drop the confirm gate");
        var blocked = repo.Push();
        Assert.True(blocked.ExitCode != 0, blocked.ToString());
        Assert.Contains("[confirm-gate]", blocked.Stdout + blocked.Stderr);
        Assert.Contains("push blocked", blocked.Stderr);
        // Nothing reached the remote.
        Assert.NotEqual(Processes.Git(repo.Work.Root, "rev-parse", "HEAD").Trim(),
            Processes.Git(repo.Remote.Root, "rev-parse", "main").Trim());

        Processes.Git(repo.Work.Root, "revert", "--no-edit", "HEAD");
        var fixedPush = repo.Push();
        Assert.True(fixedPush.ExitCode == 0, fixedPush.ToString());
    }

    [Fact]
    public async Task Install_chains_an_existing_hook_runs_it_first_keeps_its_status_and_uninstall_restores_it()
    {
        using var repo = new Clone();
        var hook = Path.Combine(repo.Work.Root, ".git", "hooks", "pre-push");
        var foreign = "#!/bin/sh\necho \"someone else's hook $1\" >&2\ncat > \"$(git rev-parse --show-toplevel)/.git/foreign-input\"\nexit ${FOREIGN_EXIT:-0}\n";
        File.WriteAllText(hook, foreign);
        File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var (code, stdout, _) = await CliRun.Run("hook", "install", repo.Work.Root);
        Assert.Equal(0, code);
        Assert.Contains("the hook that was there runs first", stdout);
        Assert.StartsWith("#!/bin/sh\n" + PrePushHook.Marker, File.ReadAllText(hook));

        // The chained hook fails: the push is blocked with its exit status, before DocLint runs.
        var blocked = Processes.Run("git", new[] { "push", "-q", "origin", "HEAD:refs/heads/main" }, repo.Work.Root,
            new Dictionary<string, string>(Env) { ["FOREIGN_EXIT"] = "3" });
        Assert.True(blocked.ExitCode != 0, blocked.ToString());
        Assert.Contains("someone else's hook origin", blocked.Stderr);
        Assert.DoesNotContain("doclint: checking", blocked.Stderr);

        // It passes: it saw git's input, then DocLint checks and the push goes through.
        var pushed = repo.Push();
        Assert.True(pushed.ExitCode == 0, pushed.ToString());
        Assert.Contains("someone else's hook origin", pushed.Stderr);
        Assert.Contains("doclint: checking HEAD", pushed.Stderr);
        Assert.StartsWith("HEAD ", File.ReadAllText(Path.Combine(repo.Work.Root, ".git", "foreign-input")));

        var (ucode, uout, _) = await CliRun.Run("hook", "uninstall", repo.Work.Root);
        Assert.Equal(0, ucode);
        Assert.Contains("restored", uout);
        Assert.Equal(foreign, File.ReadAllText(hook));
        Assert.False(File.Exists(Path.Combine(repo.Work.Root, ".git", "hooks", PrePushHook.ChainedName)));
        // A hook DocLint did not write is never removed by uninstall.
        Assert.Equal(2, (await CliRun.Run("hook", "uninstall", repo.Work.Root)).Code);
        Assert.Equal(foreign, File.ReadAllText(hook));

        Assert.Equal(0, (await CliRun.Run("hook", "install", repo.Work.Root, "--force")).Code);
        Assert.Equal(0, (await CliRun.Run("hook", "uninstall", repo.Work.Root)).Code);
        Assert.False(File.Exists(hook));
    }

    [Fact]
    public async Task On_a_new_branch_the_hook_checks_the_changes_since_the_merge_base_with_the_default_branch()
    {
        using var repo = new Clone();
        // main already has a drifted runbook (pushed before the hook existed).
        repo.Commit("docs/operations/runbooks/index.md", t => t.Replace("action=bring-all-code-to-release-branch project=all", "action=cut-off project=all"), "old drift");
        Assert.True(repo.Push().ExitCode == 0);
        Processes.Git(repo.Work.Root, "fetch", "-q", "origin");
        Assert.Equal(0, (await CliRun.Run("hook", "install", repo.Work.Root)).Code);

        // A new branch that changes another runbook, cleanly.
        Processes.Git(repo.Work.Root, "checkout", "-qb", "feature");
        repo.Commit("docs/operations/runbooks/hotfix-release.staging.md", t => t + "\nOne more sentence.\n", "clean edit");
        var clean = Processes.Run("git", new[] { "push", "-q", "origin", "feature" }, repo.Work.Root, Env);
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.Matches(@"doclint: checking refs/heads/feature \(new branch: changes since its merge base with origin/main \([0-9a-f]+\)\)", clean.Stderr);
        Assert.Contains("checked 1 changed doc: docs/operations/runbooks/hotfix-release.staging.md", clean.Stderr);

        // A second new branch that brings its own drift is blocked, naming only that.
        Processes.Git(repo.Work.Root, "checkout", "-qb", "feature2", "main");
        repo.Commit("docs/operations/runbooks/hotfix-release.staging.md", t => t + "\nRun `action=release project=bf-portal confirm=true`.\n", "drift");
        var blocked = Processes.Run("git", new[] { "push", "-q", "origin", "feature2" }, repo.Work.Root, Env);
        Assert.True(blocked.ExitCode != 0, blocked.ToString());
        Assert.Contains("hotfix-release.staging.md", blocked.Stdout);
        Assert.DoesNotContain("runbooks/index.md", blocked.Stdout);
    }

    [Fact]
    public async Task Install_outside_a_git_repository_is_exit_2()
    {
        using var dir = new TempRepo();
        var err = new StringWriter();
        Assert.Equal(2, await DocLint.Cli.Cli.RunAsync(new[] { "hook", "install", dir.Root }, new StringWriter(), err));
        Assert.Contains("not a git repository", err.ToString());
    }

    [Fact]
    public void The_hook_honours_core_hooksPath()
    {
        using var repo = new Clone();
        Processes.Git(repo.Work.Root, "config", "core.hooksPath", ".githooks");
        var written = PrePushHook.Install(repo.Work.Root, force: false, command: "doclint");
        Assert.Equal(Path.Combine(repo.Work.Root, ".githooks", "pre-push"), written);
    }
}
