using DocLint.Tests.Support;

namespace DocLint.Tests.Evaluate;

public class PipelineEvaluatorTests
{
    private static Dictionary<string, string> Vars(params (string, string)[] v) => v.ToDictionary(x => x.Item1, x => x.Item2);

    [Fact]
    public void Workflow_rules_without_a_match_or_with_never_create_no_pipeline()
    {
        using var repo = new TempRepo((".gitlab-ci.yml", """
            workflow:
              rules:
                - if: $CI_PIPELINE_SOURCE == "schedule"
                  when: never
                - if: $CI_PIPELINE_SOURCE =~ /^(web|push)$/
            job:
              script: x
            """));
        Assert.True(Ci.Run(repo, "web").Result.Created);
        Assert.False(Ci.Run(repo, "schedule").Result.Created);
        var api = Ci.Run(repo, "api").Result;
        Assert.False(api.Created);
        Assert.Contains("no workflow:rules entry matches", api.NotCreatedReason);
    }

    [Fact]
    public void A_pipeline_with_no_job_or_only_pre_and_post_jobs_is_not_created()
    {
        using var repo = new TempRepo((".gitlab-ci.yml", """
            prepare:
              stage: .pre
              script: x
            deploy:
              script: x
              rules:
                - if: $CI_PIPELINE_SOURCE == "web"
            """));
        Assert.True(Ci.Run(repo, "web").Result.Created);
        var push = Ci.Run(repo, "push").Result;
        Assert.False(push.Created);
        Assert.Contains("only .pre/.post jobs", push.NotCreatedReason);
    }

    [Fact]
    public void A_need_on_a_job_absent_from_the_pipeline_refuses_it_unless_optional()
    {
        using var repo = new TempRepo((".gitlab-ci.yml", """
            build:
              script: x
              rules:
                - if: $CI_PIPELINE_SOURCE == "web"
            test:
              script: x
              needs: [build]
            lint:
              script: x
              needs:
                - job: build
                  optional: true
            """));
        var (web, webFindings) = Ci.Run(repo, "web");
        Assert.True(web.Created);
        Assert.Empty(webFindings);
        var push = Ci.Run(repo, "push").Result;
        Assert.False(push.Created);
        Assert.Equal("'test' job needs 'build' job, but 'build' does not exist in the pipeline", push.NotCreatedReason);
        Assert.Equal(7, push.Refusal!.Span.Line);
    }

    [Fact]
    public void Workflow_rule_variables_become_global_and_job_variables_override_them()
    {
        using var repo = new TempRepo((".gitlab-ci.yml", """
            variables: { MODE: base, KEEP: kept }
            workflow:
              rules:
                - if: $CI_PIPELINE_SOURCE == "web"
                  variables: { MODE: from-workflow }
                - when: always
            a:
              script: x
              rules:
                - if: $MODE == "from-workflow"
            b:
              script: x
              variables: { MODE: job }
              rules:
                - if: $MODE == "job" && $KEEP == "kept"
            """));
        Assert.Equal(new[] { "a", "b" }, Ci.Run(repo, "web").Result.Names());
        Assert.Equal(new[] { "b" }, Ci.Run(repo, "push").Result.Names());
    }

    [Fact]
    public void Rules_first_match_wins_and_when_never_stops()
    {
        using var repo = new TempRepo((".gitlab-ci.yml", """
            job:
              script: x
              rules:
                - if: $STOP
                  when: never
                - if: $CI_PIPELINE_SOURCE == "web"
                  when: manual
                - when: on_success
            """));
        Assert.Empty(Ci.Run(repo, "web", Vars(("STOP", "1"))).Result.Jobs);
        Assert.Equal("manual", Assert.Single(Ci.Run(repo, "web").Result.Jobs).When);
        Assert.Equal("on_success", Assert.Single(Ci.Run(repo, "push").Result.Jobs).When);
    }

    [Fact]
    public void No_rule_matching_means_the_job_is_not_created_and_rule_variables_apply()
    {
        using var repo = new TempRepo((".gitlab-ci.yml", """
            job:
              script: x
              variables: { TARGET: default }
              rules:
                - if: $CI_PIPELINE_SOURCE == "web"
                  variables: { TARGET: from-rule }
            """));
        Assert.Empty(Ci.Run(repo, "push").Result.Jobs);
        Assert.Equal("from-rule", Assert.Single(Ci.Run(repo, "web").Result.Jobs).Variables["TARGET"]);
    }

    [Fact]
    public void Pipeline_variables_beat_yaml_variables_in_rules()
    {
        using var repo = new TempRepo((".gitlab-ci.yml", "variables: { FLAG: 'no' }\njob:\n  script: x\n  rules:\n    - if: $FLAG == \"yes\"\n"));
        Assert.Empty(Ci.Run(repo).Result.Jobs);
        Assert.Single(Ci.Run(repo, variables: Vars(("FLAG", "yes"))).Result.Jobs);
    }

