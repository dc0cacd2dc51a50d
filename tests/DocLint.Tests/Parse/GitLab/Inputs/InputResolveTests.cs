using DocLint.Findings;
using DocLint.Parse.GitLab.Expressions;
using DocLint.Parse.GitLab.Inputs;
using DocLint.Parse.Yaml;
using static DocLint.Tests.Parse.GitLab.Inputs.InputTestKit;

namespace DocLint.Tests.Parse.GitLab.Inputs;

public class InputResolveTests
{
    private const string Header = """
        spec:
          inputs:
            action:
              options: [bring-all-code-to-release-branch, deploy-release-branch-to-staging]
              default: deploy-release-branch-to-staging
            project:
              description: Which project
            confirm:
              type: boolean
              default: false
            count:
              type: number
              default: 2
              options: [1, 2, 3]
            env:
              regex: ^\$?[A-Za-z_]+$
              default: staging
        ---
        x: 1
        """;

    private static readonly SourceSpan Where = new("root.yml", 1, 1, 1, 1);

    private static (ResolvedInputs Values, List<Finding> Findings) Resolve(string text, Dictionary<string, InputValue> given)
    {
        var f = new List<Finding>();
        var specs = Specs(text, f);
        Assert.Empty(f);
        var values = InputInterpolator.Resolve(specs, given, Where, f);
        return (values, f);
    }

    [Fact]
    public void Defaults_fill_what_is_not_given()
    {
        var (values, f) = Resolve(Header, Given(("project", InputValue.Of("bf-core"))));
        Assert.Empty(f);
        Assert.Equal("deploy-release-branch-to-staging", values["action"].Text);
        Assert.Equal(InputType.String, values["action"].Type);
        Assert.Equal("false", values["confirm"].Text);
        Assert.Equal(InputType.Boolean, values["confirm"].Type);
        Assert.Equal("2", values["count"].Text);
        Assert.Equal("staging", values["env"].Text);
        Assert.Equal("bf-core", values["project"].Text);
        Assert.Empty(values.Unresolved);
    }

    [Fact]
    public void Missing_mandatory_input_is_reported_where_the_inputs_are_given()
    {
        var (values, f) = Resolve(Header, Given());
        var finding = Single(f, "input:project:missing");
        Assert.Equal(Where, finding.Span);
        Assert.Contains("mandatory", finding.Message);
        Assert.Contains("`project`", finding.Message);
        Assert.False(values.ContainsKey("project"));
        Assert.Contains("project", values.Unresolved);
    }

    [Fact]
    public void Unexpected_input_is_reported_at_its_key()
    {
        var include = (YMapping)Doc("inputs:\n  project: core\n  stage: test\n");
        var inputs = (YMapping)include["inputs"]!;
        var given = inputs.Entries.ToDictionary(e => e.Key.Value, e => InputValue.FromNode(e.Value, e.Key));
        var (values, f) = Resolve(Header, given);
        var finding = Single(f, "input:stage:unexpected");
        Assert.Equal((3, 3), (finding.Span.Line, finding.Span.Column));
        Assert.Contains("`action`, `project`, `confirm`, `count`, `env`", finding.Message);
        Assert.Equal("core", values["project"].Text);
    }

    [Fact]
    public void Value_outside_the_options_is_reported()
    {
        var (values, f) = Resolve(Header, Given(("project", InputValue.Of("p")), ("action", InputValue.Of("rollback"))));
        var finding = Single(f, "input:action:options");
        Assert.Contains("`rollback`", finding.Message);
        Assert.Contains("`bring-all-code-to-release-branch`, `deploy-release-branch-to-staging`", finding.Message);
        Assert.Contains("action", values.Unresolved);
    }

    [Fact]
    public void Number_options_compare_numerically()
    {
        var (values, f) = Resolve(Header, Given(("project", InputValue.Of("p")), ("count", InputValue.Of("3.0"))));
        Assert.Empty(f);
        Assert.Equal("3.0", values["count"].Text);
        var (_, f2) = Resolve(Header, Given(("project", InputValue.Of("p")), ("count", InputValue.Of(4))));
        Single(f2, "input:count:options");
    }

    [Theory]
    [InlineData("true", "true")]
    [InlineData("false", "false")]
    [InlineData(" true ", "true")]
    public void Boolean_given_as_text_is_coerced_like_GitLab(string text, string expected)
    {
        var (values, f) = Resolve(Header, Given(("project", InputValue.Of("p")), ("confirm", InputValue.Of(text))));
        Assert.Empty(f);
        Assert.Equal(InputType.Boolean, values["confirm"].Type);
        Assert.Equal(expected, values["confirm"].Text);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("True")]
    [InlineData("1")]
    [InlineData("")]
    public void Boolean_given_a_non_boolean_is_reported(string text)
    {
        var (values, f) = Resolve(Header, Given(("project", InputValue.Of("p")), ("confirm", InputValue.Of(text))));
        var finding = Single(f, "input:confirm:type");
        Assert.Contains("not a boolean", finding.Message);
        Assert.Contains("confirm", values.Unresolved);
    }

