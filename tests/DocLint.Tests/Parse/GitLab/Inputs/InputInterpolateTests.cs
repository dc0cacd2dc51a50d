using System.Diagnostics;
using DocLint.Findings;
using DocLint.Load;
using DocLint.Parse.GitLab.Expressions;
using DocLint.Parse.GitLab.Inputs;
using DocLint.Parse.Yaml;
using static DocLint.Tests.Parse.GitLab.Inputs.InputTestKit;

namespace DocLint.Tests.Parse.GitLab.Inputs;

public class InputInterpolateTests
{
    private const string Header = """
        spec:
          inputs:
            flag:
              type: boolean
              default: true
            count:
              type: number
              default: 42
            ratio:
              type: number
              default: 1.0
            big:
              type: number
              default: 1.0e+20
            tags:
              type: array
              default: [a, 'true', 3]
            name:
              default: web
            text:
              default: 'true'
        ---

        """;

    /// <summary>The line where the content document starts.</summary>
    private const int First = 23;

    private static Outcome Interp(string content, Dictionary<string, InputValue>? given = null, IVariableScope? scope = null) =>
        Run(Header + content, given, scope);

    [Fact]
    public void Whole_value_boolean_becomes_a_plain_boolean_at_the_same_place()
    {
        var o = Interp("job:\n  when: $[[ inputs.flag ]]\n");
        Assert.Empty(o.Findings);
        var before = Scalar(o.Content, "job", "when");
        var after = Scalar(o.Result, "job", "when");
        Assert.Equal("true", after.Value);
        Assert.True(after.IsPlain);
        Assert.True(after.AsBool);
        Assert.Equal((before.File, before.Start, before.End), (after.File, after.Start, after.End));
    }

    [Fact]
    public void Whole_value_number_becomes_a_plain_number()
    {
        var o = Interp("a: $[[ inputs.count ]]\nb: $[[ inputs.ratio ]]\nc: $[[ inputs.big ]]\n");
        Assert.Empty(o.Findings);
        Assert.Equal("42", Scalar(o.Result, "a").Value);
        Assert.True(Scalar(o.Result, "a").IsNumber);
        Assert.Equal("1.0", Scalar(o.Result, "b").Value);
        Assert.Equal("1.0e+20", Scalar(o.Result, "c").Value);
        Assert.True(Scalar(o.Result, "c").IsNumber);
    }

    [Fact]
    public void Whole_value_array_becomes_a_sequence_positioned_at_the_scalar()
    {
        var o = Interp("job:\n  tags: $[[ inputs.tags ]]\n");
        Assert.Empty(o.Findings);
        var seq = Assert.IsType<YSequence>(At(o.Result, "job", "tags"));
        Assert.Equal(["a", "true", "3"], seq.Items.Cast<YScalar>().Select(s => s.Value));
        Assert.Null(((YScalar)seq.Items[1]).AsBool); // a quoted 'true' in the default stays a string
        Assert.True(((YScalar)seq.Items[2]).IsNumber);
        var origin = At(o.Content, "job", "tags");
        Assert.All(seq.Items.Append(seq), n => Assert.Equal((origin.Start, origin.End), (n.Start, n.End)));
        Assert.Equal(4, seq.ExpandedSize);
    }

    [Fact]
    public void Whole_value_string_stays_a_string_even_when_it_reads_as_a_boolean()
    {
        var o = Interp("a: $[[ inputs.text ]]\n",
            Given(("text", InputValue.Of("true"))));
        Assert.Empty(o.Findings);
        var a = Scalar(o.Result, "a");
        Assert.Equal("true", a.Value);
        Assert.False(a.IsPlain);
        Assert.Null(a.AsBool);
        Assert.Equal("true", a.AsText);
    }

