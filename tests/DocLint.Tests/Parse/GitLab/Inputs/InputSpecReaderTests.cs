using DocLint.Findings;
using DocLint.Parse.GitLab.Inputs;
using DocLint.Parse.Yaml;
using static DocLint.Tests.Parse.GitLab.Inputs.InputTestKit;

namespace DocLint.Tests.Parse.GitLab.Inputs;

public class InputSpecReaderTests
{
    [Fact]
    public void Minimal_declaration_is_a_mandatory_string()
    {
        var f = new List<Finding>();
        var specs = Specs("spec:\n  inputs:\n    website:\n", f);
        Assert.Empty(f);
        var w = specs.Inputs["website"];
        Assert.Equal(InputType.String, w.Type);
        Assert.True(w.IsMandatory);
        Assert.True(w.IsValid);
        Assert.Null(w.Node);
        Assert.Equal(3, w.KeyNode.Start.Line);
        Assert.True(specs.Declared);
    }

    [Fact]
    public void Reads_every_field_in_declaration_order()
    {
        var f = new List<Finding>();
        var specs = Specs("""
            spec:
              inputs:
                confirm:
                  type: boolean
                  default: false
                  description: Really run?
                action:
                  options: [cut-off, release]
                  default: release
                  regex: ^[a-z-]+$
                count:
                  type: number
                  default: 3
                tags:
                  type: array
                  default: [a, b]
            """, f);
        Assert.Empty(f);
        Assert.Equal(["confirm", "action", "count", "tags"], specs.Ordered.Select(s => s.Name));
        var confirm = specs.Inputs["confirm"];
        Assert.Equal(InputType.Boolean, confirm.Type);
        Assert.False(confirm.IsMandatory);
        Assert.Equal("Really run?", confirm.Description);
        Assert.Equal(InputValue.Of(false).Text, confirm.DefaultValue!.Text);
        Assert.Equal(InputType.Boolean, confirm.DefaultValue.Type);
        var action = specs.Inputs["action"];
        Assert.Equal(["cut-off", "release"], action.OptionValues!.Select(o => o.Text));
        Assert.Equal("^[a-z-]+$", action.Regex);
        Assert.True(action.DefaultInOptions);
        Assert.Equal("3", specs.Inputs["count"].DefaultValue!.Text);
        Assert.Equal(InputType.Array, specs.Inputs["tags"].DefaultValue!.Type);
        Assert.Equal("[\"a\",\"b\"]", specs.Inputs["tags"].DefaultValue!.Text);
    }

    [Fact]
    public void Missing_header_is_not_declared()
    {
        var set = InputSpecReader.Read(null, new List<Finding>());
        Assert.False(set.Declared);
        Assert.Empty(set.Inputs);
    }

    [Fact]
    public void Empty_inputs_header_is_declared_but_empty()
    {
        var f = new List<Finding>();
        var set = Specs("spec:\n  inputs:\n", f);
        Assert.True(set.Declared);
        Assert.Empty(set.Inputs);
        Assert.Empty(f);
    }

    [Fact]
    public void Inputs_that_are_not_a_mapping_are_reported()
    {
        var f = new List<Finding>();
        var set = Specs("spec:\n  inputs:\n    - a\n    - b\n", f);
        var finding = Single(f, "inputs:header");
        Assert.Contains("mapping", finding.Message);
        Assert.Equal(3, finding.Span.Line);
        Assert.Empty(set.Inputs);
    }

    [Fact]
    public void Unknown_key_is_reported_at_the_key()
    {
        var f = new List<Finding>();
        Specs("spec:\n  inputs:\n    env:\n      default: a\n      choices: [a, b]\n", f);
        var finding = Single(f, "input:env:key:choices");
        Assert.Equal((5, 7), (finding.Span.Line, finding.Span.Column));
        Assert.Contains("`choices`", finding.Message);
        Assert.Contains("`env`", finding.Message);
    }

