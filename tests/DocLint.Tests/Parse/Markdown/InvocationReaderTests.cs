using FsCheck;
using FsCheck.Fluent;
using System.Text;
using DocLint.Load;
using DocLint.Parse.Markdown;

namespace DocLint.Tests.Parse.Markdown;

public class InvocationReaderTests
{
    private static readonly InputNames Names = DocLintConfig.Default.Inputs;

    private static (MarkdownDocument Doc, DocInvocations Found) Read(string text)
    {
        var doc = MarkdownDocument.Parse("docs/x.md", text);
        return (doc, doc.Invocations(Names));
    }

    private static string Describe(Invocation inv) =>
        string.Join(" ", new[] { "action=" + inv.Action.Value }
            .Concat(inv.Projects.Select(p => "project=" + p.Value)).Concat(inv.Confirms.Select(c => "confirm=" + c.Value)));

    private static string[] All(string text) => Read(text).Found.Invocations.Select(Describe).ToArray();

    [Fact]
    public void A_paragraph_with_three_assignments_is_one_invocation()
    {
        Assert.Equal(new[] { "action=cut-off project=all confirm=true" }, All("Run action=cut-off project=all confirm=true now.\n"));
    }

    [Fact]
    public void Values_follow_the_contract_reading()
    {
        // quotes, backticks and ** before the value; terminators after it; trailing . : ! ? dropped
        Assert.Equal(new[] { "action=release project=bf-portal confirm=true" },
            All("Answer action=**release**, project=`bf-portal`; confirm=\"true\".\n"));
        Assert.Equal(new[] { "action=release project=all confirm=true" }, All("`action = release project = all confirm = true`\n"));
        Assert.Equal(new[] { "action=release project=all confirm=true" }, All("Use ACTION=release (PROJECT=all) and CONFIRM=true!\n"));
        Assert.Equal(new[] { "action=deploy project=<target repository> confirm=true" },
            All("`action=deploy project=<target repository> confirm=true`\n"));
    }

    [Fact]
    public void Colon_assignments_count_in_code_and_tables_but_not_in_prose()
    {
        Assert.Empty(All("Owner action: release, project: bf-dev.\n"));
        Assert.Equal(new[] { "action=release project=all" }, All("Answer `action: release` and `project: all`.\n"));
        Assert.Equal(new[] { "action=release project=all confirm=true" }, All("```json\n{ \"action\": \"release\", \"project\": \"all\", \"confirm\": true }\n```\n"));
    }

    [Fact]
    public void An_invocation_never_spans_groups()
    {
        Assert.Equal(new[] { "action=release", "action=cut-off confirm=true" },
            All("First action=release.\n\nThen project=all.\n\n```\naction=cut-off\nconfirm=true\n```\n"));
        var (_, found) = Read("First action=release.\n\nThen project=all.\n");
        Assert.Single(found.References);
        Assert.Equal(InputKey.Project, found.References[0].Key);
    }

    [Fact]
    public void A_whole_list_is_one_group_but_a_code_block_in_it_is_its_own()
    {
        Assert.Equal(new[] { "action=release project=bf-portal confirm=true" },
            All("- action=release\n- nested:\n  - project=bf-portal\n- confirm=true\n"));
        // The list's paragraphs are one group around the code block, which is a group of its own.
        Assert.Equal(new[] { "action=release confirm=true", "action=cut-off project=all" },
            All("1. Start action=release\n\n   ```text\n   action=cut-off\n   project=all\n   ```\n\n2. then confirm=true\n"));
    }

    [Fact]
    public void The_next_action_closes_the_invocation()
    {
        Assert.Equal(new[] { "action=release project=a", "action=cut-off project=b confirm=true" },
            All("```\naction=release project=a\naction=cut-off project=b confirm=true\n```\n"));
    }

