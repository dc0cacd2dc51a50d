using System.Text;
using DocLint.Findings;
using DocLint.Linting;
using DocLint.Load;
using DocLint.Tests.Support;

namespace DocLint.Tests.Linting;

/// <summary>
/// <c>--fix</c> (CONTRACT §7) against golden files beside this test (<c>Golden/*.before.md</c> → <c>*.after.md</c>;
/// regenerated only with <c>DOCLINT_UPDATE_GOLDEN=1</c>): rewrites, byte preservation, idempotence, failures.
/// </summary>
public class FixerTests
{
    internal const string Doc = "docs/runbook.md";
    internal static string Golden(string name) => Path.Combine(RepoPaths.Root, "tests", "DocLint.Tests", "Linting", "Golden", name);

    /// <summary>bf-dev's clean CI with <paramref name="doc"/> as <see cref="Doc"/> (also the repository of <c>MachineFixTests</c>).</summary>
    internal static TempRepo RepoWith(byte[] doc)
    {
        var repo = new TempRepo((".gitlab-ci.yml", BfDevDrift.CleanCi), ("bf-release/Changes.gitlab-ci.yml", BfDevDrift.Changes));
        repo.WriteBytes(Doc, doc);
        return repo;
    }

    private static Project Open(TempRepo repo) => Project.Open(new[] { repo.Root }, null);

    [Theory]
    [InlineData("runbook")]
    [InlineData("runbook-crlf-bom")]
    public void Fix_matches_the_golden_file_and_a_second_run_changes_nothing(string name)
    {
        var before = File.ReadAllBytes(Golden(name + ".before.md"));
        using var repo = RepoWith(before);
        var (fixes, after) = Linter.Fix(Open(repo));
        Assert.Empty(fixes.Failures);
        var written = File.ReadAllBytes(Path.Combine(repo.Root, Doc));

        var goldenPath = Golden(name + ".after.md");
        if (Environment.GetEnvironmentVariable("DOCLINT_UPDATE_GOLDEN") == "1") File.WriteAllBytes(goldenPath, written);
        Assert.True(File.Exists(goldenPath), $"golden file {goldenPath} is missing (run with DOCLINT_UPDATE_GOLDEN=1 to create it)");
        Assert.Equal(File.ReadAllBytes(goldenPath), written);

        Assert.Equal(new[]
        {
            $"{Doc}:10: cut-off → bring-all-code-to-release-branch",
            $"{Doc}:13: release-to-staging → deploy-release-branch-to-staging",
            $"{Doc}:17: cutoff → bring-all-code-to-release-branch",
            $"{Doc}:18: Deploy → deploy-release-branch-to-staging",
            $"{Doc}:21: cut_off → bring-all-code-to-release-branch",
        }, fixes.Rewrites.Select(r => r.ToString()));
        Assert.DoesNotContain(after.Findings, f => f.RuleId == "docs-action-name");

        // Everything but the rewritten spans is byte-for-byte the same: undo the rewrites and get the input back.
        var text = Encoding.UTF8.GetString(written);
        var undone = text;
        foreach (var r in fixes.Rewrites.OrderByDescending(r => r.Line))
        {
            var lines = undone.Split('\n');
            lines[r.Line - 1] = ReplaceOnce(lines[r.Line - 1], r.To, r.From);
            undone = string.Join('\n', lines);
        }
        Assert.Equal(before, Encoding.UTF8.GetBytes(undone));
        var bom = before.AsSpan().StartsWith(Encoding.UTF8.Preamble);
        Assert.Equal(bom, written.AsSpan().StartsWith(Encoding.UTF8.Preamble));
        Assert.Equal(Count(before, "\r\n"), Count(written, "\r\n"));
        Assert.Equal(Count(before, "\n"), Count(written, "\n"));
        Assert.Contains("variables: { action: release }", text); // a yaml block quotes configuration: untouched
        Assert.Contains("say \"cut-off\" (`cut-off`)", text);     // a glossary mention is no invocation: untouched

        var (second, _) = Linter.Fix(Open(repo));
        Assert.Empty(second.Rewrites);
        Assert.Empty(second.Failures);
        Assert.Equal(written, File.ReadAllBytes(Path.Combine(repo.Root, Doc)));
        Assert.Single(Directory.GetFiles(Path.Combine(repo.Root, "docs"))); // no temporary file left behind
    }

