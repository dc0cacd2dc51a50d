using DocLint.Tests.Support;

namespace DocLint.Tests.Cli;

/// <summary>
/// The command line behaves as users of ruff, eslint or markdownlint-cli2 expect: unknown options are usage errors with a
/// suggestion, one error style, relative paths in messages, no stray terminal control sequences, correct plurals, and a
/// --help that says what the exit codes mean.
/// </summary>
public class CliMannersTests
{
    private static Processes.Result Doclint(string workingDirectory, params string[] args) =>
        Processes.Run(NativeBinary.Path, args, workingDirectory, timeoutMs: 120_000);

    [Theory]
    [InlineData("check", "--fromat", "--format")]
    [InlineData("explain", "--fromat", "--format")]
    [InlineData("check", "--fail-onn", "--fail-on")]
    public async Task An_unknown_option_is_a_usage_error_with_did_you_mean_never_a_path(string command, string typo, string meant)
    {
        var (code, output, err) = await CliRun.Run(command, RepoPaths.Fixture("bf-dev"), typo, "json");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        var lines = err.TrimEnd('\n').Split('\n');
        Assert.Equal($"doclint: error: Unrecognized command or argument '{typo}' (did you mean {meant}?)", lines[0]);
        Assert.Equal($"Run 'doclint {command} --help' for usage.", lines[^1]);
        Assert.DoesNotContain("no such file", err);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("check", "--help")]
    public async Task Help_lists_the_exit_codes_and_examples(params string[] args)
    {
        var (code, output, _) = await CliRun.Run(args);
        Assert.Equal(0, code);
        Assert.Contains("Exit codes:\n  0  no finding at or above --fail-on", output);
        Assert.Contains("  2  DocLint could not do its job", output);
        Assert.Contains("Examples:\n  doclint check ", output);
        Assert.EndsWith("\n", output);
    }

    [Fact]
    public async Task Config_errors_have_the_one_error_style_and_keep_file_line_and_column()
    {
        using var repo = TempRepo.CopyOf(RepoPaths.Fixture("bf-dev"));
        repo.Write(".doclint.yml", "rules:\n  confirm-gate: fatal\n");
        var (code, _, err) = await CliRun.Run("check", repo.Root);
        Assert.Equal(2, code);
        Assert.Equal("doclint: error: .doclint.yml:2:17: rules.confirm-gate: expected one of error, warning, info, off, got \"fatal\"\n", err);
    }

    [Fact]
    public void A_bad_baseline_or_report_path_is_named_as_given_never_by_the_machines_absolute_path()
    {
        using var repo = TempRepo.CopyOf(RepoPaths.Fixture("bf-dev"));
        var missing = Doclint(repo.Root, "check", "--baseline", "nope.json");
        Assert.True(missing.ExitCode == 2, missing.ToString());
        Assert.Equal("doclint: error: nope.json: cannot read baseline: no such file\n", missing.Stderr);

        var directory = Doclint(repo.Root, "check", "--baseline", "docs");
        Assert.Equal("doclint: error: docs: cannot read baseline: is a directory, not a file\n", directory.Stderr);

        var report = Doclint(repo.Root, "check", "--report", "json=out/report.json");
        Assert.Equal("doclint: error: cannot write json report to out/report.json: no such directory\n", report.Stderr);
        foreach (var r in new[] { missing, directory, report }) Assert.DoesNotContain(repo.Root, r.Stderr);
    }

    /// <summary>Under a real pseudo-terminal (util-linux <c>script</c>) with stdout and stderr redirected, nothing but
    /// DocLint's own output is written: no <c>ESC[?1h ESC=</c> keypad sequence from .NET's console set-up.</summary>
    [Fact]
    public void A_terminal_gets_no_control_sequence_when_the_output_is_redirected()
    {
        using var repo = TempRepo.CopyOf(RepoPaths.Fixture("bf-dev"));
        var command = $"'{NativeBinary.Path}' check . > out.txt 2> err.txt; '{NativeBinary.Path}' rules confirm-gate | cat > rules.txt";
        var tty = Processes.Run("script", new[] { "-qec", command, "/dev/null" }, repo.Root);
        Assert.True(tty.ExitCode == 0, tty.ToString());
        Assert.DoesNotContain('\u001b', tty.Stdout);
        Assert.StartsWith("0 errors, 0 warnings, 0 infos in 0 files", File.ReadAllText(Path.Combine(repo.Root, "out.txt")));
        Assert.DoesNotContain('\u001b', File.ReadAllText(Path.Combine(repo.Root, "out.txt")));
        Assert.DoesNotContain('\u001b', File.ReadAllText(Path.Combine(repo.Root, "rules.txt")));
    }

    [Fact]
    public void Stdout_and_stderr_into_one_file_interleave_without_overwriting()
    {
        using var repo = BfDevDrift.LegacyDriftedCopy();
        var r = Processes.Run("sh", new[] { "-c", $"'{NativeBinary.Path}' check . --baseline nope.json > both.txt 2>&1; '{NativeBinary.Path}' check . >> both.txt 2>&1; true" }, repo.Root);
        Assert.True(r.ExitCode == 0, r.ToString());
        var both = File.ReadAllText(Path.Combine(repo.Root, "both.txt"));
        Assert.StartsWith("doclint: error: nope.json: cannot read baseline: no such file\n", both);
        Assert.Contains("[legacy-invoke]", both);
    }

    [Fact]
    public async Task The_summary_uses_singular_for_one()
    {
        using var repo = BfDevDrift.LegacyDriftedCopy();
        var (code, output, _) = await CliRun.Run("check", repo.Root);
        Assert.Equal(1, code);
        Assert.Matches(@"\n1 error, 0 warnings, 0 infos in 1 file \(\d+ files checked in \d+ ms\)\n$", output);
    }
}