    [Theory]
    [InlineData("integer")]
    [InlineData("String")]
    [InlineData("true")]
    public void Unknown_type_is_reported_and_the_input_is_invalid(string type)
    {
        var f = new List<Finding>();
        var specs = Specs($"spec:\n  inputs:\n    n:\n      type: {type}\n", f);
        var finding = Single(f, "input:n:type");
        Assert.Equal((4, 13), (finding.Span.Line, finding.Span.Column));
        Assert.Contains("string, number, boolean, array", finding.Message);
        Assert.False(specs.Inputs["n"].IsValid);
    }

    [Fact]
    public void Empty_type_is_reported()
    {
        var f = new List<Finding>();
        Specs("spec:\n  inputs:\n    n:\n      type:\n      default: x\n", f);
        Assert.Contains("empty `type`", Single(f, "input:n:type").Message);
    }

    [Fact]
    public void Declaration_that_is_not_a_mapping_is_reported()
    {
        var f = new List<Finding>();
        var specs = Specs("spec:\n  inputs:\n    n: some text\n", f);
        var finding = Single(f, "input:n:declaration");
        Assert.Equal((3, 8), (finding.Span.Line, finding.Span.Column));
        Assert.False(specs.Inputs["n"].IsValid);
    }

    [Theory]
    [InlineData("boolean", "maybe", "a boolean")]
    [InlineData("boolean", "1", "a boolean")]
    [InlineData("number", "abc", "a number")]
    [InlineData("number", "'12abc'", "a number")]
    [InlineData("array", "abc", "an array")]
    [InlineData("array", "{a: 1}", "an array")]
    public void Default_of_the_wrong_type_is_reported_at_the_default(string type, string def, string expected)
    {
        var f = new List<Finding>();
        var specs = Specs($"spec:\n  inputs:\n    v:\n      type: {type}\n      default: {def}\n", f);
        var finding = Single(f, "input:v:default");
        Assert.Equal((5, 16), (finding.Span.Line, finding.Span.Column));
        Assert.Contains(expected, finding.Message);
        Assert.Null(specs.Inputs["v"].DefaultValue);
        Assert.False(specs.Inputs["v"].IsMandatory);
    }

    [Theory]
    // GitLab coerces with JSON.parse(value.to_s): a quoted "true" is a boolean, "42" a number, '["a"]' an array.
    [InlineData("boolean", "'true'", InputType.Boolean, "true")]
    [InlineData("boolean", "yes", InputType.Boolean, "true")]
    [InlineData("number", "'42'", InputType.Number, "42")]
    [InlineData("number", "1.50", InputType.Number, "1.5")]
    [InlineData("number", "0x1F", InputType.Number, "31")]
    [InlineData("number", "1e3", InputType.Number, "1000.0")]
    [InlineData("array", "'[\"a\", 1]'", InputType.Array, "[\"a\",1]")]
    [InlineData("string", "42", InputType.String, "42")]
    [InlineData("string", "true", InputType.String, "true")]
    [InlineData("string", "1.10", InputType.String, "1.1")]
    public void Default_is_coerced_the_way_GitLab_does(string type, string def, InputType expectedType, string expectedText)
    {
        var f = new List<Finding>();
        var specs = Specs($"spec:\n  inputs:\n    v:\n      type: {type}\n      default: {def}\n", f);
        Assert.Empty(f);
        var dv = specs.Inputs["v"].DefaultValue!;
        Assert.Equal(expectedType, dv.Type);
        Assert.Equal(expectedText, dv.Text);
    }

    [Fact]
    public void Empty_default_makes_a_string_input_optional_with_an_empty_value()
    {
        var f = new List<Finding>();
        var specs = Specs("spec:\n  inputs:\n    s:\n      default:\n    b:\n      type: boolean\n      default:\n", f);
        Assert.False(specs.Inputs["s"].IsMandatory);
        Assert.Equal("", specs.Inputs["s"].DefaultValue!.Text);
        Assert.Contains("is not a boolean", Single(f, "input:b:default").Message);
    }

    [Fact]
    public void Options_on_a_boolean_input_are_reported()
    {
        var f = new List<Finding>();
        var specs = Specs("spec:\n  inputs:\n    b:\n      type: boolean\n      options: [true, false]\n      default: true\n", f);
        var finding = Single(f, "input:b:options-type");
        Assert.Equal((5, 7), (finding.Span.Line, finding.Span.Column));
        Assert.Null(specs.Inputs["b"].DefaultInOptions);
    }

