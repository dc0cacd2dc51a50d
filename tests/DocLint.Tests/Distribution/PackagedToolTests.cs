using DocLint.Tests.Support;

namespace DocLint.Tests.Distribution;

/// <summary>Tests that run <c>dotnet pack</c>/<c>dotnet publish</c> on the source tree build the same projects in
/// Release: they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DotnetBuildCollection
{
    public const string Name = "dotnet builds of the source tree";
}

/// <summary>
/// The distribution, end to end: `dotnet pack` makes the DocLint .NET tool's pointer package and `dotnet pack -r
/// linux-x64` its Native AOT package, `dotnet tool install` from that local source puts the native doclint in a
/// temporary tool path, and it runs on the bundled fixtures with the contract's exit codes.
/// </summary>
[Collection(DotnetBuildCollection.Name)]
public class PackagedToolTests
{
    [Fact]
    public void The_packed_tool_installs_the_native_binary_and_checks_the_fixtures()
    {
        // The native test binary first: its publish (when DOCLINT_NATIVE_BINARY is not set) and these packs build the
        // same Release objects, so they must not run at the same time.
        _ = NativeBinary.Path;
        using var work = new TempRepo();
        var artifacts = Path.Combine(work.Root, "artifacts");
        foreach (var rid in new[] { Array.Empty<string>(), new[] { "-r", "linux-x64" } })
        {
            var pack = Processes.Run("dotnet", new[] { "pack", Path.Combine(RepoPaths.Root, "src", "DocLint.Cli"), "-c", "Release", "-o", artifacts,
                "-p:DocLintSkipPeerInstall=true", "--nologo" }.Concat(rid), RepoPaths.Root, timeoutMs: 900_000);
            Assert.True(pack.ExitCode == 0, pack.ToString());
        }
        var packages = Directory.GetFiles(artifacts, "DocLint.*.nupkg").Select(Path.GetFileName).Order().ToList();
        Assert.Equal(2, packages.Count);
        Assert.Single(packages, p => p!.StartsWith("DocLint.linux-x64.", StringComparison.Ordinal));

        var tools = Path.Combine(work.Root, "tools");
        var install = Processes.Run("dotnet", new[] { "tool", "install", "--tool-path", tools, "DocLint", "--add-source", artifacts }, work.Root);
        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.Contains("doclint", install.Stdout);
        var doclint = Path.Combine(tools, "doclint");
        Assert.True(File.Exists(doclint), $"{doclint} missing after installing {string.Join(", ", packages)}");

        // What the tool runs is the native executable: an ELF file with no managed assembly beside it.
        var store = Directory.GetFiles(Path.Combine(tools, ".store"), "doclint", SearchOption.AllDirectories);
        var native = Assert.Single(store);
        var head = File.ReadAllBytes(native).Take(4).ToArray();
        Assert.Equal(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }, head);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(native)!, "*.dll"));

        var version = Processes.Run(doclint, new[] { "--version" }, work.Root);
        Assert.Equal(0, version.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+.*\+[0-9a-f]{40}$", version.Stdout.Trim());

        var clean = Processes.Run(doclint, new[] { "check", RepoPaths.Fixture("bf-dev") }, work.Root);
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.StartsWith("0 errors, 0 warnings, 0 infos", clean.Stdout);

        // Every fixture fails the installed tool exactly when its expected.txt lists a finding; none is exit 2.
        foreach (var expected in Directory.GetFiles(RepoPaths.Fixtures, "expected.txt", SearchOption.AllDirectories))
        {
            var dir = Path.GetDirectoryName(expected)!;
            var wantsFindings = File.ReadAllLines(expected).Any(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'));
            var run = Processes.Run(doclint, new[] { "check", dir, "--fail-on", "info", "--quiet" }, work.Root);
            Assert.True(run.ExitCode == (wantsFindings ? 1 : 0), $"{dir}: {run}");
        }
    }
}
