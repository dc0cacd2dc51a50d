using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using DocLint.Findings;
using DocLint.Parse.GitLab.Inputs;
using DocLint.Parse.Yaml;
using DocLint.Tests.Parse.GitLab.Inputs;
using DocLint.Tests.Support;

namespace DocLint.Tests.Distribution;

/// <summary>
/// The GitLab CI/CD component <c>templates/doclint.yml</c>: rendered with DocLint's own <c>spec:inputs</c>
/// interpolation (the job GitLab would create for given inputs), and its script run in bash against a release
/// artefact served by an HTTP stand-in for the generic package registry on 127.0.0.1 (the only address curl is given).
/// </summary>
public class ComponentTests
{
    private const string Project = "tools/doclint";
    private const string Token = "job-token-123";
    private static string Template => Path.Combine(RepoPaths.Root, "templates", "doclint.yml");

    private sealed record Rendered(YMapping? Job, List<Finding> Findings);

    private static Rendered Render(params (string Name, InputValue Value)[] inputs)
    {
        var findings = new List<Finding>();
        var docs = YamlLoader.Load("templates/doclint.yml", File.ReadAllText(Template));
        Assert.True(docs.Ok, docs.Error);
        Assert.Equal(2, docs.Documents.Count); // the spec header, ---, the job
        var header = (YMapping)docs.Documents[0];
        var specs = InputSpecReader.Read((header["spec"] as YMapping)?["inputs"], findings, isPipeline: false);
        var values = InputInterpolator.Resolve(specs, InputTestKit.Given(inputs), SourceSpan.FileStart("templates/doclint.yml"), findings);
        var result = (YMapping)InputInterpolator.Interpolate(docs.Documents[1], values, DocLint.Parse.GitLab.Expressions.DictionaryScope.Empty, findings, DocLint.Load.Limits.Default);
        return new Rendered(result["doclint"] as YMapping, findings);
    }

    private static string Text(YMapping m, params string[] path)
    {
        YNode node = m;
        foreach (var p in path) node = ((YMapping)node)[p] ?? throw new KeyNotFoundException(string.Join('.', path));
        return Assert.IsType<YScalar>(node).Value;
    }