    [Fact]
    public void Options_on_an_array_input_are_reported()
    {
        var f = new List<Finding>();
        Specs("spec:\n  inputs:\n    a:\n      type: array\n      options: [[x]]\n", f);
        Single(f, "input:a:options-type");
    }

    [Fact]
    public void More_than_50_options_are_reported_and_50_are_not()
    {
        static string WithOptions(int n) =>
            "spec:\n  inputs:\n    p:\n      options:\n" + string.Concat(Enumerable.Range(0, n).Select(i => $"        - p{i}\n"));
        var f = new List<Finding>();
        Specs(WithOptions(50), f);
        Assert.Empty(f);
        Specs(WithOptions(51), f);
        var finding = Single(f, "input:p:options-count");
        Assert.Contains("51 options", finding.Message);
        Assert.Contains("at most 50", finding.Message);
        Assert.Equal((4, 7), (finding.Span.Line, finding.Span.Column));
    }

    [Fact]
    public void Null_option_is_reported_at_the_item()
    {
        var f = new List<Finding>();
        Specs("spec:\n  inputs:\n    p:\n      options:\n        - a\n        -\n        - b\n", f);
        var finding = Single(f, "input:p:options-null");
        Assert.Equal(6, finding.Span.Line);
    }

    [Fact]
    public void Options_that_do_not_match_the_type_are_reported_at_the_option()
    {
        var f = new List<Finding>();
        Specs("spec:\n  inputs:\n    n:\n      type: number\n      options: [1, two, 3.5]\n    s:\n      options: [a, [b]]\n", f);
        var number = Single(f, "input:n:option-type");
        Assert.Equal((5, 20), (number.Span.Line, number.Span.Column));
        Assert.Contains("`two`", number.Message);
        var str = Single(f, "input:s:option-type");
        Assert.Equal(7, str.Span.Line);
    }

    [Fact]
    public void Options_that_are_not_a_list_are_reported()
    {
        var f = new List<Finding>();
        Specs("spec:\n  inputs:\n    s:\n      options: a, b\n", f);
        Assert.Contains("expects a list", Single(f, "input:s:options").Message);
    }

    [Fact]
    public void Default_outside_options_is_exposed_not_reported()
    {
        var f = new List<Finding>();
        var specs = Specs("""
            spec:
              inputs:
                action:
                  options: [cut-off, release]
                  default: rollback
                count:
                  type: number
                  options: [1, 2]
                  default: 2.0
                version:
                  options: [1, 2]
                  default: '1'
            """, f);
        Assert.Empty(f);
        Assert.False(specs.Inputs["action"].DefaultInOptions);
        Assert.True(specs.Inputs["count"].DefaultInOptions);   // Ruby: 2.0 == 2
        Assert.True(specs.Inputs["version"].DefaultInOptions); // string inputs compare options.map(&:to_s)
    }

    [Fact]
    public void Regex_on_a_non_string_input_is_reported()
    {
        var f = new List<Finding>();
        var specs = Specs("spec:\n  inputs:\n    n:\n      type: number\n      regex: ^[0-9]+$\n      default: 1\n", f);
        var finding = Single(f, "input:n:regex-type");
        Assert.Equal((5, 7), (finding.Span.Line, finding.Span.Column));
        Assert.NotNull(specs.Inputs["n"].DefaultValue);
    }

    [Theory]
    [InlineData("'('")]
    [InlineData("'(a)\\1'")]       // backreferences: RE2 has none
    [InlineData("'(?=a)'")]        // lookahead: RE2 has none
    public void Regex_RE2_rejects_is_reported(string regex)
    {
        var f = new List<Finding>();
        Specs($"spec:\n  inputs:\n    s:\n      regex: {regex}\n", f);
        var finding = Single(f, "input:s:regex");
        Assert.Contains("not a valid RE2 regular expression", finding.Message);
        Assert.Equal((4, 14), (finding.Span.Line, finding.Span.Column));
    }

