using System.Diagnostics;
using DocLint.Parse.GitLab.Inputs;
using Xunit.Abstractions;

namespace DocLint.Tests.Peers;

/// <summary>
/// Proves that <see cref="GitLabCiLocal"/> reads the gitlab-ci-local peer correctly on small hand-written pipelines
/// (Peers/Fixtures). These tests need the peer: when it is missing they fail with <see cref="GitLabCiLocal.MissingReason"/>;
/// they never skip. Tests named <c>Divergence_*</c> pin a documented difference from GitLab (tests/peers/DIVERGENCES.md),
/// so a gitlab-ci-local upgrade that changes it shows up here.
/// </summary>
[Collection(GitLabCiLocalCollection.Name)]
public sealed class GitLabCiLocalHarnessTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly Dictionary<string, string> None = new();

    private static string Fixture(string name)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "Peers", "Fixtures", name);
        Assert.True(File.Exists(Path.Combine(dir, ".gitlab-ci.yml")), $"fixture {name} was not copied to {dir}");
        return dir;
    }

    private static ListRequest Request(string fixture, string source = "push") =>
        new(Fixture(fixture)) { PipelineSource = source, Timeout = Timeout };

    private static string[] Names(ListResult r) => r.Jobs.Select(j => j.Name).Order(StringComparer.Ordinal).ToArray();

    private static string[] Names(IEnumerable<ListedJob> jobs) => jobs.Select(j => j.Name).Order(StringComparer.Ordinal).ToArray();

    private static string[] Sorted(params string[] names) => names.Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Peer_is_installed_and_pinned()
    {
        Assert.True(GitLabCiLocal.MissingReason is null, $"gitlab-ci-local peer unavailable: {GitLabCiLocal.MissingReason}");
        Assert.StartsWith("4.75.", GitLabCiLocal.ToolVersion);
        Assert.True(File.Exists(GitLabCiLocal.ToolPath));
        output.WriteLine($"gitlab-ci-local {GitLabCiLocal.ToolVersion} at {GitLabCiLocal.ToolPath}, node {GitLabCiLocal.NodePath}");
    }

    [Fact]
    public void Web_only_job_appears_for_source_web_and_not_for_push()
    {
        var r = GitLabCiLocal.ListMany([Request("source-rules", "web"), Request("source-rules", "push")]);
        Assert.Equal(Sorted("always", "web-only", "default-branch-only"), Names(r[0]));
        Assert.Equal(Sorted("always", "push-only", "default-branch-only"), Names(r[1]));
    }

    [Fact]
    public void When_never_job_never_appears()
    {
        var r = GitLabCiLocal.ListMany([Request("source-rules", "web"), Request("source-rules", "push"), Request("source-rules", "schedule")]);
        foreach (var result in r)
        {
            Assert.DoesNotContain(result.Jobs, j => j.Name == "never-job");
            // gitlab-ci-local knows the job; the harness reports it as not created.
            var never = Assert.Single(result.AllJobs, j => j.Name == "never-job");
            Assert.Equal("never", never.When);
            Assert.False(never.IsCreated);
        }
        Assert.Equal(Sorted("always", "default-branch-only"), Names(r[2]));
    }

    [Fact]
    public void Branch_and_default_branch_come_from_the_request()
    {
        var onFeature = GitLabCiLocal.List(Request("source-rules") with { Branch = "feature/x", DefaultBranch = "main" });
        Assert.Equal(Sorted("always", "push-only"), Names(onFeature));

        var otherDefault = GitLabCiLocal.List(Request("source-rules") with { Branch = "trunk", DefaultBranch = "trunk" });
        Assert.Equal(Sorted("always", "push-only", "default-branch-only"), Names(otherDefault));
    }

    [Fact]
    public void Variable_driven_rules_follow_pipeline_variables()
    {
        var r = GitLabCiLocal.ListMany(
        [
            Request("variable-rules"),
            Request("variable-rules") with
            {
                Variables = new Dictionary<string, string> { ["DEPLOY"] = "yes", ["SKIP"] = "1", ["TARGET"] = "release-12" },
            },
            Request("variable-rules") with { Variables = new Dictionary<string, string> { ["SKIP"] = "", ["TARGET"] = "release-x" } },
        ]);
        Assert.Equal(["skippable"], Names(r[0]));                 // DEPLOY defaults to "no" (global variable)
        Assert.Equal(Sorted("deploy", "regex-branch"), Names(r[1])); // pipeline variable overrides the global one
        Assert.Equal(["skippable"], Names(r[2]));                 // $SKIP empty is false; regex does not match
    }

    [Fact]
    public void Parallel_matrix_with_two_variables_produces_one_job_per_combination()
    {
        var jobs = GitLabCiLocal.ListJobs(Fixture("matrix"), "push", None, None, Timeout);
        Assert.Equal(
            ["build: [aws,app]", "build: [aws,db]", "build: [gcp,app]", "build: [gcp,db]", "shard: [1/2]", "shard: [2/2]"],
            jobs.Select(j => j.Name).ToArray());
        Assert.Equal(
            ["build: [aws, app]", "build: [aws, db]", "build: [gcp, app]", "build: [gcp, db]", "shard 1/2", "shard 2/2"],
            jobs.Select(j => GitLabCiLocal.ToGitLabJobName(j.Name)).ToArray());
    }

    [Fact]
    public void Trigger_jobs_are_listed_but_downstream_jobs_are_not()
    {
        var r = GitLabCiLocal.ListMany([Request("trigger", "push"), Request("trigger", "web")]);
        Assert.Equal(Sorted("build", "downstream"), Names(r[0]));
        Assert.Equal(Sorted("build", "child", "downstream"), Names(r[1]));
        var downstream = r[0].Jobs.Single(j => j.Name == "downstream");
        Assert.Equal(("deploy", "on_success"), (downstream.Stage, downstream.When));
        Assert.DoesNotContain(r[1].AllJobs, j => j.Name == "child-job");
    }

    [Fact]
    public void Input_defaults_are_used_in_rules()
    {
        var jobs = GitLabCiLocal.ListJobs(Fixture("inputs"), "web", new Dictionary<string, InputValue>(), None, Timeout);
        Assert.Equal(Sorted("deploy-staging", "real-run"), Names(jobs));
    }

    [Fact]
    public void Given_inputs_override_defaults()
    {
        var typed = GitLabCiLocal.ListJobs(Fixture("inputs"), "web",
            new Dictionary<string, InputValue>
            {
                ["environment"] = InputValue.Of("production"),
                ["dry_run"] = InputValue.Of(true),
                ["replicas"] = InputValue.Of(3),
            }, None, Timeout);
        Assert.Equal(Sorted("deploy-production", "scale-out"), Names(typed));

        // The string overload sends strings (JSON-quoted, so gitlab-ci-local does not turn "3" into a number).
        var strings = GitLabCiLocal.ListJobs(Fixture("inputs"), "web",
            new Dictionary<string, string> { ["environment"] = "production" }, None, Timeout);
        Assert.Equal(Sorted("deploy-production", "real-run"), Names(strings));
    }

    [Fact]
    public void Input_values_are_checked_against_the_spec()
    {
        var notAnOption = Assert.Throws<GitLabCiLocalException>(() => GitLabCiLocal.ListJobs(Fixture("inputs"), "web",
            new Dictionary<string, string> { ["environment"] = "qa" }, None, Timeout));
        Assert.Contains("not in the list of allowed options", notAnOption.Message);

        var wrongType = Assert.Throws<GitLabCiLocalException>(() => GitLabCiLocal.ListJobs(Fixture("inputs"), "web",
            new Dictionary<string, string> { ["dry_run"] = "true" }, None, Timeout));
        Assert.Contains("is not a boolean", wrongType.Message);
    }

    [Fact]
    public void Manual_and_delayed_jobs_are_created_with_their_when()
    {
        var jobs = GitLabCiLocal.ListJobs(Fixture("manual"), "push", None, None, Timeout).ToDictionary(j => j.Name);
        Assert.Equal(["delayed", "exit-codes", "job-manual", "rule-manual", "rule-manual-allowed"], jobs.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("manual", jobs["job-manual"].When);
        Assert.Equal("manual", jobs["rule-manual"].When);
        Assert.Equal("delayed", jobs["delayed"].When);
        Assert.False(jobs["rule-manual"].AllowFailure);     // GitLab: false for when: manual in rules
        Assert.True(jobs["rule-manual-allowed"].AllowFailure);
        Assert.Equal([3, 4], jobs["exit-codes"].AllowFailureExitCodes!);
    }

    [Fact]
    public void Local_includes_and_include_rules_are_resolved_in_the_copy()
    {
        var r = GitLabCiLocal.ListMany([Request("local-include", "push"), Request("local-include", "web")]);
        Assert.Equal(Sorted("included-build", "included-lint", "root"), Names(r[0]));
        Assert.Equal(Sorted("included-build", "included-lint", "included-web", "root"), Names(r[1]));
    }

    [Fact]
    public void Rules_changes_are_true_unless_asked_to_diff()
    {
        var r = GitLabCiLocal.ListMany([Request("rules-changes"), Request("rules-changes") with { EvaluateRuleChanges = true }]);
        Assert.Equal(["job"], Names(r[0]));
        Assert.Empty(r[1].Jobs); // gitlab-ci-local diffs the copy against origin/main: no change
    }

    [Fact]
    public void Merge_request_pipelines_have_no_commit_branch_and_take_mr_variables()
    {
        var r = GitLabCiLocal.ListMany(
        [
            Request("merge-request", "merge_request_event") with { Variables = new Dictionary<string, string> { ["CI_MERGE_REQUEST_IID"] = "7" } },
            Request("merge-request", "push"),
        ]);
        Assert.Equal(["mr-only"], Names(r[0]));
        Assert.Equal(["branch-only"], Names(r[1]));
    }

    [Fact]
    public void Divergence_workflow_rules_never_stop_the_pipeline()
    {
        var r = GitLabCiLocal.ListMany([Request("workflow-rules", "push"), Request("workflow-rules", "web")]);
        // GitLab creates no pipeline for push (workflow:rules ends in when: never); gitlab-ci-local lists the job anyway.
        Assert.Equal(["job"], Names(r[0]));
        // workflow:rules:variables of the matching rule do reach the jobs.
        Assert.Equal(Sorted("job", "workflow-variable"), Names(r[1]));
    }

    [Fact]
    public void Divergence_root_inputs_override_include_inputs()
    {
        var defaults = GitLabCiLocal.ListJobs(Fixture("input-leak"), "web", None, None, Timeout);
        Assert.Equal(["child-job"], Names(defaults)); // child.yml gets env=from-include, as in GitLab
        var given = GitLabCiLocal.ListJobs(Fixture("input-leak"), "web", new Dictionary<string, string> { ["env"] = "prod" }, None, Timeout);
        // GitLab: ["child-job", "root-job"]; gitlab-ci-local also gives env=prod to child.yml.
        Assert.Equal(["root-job"], Names(given));
    }

    [Fact]
    public void Divergence_manual_job_outside_rules_is_not_allowed_to_fail()
    {
        var job = GitLabCiLocal.ListJobs(Fixture("manual"), "push", None, None, Timeout).Single(j => j.Name == "job-manual");
        Assert.False(job.AllowFailure); // GitLab: true (when: manual at job level defaults allow_failure to true)
    }

    [Fact]
    public void Divergence_pipeline_of_only_pre_and_post_jobs_is_listed()
    {
        var jobs = GitLabCiLocal.ListJobs(Fixture("pre-post-only"), "push", None, None, Timeout);
        Assert.Equal(Sorted("pre", "post"), Names(jobs)); // GitLab creates no pipeline
    }

    [Fact]
    public void Failure_throws_with_stderr()
    {
        var e = Assert.Throws<GitLabCiLocalException>(() => GitLabCiLocal.ListJobs(Fixture("invalid"), "push", None, None, Timeout));
        Assert.Equal(1, e.ExitCode);
        Assert.Contains("does-not-exist", e.Stderr);
        Assert.Contains("does-not-exist", e.Message);
    }

    [Fact]
    public void Timeout_is_enforced()
    {
        var e = Assert.Throws<TimeoutException>(() => GitLabCiLocal.List(Request("source-rules") with { Timeout = TimeSpan.FromMilliseconds(1) }));
        Assert.Contains("did not finish", e.Message);
    }

    [Fact]
    public void The_source_directory_is_not_written_and_tool_settings_are_refused()
    {
        var dir = Fixture("source-rules");
        var before = Directory.GetFileSystemEntries(dir, "*", SearchOption.AllDirectories).Order().ToArray();
        GitLabCiLocal.List(Request("source-rules"));
        Assert.Equal(before, Directory.GetFileSystemEntries(dir, "*", SearchOption.AllDirectories).Order().ToArray());

        var tmp = Directory.CreateTempSubdirectory("doclint-gcl-test-");
        try
        {
            File.WriteAllText(Path.Combine(tmp.FullName, ".gitlab-ci.yml"), "job:\n  script: echo\n");
            File.WriteAllText(Path.Combine(tmp.FullName, ".gitlab-ci-local-variables.yml"), "project: {}\n");
            var e = Assert.Throws<ArgumentException>(() => GitLabCiLocal.List(new ListRequest(tmp.FullName)));
            Assert.Contains(".gitlab-ci-local-variables.yml", e.Message);
        }
        finally
        {
            tmp.Delete(recursive: true);
        }
    }

    [Fact]
    public void Per_call_time_and_batching()
    {
        var sw = Stopwatch.StartNew();
        var one = GitLabCiLocal.List(Request("source-rules"));
        var single = sw.Elapsed;
        output.WriteLine($"one call: {single.TotalMilliseconds:0} ms in all; copy + git {one.PrepareElapsed.TotalMilliseconds:0} ms, " +
                         $"gitlab-ci-local process {one.Elapsed.TotalMilliseconds:0} ms");
        foreach (var line in one.Stderr.Split('\n').Where(l => l.Contains(" in ", StringComparison.Ordinal)))
            output.WriteLine("  gitlab-ci-local: " + line.Trim());

        sw.Restart();
        GitLabCiLocal.ListMany(Enumerable.Range(0, 6).Select(_ => Request("source-rules")), maxParallel: 1);
        output.WriteLine($"6 calls, 1 at a time: {sw.Elapsed.TotalMilliseconds:0} ms ({sw.Elapsed.TotalMilliseconds / 6:0} ms a call)");

        var requests = Enumerable.Range(0, 6).Select(i => Request("source-rules", i % 2 == 0 ? "push" : "web")).ToList();
        sw.Restart();
        var results = GitLabCiLocal.ListMany(requests, maxParallel: 2);
        output.WriteLine($"6 calls, 2 at a time: {sw.Elapsed.TotalMilliseconds:0} ms ({sw.Elapsed.TotalMilliseconds / 6:0} ms a call)");
        Assert.Equal(6, results.Count);
        for (var i = 0; i < 6; i++) Assert.Same(requests[i], results[i].Request);

        sw.Restart();
        GitLabCiLocal.List(Request("source-rules") with { JsonSchemaValidation = false });
        output.WriteLine($"one call without JSON schema validation: {sw.Elapsed.TotalMilliseconds:0} ms");
        Assert.True(single < TimeSpan.FromSeconds(30), $"one call took {single}");
    }

    [Fact]
    public void A_failing_call_in_a_batch_is_reported_with_the_others()
    {
        var e = Assert.Throws<AggregateException>(() => GitLabCiLocal.ListMany([Request("source-rules"), Request("invalid"), Request("matrix")]));
        var inner = Assert.Single(e.InnerExceptions);
        Assert.Contains("does-not-exist", Assert.IsType<GitLabCiLocalException>(inner).Stderr);
    }
}

