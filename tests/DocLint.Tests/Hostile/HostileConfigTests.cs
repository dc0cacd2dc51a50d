using System.Text;
using DocLint.Tests.Support;

namespace DocLint.Tests.Hostile;

/// <summary>
/// A hostile <c>.doclint.yml</c> is DocLint's own input, not a checked file: exit 2 with one line naming the file, line
/// and column (CONTRACT §2), no stack trace, and no report file written at all (a <c>--report</c> is complete or absent).
/// It is read like every repository file: never opened when it is a FIFO, never followed outside the repository.
/// </summary>
public class HostileConfigTests
{
    /// <summary>doclint as a process on the JIT (<c>dotnet doclint.dll</c>); <c>HostileConfigTestsNative</c>: the native binary.</summary>
    protected virtual Processes.Result Doclint(string[] args, string workingDirectory) =>
        Processes.Run("dotnet", new[] { Processes.DoclintDll }.Concat(args), workingDirectory, timeoutMs: 100_000);

    public static IEnumerable<object[]> Cases => new[]
    {
        new object[] { "fifo", ".doclint.yml:1:1: cannot read the config: '.doclint.yml' is a FIFO (named pipe), not a regular file; it was not read" },
        new object[] { "symlink-outside", ".doclint.yml:1:1: cannot read the config: '.doclint.yml' is a symbolic link pointing outside the repository; it was not read" },
        new object[] { "invalid-utf8", ".doclint.yml:2:9: cannot read the config: '.doclint.yml' is not valid UTF-8 (invalid byte at line 2, column 9)" },
        new object[] { "directory", ".doclint.yml:1:1: cannot read the config: '.doclint.yml' is a directory, not a file" },
        new object[] { "too-large", ".doclint.yml:1:1: cannot read the config: '.doclint.yml' is 5242893 bytes, over the 5242880-byte file size limit; it was not read" },
        new object[] { "alias-bomb", ".doclint.yml:6:4: invalid YAML: YAML aliases expand to more than 1000000 nodes (alias bomb); the file was not evaluated" },
    };

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Cases))]
    public async Task Exits_2_with_one_line_and_writes_no_report(string kind, string expected)
    {
        using var repo = TempRepo.CopyOf(RepoPaths.Fixture("bf-dev"));
        using var outside = new TempRepo(("secret.yml", $"rules: {{ {HostileCases.Leak}: off }}\n"));
        using var reports = new TempRepo();
        var config = Path.Combine(repo.Root, ".doclint.yml");
        switch (kind)
        {
            case "fifo": HostileCases.Mkfifo(config); break;
            case "symlink-outside": File.CreateSymbolicLink(config, Path.Combine(outside.Root, "secret.yml")); break;
            case "invalid-utf8": repo.WriteBytes(".doclint.yml", Encoding.UTF8.GetBytes("rules:\n  compos").Concat(new byte[] { 0xFF }).ToArray()); break;
            case "directory": Directory.CreateDirectory(config); break;
            case "too-large": repo.Write(".doclint.yml", "# " + new string('x', 5 * 1024 * 1024) + "\nrules: {}\n"); break;
            case "alias-bomb": repo.Write(".doclint.yml", HostileCases.BillionLaughs()); break;
        }
        var report = Path.Combine(reports.Root, "report.json");
        var r = await Task.Run(() => Doclint(new[] { "check", repo.Root, "--report", "json=" + report }, reports.Root));
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Equal("", r.Stdout);
        Assert.Equal("doclint: error: " + expected, r.Stderr.TrimEnd('\n'));
        Assert.DoesNotContain(HostileCases.Leak, r.Stderr);
        Assert.Empty(Directory.GetFiles(reports.Root));
    }
}

/// <summary>Every case of <see cref="HostileConfigTests"/> against the Native AOT doclint (<see cref="NativeBinary"/>).</summary>
public class HostileConfigTestsNative : HostileConfigTests
{
    protected override Processes.Result Doclint(string[] args, string workingDirectory) =>
        Processes.Run(NativeBinary.Path, args, workingDirectory, timeoutMs: 100_000);
}
