using DocLint.Linting;
using DocLint.Tests.Support;

namespace DocLint.Tests.Linting;

/// <summary>The pre-push hook, end to end: a real git repository, a real bare remote, real pushes.</summary>
public class PrePushHookTests
{
    private static readonly Dictionary<string, string> Env = new()
    {
        // The hook runs this build of doclint (the tool is not on PATH in tests).
        ["DOCLINT"] = $"dotnet {Processes.DoclintDll}",
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
    public async Task Install_never_overwrites_a_foreign_hook_and_uninstall_leaves_it()
    {
        using var repo = new Clone();
        var hook = Path.Combine(repo.Work.Root, ".git", "hooks", "pre-push");
        File.WriteAllText(hook, "#!/bin/sh\necho someone else's hook\n");
        var err = new StringWriter();
        Assert.Equal(2, await DocLint.Cli.Cli.RunAsync(new[] { "hook", "install", repo.Work.Root }, new StringWriter(), err));
        Assert.Contains("not overwritten", err.ToString());
        Assert.Equal(2, await DocLint.Cli.Cli.RunAsync(new[] { "hook", "uninstall", repo.Work.Root }, new StringWriter(), new StringWriter()));
        Assert.Contains("someone else's hook", File.ReadAllText(hook));

        Assert.Equal(0, await DocLint.Cli.Cli.RunAsync(new[] { "hook", "install", repo.Work.Root, "--force" }, new StringWriter(), new StringWriter()));
        Assert.StartsWith("#!/bin/sh\n" + PrePushHook.Marker, File.ReadAllText(hook));
        Assert.Equal(0, await DocLint.Cli.Cli.RunAsync(new[] { "hook", "uninstall", repo.Work.Root }, new StringWriter(), new StringWriter()));
        Assert.False(File.Exists(hook));
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
