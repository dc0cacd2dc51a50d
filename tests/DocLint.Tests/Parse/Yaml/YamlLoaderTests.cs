using DocLint.Load;
using DocLint.Parse.Yaml;

namespace DocLint.Tests.Parse.Yaml;

public class YamlLoaderTests
{
    private static YMapping Map(string yaml)
    {
        var r = YamlLoader.Load("t.yml", yaml);
        Assert.True(r.Ok, r.Error);
        return Assert.IsType<YMapping>(r.Documents[0]);
    }

    [Fact]
    public void Keeps_line_and_column_of_every_node()
    {
        var m = Map("a: 1\njob:\n  script:\n    - echo hi\n");
        Assert.Equal(new Mark(2, 1), m.KeyNode("job")!.Start);
        var script = (YSequence)((YMapping)m["job"]!)["script"]!;
        Assert.Equal(new Mark(4, 7), script.Items[0].Start);
        Assert.Equal("t.yml", script.Items[0].File);
    }

    [Fact]
    public void Merge_key_follows_psych_keys_after_it_win_keys_before_it_are_overwritten()
    {
        var m = Map("base: &b { stage: build, when: manual }\njob:\n  stage: test\n  <<: *b\n  when: always\n");
        var job = (YMapping)m["job"]!;
        Assert.Equal("build", YTree.Text(job["stage"]));   // written before <<: overwritten by the merge
        Assert.Equal("always", YTree.Text(job["when"]));   // written after <<: wins
        Assert.False(job.ContainsKey("<<"));
    }

    [Fact]
    public void List_of_merges_the_first_mapping_wins()
    {
        var m = Map("a: &a { x: 1, y: 1 }\nb: &b { x: 2, z: 2 }\njob:\n  <<: [*a, *b]\n");
        var job = (YMapping)m["job"]!;
        Assert.Equal("1", YTree.Text(job["x"]));
        Assert.Equal("1", YTree.Text(job["y"]));
        Assert.Equal("2", YTree.Text(job["z"]));
    }

    [Fact]
    public void Quoted_merge_key_is_an_ordinary_key()
    {
        var m = Map("a: &a { x: 1 }\njob:\n  '<<': *a\n");
        Assert.True(((YMapping)m["job"]!).ContainsKey("<<"));
    }

    [Fact]
    public void Aliases_share_nodes_and_count_their_expanded_size()
    {
        var m = Map("a: &a [1, 2, 3]\nb: [*a, *a]\n");
        var b = (YSequence)m["b"]!;
        Assert.Same(b.Items[0], b.Items[1]);
        Assert.Equal(1 + 2 * 4, b.ExpandedSize);
    }

    [Fact]
    public void Billion_laughs_is_stopped_with_a_position()
    {
        var lines = new List<string> { "a0: &a0 [x, x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i < 12; i++) lines.Add($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]");
        var r = YamlLoader.Load("bomb.yml", string.Join("\n", lines));
        Assert.False(r.Ok);
        Assert.Contains("alias", r.Error);
        Assert.True(r.ErrorMark.Line is >= 2 and <= 12);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_an_error_not_a_stack_overflow()
    {
        var deep = new string('[', 50_000) + new string(']', 50_000);
        var r = YamlLoader.Load("deep.yml", deep);
        Assert.False(r.Ok);
        Assert.Contains("deeper than 100", r.Error);
    }

    [Fact]
    public void Unknown_alias_and_syntax_errors_carry_their_position()
    {
        var r = YamlLoader.Load("x.yml", "a: 1\nb: *nope\n");
        Assert.False(r.Ok);
        Assert.Equal(2, r.ErrorMark.Line);
        var bad = YamlLoader.Load("x.yml", "a: [1, 2\nb: 3\n");
        Assert.False(bad.Ok);
        Assert.True(bad.ErrorMark.Line >= 1);
        Assert.DoesNotContain("(Line", bad.Error);
    }

    [Fact]
    public void Reference_tag_is_kept_on_sequences()
    {
        var m = Map("job:\n  script: !reference [.setup, script]\n");
        var s = Assert.IsType<YSequence>(((YMapping)m["job"]!)["script"]);
        Assert.True(s.IsReference);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("yes", true)]
    [InlineData("Off", false)]
    [InlineData("'true'", null)]
    [InlineData("1", null)]
    public void Booleans_are_read_as_psych_reads_yaml_1_1(string text, bool? expected)
    {
        var m = Map($"v: {text}\n");
        Assert.Equal(expected, ((YScalar)m["v"]!).AsBool);
    }

    [Fact]
    public void Duplicate_keys_keep_the_last_value()
    {
        var m = Map("a: 1\na: 2\n");
        Assert.Equal("2", YTree.Text(m["a"]));
        Assert.Equal(1, m.Count);
    }

    [Theory]
    [InlineData(3)]   // searched linearly
    [InlineData(8)]
    [InlineData(9)]   // indexed from the ninth key on
    [InlineData(40)]
    public void Lookups_and_duplicate_keys_agree_for_small_and_large_mappings(int keys)
    {
        var text = string.Concat(Enumerable.Range(0, keys).Select(i => $"k{i}: {i}\n")) + "k0: again\nk" + (keys - 1) + ": last\n";
        var m = Map(text);
        Assert.Equal(keys, m.Count);
        Assert.Equal(Enumerable.Range(0, keys).Select(i => $"k{i}"), m.Keys);
        Assert.Equal("again", YTree.Text(m["k0"]));
        Assert.Equal("last", YTree.Text(m[$"k{keys - 1}"]));
        for (var i = 1; i < keys - 1; i++) Assert.Equal(i.ToString(), YTree.Text(m[$"k{i}"]));
        Assert.Null(m["missing"]);
        Assert.False(m.ContainsKey("K0"));
        Assert.Equal(1, m.KeyNode("k0")!.Start.Line); // the first occurrence's key, the last occurrence's value
        var without = m.Without("k0");
        Assert.Equal(keys - 1, without.Count);
        Assert.Null(without["k0"]);
    }

    [Fact]
    public void Multi_document_files_are_split()
    {
        var r = YamlLoader.Load("x.yml", "spec:\n  inputs: {}\n---\njob: {script: x}\n");
        Assert.True(r.Ok);
        Assert.Equal(2, r.Documents.Count);
    }
}
