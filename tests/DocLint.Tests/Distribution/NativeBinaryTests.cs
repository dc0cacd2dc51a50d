using System.Text.RegularExpressions;
using DocLint.Tests.Reporting;
using DocLint.Tests.Support;

namespace DocLint.Tests.Distribution;

/// <summary>
/// The Native AOT doclint (<see cref="NativeBinary"/>) is one self-contained executable that says what it is, and
/// gives exactly the bytes the JIT build gives (in-process) for every report and explain format: reflection-free
/// code paths that only break under AOT (serializers, embedded resources, regexes) show up here as a difference.
/// </summary>
public partial class NativeBinaryTests
{
    [Fact]
    public void It_is_one_native_executable_with_no_managed_assembly_beside_it()
    {
        var binary = NativeBinary.Path;
        var head = new byte[4];
        using (var f = File.OpenRead(binary)) Assert.Equal(4, f.Read(head));
        Assert.Equal(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }, head);
        if (Environment.GetEnvironmentVariable(NativeBinary.EnvironmentVariable) is not { Length: > 0 })
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(binary)!, "*.dll"));
    }

    [Fact]
    public async Task Version_prints_the_version_and_the_commit()
    {
        var (code, output, err) = await NativeBinary.Run("--version");
        Assert.True(code == 0, err);
        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?\+[0-9a-f]{40}$", output.Trim());
        Assert.StartsWith(DocLintInfo.Version + "+", output.Trim());
    }

    public static IEnumerable<object[]> Commands => new[]
    {
        new object[] { "check", "text" }, new object[] { "check", "json" }, new object[] { "check", "codequality" },
        new object[] { "check", "sarif" }, new object[] { "check", "junit" }, new object[] { "check", "html" },
        new object[] { "explain", "table" }, new object[] { "explain", "json" }, new object[] { "explain", "mermaid" },
        new object[] { "explain", "markdown" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Every_format_is_the_same_bytes_as_the_jit_build_gives(string command, string format)
    {
        using var drift = new DriftedBfDev();
        var args = new[] { command, drift.Root, "--format", format };
        var jit = await CliRun.Run(args);
        var native = await NativeBinary.Run(args);
        Assert.Equal(jit.Code, native.Code);
        Assert.Equal(jit.Err, native.Err);
        Assert.Equal(Timeless(jit.Out), Timeless(native.Out));
        Assert.Contains(command == "check" ? "confirm-gate" : "release:single", native.Out);
    }

    /// <summary>Run times ("in 1526 ms", JUnit's time="…") differ between any two runs.</summary>
    private static string Timeless(string text) => Timing().Replace(text, "#");

    [GeneratedRegex(@"\d+(\.\d+)? ?ms\b|time=""[0-9.]+""|""(durationMs|elapsedMs)"": ?\d+")]
    private static partial Regex Timing();
}