    [Fact]
    public void Keys_are_whole_words_and_not_flags_properties_variables_or_query_parameters()
    {
        Assert.Empty(All("`PROJECT_ID=4711 $CI_PROJECT=x actions=release reaction=x action_type=release`\n"));
        Assert.Empty(All("`mytool --action=release --project=all`, `mytool --action release`\n"));
        Assert.Empty(All("`if [ \"$[[ inputs.action ]]\" == \"release\" ]` and `$action=release`\n"));
        Assert.Empty(All("`curl https://h/api?action=release&project=all`\n"));
        Assert.Empty(All("`action == release`, `action =~ /release/`, `:action => 'release'`, `Action::Release`\n"));
        Assert.Equal(new[] { "action=release project=all" }, All("`glab ci run --input action=release --input project=all`\n"));
    }

    [Fact]
    public void Html_link_destinations_autolinks_and_front_matter_hold_nothing()
    {
        Assert.Empty(All("---\naction: release\nproject: all\n---\n<!-- action=release -->\n\n[x](https://h/?action=release) <https://h/?action=release>\n\n<div>\naction=release\n</div>\n"));
    }

    [Fact]
    public void Yaml_code_blocks_hold_no_invocations_but_keep_their_code_for_job_names()
    {
        var (doc, found) = Read("```yaml\nrelease:bf-portal:\n  variables: { action: release, project: all }\n```\n");
        Assert.Empty(found.Invocations);
        Assert.Contains(found.Code, c => doc.Text.Substring(c.Offset, c.Length).StartsWith("release:bf-portal:", StringComparison.Ordinal));
        Assert.Single(All("```console\naction: release\n```\n"));
    }

    [Fact]
    public void Quoted_strings_are_not_keys_unless_the_key_itself_is_quoted()
    {
        Assert.Equal(new[] { "action=enable" }, All("```\n{\"key\":\"x\",\"action\":\"enable\",\"thing\":\"Project:1\"}\n```\n"));
        Assert.Equal(new[] { "action=release project=all" }, All("`--input \"action=release\" --input 'project=all'`\n"));
    }

    [Fact]
    public void Placeholders_are_recognised()
    {
        var (_, found) = Read("`action=<action> project={project} confirm=$CONFIRM`\n\n`action=x project=${P}`\n\n`action=x project=...`\n\n`action=x project=…`\n\n`action=x project=$[[ inputs.project ]]`\n");
        Assert.True(found.Invocations[0].Action.IsPlaceholder);
        Assert.All(found.Invocations.SelectMany(i => i.Projects), p => Assert.True(p.IsPlaceholder, p.Value));
        Assert.True(found.Invocations[0].Confirms[0].IsPlaceholder);
    }

    [Fact]
    public void An_inputs_table_gives_one_invocation_per_row()
    {
        const string text = """
            | Action | `project` | confirm | creates |
            | --- | --- | --- | --- |
            | `release` | `<repository>` | `true` | release:single |
            | **cut-off** | all | true | cut-off:fan-out |
            | `bring-all-code-to-release-branch` or `deploy-release-branch-to-staging` | all | true | x |

            """;
        Assert.Equal(new[] { "action=release project=<repository> confirm=true", "action=cut-off project=all confirm=true" }, All(text));
    }

    [Fact]
    public void A_two_column_key_value_table_is_one_invocation_and_description_cells_are_no_assignment()
    {
        Assert.Equal(new[] { "action=release project=bf-portal confirm=true" },
            All("| Input | Value |\n| --- | --- |\n| `project` | `bf-portal` |\n| `action` | `release` |\n| confirm | true |\n| ref | main |\n"));
        Assert.Empty(All("| Input | Prompt |\n| --- | --- |\n| `action` | What do you need to do? |\n| `project` | What project/s need it? |\n"));
        // Four columns: not a key/value table; its cells are text without assignments.
        Assert.Empty(All("| Input | Prompt | Values | Default |\n| --- | --- | --- | --- |\n| `action` | What? | `a` or `b` | `a` |\n"));
    }