    [Fact]
    public void Embedded_values_are_text()
    {
        var o = Interp("""
            a: deploy-$[[ inputs.name ]]
            b: "flag=$[[ inputs.flag ]] count=$[[ inputs.count ]] ratio=$[[ inputs.ratio ]]"
            c: tags $[[ inputs.tags ]]
            d: $[[ inputs.name ]]$[[ inputs.name ]]
            e: '$[[inputs.name]]-$[[ inputs.name ]]'
            """);
        Assert.Empty(o.Findings);
        Assert.Equal("deploy-web", Scalar(o.Result, "a").Value);
        Assert.Equal("flag=true count=42 ratio=1.0", Scalar(o.Result, "b").Value);
        Assert.Equal("tags [\"a\", \"true\", 3]", Scalar(o.Result, "c").Value); // Ruby Array#to_s
        Assert.Equal("webweb", Scalar(o.Result, "d").Value);
        Assert.Equal("web-web", Scalar(o.Result, "e").Value);
        Assert.All(new[] { "a", "b", "c", "d", "e" }, k => Assert.False(Scalar(o.Result, k).IsPlain));
    }

    [Fact]
    public void Embedded_result_that_reads_as_a_boolean_stays_a_string()
    {
        var o = Interp("a: $[[ inputs.name ]]$[[ inputs.text ]]\n", Given(("name", InputValue.Of("tr")), ("text", InputValue.Of("ue"))));
        Assert.Equal("true", Scalar(o.Result, "a").Value);
        Assert.Null(Scalar(o.Result, "a").AsBool);
    }

    [Fact]
    public void Unknown_reference_is_reported_at_the_block()
    {
        var o = Interp("job:\n  script: echo $[[ inputs.nope ]] now\n");
        var f = Single(o.Findings, "input:nope:unknown");
        Assert.Equal(("x.yml", 24, 16, 24, 34), (f.Span.Path, f.Span.Line, f.Span.Column, f.Span.EndLine, f.Span.EndColumn));
        Assert.Contains("`nope`", f.Message);
        Assert.Contains("`name`", f.Message);
        Assert.Equal("echo $[[ inputs.nope ]] now", Scalar(o.Result, "job", "script").Value);
    }

    [Fact]
    public void Unknown_reference_in_a_quoted_scalar_is_placed_past_the_quote()
    {
        var o = Interp("job:\n  script: \"x $[[ inputs.nope ]]\"\n");
        var f = Single(o.Findings, "input:nope:unknown");
        Assert.Equal((24, 14), (f.Span.Line, f.Span.Column));
    }

    [Fact]
    public void Unknown_reference_in_a_block_scalar_falls_back_to_the_scalar()
    {
        var o = Interp("job:\n  script: |\n    echo hi\n    echo $[[ inputs.nope ]]\n");
        var f = Single(o.Findings, "input:nope:unknown");
        Assert.Equal((24, 11), (f.Span.Line, f.Span.Column));
    }

    [Theory]
    [InlineData("a: $[[ inputs.name ")]            // unclosed
    [InlineData("a: $[[ x ]]")]                    // one character: not a block for GitLab's pattern
    [InlineData("a: $[[]]")]
    [InlineData("a: \"$[[ inputs.\\n name ]]\"")]  // a newline inside the data
    [InlineData("a: $[ inputs.name ]")]
    [InlineData("a: $[[ matrix.PROVIDER ]]")]      // left for parallel:matrix
    public void Text_that_is_not_a_block_is_left_alone(string content)
    {
        var o = Interp(content + "\n");
        Assert.Empty(o.Findings);
        Assert.Same(o.Content, o.Result);
    }

    [Theory]
    [InlineData("a: $[[ foo ]]", "interpolation:access", "invalid interpolation access pattern")]
    [InlineData("a: $[[ inputs ]]", "interpolation:access", "invalid interpolation access pattern")]
    [InlineData("a: $[[ env.HOME ]]", "interpolation:env", "unknown interpolation key: `env`")]
    [InlineData("a: $[[ input.name ]]", "interpolation:input", "unknown interpolation key: `input`")]
    [InlineData("a: $[[ inputs.name.first ]]", "interpolation:access", "have no fields")]
    [InlineData("a: $[[ inputs. name ]]", "input: name:unknown", "unknown interpolation key")]
    public void Malformed_blocks_are_reported(string content, string key, string message)
    {
        var o = Interp(content + "\n");
        var f = Single(o.Findings, key);
        Assert.Contains(message, f.Message);
        Assert.Equal(First, f.Span.Line);
        Assert.Equal(4, f.Span.Column);
        Assert.Same(o.Content, o.Result);
    }