    [Fact]
    public void Regex_with_python_named_group_is_accepted_as_RE2_does()
    {
        var f = new List<Finding>();
        var specs = Specs("spec:\n  inputs:\n    s:\n      regex: '^(?P<major>[0-9]+)\\.'\n      default: '12.3'\n", f);
        Assert.Empty(f);
        Assert.Equal("12.3", specs.Inputs["s"].DefaultValue!.Text);
    }

    [Fact]
    public void Regex_that_is_not_a_string_is_reported()
    {
        var f = new List<Finding>();
        Specs("spec:\n  inputs:\n    s:\n      regex: [a]\n", f);
        Assert.Contains("as a string", Single(f, "input:s:regex").Message);
    }

    [Fact]
    public void Default_that_does_not_match_the_regex_is_reported()
    {
        var f = new List<Finding>();
        Specs("spec:\n  inputs:\n    env:\n      regex: ^(dev|prod)$\n      default: staging\n", f);
        var finding = Single(f, "input:env:default-regex");
        Assert.Equal((5, 16), (finding.Span.Line, finding.Span.Column));
        Assert.Contains("`staging`", finding.Message);
    }

    [Fact]
    public void Regex_is_an_unanchored_search_like_RE2_match()
    {
        var f = new List<Finding>();
        Specs("spec:\n  inputs:\n    env:\n      regex: prod\n      default: preprod-1\n", f);
        Assert.Empty(f);
    }

    [Fact]
    public void Description_that_is_not_text_is_reported()
    {
        var f = new List<Finding>();
        var specs = Specs("spec:\n  inputs:\n    s:\n      description: [a, b]\n    t:\n      description: 42\n", f);
        Single(f, "input:s:description");
        Assert.Equal("42", specs.Inputs["t"].Description); // GitLab's alphanumeric check accepts integers
    }

    [Fact]
    public void Rules_conflicts_and_defaults_through_rules()
    {
        var f = new List<Finding>();
        var specs = Specs("""
            spec:
              inputs:
                env:
                  rules:
                    - if: $[[ inputs.kind ]] == "x"
                      options: [a]
                    - default: b
                kind:
                  rules:
                    - if: '"a" == "a"'
                      options: [a]
                  options: [a]
            """, f);
        Assert.True(specs.Inputs["env"].HasRules);
        Assert.False(specs.Inputs["env"].IsMandatory);
        Assert.True(specs.Inputs["kind"].IsMandatory);
        var finding = Single(f, "input:kind:rules");
        Assert.Contains("`rules` and `options`", finding.Message);
    }

    [Fact]
    public void More_than_20_pipeline_inputs_are_reported_at_the_21st()
    {
        static string WithInputs(int n) =>
            "spec:\n  inputs:\n" + string.Concat(Enumerable.Range(1, n).Select(i => $"    in{i}:\n      default: x\n"));
        var f = new List<Finding>();
        Specs(WithInputs(20), f);
        Assert.Empty(f);
        Specs(WithInputs(23), f);
        var finding = Single(f, "inputs:count");
        Assert.Contains("23 inputs", finding.Message);
        Assert.Contains("at most 20", finding.Message);
        Assert.Equal(3 + 20 * 2, finding.Span.Line);
        Assert.Contains("`in21`", finding.Message);
    }

    [Fact]
    public void Included_files_may_declare_more_than_20_inputs()
    {
        var text = "spec:\n  inputs:\n" + string.Concat(Enumerable.Range(1, 25).Select(i => $"    in{i}:\n"));
        var f = new List<Finding>();
        var specs = Specs(text, f, isPipeline: false);
        Assert.Empty(f);
        Assert.Equal(25, specs.Inputs.Count);
    }

    [Fact]
    public void Never_throws_on_odd_shapes()
    {
        var f = new List<Finding>();
        foreach (var node in new YNode[]
                 {
                     Doc("[1, 2]"), Doc("'text'"), Doc("{a: [1, {b: c}], '': ~, 1: 2}"), Doc("a: !reference [x, y]"),
                 })
        {
            var set = InputSpecReader.Read(node, f);
            Assert.NotNull(set);
        }
        Assert.All(f, x => Assert.Equal("ci-parse", x.RuleId));
    }
}
