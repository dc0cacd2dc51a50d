using DocLint.Linting;
using DocLint.Load;
using DocLint.Tests.Support;

namespace DocLint.Tests.Cli;

/// <summary>File-path mode and <c>--changed-since</c> (CONTRACT §2), on copies of bf-dev.</summary>
public class DocsModeTests
{
    private const string Staging = "docs/operations/runbooks/hotfix-release.staging.md";
    private const string Index = "docs/operations/runbooks/index.md";

    /// <summary>A copy of bf-dev; with <paramref name="git"/> a git repository (the root a file path walks up to).</summary>
    private static TempRepo CopyOfBfDev(bool git = false)
    {
        var repo = Processes.CopyFixture("bf-dev");
        if (git) Git(repo.Root, "init", "-q");
        return repo;
    }

    private static void Edit(TempRepo repo, string path, string from, string to)
    {
        var full = Path.Combine(repo.Root, path);
        var text = File.ReadAllText(full);
        Assert.Contains(from, text);
        File.WriteAllText(full, text.Replace(from, to));
    }

    /// <summary>Runs doclint in-process; <c>DocsModeTestsNative</c> runs every test here against the native binary.</summary>
    protected virtual Task<(int Code, string Out, string Err)> Run(params string[] args) => CliRun.Run(args);

    private static void Git(string dir, params string[] args) => Processes.Git(dir, args);

    [Fact]
    public async Task A_file_path_checks_that_docs_rules_with_the_repository_as_context()
    {
        using var repo = CopyOfBfDev(git: true);
        Edit(repo, Staging, "project = <target repository>", "project = bf-portl");
        Edit(repo, Index, "action=deploy-release-branch-to-staging project=all confirm=true", "action=release project=all confirm=true");
        // A CI drift elsewhere: reported in a whole-repository run, not for one runbook.
        Edit(repo, ".gitlab-ci.yml", "    - if: $INVOKE_RELEASE == \"true\"\n", "");

        var (code, output, err) = await Run("check", Path.Combine(repo.Root, Staging), "--no-color");
        Assert.Equal("", err);
        Assert.Equal(1, code);
        var lines = output.TrimEnd('\n').Split('\n');
        // The catalogue from the CI made the suggestion possible; only the named file's findings are reported.
        // One defect, one finding: no docs-coverage warning repeating it.
        Assert.Equal(2, lines.Length);
        Assert.Equal($"{Staging}:49:14: error: project=bf-portl is not in the catalogue and not all; did you mean project=bf-portal? [docs-invocation]", lines[0]);
        Assert.StartsWith("1 error, 0 warnings, 0 infos in 1 file ", lines[1]);

        var whole = Linter.Run(Project.Open(new[] { repo.Root }, null));
        Assert.Contains(whole.Findings, f => f.RuleId == "legacy-invoke");
        Assert.Contains(whole.Findings, f => f.Span.Path == Index);
    }

    [Fact]
    public async Task A_file_path_to_the_ci_root_reports_its_ci_findings_and_skips_repository_wide_docs_checks()
    {
        using var repo = CopyOfBfDev(git: true);
        File.Delete(Path.Combine(repo.Root, "docs/operations/runbooks/hotfix-release.production.md"));
        Edit(repo, ".gitlab-ci.yml", "    - if: $INVOKE_RELEASE == \"true\"\n", "");
        var (code, output, _) = await Run("check", Path.Combine(repo.Root, ".gitlab-ci.yml"), "--no-color");
        Assert.Equal(1, code);
        Assert.Contains("[legacy-invoke]", output);
        Assert.DoesNotContain("[docs-coverage]", output); // the missing required doc is a repository-wide check
    }

    [Fact]
    public async Task A_named_required_doc_with_a_wrong_invocation_gets_that_error_and_no_coverage_warning_repeating_it()
    {
        using var repo = CopyOfBfDev(git: true);
        Edit(repo, "docs/operations/runbooks/hotfix-release.production.md", "`project=<target repository>` and `confirm=true`", "`project=<target repository>`");
        var (_, output, _) = await Run("check", Path.Combine(repo.Root, "docs/operations/runbooks/hotfix-release.production.md"), "--no-color");
        Assert.Contains("does not set confirm=true; nothing is triggered without it [docs-invocation]", output);
        Assert.DoesNotContain("[docs-coverage]", output);
    }

