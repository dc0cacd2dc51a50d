using DocLint.Linting;
using DocLint.Load;
using DocLint.Tests.Support;

namespace DocLint.Tests.Linting;

/// <summary>
/// The language server's path through the library: unsaved buffers overlay the workspace, and a run with a
/// <see cref="LintCache"/> reuses the routing model and parsed docs that did not change, with the same findings as a
/// run from scratch.
/// </summary>
public class LintCacheTests
{
    private const string Runbook = "docs/operations/runbooks/index.md";

    private static CheckResult Run(TempRepo repo, Dictionary<string, string> overlay, LintCache? cache)
    {
        var ws = new Workspace(repo.Root, new Limits { RegexTimeout = TimeSpan.FromSeconds(30) }, overlay);
        return Linter.Run(Project.AtRoot(ws), new CheckOptions { Cache = cache });
    }

    private static string Render(CheckResult r) => string.Join("\n", r.Findings.Select(f => f.ToString()));

    [Fact]
    public void An_unsaved_runbook_is_judged_and_the_model_is_not_rebuilt_for_it()
    {
        using var repo = Processes.CopyFixture("bf-dev");
        var onDisk = File.ReadAllText(Path.Combine(repo.Root, Runbook));
        var cache = new LintCache();
        Assert.Empty(Run(repo, new(), cache).Findings);
        Assert.Equal(1, cache.ModelBuilt);

        var edited = onDisk.Replace("action=bring-all-code-to-release-branch project=all", "action=cut-off project=all");
        var overlay = new Dictionary<string, string> { [Runbook] = edited };
        var cached = Run(repo, overlay, cache);
        var fresh = Run(repo, overlay, null);
        var f = Assert.Single(cached.Findings);
        Assert.Equal("docs-action-name", f.RuleId);
        Assert.Equal(Runbook, f.Span.Path);
        Assert.Equal(40, f.Span.Line);
        Assert.Equal(Render(fresh), Render(cached));
        Assert.Equal(1, cache.ModelBuilt);
        Assert.Equal(1, cache.ModelReused);
        Assert.Equal(onDisk, File.ReadAllText(Path.Combine(repo.Root, Runbook))); // nothing written
    }

    [Fact]
    public void A_CI_buffer_rebuilds_the_model_and_rejudges_the_docs()
    {
        using var repo = Processes.CopyFixture("bf-dev");
        repo.Write("docs/operations/runbooks/portal.md", "# Portal\n\n```text\naction=deploy-release-branch-to-staging project=bf-portal confirm=true\n```\n");
        var cache = new LintCache();
        Assert.Empty(Run(repo, new(), cache).Findings);

        var ci = File.ReadAllText(Path.Combine(repo.Root, ".gitlab-ci.yml"));
        var dropped = BfDevDrift.Drift("\n        - bf-portal\n", "\n", 0, ci);
        Assert.NotEqual(ci, dropped);
        var overlay = new Dictionary<string, string> { [".gitlab-ci.yml"] = dropped };
        var cached = Run(repo, overlay, cache);
        Assert.Equal(2, cache.ModelBuilt);
        Assert.Contains(cached.Findings, f => f.Span.Path == "docs/operations/runbooks/portal.md" && f.Span.Line == 4);
        Assert.Equal(Render(Run(repo, overlay, null)), Render(cached));

        // The buffer closed (overlay gone): the disk's CI again, and no finding.
        Assert.Empty(Run(repo, new(), cache).Findings);
        Assert.Equal(3, cache.ModelBuilt);
    }

    [Fact]
    public void A_file_changed_on_disk_is_seen_by_the_next_run()
    {
        using var repo = Processes.CopyFixture("bf-dev");
        var cache = new LintCache();
        Assert.Empty(Run(repo, new(), cache).Findings);
        var ci = Path.Combine(repo.Root, "bf-release/Changes.gitlab-ci.yml");
        File.WriteAllText(ci, "this: [is not: valid");
        var after = Run(repo, new(), cache);
        Assert.Equal(2, cache.ModelBuilt);
        Assert.Contains(after.Findings, f => f.RuleId == "ci-parse" && f.Span.Path == "bf-release/Changes.gitlab-ci.yml");
    }
}