    [Fact]
    public void Wrong_type_from_yaml_is_reported_at_the_value()
    {
        var include = (YMapping)Doc("inputs:\n  project: p\n  count: [1]\n");
        var given = ((YMapping)include["inputs"]!).Entries.ToDictionary(e => e.Key.Value, e => InputValue.FromNode(e.Value, e.Key));
        var (_, f) = Resolve(Header, given);
        var finding = Single(f, "input:count:type");
        Assert.Equal((3, 10), (finding.Span.Line, finding.Span.Column));
        Assert.Contains("not a number", finding.Message);
    }

    [Fact]
    public void Regex_is_checked_on_the_raw_value_before_variable_expansion()
    {
        // `$DEPLOY_ENV` matches ^\$?[A-Za-z_]+$ as written; its expansion "prod-eu-1" would not.
        var text = Header.Replace("x: 1", "env: $[[ inputs.env | expand_vars ]]");
        var outcome = Run(text, Given(("project", InputValue.Of("p")), ("env", InputValue.Of("$DEPLOY_ENV"))),
            new DictionaryScope(new Dictionary<string, string> { ["DEPLOY_ENV"] = "prod-eu-1" }));
        Assert.Empty(outcome.Findings);
        Assert.Equal("prod-eu-1", Scalar(outcome.Result, "env").Value);

        var bad = Run(text, Given(("project", InputValue.Of("p")), ("env", InputValue.Of("prod-eu-1"))));
        var finding = Single(bad.Findings, "input:env:regex");
        Assert.Contains("before variables are expanded", finding.Message);
        // the reference to a rejected input is left as written, not reported a second time
        Assert.Equal("$[[ inputs.env | expand_vars ]]", Scalar(bad.Result, "env").Value);
        Assert.Single(bad.Findings);
    }

    [Fact]
    public void Null_value_counts_as_not_given()
    {
        var include = (YMapping)Doc("inputs:\n  project: p\n  confirm:\n");
        var given = ((YMapping)include["inputs"]!).Entries.ToDictionary(e => e.Key.Value, e => InputValue.FromNode(e.Value, e.Key));
        var (values, f) = Resolve(Header, given);
        Assert.Empty(f);
        Assert.Equal("false", values["confirm"].Text);
    }

    [Fact]
    public void Inputs_given_to_a_file_without_header_are_reported()
    {
        var f = new List<Finding>();
        var values = InputInterpolator.Resolve(InputSpecSet.None, Given(("a", InputValue.Of("x"))), Where, f);
        var finding = Single(f, "inputs:undeclared");
        Assert.Equal(Where, finding.Span);
        Assert.Contains("`a`", finding.Message);
        Assert.Empty(values);
        Assert.Empty(InputInterpolator.Resolve(InputSpecSet.None, Given(), Where, f).Keys);
        Assert.Single(f);
    }

    [Fact]
    public void String_input_takes_any_scalar_as_text()
    {
        var include = (YMapping)Doc("inputs:\n  project: 42\n  env: true\n");
        var given = ((YMapping)include["inputs"]!).Entries.ToDictionary(e => e.Key.Value, e => InputValue.FromNode(e.Value, e.Key));
        var (values, f) = Resolve(Header.Replace("^\\$?[A-Za-z_]+$", ".*"), given);
        Assert.Empty(f);
        Assert.Equal(InputType.String, values["project"].Type);
        Assert.Equal("42", values["project"].Text);
        Assert.Equal("true", values["env"].Text);
    }

    [Fact]
    public void Array_input_given_as_json_text()
    {
        const string text = "spec:\n  inputs:\n    tags:\n      type: array\n---\nx: 1\n";
        var f = new List<Finding>();
        var specs = Specs(text, f);
        var values = InputInterpolator.Resolve(specs, Given(("tags", InputValue.OfJson("[\"a\", 2, true]"))), Where, f);
        Assert.Empty(f);
        Assert.Equal(InputType.Array, values["tags"].Type);
        Assert.Equal("[\"a\",2,true]", values["tags"].Text);

        InputInterpolator.Resolve(specs, Given(("tags", InputValue.Of("a,b"))), Where, f);
        Assert.Contains("not an array", Single(f, "input:tags:type").Message);
    }

    [Fact]
    public void Broken_declaration_is_left_unresolved_without_a_second_finding()
    {
        var f = new List<Finding>();
        var specs = Specs("spec:\n  inputs:\n    n:\n      type: integer\n", f);
        Assert.Single(f);
        var values = InputInterpolator.Resolve(specs, Given(), Where, f);
        Assert.Single(f);
        Assert.Contains("n", values.Unresolved);
    }
}