    [Fact]
    public void Access_longer_than_1_KB_is_reported()
    {
        var o = Interp($"a: $[[ inputs.{new string('n', 1100)} ]]\n");
        Assert.Contains("maximum interpolation expression size exceeded", Single(o.Findings, "interpolation:access").Message);
    }

    [Fact]
    public void Truncate_takes_offset_and_length()
    {
        var o = Interp("a: $[[ inputs.name | truncate(3,5) ]]\nb: x-$[[ inputs.name | truncate(1, 100) ]]\nc: $[[ inputs.name | truncate(20,5) ]]\n",
            Given(("name", InputValue.Of("0123456789"))));
        Assert.Empty(o.Findings);
        Assert.Equal("34567", Scalar(o.Result, "a").Value);
        Assert.Equal("x-123456789", Scalar(o.Result, "b").Value);
        Assert.Equal("", Scalar(o.Result, "c").Value);
    }

    [Fact]
    public void Functions_chain_in_order()
    {
        var scope = new DictionaryScope(new Dictionary<string, string> { ["REF"] = "feature/x y" });
        var o = Interp("a: $[[ inputs.name | expand_vars | truncate(0,11) | posix_escape ]]\n",
            Given(("name", InputValue.Of("$REF-and-more"))), scope);
        Assert.Empty(o.Findings);
        Assert.Equal("feature/x\\ y", Scalar(o.Result, "a").Value);
    }

    [Fact]
    public void More_than_three_functions_are_reported()
    {
        var o = Interp("a: $[[ inputs.name | truncate(0,9) | truncate(0,8) | truncate(0,7) | truncate(0,6) ]]\n");
        var f = Single(o.Findings, "input:name:functions");
        Assert.Contains("4 functions", f.Message);
        Assert.Contains("at most 3", f.Message);
    }

    [Theory]
    [InlineData("a: $[[ inputs.name | upcase ]]", "no function matching `upcase`")]
    [InlineData("a: $[[ inputs.name | truncate(-1,2) ]]", "no function matching `truncate(-1,2)`")]
    [InlineData("a: $[[ inputs.name | truncate(1) ]]", "no function matching `truncate(1)`")]
    [InlineData("a: $[[ inputs.name | posix_escape() ]]", "no function matching `posix_escape()`")]
    [InlineData("a: $[[ inputs.name || truncate(1,2) ]]", "no function matching ``")]
    [InlineData("a: $[[ inputs.flag | truncate(0,1) ]]", "truncate can only be used with string inputs")]
    [InlineData("a: $[[ inputs.count | expand_vars ]]", "expand_vars can only be used with string inputs")]
    [InlineData("a: $[[ inputs.tags | posix_escape ]]", "posix_escape can only be used with string inputs")]
    [InlineData("a: $[[ inputs.name | split('') ]]", "separator cannot be empty")]
    public void Bad_functions_are_reported(string content, string message)
    {
        var o = Interp(content + "\n");
        var f = Assert.Single(o.Findings);
        Assert.Contains(message, f.Message);
        Assert.StartsWith("input:", f.Key);
        Assert.Same(o.Content, o.Result);
    }

    [Fact]
    public void Truncate_accepts_a_missing_closing_parenthesis_like_GitLab()
    {
        var o = Interp("a: $[[ inputs.name | truncate(0,2 ]]\n");
        Assert.Empty(o.Findings);
        Assert.Equal("we", Scalar(o.Result, "a").Value);
    }