/// <summary>Runs the peer tests one at a time (each may start two processes itself; the machine has 2 cores).</summary>
[CollectionDefinition(Name)]
public sealed class GitLabCiLocalCollection
{
    public const string Name = "gitlab-ci-local peer";
}

/// <summary>Tests of the harness that do not start gitlab-ci-local.</summary>
public sealed class GitLabCiLocalArgumentTests
{
    [Fact]
    public void Arguments_carry_source_variables_inputs_and_settings()
    {
        var request = new ListRequest("/repo")
        {
            PipelineSource = "web",
            Inputs = new Dictionary<string, InputValue>
            {
                ["env"] = InputValue.Of("3"), ["flag"] = InputValue.Of(true), ["n"] = InputValue.Of(2.5),
                ["list"] = new InputValue(InputType.Array, "[\"a\",\"b\"]"),
            },
            Variables = new Dictionary<string, string> { ["B"] = "x y", ["A"] = "-1" },
        };
        Assert.Equal(
        [
            "--list-json", "--no-color", "--cwd=.", "--state-dir=../state", "--home=/h", "--no-evaluate-rule-changes",
            "--input=env=\"3\"", "--input=flag=true", "--input=list=[\"a\",\"b\"]", "--input=n=2.5",
            "--variable=A=-1", "--variable=B=x y", "--variable=CI_PIPELINE_SOURCE=web",
            "--ignore-predefined-vars=A,B,CI_PIPELINE_SOURCE",
        ], GitLabCiLocal.BuildArguments(request, "/h"));
    }

