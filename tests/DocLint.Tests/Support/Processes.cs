using System.Diagnostics;

namespace DocLint.Tests.Support;

/// <summary>Runs a program with an argument list (never a shell) and a timeout, capturing its output.</summary>
public static class Processes
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
    }

    public static Result Run(string program, IEnumerable<string> args, string workingDirectory,
        IReadOnlyDictionary<string, string>? env = null, string? stdin = null, int timeoutMs = 300_000)
    {
        var psi = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        if (env != null) foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin != null) p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        if (!p.WaitForExit(timeoutMs))
        {
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish within {timeoutMs} ms");
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>git in <paramref name="dir"/> with a fixed identity; asserts success.</summary>
    public static string Git(string dir, params string[] args)
    {
        var r = Run("git", new[] { "-c", "user.email=doclint@example.invalid", "-c", "user.name=DocLint Tests", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false" }.Concat(args), dir);
        Assert.True(r.ExitCode == 0, $"git {string.Join(' ', args)}: {r}");
        return r.Stdout;
    }

    /// <summary>How to run the doclint built beside the tests: `dotnet path/doclint.dll`.</summary>
    public static string DoclintDll => Path.Combine(AppContext.BaseDirectory, "doclint.dll");

    /// <summary>A copy of a fixture directory under docs-fixtures/ in a new temporary repository.</summary>
    /// <summary>A copy of a fixture to change; bf-dev without its generated regions, which describe its own pipeline and
    /// would go stale with any drift a test makes (<see cref="BfDevDrift.CopyWithoutRegions"/>).</summary>
    public static TempRepo CopyFixture(string name) => name == "bf-dev" ? BfDevDrift.CopyWithoutRegions() : TempRepo.CopyOf(RepoPaths.Fixture(name));
}