    [Fact]
    public void Split_makes_an_array()
    {
        var o = Interp("a: $[[ inputs.name | split(',') ]]\n", Given(("name", InputValue.Of(" a, b ,,c "))));
        Assert.Empty(o.Findings);
        var seq = Assert.IsType<YSequence>(At(o.Result, "a"));
        Assert.Equal(["a", "b", "c"], seq.Items.Cast<YScalar>().Select(s => s.Value));
    }

    [Fact]
    public void Expand_vars_is_not_nested_and_keeps_unknown_variables()
    {
        var scope = new DictionaryScope(new Dictionary<string, string> { ["A"] = "$B", ["B"] = "b", ["C"] = "c" });
        var o = Interp("a: $[[ inputs.name | expand_vars ]]\n", Given(("name", InputValue.Of("$A ${C} %C% $UNKNOWN ${ALSO} $"))), scope);
        Assert.Equal("$B c c $UNKNOWN ${ALSO} $", Scalar(o.Result, "a").Value);
    }

    [Fact]
    public void Keys_are_interpolated()
    {
        var o = Interp("$[[ inputs.name ]]-job:\n  script: x\n'$[[ inputs.name ]]':\n  script: y\n");
        Assert.Empty(o.Findings);
        var map = Assert.IsType<YMapping>(o.Result);
        Assert.Equal(["web-job", "web"], map.Keys);
        Assert.Equal(First, map.KeyNode("web-job")!.Start.Line);
        Assert.Equal("y", Scalar(o.Result, "web", "script").Value);
    }

    [Fact]
    public void Key_that_interpolates_to_an_existing_key_replaces_it_in_place()
    {
        var o = Interp("web:\n  a: 1\nz: 0\n$[[ inputs.name ]]:\n  a: 2\n");
        var map = Assert.IsType<YMapping>(o.Result);
        Assert.Equal(["web", "z"], map.Keys);
        Assert.Equal("2", Scalar(o.Result, "web", "a").Value);
    }

    [Fact]
    public void Unchanged_subtrees_are_the_same_instances()
    {
        var o = Interp("unchanged:\n  deep: [1, {a: b}]\nchanged:\n  x: $[[ inputs.name ]]\n");
        Assert.NotSame(o.Content, o.Result);
        Assert.Same(At(o.Content, "unchanged"), At(o.Result, "unchanged"));
        Assert.Same(((YMapping)o.Content).KeyNode("changed"), ((YMapping)o.Result).KeyNode("changed"));

        var none = Interp("a: 1\nb: [x, y]\n");
        Assert.Same(none.Content, none.Result);
    }

    [Fact]
    public void Aliases_stay_shared_after_interpolation()
    {
        var o = Interp("base: &b\n  image: img:$[[ inputs.name ]]\n  tags: ['$[[ inputs.name ]]']\none: *b\ntwo: *b\n");
        Assert.Empty(o.Findings);
        Assert.Same(At(o.Content, "one"), At(o.Content, "two"));
        Assert.Same(At(o.Result, "base"), At(o.Result, "one"));
        Assert.Same(At(o.Result, "one"), At(o.Result, "two"));
        Assert.Equal("img:web", Scalar(o.Result, "two", "image").Value);
    }

    [Fact(Timeout = 60_000)] // a hang guard for the algorithm (quadratic would take minutes), not a benchmark
    public Task Alias_bomb_is_interpolated_in_time_proportional_to_distinct_nodes() => Task.Run(() =>
    {
        // 7 levels of 5 aliases: about 140k expanded nodes, 8 distinct collections.
        var text = Header + "l0: &l0 {a: \"$[[ inputs.name ]]\", b: '$[[ inputs.count ]]', c: '$[[ inputs.tags ]]'}\n" +
                   string.Concat(Enumerable.Range(1, 6).Select(i =>
                       $"l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 5))}]\n"));
        var docs = Docs(text);
        Assert.InRange(docs[1].ExpandedSize, 100_000, InputInterpolator.MaxNodes);
        var o = Run(text);
        Assert.Empty(o.Findings);
        var top = (YSequence)At(o.Result, "l6");
        Assert.All(top.Items, i => Assert.Same(top.Items[0], i));
        var leaf = (YMapping)At(o.Result, "l0");
        Assert.Equal("web", ((YScalar)leaf["a"]!).Value);
        Assert.Same(leaf, ((YSequence)At(o.Result, "l1")).Items[3]);
    });