    [Fact]
    public async Task Changed_since_checks_committed_staged_and_untracked_docs_and_says_which()
    {
        using var repo = CopyOfBfDev();
        Git(repo.Root, "init", "-q");
        Git(repo.Root, "add", "-A");
        Git(repo.Root, "commit", "-qm", "base");
        Git(repo.Root, "branch", "base");
        // An unchanged doc with a drift committed on the base: not reported.
        // Changed on the branch: a committed change, an unstaged change and an untracked new doc.
        Edit(repo, Index, "action=deploy-release-branch-to-staging project=all confirm=true", "action=release project=all confirm=true");
        Git(repo.Root, "commit", "-qam", "branch change");
        Edit(repo, Staging, "project = <target repository>", "project = bf-portl");
        repo.Write("docs/operations/runbooks/new.md", "# New\n\n`action=cutoff project=all confirm=true`\n");
        repo.Write("README.md", "`action=cutoff`\n"); // not a doc: not checked
        Edit(repo, ".gitlab-ci.yml", "    - if: $INVOKE_RELEASE == \"true\"\n", ""); // CI rules always run

        var (code, output, err) = await Run("check", repo.Root, "--changed-since", "base", "--no-color");
        Assert.Equal(1, code);
        Assert.Equal($"doclint: --changed-since base: checked 3 changed docs: {Staging}, {Index}, docs/operations/runbooks/new.md\n", err);
        Assert.Contains($"{Index}:46:8: error: action=release is an obsolete action name", output);
        Assert.Contains($"{Staging}:", output);
        Assert.Contains("docs/operations/runbooks/new.md:3:", output);
        Assert.Contains("[legacy-invoke]", output);
        Assert.DoesNotContain("README.md", output);
    }

    [Fact]
    public async Task Changed_since_with_nothing_changed_checks_no_doc_but_runs_the_ci_rules()
    {
        using var repo = CopyOfBfDev();
        Edit(repo, Index, "action=deploy-release-branch-to-staging project=all confirm=true", "action=release project=all confirm=true");
        Git(repo.Root, "init", "-q");
        Git(repo.Root, "add", "-A");
        Git(repo.Root, "commit", "-qm", "base");
        var (code, output, err) = await Run("check", repo.Root, "--changed-since", "HEAD");
        Assert.Equal(0, code);
        Assert.Equal("doclint: --changed-since HEAD: no docs changed; the docs rules checked no file\n", err);
        Assert.StartsWith("0 errors", output);
    }

    [Fact]
    public async Task Changed_since_hands_a_changed_playbook_to_the_playbook_rules_only()
    {
        using var repo = CopyOfBfDev();
        repo.Write(".doclint.yml", "playbooks: [\"train/*.md\"]\n");
        Git(repo.Root, "init", "-q");
        Git(repo.Root, "add", "-A");
        Git(repo.Root, "commit", "-qm", "base");
        repo.Write("train/week.md", "# Release train\n\n`action=release project=all confirm=true`\n");
        var (_, output, err) = await Run("check", repo.Root, "--changed-since", "HEAD", "--no-color");
        Assert.Equal("doclint: --changed-since HEAD: checked 1 changed doc: train/week.md\n", err);
        Assert.DoesNotContain("[docs-", output); // not a doc (docs: docs/**/*.md): the docs rules do not read it
    }

    [Theory]
    [InlineData("no-such-ref", "doclint: error: --changed-since no-such-ref: not a commit of the repository")]
    [InlineData("--output=/tmp/x", "doclint: error: --changed-since: '--output=/tmp/x' is not a git revision")]
    public async Task A_bad_ref_is_exit_2_with_one_line(string gitRef, string message)
    {
        using var repo = CopyOfBfDev();
        Git(repo.Root, "init", "-q");
        Git(repo.Root, "add", "-A");
        Git(repo.Root, "commit", "-qm", "base");
        var (code, output, err) = await Run("check", repo.Root, $"--changed-since={gitRef}");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith(message, err);
        Assert.Single(err.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain(repo.Root, err); // relative paths only: never the machine's absolute path
    }

    [Fact]
    public async Task Changed_since_outside_a_git_repository_is_exit_2()
    {
        using var repo = CopyOfBfDev();
        repo.Write(".doclint.yml", "{}\n"); // the root, so git does not find an enclosing repository's HEAD either
        var ceiling = Path.GetDirectoryName(repo.Root)!;
        Environment.SetEnvironmentVariable("GIT_CEILING_DIRECTORIES", ceiling);
        try
        {
            var (code, _, err) = await Run("check", repo.Root, "--changed-since", "HEAD");
            Assert.Equal(2, code);
            Assert.Matches("^doclint: error: --changed-since HEAD: .*not a git repository.*\n$", err);
        }
        finally { Environment.SetEnvironmentVariable("GIT_CEILING_DIRECTORIES", null); }
    }

    [Fact]
    public void Missing_git_is_a_usage_error_naming_it()
    {
        using var repo = CopyOfBfDev();
        var e = Assert.Throws<UsageException>(() => GitChanges.Since(repo.Workspace(), "HEAD", git: "/nonexistent/git"));
        Assert.Contains("git was not found", e.Message);
    }
}

/// <summary>Every test of <see cref="DocsModeTests"/> against the Native AOT doclint (<see cref="NativeBinary"/>).</summary>
public class DocsModeTestsNative : DocsModeTests
{
    protected override Task<(int Code, string Out, string Err)> Run(params string[] args) => NativeBinary.Run(args);
}
