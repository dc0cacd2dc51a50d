using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace DocLint.Load;

/// <summary>
/// The files changed since a git revision, for <c>--changed-since REF</c>: every file that differs between the
/// merge base of REF and HEAD and the working tree (commits on this branch, staged and unstaged changes, deletions
/// and the new side of renames), plus untracked files that are not ignored. That is what a merge request changes
/// (<c>REF...HEAD</c>) together with what is not committed yet. Paths are relative to the repository root and
/// limited to it.
/// <para>git runs as a process with an argument list (never a shell), in the root, without a terminal prompt,
/// external diff drivers, text conversion or an fsmonitor hook, and with a timeout. Anything that stops DocLint
/// from knowing the changed files (no git, not a repository, a bad REF) is a <see cref="UsageException"/>.</para>
/// </summary>
public static class GitChanges
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    private const int MaxOutputChars = 16 * 1024 * 1024;

    public static IReadOnlyList<string> Since(Workspace workspace, string gitRef, TimeSpan? timeout = null, string git = "git")
    {
        var limit = timeout ?? DefaultTimeout;
        if (string.IsNullOrWhiteSpace(gitRef) || gitRef.StartsWith('-') || gitRef.Any(char.IsControl))
            throw new UsageException($"--changed-since: '{gitRef}' is not a git revision");
        var what = $"--changed-since {gitRef}";
        var commit = Run(git, workspace.Root, limit, what, "not a commit of the repository", "rev-parse", "--verify", "--quiet", gitRef + "^{commit}").Trim();
        var head = Run(git, workspace.Root, limit, what, "the repository has no commit yet (HEAD)", "rev-parse", "--verify", "--quiet", "HEAD^{commit}").Trim();
        var baseCommit = Run(git, workspace.Root, limit, what, null, "merge-base", commit, head).Trim();
        var changed = Run(git, workspace.Root, limit, what, null, "diff", "--name-only", "-z", "--no-renames", "--no-ext-diff", "--no-textconv", "--relative", baseCommit, "--");
        var untracked = Run(git, workspace.Root, limit, what, null, "ls-files", "--others", "--exclude-standard", "-z", "--", ".");
        return changed.Split('\0').Concat(untracked.Split('\0'))
            .Select(p => p.Length == 0 ? null : Workspace.NormalizeRelative(p))
            .OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <param name="silentFailure">the message when git fails without saying why (<c>rev-parse --quiet</c>)</param>
    private static string Run(string git, string directory, TimeSpan timeout, string what, string? silentFailure, params string[] args)
    {
        var psi = new ProcessStartInfo(git)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
        };
        foreach (var a in new[] { "-c", "core.fsmonitor=false", "-c", "core.quotePath=false", "--no-pager" }.Concat(args)) psi.ArgumentList.Add(a);
        psi.Environment["GIT_TERMINAL_PROMPT"] = "0";
        psi.Environment["GIT_OPTIONAL_LOCKS"] = "0";
        psi.Environment["LC_ALL"] = "C";
        Process process;
        try { process = Process.Start(psi) ?? throw new UsageException($"{what}: git could not be started"); }
        catch (Win32Exception) { throw new UsageException($"{what}: git was not found on PATH (--changed-since needs git)"); }
        using (process)
        {
            process.StandardInput.Close();
            var stdout = ReadBounded(process.StandardOutput);
            var stderr = ReadBounded(process.StandardError);
            if (!process.WaitForExit(timeout))
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                process.WaitForExit();
                throw new UsageException($"{what}: git {args[0]} did not finish within {timeout.TotalSeconds:0} s");
            }
            process.WaitForExit();
            var (output, complete) = stdout.GetAwaiter().GetResult();
            if (!complete) throw new UsageException($"{what}: git {args[0]} printed more than {MaxOutputChars} characters");
            if (process.ExitCode != 0)
            {
                var message = stderr.GetAwaiter().GetResult().Text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
                throw new UsageException(message == null && silentFailure != null
                    ? $"{what}: {silentFailure}"
                    : $"{what}: git {args[0]} failed in {directory}: {message ?? $"exit code {process.ExitCode}"}");
            }
            return output;
        }
    }

    /// <summary>Reads a stream to its end, keeping at most <see cref="MaxOutputChars"/> characters.</summary>
    private static async Task<(string Text, bool Complete)> ReadBounded(StreamReader reader)
    {
        var sb = new StringBuilder();
        var buffer = new char[8192];
        var complete = true;
        int n;
        while ((n = await reader.ReadAsync(buffer, 0, buffer.Length)) > 0)
        {
            if (sb.Length + n <= MaxOutputChars) sb.Append(buffer, 0, n);
            else complete = false;
        }
        return (sb.ToString(), complete);
    }
}