    [Fact]
    public void Matrix_is_the_cartesian_product_per_entry_with_gitlab_names()
    {
        using var repo = new TempRepo((".gitlab-ci.yml", """
            deploy:
              script: x
              parallel:
                matrix:
                  - PROVIDER: [aws, gcp]
                    STACK: [app, data]
                  - PROVIDER: ovh
                    STACK: [monitoring]
            """));
        var jobs = Ci.Run(repo).Result.Jobs;
        Assert.Equal(new[]
        {
            "deploy: [aws, app]", "deploy: [aws, data]", "deploy: [gcp, app]", "deploy: [gcp, data]", "deploy: [ovh, monitoring]",
        }, jobs.Select(j => j.Name));
        Assert.Equal("gcp", jobs[2].Matrix!["PROVIDER"]);
        Assert.Equal("data", jobs[3].Variables["STACK"]);
    }

    [Fact]
    public void Matrix_over_200_jobs_is_reported_but_still_evaluated()
    {
        var values = string.Join(", ", Enumerable.Range(0, 15).Select(i => $"v{i}"));
        using var repo = new TempRepo((".gitlab-ci.yml", $"j:\n  script: x\n  parallel:\n    matrix:\n      - A: [{values}]\n        B: [{values}]\n"));
        var (result, findings) = Ci.Run(repo);
        Assert.Equal(225, result.Jobs.Count);
        Assert.Contains(findings, f => f.RuleId == "ci-parse" && f.Message.Contains("generates 225 jobs") && f.Span.Line == 4);
    }

    [Fact]
    public void Matrix_variables_drive_rules_per_instance()
    {
        using var repo = new TempRepo((".gitlab-ci.yml", "j:\n  script: x\n  parallel:\n    matrix:\n      - P: [a, b, c]\n  rules:\n    - if: $P != \"b\"\n"));
        Assert.Equal(new[] { "j: [a]", "j: [c]" }, Ci.Run(repo).Result.Names());
    }

    [Fact]
    public void A_matrix_value_reaching_rules_through_another_variable_is_decided_per_instance()
    {
        // The rules read TARGET, whose value expands the matrix variable P: each instance has its own decision.
        using var repo = new TempRepo((".gitlab-ci.yml",
            "j:\n  script: x\n  variables:\n    TARGET: env-$P\n  parallel:\n    matrix:\n      - P: [a, b, c]\n  rules:\n    - if: $TARGET == \"env-b\"\n"));
        Assert.Equal(new[] { "j: [b]" }, Ci.Run(repo).Result.Names());
    }

    [Fact]
    public void Rules_that_read_no_matrix_variable_decide_every_instance_alike()
    {
        // One decision for all instances (taken once): all created, each with its own matrix value passed on.
        using var repo = new TempRepo((".gitlab-ci.yml",
            "j:\n  script: x\n  variables:\n    V: $P-x\n  parallel:\n    matrix:\n      - P: [a, b]\n  rules:\n    - if: $CI_PIPELINE_SOURCE == \"push\"\n      variables:\n        R: r-$P\n"));
        var result = Ci.Run(repo, "push").Result;
        Assert.Equal(new[] { "j: [a]", "j: [b]" }, result.Names());
        Assert.Equal(new[] { "a", "b" }, result.Jobs.Select(j => j.Variables["P"]));
        Assert.Equal(new[] { "r-a", "r-b" }, result.Jobs.Select(j => j.Variables["R"]));
        Assert.Empty(Ci.Run(repo, "web").Result.Jobs);
    }

    [Fact]
    public void Parallel_number_creates_numbered_jobs()
    {
        using var repo = new TempRepo((".gitlab-ci.yml", "t:\n  script: x\n  parallel: 3\n"));
        Assert.Equal(new[] { "t 1/3", "t 2/3", "t 3/3" }, Ci.Run(repo).Result.Names());
    }

    [Fact]
    public void Trigger_project_and_branch_are_expanded_and_variables_follow_inherit_and_forward()
    {
        using var repo = new TempRepo((".gitlab-ci.yml", """
            variables: { GROUP: betterfleet, GLOBAL_SIGNAL: "x" }
            up:
              variables: { NAME: bf-core, ORCHESTRATION_RELEASE: "true", COMBINED: "$GROUP-$NAME" }
              trigger:
                project: $GROUP/$NAME
                branch: rel-$NAME
            isolated:
              inherit:
                variables: false
              trigger: betterfleet/other
            some:
              inherit:
                variables: [GROUP]
              trigger:
                project: betterfleet/some
                forward:
                  yaml_variables: true
                  pipeline_variables: true
            none:
              trigger:
                project: betterfleet/none
                forward:
                  yaml_variables: false
            """));
        var jobs = Ci.Run(repo, variables: Vars(("PIPE", "1"))).Result.Jobs.ToDictionary(j => j.Name);
        var up = jobs["up"].Trigger!;
        Assert.Equal("betterfleet/bf-core", up.Project);
        Assert.Equal("rel-bf-core", up.Branch);
        Assert.Equal("betterfleet-bf-core", up.PassedVariables["COMBINED"]);
        Assert.Equal("x", up.PassedVariables["GLOBAL_SIGNAL"]);
        Assert.False(up.PassedVariables.ContainsKey("PIPE"));
        Assert.Empty(jobs["isolated"].Trigger!.PassedVariables);
        Assert.Equal("betterfleet/other", jobs["isolated"].Trigger!.Project);
        Assert.Equal(new[] { "GROUP", "PIPE" }, jobs["some"].Trigger!.PassedVariables.Keys.Order());
        Assert.Empty(jobs["none"].Trigger!.PassedVariables);
    }

