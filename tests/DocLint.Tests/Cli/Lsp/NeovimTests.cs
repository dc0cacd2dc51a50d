using DocLint.Tests.Support;

namespace DocLint.Tests.Cli.Lsp;

/// <summary>
/// <c>doclint lsp</c> with a real editor: Neovim headless and its built-in LSP client run
/// <c>Neovim/doclint-lsp-test.lua</c> on a copy of bf-dev (drifted runbook → diagnostic → quick fix → cleared; a
/// project option dropped in an unsaved CI buffer → the open runbook's invocation gains a diagnostic; hover shows the
/// created job). Needs <c>nvim</c> (0.7+) on PATH; .ci/run installs Debian's neovim.
/// </summary>
public class NeovimTests
{
    /// <summary>The server command the editor starts: the doclint built for the tests.</summary>
    private static string[] ServerCommand => new[] { NativeBinary.Path, "lsp" };

    [Fact]
    public void Neovim_sees_the_diagnostic_applies_the_quick_fix_sees_a_CI_buffer_change_and_hovers()
    {
        var script = Path.Combine(RepoPaths.Root, "tests/DocLint.Tests/Cli/Lsp/Neovim/doclint-lsp-test.lua");
        using var repo = Processes.CopyFixture("bf-dev");
        repo.Write("docs/operations/runbooks/portal.md", "# Portal\n\n```text\naction=deploy-release-branch-to-staging project=bf-portal confirm=true\n```\n");
        var before = Directory.GetFiles(repo.Root, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);
        Processes.Result r;
        try
        {
            r = Processes.Run("nvim", new[] { "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", "luafile " + script }, repo.Root,
                new Dictionary<string, string> { ["DOCLINT_REPO"] = repo.Root, ["DOCLINT_CMD"] = string.Join('\t', ServerCommand) }, timeoutMs: 240_000);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"nvim (Neovim 0.7+) is needed for this test and could not be started: {e.Message}");
            return;
        }
        Assert.True(r.ExitCode == 0 && r.Stdout.Contains("ALL PASSED"), r.ToString());
        Assert.Contains("ok: diagnostic docs-action-name on line 40", r.Stdout);
        Assert.Contains("ok: hover shows the created job", r.Stdout);
        // The editor changed buffers only: every file is as it was, and no file was added.
        var after = Directory.GetFiles(repo.Root, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);
        Assert.Equal(before.OrderBy(kv => kv.Key), after.OrderBy(kv => kv.Key));
    }
}
