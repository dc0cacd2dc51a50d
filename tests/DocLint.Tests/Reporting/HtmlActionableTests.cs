using System.Text.RegularExpressions;
using DocLint.Tests.Support;

namespace DocLint.Tests.Reporting;

/// <summary>
/// The html report is something a docs maintainer acts on: each rule's explanation complete, the exact edit
/// <c>--fix</c> would make shown before/after, every link working offline, and no jargon of DocLint's own
/// specification (contract sections, requirement numbers).
/// </summary>
public class HtmlActionableTests
{
    private const string Index = "docs/operations/runbooks/index.md";

    private static async Task<string> Report(DriftedBfDev repo, params string[] extra)
    {
        var index = Path.Combine(repo.Root, Index);
        File.WriteAllText(index, File.ReadAllText(index).Replace("action=bring-all-code-to-release-branch project=all", "action=cut-off project=all"));
        var html = repo.Out("report.html");
        var (code, output, err) = await DriftedBfDev.Check([repo.Root, "--report", "html=" + html, .. extra]);
        Assert.True(code == 1, output + err);
        return File.ReadAllText(html);
    }

    [Fact]
    public async Task The_report_shows_the_exact_edit_a_complete_explanation_offline_links_and_no_jargon()
    {
        using var repo = new DriftedBfDev();
        var html = await Report(repo);

        // The edit --fix applies, as the line reads before and after it.
        Assert.Contains("<tr class=\"del\"><td class=\"ln\">−</td><td class=\"code\">action=cut-off project=all confirm=true</td></tr>\n"
                        + "<tr class=\"ins\"><td class=\"ln\">+</td><td class=\"code\">action=bring-all-code-to-release-branch project=all confirm=true</td></tr>", html);
        Assert.Contains("doclint check --fix applies this edit", html);

        // Every explanation that announces a list goes on with the list.
        foreach (Match m in Regex.Matches(html, @"<div class=""why""><h4>Why</h4>(.*?)</div>", RegexOptions.Singleline))
            Assert.DoesNotMatch(@":</p>\s*<p class=""more"">", m.Groups[1].Value);
        Assert.Matches(@"It fires when:</p>\s*<ul>", html);

        // Links: only to anchors of this page, and each anchor exists.
        var ids = Regex.Matches(html, @"\bid=""([^""]+)""").Select(m => m.Groups[1].Value).ToHashSet();
        foreach (Match m in Regex.Matches(html, @"href=""([^""]*)"""))
        {
            Assert.StartsWith("#", m.Groups[1].Value);
            Assert.Contains(m.Groups[1].Value[1..], ids);
        }
        Assert.DoesNotContain("doclint.dev", html);
        Assert.DoesNotMatch(@"CONTRACT|§|\bN?FR-\d", html);
    }

    [Fact]
    public void A_configured_docs_url_is_the_only_outside_link()
    {
        using var repo = new DriftedBfDev();
        var project = DocLint.Load.Project.Open(new[] { repo.Root }, null);
        var result = DocLint.Linting.Linter.Run(project);
        var ctx = DocLint.Reporting.ReportContext.Of(result, project.Workspace) with { DocsUrl = "https://wiki.example.com/doclint/rules" };
        var html = DocLint.Reporting.HtmlReporter.Write(ctx);
        var outside = Regex.Matches(html, @"href=""([^""#][^""]*)""").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(outside);
        Assert.All(outside, u => Assert.StartsWith("https://wiki.example.com/doclint/rules", u));
        Assert.Contains("https://wiki.example.com/doclint/rules/confirm-gate.md", outside);
    }

    /// <summary>docs/screenshot.sh regenerates README's screenshot from a build (here: this test build's doclint).</summary>
    [Fact]
    public void The_screenshot_script_renders_the_current_report()
    {
        using var outDir = new TempRepo();
        var png = Path.Combine(outDir.Root, "shot.png");
        var run = Processes.Run("sh", new[] { Path.Combine(RepoPaths.Root, "docs", "screenshot.sh"), png }, outDir.Root,
            new Dictionary<string, string> { ["DOCLINT"] = NativeBinary.Path }, timeoutMs: 180_000);
        Assert.True(run.ExitCode == 0, run.ToString());
        var bytes = File.ReadAllBytes(png);
        Assert.Equal("PNG", System.Text.Encoding.ASCII.GetString(bytes, 1, 3));
        Assert.Equal((1280, 1600), (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20))));
        Assert.True(bytes.Length > 50_000, "the screenshot is nearly empty");
    }
}
