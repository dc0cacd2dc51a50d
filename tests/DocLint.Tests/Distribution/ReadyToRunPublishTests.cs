using System.Reflection.PortableExecutable;
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
/// README's fast-start build, end to end: <c>dotnet publish src/DocLint.Cli -c Release -p:PublishProfile=ReadyToRun</c>
/// (into a temporary directory instead of <c>artifacts/r2r/</c>) gives a <c>doclint</c> apphost whose assemblies carry
/// ReadyToRun native code, and it checks the bundled fixtures with the contract's exit codes.
/// </summary>
[Collection(DotnetBuildCollection.Name)]
public class ReadyToRunPublishTests
{
    [Fact]
    public void The_ReadyToRun_profile_publishes_a_precompiled_doclint_that_runs()
    {
        using var work = new TempRepo();
        var output = Path.Combine(work.Root, "r2r") + Path.DirectorySeparatorChar;
        var publish = Processes.Run("dotnet", new[] { "publish", Path.Combine(RepoPaths.Root, "src", "DocLint.Cli"), "-c", "Release",
            "-p:PublishProfile=ReadyToRun", "-p:PublishDir=" + output, "--nologo" }, RepoPaths.Root);
        Assert.True(publish.ExitCode == 0, publish.ToString());

        foreach (var dll in new[] { "doclint.dll", "DocLint.Core.dll" })
        {
            using var pe = new PEReader(File.OpenRead(Path.Combine(output, dll)));
            var cor = pe.PEHeaders.CorHeader;
            Assert.True(cor != null && cor.ManagedNativeHeaderDirectory.Size > 0, $"{dll} has no ReadyToRun header: it was not precompiled");
        }

        var doclint = Path.Combine(output, "doclint");
        Assert.True(File.Exists(doclint), $"no apphost {doclint}");
        var clean = Processes.Run(doclint, new[] { "check", RepoPaths.Fixture("bf-dev") }, work.Root);
        Assert.True(clean.ExitCode == 0, clean.ToString());
        var drift = Processes.Run(doclint, new[] { "check", Path.Combine(RepoPaths.Fixtures, "drift", "confirm-gate", "one-rule-without-confirm") }, work.Root);
        Assert.True(drift.ExitCode == 1, drift.ToString());
        Assert.Contains("[confirm-gate]", drift.Stdout);
    }
}