    [Fact]
    public void Files_over_500k_nodes_are_reported_like_GitLab()
    {
        var text = Header + "l0: &l0 {a: x, b: x, c: y, d: z}\n" + // no block at all: GitLab still counts
                   string.Concat(Enumerable.Range(1, 7).Select(i =>
                       $"l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 5))}]\n"));
        var o = Run(text);
        Assert.True(o.Content.ExpandedSize > InputInterpolator.MaxNodes);
        Assert.Contains("config too large", Single(o.Findings, "interpolation:nodes").Message);
        Assert.Same(o.Content, o.Result);
    }

    [Fact]
    public void Reference_tags_are_not_interpolated()
    {
        var o = Interp("job:\n  script:\n    - !reference ['$[[ inputs.name ]]', script]\n    - echo $[[ inputs.name ]]\n");
        Assert.Empty(o.Findings);
        var script = (YSequence)At(o.Result, "job", "script");
        Assert.Equal("$[[ inputs.name ]]", ((YScalar)((YSequence)script.Items[0]).Items[0]).Value);
        Assert.Equal("echo web", ((YScalar)script.Items[1]).Value);
    }

    [Fact]
    public void Backslash_sequences_in_an_embedded_value_are_expanded_as_Ruby_gsub_does()
    {
        // GitLab: node.gsub(block, value.to_s) — Ruby reads \0 and \\ in the replacement.
        var o = Interp("a: 'pre $[[ inputs.name ]] post'\nb: $[[ inputs.name ]]\n", Given(("name", InputValue.Of(@"x\0y\\z"))));
        Assert.Equal(@"pre x$[[ inputs.name ]]y\z post", Scalar(o.Result, "a").Value);
        Assert.Equal(@"x\0y\\z", Scalar(o.Result, "b").Value);
    }

    [Fact]
    public void Posix_escape_embedded_in_a_string_loses_a_quote_to_gsub_like_GitLab()
    {
        // posix_escape("it's") is it\'s, and Ruby's gsub reads \' as "the text after the match".
        var o = Interp("a: echo $[[ inputs.name | posix_escape ]]!\n", Given(("name", InputValue.Of("it's"))));
        Assert.Equal("echo it!s!", Scalar(o.Result, "a").Value);
    }

    [Fact]
    public void Unresolved_inputs_are_left_as_written_without_cascading_findings()
    {
        const string text = "spec:\n  inputs:\n    need:\n---\na: $[[ inputs.need ]]\nb: x-$[[ inputs.need | truncate(0,1) ]]\n";
        var o = Run(text);
        Assert.Equal("input:need:missing", Assert.Single(o.Findings).Key);
        Assert.Same(o.Content, o.Result);
    }

    [Fact]
    public void Unknown_input_in_plain_dictionary_is_reported()
    {
        var content = Doc("a: $[[ inputs.b ]]\nc: $[[ inputs.a ]]\n");
        var f = new List<Finding>();
        var result = InputInterpolator.Interpolate(content, Given(("a", InputValue.Of(7))), DictionaryScope.Empty, f, Limits.Default);
        Assert.Equal("input:b:unknown", Assert.Single(f).Key);
        Assert.Equal("7", Scalar(result, "c").Value);
        Assert.True(Scalar(result, "c").IsNumber);
    }

    [Fact]
    public void Same_bad_block_in_two_places_is_reported_in_both()
    {
        var o = Interp("a: $[[ inputs.nope ]]\nb: $[[ inputs.nope ]]\n");
        Assert.Equal([First, First + 1], o.Findings.Select(f => f.Span.Line));
    }

    [Fact]
    public void String_larger_than_1_MB_is_reported()
    {
        var o = Interp($"a: $[[ inputs.name ]]\nb: {new string('x', InputInterpolator.MaxStringBytes + 1)}\n");
        var f = Single(o.Findings, "interpolation:node-size");
        Assert.Equal(First + 1, f.Span.Line);
        Assert.Same(o.Content, o.Result);
    }