    [Fact]
    public void Rendered_with_defaults_the_job_downloads_the_pinned_release_and_publishes_code_quality_and_html()
    {
        var (job, findings) = Render(("doclint-project", InputValue.Of(Project)));
        Assert.Empty(findings);
        Assert.NotNull(job);
        Assert.Equal("test", Text(job!, "stage"));
        Assert.Equal("buildpack-deps:bookworm-scm", Text(job, "image")); // no SDK image
        Assert.Equal("false", Text(job, "allow_failure"));
        Assert.True(Assert.IsType<YScalar>(job["allow_failure"]).IsPlain); // a boolean, not the string "false"
        Assert.Equal(Project, Text(job, "variables", "DOCLINT_PROJECT"));
        Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "Directory.Build.props")).Split("<Version>")[1].Split('<')[0],
            Text(job, "variables", "DOCLINT_VERSION")); // the component pins the release it belongs to
        Assert.Equal(".", Text(job, "variables", "DOCLINT_PATH"));
        Assert.Equal("", Text(job, "variables", "DOCLINT_CONFIG"));
        Assert.Equal("$CI_MERGE_REQUEST_DIFF_BASE_SHA", Text(job, "variables", "DOCLINT_CHANGED_SINCE"));
        Assert.Equal("codequality,html", Text(job, "variables", "DOCLINT_REPORT"));
        Assert.Equal("always", Text(job, "artifacts", "when"));
        Assert.Equal("DocLint report", Text(job, "artifacts", "expose_as"));
        Assert.Equal("doclint.html", Assert.IsType<YScalar>(Assert.Single(((YSequence)((YMapping)job["artifacts"]!)["paths"]!).Items)).Value);
        Assert.Equal("gl-code-quality-report.json", Text(job, "artifacts", "reports", "codequality"));
        Assert.Contains("$[[", File.ReadAllText(Template));
        Assert.DoesNotContain("$[[", Script(job));
    }

    [Fact]
    public void Rendered_with_inputs_the_job_carries_them()
    {
        var (job, findings) = Render(("doclint-project", InputValue.Of("platform/linters/doclint")), ("version", InputValue.Of("1.2.3-rc.1")),
            ("stage", InputValue.Of("lint")), ("path", InputValue.Of("ops")), ("config", InputValue.Of("ops/.doclint.yml")),
            ("changed-since", InputValue.Of("origin/main")), ("report", InputValue.Of("codequality,junit,sarif")), ("allow_failure", InputValue.Of(true)));
        Assert.Empty(findings);
        Assert.Equal("lint", Text(job!, "stage"));
        Assert.Equal("true", Text(job!, "allow_failure"));
        Assert.Equal("1.2.3-rc.1", Text(job!, "variables", "DOCLINT_VERSION"));
        Assert.Equal("ops/.doclint.yml", Text(job!, "variables", "DOCLINT_CONFIG"));
        Assert.Equal("origin/main", Text(job!, "variables", "DOCLINT_CHANGED_SINCE"));
        Assert.Equal("codequality,junit,sarif", Text(job!, "variables", "DOCLINT_REPORT"));
    }

    [Theory]
    [InlineData("version", "latest")]
    [InlineData("version", "1.2")]
    [InlineData("report", "codequality,pdf")]
    [InlineData("report", "")]
    [InlineData("doclint-project", "doclint")]
    public void A_disallowed_input_fails_the_pipeline_with_one_line_naming_it(string input, string value)
    {
        var given = new List<(string, InputValue)> { ("doclint-project", InputValue.Of(Project)) };
        given.RemoveAll(g => g.Item1 == input);
        given.Add((input, InputValue.Of(value)));
        var (_, findings) = Render(given.ToArray());
        var f = Assert.Single(findings);
        Assert.Equal("ci-parse", f.RuleId);
        Assert.Contains(input, f.Message);
        Assert.DoesNotContain('\n', f.Message);
    }

    [Fact]
    public void Without_the_doclint_project_input_the_pipeline_is_not_created()
    {
        var (_, findings) = Render();
        Assert.Contains(findings, f => f.Message.Contains("doclint-project"));
    }

    private static string Script(YMapping job) =>
        string.Join("\n", ((YSequence)job["script"]!).Items.Select(i => ((YScalar)i).Value));

    // --- the job's script, run -------------------------------------------------------------------------------------

    /// <summary>A stand-in for GitLab's generic package registry on 127.0.0.1: serves files by URL path and records
    /// every request's path and JOB-TOKEN header.</summary>
    private sealed class Registry : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);
        public ConcurrentQueue<(string Path, string? Token)> Requests { get; } = new();
        public string ApiUrl { get; }

        public Registry()
        {
            for (var attempt = 0; ; attempt++)
            {
                var port = Random.Shared.Next(20_000, 60_000);
                try
                {
                    _listener.Prefixes.Clear();
                    _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
                    _listener.Start();
                    ApiUrl = $"http://127.0.0.1:{port}/api/v4";
                    break;
                }
                catch (HttpListenerException) when (attempt < 20) { }
            }
            _ = Task.Run(Serve);
        }

        public void Put(string urlPath, byte[] content) { lock (_files) _files[urlPath] = content; }

        private async Task Serve()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext ctx;
                try { ctx = await _listener.GetContextAsync(); }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
                var path = ctx.Request.RawUrl ?? "";
                Requests.Enqueue((path, ctx.Request.Headers["JOB-TOKEN"]));
                byte[]? body;
                lock (_files) _files.TryGetValue(path, out body);
                ctx.Response.StatusCode = body == null ? 404 : 200;
                body ??= "{\"message\":\"404 Not Found\"}"u8.ToArray();
                await ctx.Response.OutputStream.WriteAsync(body);
                ctx.Response.Close();
            }
        }

        public void Dispose() { _listener.Stop(); _listener.Close(); }
    }

    private static string PackagePath(string version, string file) =>
        $"/api/v4/projects/{Project.Replace("/", "%2F")}/packages/generic/doclint/{version}/{file}";

    /// <summary>Publishes an artefact (built by <see cref="ReleaseArtefact"/>) in the stand-in registry.</summary>
    private static void Publish(Registry registry, string dir, string version, byte[]? executable = null, Func<string, string>? checksum = null)
    {
        var (archive, sum) = ReleaseArtefact.Build(dir, version, executable);
        registry.Put(PackagePath(version, Path.GetFileName(archive)), File.ReadAllBytes(archive));
        var sumText = File.ReadAllText(sum);
        registry.Put(PackagePath(version, Path.GetFileName(sum)), System.Text.Encoding.UTF8.GetBytes(checksum?.Invoke(sumText) ?? sumText));
    }

    /// <summary>Runs the rendered job's script with bash in <paramref name="projectDir"/> the way a runner does: the
    /// job's variables and CI_API_V4_URL / CI_JOB_TOKEN in the environment.</summary>
    private static Processes.Result RunJob(YMapping job, string projectDir, Registry registry)
    {
        var home = Directory.CreateTempSubdirectory("doclint-job-home-").FullName;
        try
        {
            var env = new Dictionary<string, string>
            {
                ["HOME"] = home,
                ["CI_API_V4_URL"] = registry.ApiUrl,
                ["CI_JOB_TOKEN"] = Token,
                ["CI_PROJECT_DIR"] = projectDir,
                ["CI_MERGE_REQUEST_DIFF_BASE_SHA"] = "",
                // curl only ever talks to the stand-in on 127.0.0.1: no proxy, nothing else.
                ["http_proxy"] = "", ["https_proxy"] = "", ["HTTP_PROXY"] = "", ["HTTPS_PROXY"] = "", ["ALL_PROXY"] = "",
                ["NO_PROXY"] = "127.0.0.1", ["no_proxy"] = "127.0.0.1",
                ["TMPDIR"] = home,
            };
            foreach (var v in ((YMapping)job["variables"]!).Entries)
            {
                var value = ((YScalar)v.Value).Value;
                // The runner expands a variable that names another; the one such default is the merge-base SHA.
                env[v.Key.Value] = value == "$CI_MERGE_REQUEST_DIFF_BASE_SHA" ? env["CI_MERGE_REQUEST_DIFF_BASE_SHA"] : value;
            }
            return Processes.Run("bash", new[] { "-eo", "pipefail", "-c", Script(job) }, projectDir, env, timeoutMs: 120_000);
        }
        finally { try { Directory.Delete(home, true); } catch (IOException) { } }
    }

    private static void AssertCodeQuality(string file, bool expectFindings)
    {
        Assert.True(File.Exists(file), $"{file} was not written");
        var bytes = File.ReadAllBytes(file);
        Assert.False(bytes.AsSpan().StartsWith(System.Text.Encoding.UTF8.Preamble)); // no BOM
        using var doc = JsonDocument.Parse(bytes);
        Assert.Equal(JsonValueKind.Array, doc.RootElement.ValueKind);
        var issues = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(expectFindings, issues.Count > 0);
        foreach (var i in issues)
        {
            Assert.False(string.IsNullOrEmpty(i.GetProperty("description").GetString()));
            Assert.False(string.IsNullOrEmpty(i.GetProperty("check_name").GetString()));
            Assert.Matches("^[0-9a-f]{64}$", i.GetProperty("fingerprint").GetString());
            Assert.Contains(i.GetProperty("severity").GetString(), new[] { "info", "minor", "major", "critical", "blocker" });
            var loc = i.GetProperty("location");
            Assert.False(Path.IsPathRooted(loc.GetProperty("path").GetString()));
            Assert.True(loc.GetProperty("lines").GetProperty("begin").GetInt32() >= 1);
        }
    }

    [Theory]
    [InlineData("bf-dev", 0)]
    [InlineData("drift/confirm-gate/one-rule-without-confirm", 1)]
    [InlineData("drift/project-options/matrix-typo", 1)]
    public void The_job_verifies_the_artefact_runs_doclint_and_writes_code_quality_and_html(string fixture, int exit)
    {
        var (job, _) = Render(("doclint-project", InputValue.Of(Project)));
        var version = Text(job!, "variables", "DOCLINT_VERSION");
        using var registry = new Registry();
        using var artefacts = new TempRepo();
        Publish(registry, artefacts.Root, version);
        using var repo = Processes.CopyFixture(fixture);

        var run = RunJob(job!, repo.Root, registry);
        Assert.True(run.ExitCode == exit, run.ToString());
        Assert.Contains($"doclint component: DocLint {version}, SHA-256 ", run.Stdout);
        AssertCodeQuality(Path.Combine(repo.Root, "gl-code-quality-report.json"), expectFindings: exit == 1);
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(Path.Combine(repo.Root, "doclint.html")), StringComparison.OrdinalIgnoreCase);
        var requests = registry.Requests.ToList();
        Assert.Equal(new[] { PackagePath(version, ReleaseArtefact.ArchiveName(version)), PackagePath(version, ReleaseArtefact.ArchiveName(version) + ".sha256") },
            requests.Select(r => r.Path));
        Assert.All(requests, r => Assert.Equal(Token, r.Token));
    }

    [Fact]
    public void README_s_include_names_this_component_and_its_job_passes_on_bf_dev()
    {
        var include = (YMapping)((YSequence)((YMapping)YamlLoader.Load("README.md", ReadmeTests.YamlBlock("component:")).Documents[0])["include"]!).Items.Single();
        // component: $CI_SERVER_FQDN/<project>/<name>@<version>: the name is this file's, the version its default.
        var component = Text(include, "component");
        var m = System.Text.RegularExpressions.Regex.Match(component, @"^\$CI_SERVER_FQDN/(?<project>.+)/(?<name>[^/@]+)@(?<version>.+)$");
        Assert.True(m.Success, component);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "templates", m.Groups["name"].Value + ".yml")), component);
        var inputs = ((YMapping)include["inputs"]!).Entries.Select(e => (e.Key.Value, InputValue.Of(((YScalar)e.Value).Value))).ToArray();
        var (job, findings) = Render(inputs);
        Assert.Empty(findings);
        Assert.Equal(m.Groups["project"].Value, Text(job!, "variables", "DOCLINT_PROJECT")); // "in both places"
        Assert.Equal(m.Groups["version"].Value, Text(job!, "variables", "DOCLINT_VERSION"));

        using var registry = new Registry();
        using var artefacts = new TempRepo();
        var (archive, sum) = ReleaseArtefact.Build(artefacts.Root, m.Groups["version"].Value);
        var prefix = $"/api/v4/projects/{m.Groups["project"].Value.Replace("/", "%2F")}/packages/generic/doclint/{m.Groups["version"].Value}/";
        registry.Put(prefix + Path.GetFileName(archive), File.ReadAllBytes(archive));
        registry.Put(prefix + Path.GetFileName(sum), File.ReadAllBytes(sum));
        using var repo = Processes.CopyFixture("bf-dev");
        var run = RunJob(job!, repo.Root, registry);
        Assert.True(run.ExitCode == 0, run.ToString());
        AssertCodeQuality(Path.Combine(repo.Root, "gl-code-quality-report.json"), expectFindings: false);
        Assert.True(File.Exists(Path.Combine(repo.Root, "doclint.html")));
    }

    /// <summary>An executable that must never run: it leaves a marker file if it does.</summary>
    private static byte[] Tripwire(string marker) => System.Text.Encoding.UTF8.GetBytes($"#!/bin/sh\ntouch '{marker}'\nexit 0\n");

    [Fact]
    public void A_checksum_mismatch_fails_with_one_clear_line_and_never_runs_the_binary()
    {
        var (job, _) = Render(("doclint-project", InputValue.Of(Project)));
        var version = Text(job!, "variables", "DOCLINT_VERSION");
        using var registry = new Registry();
        using var artefacts = new TempRepo();
        var marker = Path.Combine(artefacts.Root, "EXECUTED");
        Publish(registry, Path.Combine(artefacts.Root, "dist"), version, Tripwire(marker), sum => new string('0', 64) + sum[64..]);
        using var repo = Processes.CopyFixture("bf-dev");

        var run = RunJob(job!, repo.Root, registry);
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches($"^doclint component: doclint-{System.Text.RegularExpressions.Regex.Escape(version)}-linux-x64\\.tar\\.gz: SHA-256 mismatch \\(expected 0{{64}}, got [0-9a-f]{{64}}\\); DocLint was not run$", line);
        Assert.False(File.Exists(marker), "the unverified binary was executed");
        Assert.False(File.Exists(Path.Combine(repo.Root, "gl-code-quality-report.json")));
    }

    [Fact]
    public void A_missing_artefact_fails_with_one_clear_line_and_runs_nothing()
    {
        var (job, _) = Render(("doclint-project", InputValue.Of(Project)), ("version", InputValue.Of("9.9.9")));
        using var registry = new Registry();
        using var artefacts = new TempRepo();
        var marker = Path.Combine(artefacts.Root, "EXECUTED");
        Publish(registry, Path.Combine(artefacts.Root, "dist"), "0.0.1", Tripwire(marker)); // another version only
        using var repo = Processes.CopyFixture("bf-dev");

        var run = RunJob(job!, repo.Root, registry);
        Assert.Equal(2, run.ExitCode);
        Assert.EndsWith("doclint component: cannot download doclint-9.9.9-linux-x64.tar.gz (DocLint 9.9.9) from the package registry of tools/doclint",
            run.Stderr.Trim());
        Assert.False(File.Exists(marker));
    }

    [Theory]
    [InlineData("DOCLINT_REPORT", "codequality,pdf", "doclint component: input report: unknown format 'pdf' (expected codequality, html, junit, sarif or json)")]
    [InlineData("DOCLINT_VERSION", "latest", "doclint component: input version: expected X.Y.Z, got 'latest'")]
    public void An_input_GitLab_did_not_check_is_checked_by_the_script_before_any_download(string variable, string value, string message)
    {
        var (job, _) = Render(("doclint-project", InputValue.Of(Project)));
        var variables = (YMapping)job!["variables"]!;
        var patched = YamlLoader.Load("job.yml", $"v: \"{value}\"").Documents[0] as YMapping;
        var entries = variables.Entries.Select(e => e.Key.Value == variable ? (e.Key, patched!["v"]!) : (e.Key, e.Value)).ToList();
        using var registry = new Registry();
        using var repo = Processes.CopyFixture("bf-dev");
        var run = RunJob(WithVariables(job, entries), repo.Root, registry);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(message, run.Stderr.Trim());
        Assert.Empty(registry.Requests);
    }

    private static YMapping WithVariables(YMapping job, List<(YScalar Key, YNode Value)> entries)
    {
        // Rebuild the job's YAML text with the variables replaced: the simplest faithful copy of a YMapping.
        var sb = new System.Text.StringBuilder("variables:\n");
        foreach (var (k, v) in entries) sb.Append("  ").Append(k.Value).Append(": ").Append(JsonSerializer.Serialize(((YScalar)v).Value)).Append('\n');
        sb.Append("script:\n  - ").Append(JsonSerializer.Serialize(Script(job))).Append('\n');
        return (YMapping)YamlLoader.Load("job.yml", sb.ToString()).Documents[0];
    }
}