    [Fact]
    public void Variables_reach_a_trigger_in_GitLabs_precedence_and_expansion()
    {
        // docs/variables.md: rules:variables > job variables (and matrix) > inherited global variables; pipeline
        // variables reach downstream only with forward:pipeline_variables, and then win; values are expanded once
        // against the job's raw scope (Gitlab::Ci::Variables::Downstream::ExpandableVariableGenerator).
        using var repo = new TempRepo((".gitlab-ci.yml", """
            variables: { LEVEL: global, SIGNAL: global, C: "true", B: $C }
            up:
              variables:
                LEVEL: job
                SIGNAL: "false"
                NESTED: $B
                RAW: { value: $C, expand: false }
                SELF: $SELF
                WINDOWS: "%C%-${C}"
                FROM_PIPE: $PIPE
              rules:
                - if: $CI_PIPELINE_SOURCE == "web"
                  variables: { SIGNAL: "true" }
              trigger: betterfleet/up
            forwarded:
              variables: { PIPE: yaml, SELF: $SELF }
              trigger:
                project: betterfleet/forwarded
                branch: $B
                forward: { pipeline_variables: true }
            """));
        var jobs = Ci.Run(repo, variables: Vars(("PIPE", "from-pipeline"))).Result.Jobs.ToDictionary(j => j.Name);
        var up = jobs["up"].Trigger!.PassedVariables;
        Assert.Equal("job", up["LEVEL"]);
        Assert.Equal("true", up["SIGNAL"]);       // rules:variables over job variables
        Assert.Equal("$C", up["NESTED"]);         // one level: B's raw value, not expanded again
        Assert.Equal("$C", up["RAW"]);            // expand: false
        Assert.Equal("$SELF", up["SELF"]);        // a self-reference reads its own raw value
        Assert.Equal("true-true", up["WINDOWS"]); // %NAME% is a reference too
        Assert.Equal("from-pipeline", up["FROM_PIPE"]);
        Assert.False(up.ContainsKey("PIPE"));     // not forwarded by default
        var fw = jobs["forwarded"].Trigger!;
        Assert.Equal("from-pipeline", fw.PassedVariables["PIPE"]); // forwarded pipeline variables win over yaml ones
        Assert.Equal("$C", fw.Branch);                             // Ci::Bridge#target_ref: expanded once
        Assert.Equal("given", Ci.Run(repo, variables: Vars(("SELF", "given"))).Result.Jobs.Single(j => j.Name == "forwarded").Trigger!.PassedVariables["SELF"]);
    }

    [Fact]
    public void Only_and_except_refs_and_variables()
    {
        using var repo = new TempRepo((".gitlab-ci.yml", """
            web-only:
              script: x
              only: [web]
            not-schedules:
              script: x
              except: [schedules]
            main-only:
              script: x
              only:
                refs: [main]
                variables: [$RUN == "1"]
            tags-only:
              script: x
              only: [tags]
            default:
              image: alpine
            plain:
              script: x
            """));
        Assert.Equal(new[] { "web-only", "not-schedules", "plain" }, Ci.Run(repo, "web").Result.Names());
        Assert.Equal(new[] { "main-only", "plain" }, Ci.Run(repo, "schedule", Vars(("RUN", "1"))).Result.Names());
    }

    [Fact]
    public void An_expression_gitlab_rejects_is_a_ci_parse_finding_and_the_rule_never_matches()
    {
        using var repo = new TempRepo((".gitlab-ci.yml", "job:\n  script: x\n  rules:\n    - if: true == \"true\"\n    - when: manual\n"));
        var (result, findings) = Ci.Run(repo);
        Assert.Equal("manual", Assert.Single(result.Jobs).When);
        var f = Assert.Single(findings);
        Assert.Equal("ci-parse", f.RuleId);
        Assert.Equal(4, f.Span.Line);
        Assert.Equal(11, f.Span.Column);
    }

    [Fact]
    public void Rules_exists_looks_at_repository_files_and_changes_is_always_true()
    {
        using var repo = new TempRepo((".gitlab-ci.yml", "a:\n  script: x\n  rules:\n    - exists: [Dockerfile]\nb:\n  script: x\n  rules:\n    - exists: [nope/*.txt]\nc:\n  script: x\n  rules:\n    - changes: [src/**/*]\n"), ("Dockerfile", "FROM x"));
        Assert.Equal(new[] { "a", "c" }, Ci.Run(repo).Result.Names());
    }
}