    private static string ReplaceOnce(string s, string from, string to)
    {
        var at = s.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"{from} not in {s}");
        return s[..at] + to + s[(at + from.Length)..];
    }

    private static int Count(byte[] bytes, string s) => Encoding.UTF8.GetString(bytes).Split(s).Length - 1;

    [Fact]
    public void The_golden_inputs_really_differ_in_bom_and_line_endings()
    {
        var lf = File.ReadAllBytes(Golden("runbook.before.md"));
        var crlf = File.ReadAllBytes(Golden("runbook-crlf-bom.before.md"));
        Assert.DoesNotContain((byte)'\r', lf);
        Assert.True(crlf.AsSpan().StartsWith(Encoding.UTF8.Preamble));
        Assert.Equal(Count(crlf, "\n"), Count(crlf, "\r\n"));
    }

    [Fact]
    public void An_immutable_file_is_reported_and_left_untouched()
    {
        var before = File.ReadAllBytes(Golden("runbook.before.md"));
        using var repo = RepoWith(before);
        var full = Path.Combine(repo.Root, Doc);
        // Tests run as root, which ignores file modes: the immutable attribute makes the rename fail for real.
        Chattr("+i", full);
        try
        {
            var (fixes, after) = Linter.Fix(Open(repo));
            Assert.Empty(fixes.Rewrites);
            var failure = Assert.Single(fixes.Failures);
            Assert.Equal(Doc, failure.Path);
            Assert.DoesNotContain('\n', failure.ToString());
            Assert.Equal(before, File.ReadAllBytes(full));
            Assert.Contains(after.Findings, f => f.RuleId == "docs-action-name" && f.Edit != null); // still reported
            Assert.Single(Directory.GetFiles(Path.Combine(repo.Root, "docs")));                    // temp file removed
        }
        finally { Chattr("-i", full); }
    }

    [Fact]
    public async Task The_cli_prints_each_rewrite_and_a_write_failure_as_one_line()
    {
        using var repo = RepoWith(File.ReadAllBytes(Golden("runbook.before.md")));
        var full = Path.Combine(repo.Root, Doc);
        Chattr("+i", full);
        try
        {
            var (code, output, err) = await Cli("check", repo.Root, "--fix");
            Assert.Equal(1, code);
            Assert.Matches($"^doclint: {Doc}: not rewritten: .+\n$", err);
            Assert.Contains("obsolete action name", output);
        }
        finally { Chattr("-i", full); }

        var (fixedCode, fixedOut, fixedErr) = await Cli("check", repo.Root, "--fix", "--no-color");
        Assert.Equal("", fixedErr);
        Assert.StartsWith($"{Doc}:10: cut-off → bring-all-code-to-release-branch\n", fixedOut);
        Assert.Equal(5, fixedOut.Split('\n').Count(l => l.Contains(" → ")));
        Assert.DoesNotContain("[docs-action-name]", fixedOut); // what is left: the repository lacks the required docs
        Assert.Equal(1, fixedCode);

        // With a JSON stdout the rewrites go to stderr, so stdout stays one JSON document.
        File.WriteAllBytes(full, File.ReadAllBytes(Golden("runbook.before.md")));
        var (_, json, jsonErr) = await Cli("check", repo.Root, "--fix", "--format", "json");
        Assert.StartsWith("{", json);
        Assert.Contains("cut-off → bring-all-code-to-release-branch", jsonErr);
    }

    [Fact]
    public void A_failing_writer_and_a_changed_file_leave_the_file_untouched()
    {
        var before = File.ReadAllBytes(Golden("runbook.before.md"));
        using var repo = RepoWith(before);
        var project = Open(repo);
        var findings = Linter.Run(project).Findings;

        var report = Fixer.Apply(project.Workspace, findings, new FailingReplacer());
        Assert.Equal("docs/runbook.md: not rewritten: disk full", Assert.Single(report.Failures).ToString());
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(repo.Root, Doc)));

        File.WriteAllText(Path.Combine(repo.Root, Doc), "# Rewritten meanwhile\n\naction=cut-off project=all confirm=true\n");
        var stale = Fixer.Apply(project.Workspace, findings);
        Assert.Contains("changed since it was checked", Assert.Single(stale.Failures).Reason);
        Assert.Equal("# Rewritten meanwhile\n\naction=cut-off project=all confirm=true\n", File.ReadAllText(Path.Combine(repo.Root, Doc)));
    }

    [Fact]
    public void Only_findings_with_an_edit_are_applied_and_overlapping_edits_never_both()
    {
        using var repo = new TempRepo((Doc, "a cut-off b\n"));
        var ws = repo.Workspace();
        var span = SourceSpan.At(Doc, 1, 3);
        var findings = new[]
        {
            new Finding("docs-action-name", Severity.Error, "x", span) { Edit = new TextEdit(new SourceSpan(Doc, 1, 3, 1, 10), 2, 7, "cut-off", "bring-all-code-to-release-branch") },
            new Finding("docs-action-name", Severity.Error, "y", span) { Edit = new TextEdit(new SourceSpan(Doc, 1, 5, 1, 8), 4, 3, "t-o", "zzz") },
            new Finding("docs-invocation", Severity.Error, "no edit", span),
        };
        var report = Fixer.Apply(ws, findings);
        Assert.Single(report.Rewrites);
        Assert.Equal("a bring-all-code-to-release-branch b\n", File.ReadAllText(Path.Combine(repo.Root, Doc)));
    }

    private sealed class FailingReplacer : IFileReplacer
    {
        public void Replace(string fullPath, byte[] content) => throw new IOException("disk full");
    }

    private static void Chattr(string flag, string path)
    {
        Processes.Result r;
        try { r = Processes.Run("chattr", new[] { flag, path }, Path.GetDirectoryName(path)!, timeoutMs: 30_000); }
        catch (System.ComponentModel.Win32Exception e) { throw new InvalidOperationException($"chattr (e2fsprogs) is needed to make a file unwritable for root: {e.Message}"); }
        Assert.True(r.ExitCode == 0, $"chattr {flag} {path} failed (the test needs root on a file system with the immutable attribute): {r.Stderr.Trim()}");
    }

    /// <summary>Runs doclint in-process; <c>FixerTestsNative</c> runs every test here against the native binary.</summary>
    protected virtual Task<(int Code, string Out, string Err)> Cli(params string[] args) => CliRun.Run(args);
}

/// <summary>Every test of <see cref="FixerTests"/> against the Native AOT doclint (<see cref="NativeBinary"/>).</summary>
public class FixerTestsNative : FixerTests
{
    protected override Task<(int Code, string Out, string Err)> Cli(params string[] args) => NativeBinary.Run(args);
}
