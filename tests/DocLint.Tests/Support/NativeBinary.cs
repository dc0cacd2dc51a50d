namespace DocLint.Tests.Support;

/// <summary>
/// The Native AOT <c>doclint</c> the end-to-end suites also run against (so that an AOT-only crash fails a test).
/// <c>DOCLINT_NATIVE_BINARY</c> names it when set (<c>.ci/run</c> publishes it first, with trim and AOT warnings as
/// errors); otherwise it is published once per test run with <c>dotnet publish src/DocLint.Cli -c Release -r
/// linux-x64</c> into <c>artifacts/test-native/</c>, reused while it is newer than every source, schema and rule file,
/// and published again when one is newer. A missing binary or a failed publish fails the test that asked for it: the
/// native suites never skip.
/// </summary>
public static class NativeBinary
{
    public const string EnvironmentVariable = "DOCLINT_NATIVE_BINARY";

    private static readonly Lazy<string> Binary = new(Locate, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The absolute path of the native executable.</summary>
    public static string Path => Binary.Value;

    /// <summary>Runs the native doclint with <paramref name="args"/> in the current directory, as <see cref="CliRun.Run"/> runs it in-process.</summary>
    public static Task<(int Code, string Out, string Err)> Run(params string[] args) =>
        Task.Run(() =>
        {
            var r = Processes.Run(Path, args, Environment.CurrentDirectory, timeoutMs: 150_000);
            return (r.ExitCode, r.Stdout, r.Stderr);
        });

    private static string Locate()
    {
        var named = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(named))
        {
            var full = System.IO.Path.GetFullPath(named);
            Assert.True(File.Exists(full), $"{EnvironmentVariable}={named}: no such file");
            return full;
        }
        var dir = System.IO.Path.Combine(RepoPaths.Root, "artifacts", "test-native");
        var binary = System.IO.Path.Combine(dir, "doclint");
        Directory.CreateDirectory(dir);
        // One publish at a time across test processes too (two test runs of the same checkout).
        using var gate = Lock(System.IO.Path.Combine(dir, ".lock"));
        if (File.Exists(binary) && File.GetLastWriteTimeUtc(binary) >= NewestInput()) return binary;
        var publish = Processes.Run("dotnet", new[]
        {
            "publish", System.IO.Path.Combine(RepoPaths.Root, "src", "DocLint.Cli"), "-c", "Release", "-r", "linux-x64",
            "-o", dir, "-p:DocLintSkipPeerInstall=true", "--nologo",
        }, RepoPaths.Root, timeoutMs: 900_000);
        Assert.True(publish.ExitCode == 0, $"the native doclint did not publish (set {EnvironmentVariable} to use a built one):\n{publish}");
        Assert.True(File.Exists(binary), $"dotnet publish gave no {binary}:\n{publish}");
        File.SetLastWriteTimeUtc(binary, DateTime.UtcNow);
        return binary;
    }

    /// <summary>The newest write time of what the binary is built from.</summary>
    internal static DateTime NewestInput()
    {
        var newest = DateTime.MinValue;
        void Consider(string file)
        {
            var t = File.GetLastWriteTimeUtc(file);
            if (t > newest) newest = t;
        }
        foreach (var top in new[] { "src", "schema", "rules" })
        {
            var root = System.IO.Path.Combine(RepoPaths.Root, top);
            if (!Directory.Exists(root)) continue;
            foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            {
                var rel = System.IO.Path.GetRelativePath(root, file).Replace('\\', '/');
                if (rel.Contains("/bin/") || rel.Contains("/obj/") || rel.StartsWith("bin/") || rel.StartsWith("obj/")) continue;
                Consider(file);
            }
        }
        foreach (var file in new[] { "Directory.Build.props" })
            if (File.Exists(System.IO.Path.Combine(RepoPaths.Root, file))) Consider(System.IO.Path.Combine(RepoPaths.Root, file));
        return newest;
    }

    private static FileStream Lock(string path)
    {
        var until = DateTime.UtcNow.AddMinutes(20);
        while (true)
        {
            try { return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
            catch (IOException) when (DateTime.UtcNow < until) { Thread.Sleep(500); }
        }
    }
}
