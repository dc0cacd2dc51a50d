using System.Text;
using System.Text.Json;
using DocLint.Evaluate;
using DocLint.Findings;
using DocLint.Linting;
using DocLint.Load;
using DocLint.Parse.Markdown;
using DocLint.Reporting;
using DocLint.Tests.Support;

namespace DocLint.Tests.Rules;

/// <summary>docs-generated (CONTRACT §9): markers, rendering, staleness, <c>--fix</c> and what the other docs rules skip.</summary>
public class DocsGeneratedRuleTests
{
    private const string Doc = "docs/reference/platform/ci-and-release.md";

    private static TempRepo BfDevWith(string doc, string path = Doc)
    {
        var repo = TempRepo.CopyOf(RepoPaths.Fixture("bf-dev"));
        repo.Write(path, doc);
        return repo;
    }

    private static Project Open(TempRepo repo, Limits? limits = null) => Project.Open(new[] { repo.Root }, null, limits);

    private static List<Finding> Generated(TempRepo repo, Limits? limits = null) =>
        Linter.Run(Open(repo, limits)).Findings.Where(f => f.RuleId == "docs-generated").ToList();

    private static string Region(string text, string marker)
    {
        var start = text.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(start >= 0, marker);
        start = text.IndexOf('\n', start) + 1;
        return text[start..text.IndexOf("<!-- doclint:end -->", start, StringComparison.Ordinal)];
    }

    /// <summary>The cells of each body row of the first table in a region's content (code fences and escapes undone).</summary>
    private static List<string[]> Rows(string content) =>
        content.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| ---", StringComparison.Ordinal)).Skip(1)
            .Select(l => l[2..^2].Split(" | ").Select(c => c.Trim('`').Replace("\\|", "|")).ToArray()).ToList();

    [Fact]
    public void A_marker_in_a_code_block_an_html_comment_body_or_a_paragraph_is_text()
    {
        var doc = MarkdownDocument.Parse("docs/a.md", string.Join("\n",
            "# T", "", "```markdown", "<!-- doclint:generate routing -->", "```", "",
            "<!--", "<!-- doclint:generate actions -->", "-->", "",
            "Prose <!-- doclint:generate inputs --> inline.", "",
            "    <!-- doclint:generate projects -->", ""));
        Assert.Empty(doc.Regions.Regions);
        Assert.Empty(doc.Regions.Problems);
    }

    [Fact]
    public void Marker_errors_are_reported_at_their_line()
    {
        var doc = MarkdownDocument.Parse("docs/a.md", string.Join("\n",
            "# T", "", "<!-- doclint:end -->", "", "- item", "", "  <!-- doclint:generate actions -->", "",
            "<!-- doclint:generated inputs -->", "", "<!-- doclint:generate routing project -->", "<!-- doclint:end -->", "",
            "<!-- doclint:generate routing action=a action=b -->", "<!-- doclint:end -->", "", "<!-- doclint:generate -->", "<!-- doclint:end -->", ""));
        Assert.Equal(new[]
        {
            (3, "<!-- doclint:end --> closes no region (no <!-- doclint:generate KIND --> before it)"),
            (7, "region marker <!-- doclint:generate actions --> is inside a list or quote; a marker must start a line at the top level of the document"),
            (9, "unknown region marker <!-- doclint:generated inputs -->; use <!-- doclint:generate KIND --> ... <!-- doclint:end -->"),
            (11, "region routing project: option project of region kind routing has no value; write project=NAME; it is not checked or rewritten"),
            (14, "region routing action=a action=b: option action is given twice in region routing action=a action=b; it is not checked or rewritten"),
            (17, "<!-- doclint:generate --> names no kind; use one of routing, actions, projects, inputs; it is not checked or rewritten"),
        }, doc.Regions.Problems.Select(p => (p.Line, p.Message)));
        Assert.All(doc.Regions.Regions, r => Assert.True(r.Broken));
    }

    [Fact]
    public void Markers_are_read_with_their_options_lines_and_line_ending()
    {
        var doc = MarkdownDocument.Parse("docs/a.md", "# T\r\n\r\n<!-- doclint:generate routing action=a project=b -->\r\nold\r\n<!-- doclint:end -->\r\n");
        var r = Assert.Single(doc.Regions.Regions);
        Assert.Equal(("routing", "a", "b", 3, "\r\n", false), (r.Kind, r.Option("action"), r.Option("project"), r.MarkerLine, r.NewLine, r.Broken));
        Assert.Equal("old\r\n", doc.Text[r.ContentStart..r.ContentEnd]);
        Assert.True(doc.Regions.Covers(r.ContentStart) && !doc.Regions.Covers(0));
    }

