using System.Text.Json;
using DocLint.Tests.Support;

namespace DocLint.Tests.Hostile;

/// <summary>
/// Every hostile input of <see cref="HostileCases"/> through the real command line (a separate process, so that a
/// crash, a stack overflow or a hang is seen as what it is): exit 1, the findings as one line each and nothing else
/// on stdout, nothing on stderr (no stack trace), and a <c>--report</c> file that is complete.
/// </summary>
public class HostileCliTests
{
    /// <summary>doclint as a process on the JIT (<c>dotnet doclint.dll</c>); <c>HostileCliTestsNative</c>: the native binary.</summary>
    protected virtual Processes.Result Doclint(string[] args, string workingDirectory) =>
        Processes.Run("dotnet", new[] { Processes.DoclintDll }.Concat(args), workingDirectory, timeoutMs: 150_000);

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(HostileCases.Names), MemberType = typeof(HostileCases))]
    public async Task Exits_1_with_one_line_findings_and_a_complete_report(string name)
    {
        var c = HostileCases.Get(name);
        var (repo, outside) = HostileCases.Arrange(c);
        using (repo)
        using (outside)
        using (var reports = new TempRepo())
        {
            var report = Path.Combine(reports.Root, "report.json");
            var r = await Task.Run(() => Doclint(new[] { "check", repo.Root, "--no-color", "--quiet", "--report", "json=" + report }, reports.Root));
            var expected = HostileCases.Expected(c, outside);
            Assert.True(r.ExitCode == (expected.Length > 0 ? 1 : 0), r.ToString());
            Assert.Equal("", r.Stderr);
            Assert.Equal(expected, r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));

            // The report is complete JSON with the same findings; no temporary file is left beside it.
            using var json = JsonDocument.Parse(File.ReadAllText(report));
            Assert.Equal(expected.Length, json.RootElement.GetProperty("findings").GetArrayLength());
            Assert.Equal(new[] { "report.json" }, Directory.GetFiles(reports.Root).Select(Path.GetFileName));
        }
    }
}

/// <summary>Every hostile case of <see cref="HostileCliTests"/> against the Native AOT doclint (<see cref="NativeBinary"/>).</summary>
public class HostileCliTestsNative : HostileCliTests
{
    protected override Processes.Result Doclint(string[] args, string workingDirectory) =>
        Processes.Run(NativeBinary.Path, args, workingDirectory, timeoutMs: 150_000);
}