    [Fact]
    public void Interpolation_growing_a_string_past_1_MB_is_reported()
    {
        var value = new string('v', 600_000);
        var o = Interp("a: $[[ inputs.name ]]-$[[ inputs.name ]]\n", Given(("name", InputValue.Of(value))));
        Assert.Single(o.Findings, f => f.Key == "interpolation:size");
    }

    [Fact]
    public void More_than_10000_distinct_blocks_are_reported()
    {
        var items = Enumerable.Range(0, InputInterpolator.MaxBlocks + 1)
            .Select(i => (YNode)YScalar.Synthetic($"$[[ inputs.name | truncate({i},1) ]]", YMapping.Empty("x.yml"), ScalarStyle.Plain))
            .ToArray();
        var content = new YSequence(items, "x.yml", new Mark(1, 1), new Mark(1, 1));
        var f = new List<Finding>();
        InputInterpolator.Interpolate(content, Given(("name", InputValue.Of("n"))), DictionaryScope.Empty, f, Limits.Default);
        Assert.Contains("too many interpolation blocks", Single(f, "interpolation:blocks").Message);
    }

    [Fact]
    public void Interpolating_twice_reuses_the_subtree_cache_and_gives_equal_results()
    {
        var docs = Docs(Header + "a: $[[ inputs.name ]]\nb: {c: [1, 2]}\n");
        var f = new List<Finding>();
        var specs = InputSpecReader.Read(((YMapping)((YMapping)docs[0])["spec"]!)["inputs"], f);
        foreach (var name in new[] { "one", "two", "one" })
        {
            var values = InputInterpolator.Resolve(specs, Given(("name", InputValue.Of(name))), SourceSpan.FileStart("x.yml"), f);
            var result = InputInterpolator.Interpolate(docs[1], values, DictionaryScope.Empty, f, Limits.Default);
            Assert.Equal(name, Scalar(result, "a").Value);
            Assert.Same(At(docs[1], "b"), At(result, "b"));
        }
        Assert.Empty(f);
    }

    [Fact(Timeout = 60_000)] // a hang guard for the algorithm (quadratic would take minutes), not a benchmark
    public Task Two_hundred_interpolations_of_a_large_file_touch_only_what_uses_inputs() => Task.Run(() =>
    {
        var jobs = string.Concat(Enumerable.Range(0, 3000).Select(i =>
            i % 300 == 0
                ? $"job{i}:\n  script: [\"echo $[[ inputs.name ]] {i}\"]\n  when: $[[ inputs.flag ]]\n"
                : $"job{i}:\n  script: [echo {i}, make test]\n  variables: {{A: '1', B: '2'}}\n"));
        var docs = Docs(Header + jobs);
        var f = new List<Finding>();
        var specs = InputSpecReader.Read(((YMapping)((YMapping)docs[0])["spec"]!)["inputs"], f);
        YNode result = docs[1];
        for (var i = 0; i < 200; i++)
        {
            var values = InputInterpolator.Resolve(specs, Given(("name", InputValue.Of($"n{i}")), ("flag", InputValue.Of(i % 2 == 0))),
                SourceSpan.FileStart("x.yml"), f);
            result = InputInterpolator.Interpolate(docs[1], values, DictionaryScope.Empty, f, Limits.Default);
        }
        Assert.Empty(f);
        Assert.Equal("echo n199 300", ((YScalar)((YSequence)At(result, "job300", "script")).Items[0]).Value);
        Assert.Equal("false", Scalar(result, "job300", "when").Value);
        Assert.Same(At(docs[1], "job301"), At(result, "job301"));
    });

    [Fact]
    public void File_without_spec_header_is_not_interpolated()
    {
        var content = Doc("a: $[[ inputs.name ]]\n");
        var f = new List<Finding>();
        var values = InputInterpolator.Resolve(InputSpecSet.None, Given(), SourceSpan.FileStart("x.yml"), f);
        Assert.Same(content, InputInterpolator.Interpolate(content, values, DictionaryScope.Empty, f, Limits.Default));
        Assert.Empty(f);
    }