    [Fact]
    public void Fresh_regions_of_every_kind_pass_and_a_stale_one_points_at_its_first_differing_line()
    {
        Assert.Empty(Linter.Run(RepoPaths.OpenFixture(RepoPaths.Fixture("bf-dev"))).Findings);
        var text = File.ReadAllText(Path.Combine(RepoPaths.Fixture("bf-dev"), Doc));
        foreach (var kind in new[] { "inputs", "routing project=bf-telematics", "actions", "projects" })
            Assert.Contains($"<!-- doclint:generate {kind} -->", text);
        var stale = text.Replace("| `bf-identity` | `betterfleet/bf-identity` | — |", "| `bf-identity` | `betterfleet/bf-id` | — |");
        using var repo = BfDevWith(stale);
        var f = Assert.Single(Generated(repo));
        var line = stale[..stale.IndexOf("`betterfleet/bf-id`", StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        Assert.Equal(line, f.Span.Line);
        Assert.StartsWith($"region projects is stale: line {line} should be \"| `bf-identity` | `betterfleet/bf-identity` | — |\"", f.Message);
        Assert.NotNull(f.Edit);
    }

    [Fact]
    public void Options_narrow_routing_to_one_action_and_project()
    {
        using var repo = BfDevWith("# Ref\n\n<!-- doclint:generate routing action=deploy-release-branch-to-staging project=all -->\n<!-- doclint:end -->\n");
        Linter.Fix(Open(repo));
        var rows = Rows(Region(File.ReadAllText(Path.Combine(repo.Root, Doc)), "doclint:generate routing"));
        Assert.Equal(9, rows.Count);
        Assert.All(rows, r => Assert.Equal(("deploy-release-branch-to-staging", "all", "release"), (r[0], r[1], r[4])));
        Assert.Equal("release:fan-out: [bf-telematics]", rows[1][2]);
        Assert.Empty(Generated(repo));
    }

    [Fact]
    public void Fix_writes_exactly_the_triggers_explain_shows()
    {
        using var repo = BfDevWith("# Ref\n\n<!-- doclint:generate routing -->\nstale\n<!-- doclint:end -->\n");
        var project = Open(repo);
        var (fixes, after) = Linter.Fix(project);
        Assert.Single(fixes.Rewrites);
        Assert.DoesNotContain(after.Findings, f => f.RuleId == "docs-generated");
        var rows = Rows(Region(File.ReadAllText(Path.Combine(repo.Root, Doc)), "doclint:generate routing"));

        // explain --format json: the ui scenarios with confirm true, each created trigger (none: one row saying so).
        using var json = JsonDocument.Parse(ExplainWriter.Json(RoutingModel.Build(project.Workspace, project.Config)));
        var expected = new List<string[]>();
        foreach (var s in json.RootElement.GetProperty("scenarios").EnumerateArray())
        {
            var inputs = s.GetProperty("inputs");
            if (s.GetProperty("kind").GetString() != "ui" || !inputs.GetProperty("confirm").GetBoolean()) continue;
            var (a, p) = (inputs.GetProperty("action").GetString()!, inputs.GetProperty("project").GetString()!);
            foreach (var t in s.GetProperty("triggers").EnumerateArray())
                expected.Add([a, p, t.GetProperty("job").GetString()! + (t.GetProperty("when").GetString() == "manual" ? " (manual)" : ""),
                    t.GetProperty("project").GetString()!, t.GetProperty("branch").GetString()!]);
        }
        Assert.Equal(36, expected.Count);
        Assert.Equal(expected.Select(r => string.Join(" ; ", r)), rows.Select(r => string.Join(" ; ", r)));
    }

    [Fact]
    public void Fix_keeps_BOM_CRLF_and_every_byte_outside_the_region_and_a_second_fix_changes_nothing()
    {
        const string before = "# Ref\r\n\r\nSée below.\r\n\r\n<!-- doclint:generate actions -->\r\n";
        const string after = "<!-- doclint:end -->\r\n\r\nTail ✓ without newline";
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(before + "| old |\n" + after)).ToArray();
        using var repo = TempRepo.CopyOf(RepoPaths.Fixture("bf-dev"));
        repo.WriteBytes(Doc, bytes);
        var (fixes, _) = Linter.Fix(Open(repo));
        var rewrite = Assert.Single(fixes.Rewrites);
        Assert.Equal($"{Doc}:6: 1 line → 6 lines", rewrite.ToString());
        var fixedBytes = File.ReadAllBytes(Path.Combine(repo.Root, Doc));
        var head = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(before)).ToArray();
        var tail = Encoding.UTF8.GetBytes(after);
        Assert.Equal(head, fixedBytes[..head.Length]);
        Assert.Equal(tail, fixedBytes[^tail.Length..]);
        var content = Encoding.UTF8.GetString(fixedBytes[head.Length..^tail.Length]);
        Assert.StartsWith("\r\n| Action | Signal |", content);
        Assert.DoesNotContain("\n", content.Replace("\r\n", ""));
        Assert.Empty(Generated(repo));
        var (again, _) = Linter.Fix(Open(repo));
        Assert.Empty(again.Rewrites);
        Assert.Equal(fixedBytes, File.ReadAllBytes(Path.Combine(repo.Root, Doc)));
    }