    [Fact]
    public void Merge_request_pipelines_have_no_commit_branch()
    {
        var args = GitLabCiLocal.BuildArguments(new ListRequest("/repo") { PipelineSource = "merge_request_event" }, "/h");
        Assert.Contains("--unset-variable=CI_COMMIT_BRANCH", args);
    }

    [Fact]
    public void Bad_names_and_contradictions_are_refused()
    {
        Assert.Throws<ArgumentException>(() => GitLabCiLocal.BuildArguments(
            new ListRequest("/r") { Variables = new Dictionary<string, string> { ["A-B"] = "1" } }, "/h"));
        Assert.Throws<ArgumentException>(() => GitLabCiLocal.BuildArguments(
            new ListRequest("/r") { PipelineSource = "web", Variables = new Dictionary<string, string> { ["CI_PIPELINE_SOURCE"] = "push" } }, "/h"));
        Assert.Throws<ArgumentException>(() => GitLabCiLocal.BuildArguments(
            new ListRequest("/r") { Inputs = new Dictionary<string, InputValue> { ["a"] = new(InputType.Array, "a,b") } }, "/h"));
    }

    [Theory]
    [InlineData("build: [aws,app]", "build: [aws, app]")]
    [InlineData("shard: [1/2]", "shard 1/2")]
    [InlineData("plain", "plain")]
    [InlineData("deploy: [a]", "deploy: [a]")]
    public void Job_names_convert_to_GitLab_spelling(string gcl, string gitlab) =>
        Assert.Equal(gitlab, GitLabCiLocal.ToGitLabJobName(gcl));
}