    [Fact]
    public void Spec_header_without_inputs_declares_none()
    {
        var f = new List<Finding>();
        var header = (YMapping)Doc("spec:\n  description: x\n");
        var specs = InputSpecReader.ReadSpec(header["spec"], f);
        Assert.True(specs.Declared);
        Assert.False(InputSpecReader.ReadSpec(null, f).Declared);
        var values = InputInterpolator.Resolve(specs, Given(), SourceSpan.FileStart("x.yml"), f);
        InputInterpolator.Interpolate(Doc("a: $[[ inputs.name ]]\n"), values, DictionaryScope.Empty, f, Limits.Default);
        Assert.Contains("no inputs are declared", Single(f, "input:name:unknown").Message);
    }

    private static string Bomb(string anchor, int levels, int width) =>
        $"{anchor}0: &{anchor}0 [x, y]\n" + string.Concat(Enumerable.Range(1, levels).Select(i =>
            $"{anchor}{i}: &{anchor}{i} [{string.Join(", ", Enumerable.Repeat($"*{anchor}{i - 1}", width))}]\n"));

    [Fact(Timeout = 60_000)] // a hang guard for the algorithm (quadratic would take minutes), not a benchmark
    public Task Huge_default_is_reported_not_expanded() => Task.Run(() =>
    {
        // 5 levels of 10 aliases: about 300k nodes once expanded
        var text = "x:\n" + string.Concat(Bomb("b", 5, 10).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "  " + l + "\n")) +
                   "spec:\n  inputs:\n    tags:\n      type: array\n      default: *b5\n";
        var f = new List<Finding>();
        var doc = (YMapping)Doc(text);
        var specs = InputSpecReader.Read(((YMapping)doc["spec"]!)["inputs"], f);
        Assert.Contains("expands to", Single(f, "input:tags:default-size").Message);
        Assert.False(specs.Inputs["tags"].IsMandatory);
        Assert.Null(specs.Inputs["tags"].DefaultValue);
    });

    [Fact]
    public void Huge_given_value_is_reported_not_expanded()
    {
        var f = new List<Finding>();
        var specs = Specs("spec:\n  inputs:\n    tags:\n      type: array\n", f);
        var given = (YMapping)Doc(Bomb("g", 6, 8));
        var values = InputInterpolator.Resolve(specs, Given(("tags", InputValue.FromNode(given["g6"]!))), SourceSpan.FileStart("x.yml"), f);
        Single(f, "input:tags:size");
        Assert.Contains("tags", values.Unresolved);
    }

    [Fact(Timeout = 60_000)] // a hang guard for the algorithm (quadratic would take minutes), not a benchmark
    public Task Huge_integer_literal_is_read_quickly() => Task.Run(() =>
    {
        var digits = new string('7', 200_000);
        var f = new List<Finding>();
        var specs = Specs($"spec:\n  inputs:\n    n:\n      type: number\n      default: {digits}\n", f);
        Assert.Empty(f);
        Assert.Equal(InputType.Number, specs.Inputs["n"].DefaultValue!.Type);
    });

    [Fact]
    public void Array_inputs_used_at_many_places_are_bounded()
    {
        var items = string.Join(", ", Enumerable.Range(0, 100));
        var content = string.Concat(Enumerable.Range(0, 20).Select(i => $"j{i}: $[[ inputs.tags ]]\n"));
        var o = Run($"spec:\n  inputs:\n    tags:\n      type: array\n      default: [{items}]\n---\n{content}",
            limits: Limits.Default with { MaxYamlExpandedNodes = 1000 });
        Assert.Contains("more than 1000 YAML nodes", Single(o.Findings, "interpolation:expanded").Message);
        Assert.IsType<YSequence>(At(o.Result, "j0"));
        Assert.IsType<YScalar>(At(o.Result, "j19"));
    }
}