    [Fact]
    public void A_region_with_a_marker_error_is_never_rewritten_and_its_table_is_judged_once()
    {
        using var repo = TempRepo.CopyOf(RepoPaths.Fixture("docs/docs-generated/malformed-markers"));
        var path = Path.Combine(repo.Root, "docs/operations/runbooks/index.md");
        var original = File.ReadAllBytes(path);
        var (fixes, after) = Linter.Fix(Open(repo));
        Assert.Empty(fixes.Rewrites);
        Assert.Equal(original, File.ReadAllBytes(path));
        Assert.All(after.Findings, f => Assert.Equal("docs-generated", f.RuleId));
        Assert.All(after.Findings, f => Assert.Null(f.Edit));
        Assert.Single(after.Findings, f => f.Message.Contains("cut-off", StringComparison.Ordinal));
    }

    [Fact]
    public void Invocations_inside_a_region_are_not_judged_by_the_other_docs_rules()
    {
        var doc = "# Ref\n\n<!-- doclint:generate actions -->\n\naction=cut-off project=nowhere\n\n`release:bf-portal`\n\n<!-- doclint:end -->\n\naction=cut-off project=all confirm=true\n";
        using var repo = BfDevWith(doc);
        var findings = Linter.Run(Open(repo)).Findings.Where(f => f.Span.Path == Doc && f.RuleId != "docs-coverage").ToList();
        Assert.Equal(new[] { ("docs-generated", 5), ("docs-action-name", 11) }, findings.Select(f => (f.RuleId, f.Span.Line)).OrderBy(x => x.Line));
    }

    [Fact]
    public void A_region_that_would_outgrow_the_file_size_limit_is_a_finding_not_a_rewrite()
    {
        var padding = string.Concat(Enumerable.Repeat("Padding prose for the size limit test, one line of it.\n", 90));
        using var repo = BfDevWith("# Ref\n\n" + padding + "\n<!-- doclint:generate routing -->\n<!-- doclint:end -->\n");
        var limits = new Limits { MaxFileBytes = 7000 };
        var f = Assert.Single(Generated(repo, limits));
        Assert.Contains("larger than the file-size limit (7000 bytes)", f.Message);
        Assert.Null(f.Edit);
        var (fixes, _) = Linter.Fix(Open(repo, limits));
        Assert.Empty(fixes.Rewrites);
    }

    [Fact]
    public void Without_a_CI_file_the_regions_say_what_is_missing()
    {
        using var repo = new TempRepo((".doclint.yml", "ci: null\n"),
            ("docs/a.md", "# A\n\n<!-- doclint:generate routing -->\n<!-- doclint:end -->\n\n<!-- doclint:generate projects -->\n<!-- doclint:end -->\n\n<!-- doclint:generate inputs -->\n<!-- doclint:end -->\n"));
        Assert.Equal(3, Generated(repo).Count);
        Linter.Fix(Open(repo));
        var text = File.ReadAllText(Path.Combine(repo.Root, "docs/a.md"));
        Assert.Contains("No CI file is configured (`ci: null`): there is no Run pipeline form to route.", text);
        Assert.Contains("The catalogue (the `project` input's options) is empty.", text);
        Assert.Empty(Generated(repo));
    }

    [Fact]
    public void Cells_are_escaped()
    {
        Assert.Equal("`a\\|b`", RegionWriter.Code("a|b"));
        Assert.Equal("``a`b``", RegionWriter.Code("a`b"));
        Assert.Equal("`` `x` ``", RegionWriter.Code("`x`"));
        Assert.Equal("`one two`", RegionWriter.Code("one\ntwo"));
        Assert.Equal("a \\| \\`b\\` c", RegionWriter.Text("a | `b`\r\nc"));
    }
}