    [Fact]
    public void A_plain_table_is_text_where_colon_assignments_count()
    {
        Assert.Equal(new[] { "action=release project=all confirm=true", "action=cut-off project=all confirm=true" },
            All("| Variable | Same as running |\n| --- | --- |\n| `INVOKE_RELEASE=true` | `action=release project=all confirm=true` |\n| `INVOKE_CUT_OFF=true` | action: cut-off project: all confirm: true |\n"));
    }

    [Fact]
    public void Positions_are_exact_with_crlf_a_bom_tabs_and_non_ascii_text()
    {
        var text = "# Überblick — 発表\r\n\r\n- Schritt\tä: `action=release`\r\n\r\n  ```text\r\n  \tproject\t= bf-portal\r\n  ```\r\n\r\n| Aktion | action |\r\n| --- | --- |\r\n| 日本語 | `cut-off` |\r\n";
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        var source = Workspace.Decode("docs/x.md", bytes, out var error)!;
        Assert.Null(error);
        var doc = MarkdownDocument.Parse(source);
        var found = doc.Invocations(Names);
        var lines = text.Split("\r\n");
        var release = found.Invocations.Single(i => i.Action.Value == "release").Action;
        Assert.Equal((3, lines[2].IndexOf("release", StringComparison.Ordinal) + 1), doc.Position(release.Offset));
        var project = found.References.Single(r => r.Key == InputKey.Project);
        Assert.Equal((6, lines[5].IndexOf("bf-portal", StringComparison.Ordinal) + 1), doc.Position(project.Offset));
        var cut = found.Invocations.Single(i => i.Action.Value == "cut-off").Action;
        Assert.Equal((11, lines[10].IndexOf("cut-off", StringComparison.Ordinal) + 1), doc.Position(cut.Offset));
        foreach (var a in found.Invocations.Select(i => i.Action).Append(project))
            Assert.Equal(a.Value, doc.Text.Substring(a.Offset, a.Length));
    }

    [Fact]
    public void Indented_code_blocks_and_headings_and_quotes_are_read()
    {
        Assert.Equal(new[] { "action=release project=all", "action=cut-off", "action=deploy confirm=true" },
            All("    action=release project=all\n\n## Run action=cut-off\n\n> Then action=deploy\n> confirm=true\n"));
    }
}

/// <summary>
/// The key search of <see cref="InvocationReader"/> scans short spans one character at a time and long ones with the
/// vectorised multi-string search; both must give the position <see cref="System.Buffers.SearchValues"/> gives,
/// whatever the case, the neighbours or the non-ASCII characters around a key.
/// </summary>
public class InvocationKeyFinderTests
{
    private static readonly string[][] KeySets =
    {
        new[] { "action", "project", "confirm" },
        new[] { "Ziel", "projekt", "ok" },
        new[] { "kind", "stage", "s" }, // 's' folds with U+017F (long s) under OrdinalIgnoreCase
    };

    [Fact]
    public void Short_and_long_spans_give_the_positions_of_the_vectorised_search()
    {
        var pieces = new[] { "action", "ACTION", "Project", "pROJECT", "confirm", "ziel", "PROJEKT", "Ok", "KIND", "stage",
            "ſ", "K", "ß", "é", " ", "=", ":", "-", "act", "proj", "conf", "x", "\n", "`", "|" };
        var piece = Gen.Elements(pieces);
        var text = Gen.Choose(0, 120).SelectMany(n => Gen.ArrayOf(piece, n)).Select(a => string.Concat(a));
        foreach (var keys in KeySets)
        {
            var finder = new InvocationReader.KeyFinder(keys);
            var search = System.Buffers.SearchValues.Create(keys, StringComparison.OrdinalIgnoreCase);
            Check.QuickThrowOnFailure(Prop.ForAll(text.ToArbitrary(), s =>
                (finder.IndexOf(s) == s.AsSpan().IndexOfAny(search)).Label($"keys {string.Join(",", keys)} in \"{s}\"")));
        }
    }
}
