using System.Diagnostics;
using DocLint.Load;

namespace DocLint.Linting;

/// <summary>
/// <c>doclint hook install</c>: a git pre-push hook that runs <c>doclint check</c> on what the push changes (the CI and
/// catalogue rules always; the docs rules on the docs changed since the remote's commit) and blocks the push on errors.
/// Git is asked where hooks live (<c>git rev-parse --git-path hooks</c>, so <c>core.hooksPath</c> is honoured) as a
/// process with an argument list, never through a shell. An existing hook that DocLint did not write is never
/// overwritten (unless forced), and <c>uninstall</c> removes only DocLint's own hook.
/// </summary>
public static class PrePushHook
{
    public const string Marker = "# doclint pre-push hook";

    /// <summary>Where a pre-push hook that was there before DocLint's is kept (beside it); DocLint's hook runs it first.</summary>
    public const string ChainedName = "pre-push.doclint-chained";

    /// <summary>The hook script. <paramref name="command"/> (already shell-quoted) runs doclint when it is not on PATH.</summary>
    public static string Script(string command) => $$"""
        #!/bin/sh
        {{Marker}} (written by `doclint hook install`; remove with `doclint hook uninstall`).
        # Checks what this push changes and blocks it when DocLint reports an error. Skip once: git push --no-verify.
        # DOCLINT overrides the command (default: doclint on PATH, else the one that installed this hook).
        z40=0000000000000000000000000000000000000000
        run_doclint() {
          if [ -n "$DOCLINT" ]; then $DOCLINT "$@"
          elif command -v doclint >/dev/null 2>&1; then doclint "$@"
          else {{command}} "$@"
          fi
        }
        input=$(cat)
        # The pre-push hook that was here before DocLint's runs first, with the same arguments and input; its failure
        # blocks the push with its own exit status.
        chained="$(dirname "$0")/{{ChainedName}}"
        if [ -x "$chained" ]; then
          printf '%s\n' "$input" | "$chained" "$@" || exit $?
        fi
        remote=${1:-origin}
        top=$(git rev-parse --show-toplevel) || exit 1
        # The remote's default branch: refs/remotes/<remote>/HEAD, else <remote>/main or <remote>/master.
        default=$(git symbolic-ref -q --short "refs/remotes/$remote/HEAD" 2>/dev/null)
        for candidate in "$remote/main" "$remote/master"; do
          [ -n "$default" ] && break
          git rev-parse -q --verify "refs/remotes/$candidate^{commit}" >/dev/null 2>&1 && default=$candidate
        done
        status=0
        while read -r local_ref local_sha remote_ref remote_sha; do
          [ -z "$local_sha" ] && continue
          [ "$local_sha" = "$z40" ] && continue
          if [ "$remote_sha" != "$z40" ] && git cat-file -e "$remote_sha^{commit}" 2>/dev/null; then
            base=$remote_sha
            what="changes since $(git rev-parse --short "$base") on $remote"
          elif [ -n "$default" ] && base=$(git merge-base "$local_sha" "$default" 2>/dev/null); then
            what="new branch: changes since its merge base with $default ($(git rev-parse --short "$base"))"
          else
            base=
            what="new branch and no default branch of $remote known: the whole repository"
          fi
          echo "doclint: checking $local_ref ($what)" >&2
          if [ -n "$base" ]; then
            run_doclint check "$top" --changed-since "$base" || status=1
          else
            run_doclint check "$top" || status=1
          fi
        done <<EOF
        $input
        EOF
        if [ "$status" -ne 0 ]; then
          echo "doclint: push blocked. Fix the findings above (or push with --no-verify to skip the check once)." >&2
        fi
        exit $status

        """.Replace("\r\n", "\n");

    /// <summary>
    /// How to run this doclint again from a hook: the path of the running executable (the native <c>doclint</c> of a
    /// release tarball or of <c>dotnet tool install</c>), or <c>doclint</c> (from PATH) when the running process is a
    /// .NET host (<c>dotnet</c>, a test host) that cannot run DocLint by itself.
    /// </summary>
    public static string CurrentCommand()
    {
        var process = Environment.ProcessPath;
        var name = process == null ? "" : Path.GetFileNameWithoutExtension(process);
        return name is "doclint" ? ShellQuote(process!) : "doclint";
    }

    /// <summary>
    /// Installs the hook for the repository containing <paramref name="directory"/>; returns the hook's path. A pre-push
    /// hook DocLint did not write is kept as <see cref="ChainedName"/> and run first by DocLint's hook (with
    /// <paramref name="force"/>: replaced instead).
    /// </summary>
    public static string Install(string directory, bool force, string? command = null) => Install(directory, force, command, out _);

    public static string Install(string directory, bool force, string? command, out string? chained)
    {
        var hook = HookPath(directory);
        chained = null;
        Directory.CreateDirectory(Path.GetDirectoryName(hook)!);
        if (File.Exists(hook) && !IsOurs(hook) && !force)
        {
            var keep = Path.Combine(Path.GetDirectoryName(hook)!, ChainedName);
            if (File.Exists(keep))
                throw new UsageException($"{ChainedName}: a chained hook is already kept beside the pre-push hook; not overwritten (use --force to replace the pre-push hook)");
            File.Move(hook, keep);
            chained = keep;
        }
        var temp = hook + ".doclint-tmp";
        File.WriteAllText(temp, Script(command ?? CurrentCommand()));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                                       | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.Move(temp, hook, overwrite: true);
        return hook;
    }

    /// <summary>Removes DocLint's hook and puts back the hook it chained, if any; returns the removed hook's path, or
    /// null when there was none of ours.</summary>
    public static string? Uninstall(string directory) => Uninstall(directory, out _);

    public static string? Uninstall(string directory, out bool restored)
    {
        var hook = HookPath(directory);
        restored = false;
        if (!File.Exists(hook)) return null;
        if (!IsOurs(hook)) throw new UsageException("pre-push: this hook was not written by DocLint; left in place");
        var kept = Path.Combine(Path.GetDirectoryName(hook)!, ChainedName);
        if (File.Exists(kept))
        {
            File.Move(kept, hook, overwrite: true);
            restored = true;
        }
        else File.Delete(hook);
        return hook;
    }

    private static bool IsOurs(string hook)
    {
        try { return File.ReadLines(hook).Take(3).Any(l => l.StartsWith(Marker, StringComparison.Ordinal)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    private static string HookPath(string directory)
    {
        var dir = Path.GetFullPath(directory);
        if (!Directory.Exists(dir)) throw new UsageException($"{directory}: no such directory");
        var hooks = Git(dir, "rev-parse", "--git-path", "hooks");
        return Path.Combine(Path.IsPathRooted(hooks) ? hooks : Path.Combine(dir, hooks), "pre-push");
    }

    /// <summary>Runs git with an argument list (no shell) and a timeout; its first output line, or exit-2 trouble.</summary>
    internal static string Git(string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        Process? p;
        try { p = Process.Start(psi); }
        catch (System.ComponentModel.Win32Exception e) { throw new UsageException($"git is needed to install the hook: {e.Message}"); }
        if (p == null) throw new UsageException("git could not be started");
        using (p)
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(10_000))
            {
                try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                throw new UsageException($"git {string.Join(' ', args)} did not answer within 10 s");
            }
            if (p.ExitCode != 0)
                throw new UsageException($"{workingDirectory}: not a git repository ({stderr.Result.Trim().Split('\n')[0]})");
            return stdout.Result.Trim().Split('\n')[0];
        }
    }

    private static string ShellQuote(string s) => "'" + s.Replace("'", "'\\''") + "'";
}
