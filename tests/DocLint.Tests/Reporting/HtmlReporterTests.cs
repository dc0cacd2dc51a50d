using System.Buffers.Binary;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocLint.Evaluate;
using DocLint.Findings;
using DocLint.Load;
using DocLint.Reporting;
using DocLint.Rules;
using DocLint.Tests.Support;

namespace DocLint.Tests.Reporting;

public class HtmlReporterTests
{
    /// <summary>The html and json reports of one run on the drifted bf-dev copy.</summary>
    private static async Task<(string HtmlFile, string Html, List<JsonElement> Findings)> DriftedReport(DriftedBfDev drift)
    {
        var html = drift.Out("doclint.html");
        var json = drift.Out("doclint.json");
        var (code, _, err) = await DriftedBfDev.Check(drift.Root, "--report", $"html={html}", "--report", $"json={json}", "--quiet");
        Assert.Equal(1, code);
        Assert.Equal("", err);
        var findings = JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Superset(DriftedBfDev.ExpectedRules.ToHashSet(), findings.Select(f => f.GetProperty("ruleId").GetString()!).ToHashSet());
        return (html, File.ReadAllText(html), findings);
    }

    /// <summary>The text of every finding's message paragraph, tags stripped and entities decoded.</summary>
    private static List<string> RenderedMessages(string html) =>
        Regex.Matches(html, "<article class=\"finding[^>]*>\\s*<header>.*?</header>\\s*<p class=\"message\">(.*?)</p>", RegexOptions.Singleline)
            .Select(m => WebUtility.HtmlDecode(Regex.Replace(m.Groups[1].Value, "<[^>]+>", ""))).ToList();

    /// <summary>The message as the page shows it: `code` spans lose their backticks.</summary>
    private static string Shown(string message) => Regex.Replace(message, "`([^`]+)`", "$1");

    /// <summary>Fails when the page references anything it would have to fetch.</summary>
    private static void AssertSelfContained(string html)
    {
        Assert.DoesNotMatch("<(link|img|iframe|object|embed|source|video|audio)\\b", html);
        Assert.DoesNotMatch("<script[^>]*\\bsrc=", html);
        Assert.DoesNotContain("@import", html);
        Assert.DoesNotContain("url(", html);
        Assert.Contains("Content-Security-Policy\" content=\"default-src 'none';", html);
    }

    [Fact]
    public async Task Html_quotes_the_lines_explains_the_rule_suggests_a_fix_and_shows_the_routing()
    {
        using var drift = new DriftedBfDev();
        var (_, html, findings) = await DriftedReport(drift);
        AssertSelfContained(html);
        Assert.DoesNotContain(drift.Root, html);
        Assert.Contains("<title>DocLint report: bf-dev</title>", html);

        Assert.Equal(findings.Select(f => Shown(f.GetProperty("message").GetString()!)), RenderedMessages(html));
        Assert.Equal(findings.Count, Regex.Matches(html, "<article class=\"finding").Count);

        // Summary by rule and by file.
        foreach (var id in DriftedBfDev.ExpectedRules) Assert.Contains($"href=\"#rule-{id}\">{id}</a></td>", html);
        Assert.Contains("<a href=\"#file-1\"><code>.gitlab-ci.yml</code></a>", html);
        Assert.Contains("<code>bf-release/Cut-off.gitlab-ci.yml</code>", html);

        // The placeholder option, quoted with two lines either side and the offending text marked.
        var ci = File.ReadAllLines(Path.Combine(drift.Root, ".gitlab-ci.yml"));
        var line = Array.IndexOf(ci, "        - rollback") + 1;
        var vocab = Regex.Match(html, "<article[^>]*data-rule=\"action-vocabulary\".*?</article>", RegexOptions.Singleline).Value;
        Assert.Contains($"<tr class=\"hit\"><td class=\"ln\">{line}</td><td class=\"code\">        - <mark>rollback</mark></td></tr>", vocab);
        Assert.Contains($"<td class=\"ln\">{line - 2}</td>", vocab);
        Assert.Contains($"<td class=\"ln\">{line + 2}</td>", vocab);
        Assert.DoesNotContain($"<td class=\"ln\">{line + 3}</td>", vocab);
        // The rule's why (its doc's first paragraph) and the suggested fix (the doc's passing example).
        Assert.Contains("<h4>Why</h4><p>The <code>action</code> input's options are exactly", vocab);
        Assert.Contains("<h4>Suggested fix</h4>", vocab);
        Assert.Contains("<summary>What passes</summary><pre><code class=\"language-yaml\">", vocab);
        // confirm-gate's doc gives advice beside its passing example: it becomes the suggestion.
        var gate = Regex.Match(html, "<article[^>]*data-rule=\"confirm-gate\".*?</article>", RegexOptions.Singleline).Value;
        Assert.Contains("binds tighter", gate);

        // The rules section carries each fired rule's doc, examples included.
        var rules = html[html.IndexOf("<section id=\"rules\">", StringComparison.Ordinal)..];
        foreach (var id in DriftedBfDev.ExpectedRules)
        {
            Assert.Contains($"<section class=\"rule-doc\" id=\"rule-{id}\">", rules);
            Assert.Contains(WebUtility.HtmlEncode(RuleDocs.Find(id)!.Failing[0].Code.Split('\n')[0]), rules);
        }

        // The explain decision table: one row per scenario, the unconfirmed release standing out.
        var project = Project.Open(new[] { drift.Root }, null);
        var model = RoutingModel.Build(project.Workspace, project.Config);
        var routing = html[html.IndexOf("<section id=\"routing\">", StringComparison.Ordinal)..html.IndexOf("<section id=\"rules\">", StringComparison.Ordinal)];
        Assert.Equal(model.Outcomes.Count, Regex.Matches(routing, "<tr class=\"(starts|idle)").Count);
        Assert.Contains(WebUtility.HtmlEncode(ExplainWriter.SummaryLine(model)), routing);
        Assert.Matches("<tr class=\"starts unconfirmed\"[^>]*><td>ui</td><td>web</td><td><code class=\"chip\">deploy-release-branch-to-staging</code></td><td><code class=\"chip\">bf-manage-core</code></td><td><code class=\"chip no\">false</code></td><td></td><td>release:single → betterfleet/bf-manage-core@release", routing);
    }

    [Fact]
    public void Html_escapes_everything_it_quotes()
    {
        using var repo = new TempRepo(("docs/x.md", "# T\n\n<script>alert('line')</script> `action=x`\n\u0001tail\n"));
        var findings = new[]
        {
            new Finding("x-unknown", Severity.Warning, "<img src=x onerror=alert(1)> & \"q\"", new SourceSpan("docs/x.md", 3, 1, 3, 9), "k")
                { Suggestion = "use <b>bold</b>" },
        };
        var html = HtmlReporter.Write(new ReportContext(findings, new ReportSummary(1, 1)) { Workspace = repo.Workspace() });
        AssertSelfContained(html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<b>bold</b>", html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot;", html);
        Assert.Contains("<mark>&lt;script&gt;</mark>alert(&#39;line&#39;)&lt;/script&gt;", html);
        Assert.Contains("\u2401tail", html);
        Assert.Contains("use &lt;b&gt;bold&lt;/b&gt;", html);
        // An id without a rule doc still gets a why and a rules entry.
        Assert.Contains("<section class=\"rule-doc\" id=\"rule-x-unknown\">", html);
    }

    [Fact]
    public async Task Clean_run_html_says_there_is_nothing_to_fix_and_still_shows_the_routing()
    {
        var (code, html, _) = await DriftedBfDev.Check(RepoPaths.Fixture("bf-dev"), "--format", "html");
        Assert.Equal(0, code);
        AssertSelfContained(html);
        Assert.Contains("<p class=\"clean\" id=\"doclint-clean\"><strong>No findings.</strong>", html);
        Assert.DoesNotContain("<article", html);
        Assert.Contains("<section id=\"routing\">", html);
        Assert.DoesNotContain("<section id=\"rules\">", html);
    }

    // --- headless Chromium --------------------------------------------------------------------------------------------

    private static void AssertLoadedCleanly(ReportPeers.ChromiumRun run)
    {
        Assert.True(run.ExitCode == 0, $"chromium exited with {run.ExitCode}:\n{run.Stderr}");
        Assert.True(run.Console.Count == 0, "console messages:\n" + string.Join("\n", run.Console));
        Assert.Matches("<html[^>]*data-doclint-ready=\"true\"", run.Dom); // the inline script ran to the end
        Assert.DoesNotMatch("<html[^>]*data-doclint-js-errors", run.Dom);
        Assert.Matches("<div id=\"doclint-js-errors\" class=\"js-errors\" hidden=\"\">", run.Dom);
    }

    [Fact]
    public async Task Drifted_report_renders_every_finding_in_headless_chromium_without_console_errors()
    {
        using var drift = new DriftedBfDev();
        var (file, _, findings) = await DriftedReport(drift);
        var run = ReportPeers.Chromium(file);
        AssertLoadedCleanly(run);
        Assert.Equal(findings.Select(f => Shown(f.GetProperty("message").GetString()!)), RenderedMessages(run.Dom));
        // The script showed the severity filters (they are hidden without JavaScript).
        Assert.Contains("<p class=\"filters\">Show: ", run.Dom);
    }

    [Fact]
    public async Task Clean_report_renders_in_headless_chromium()
    {
        using var drift = new DriftedBfDev();
        var file = drift.Out("clean.html");
        var (code, html, _) = await DriftedBfDev.Check(RepoPaths.Fixture("bf-dev"), "--format", "html");
        Assert.Equal(0, code);
        File.WriteAllText(file, html);
        var run = ReportPeers.Chromium(file);
        AssertLoadedCleanly(run);
        Assert.Contains("id=\"doclint-clean\"", run.Dom);
    }

    [Fact]
    public async Task A_script_error_or_an_external_fetch_on_the_page_is_detected()
    {
        // Negative control for the two checks above: the same report with a throwing script and an external image.
        using var drift = new DriftedBfDev();
        var (file, html, _) = await DriftedReport(drift);
        File.WriteAllText(file, html.Replace("</main>",
            "<img src=\"https://example.invalid/pixel.png\" alt=\"\"><script>throw new Error(\"doclint-probe\");</script></main>"));
        var run = ReportPeers.Chromium(file);
        Assert.Contains(run.Console, l => l.Contains("doclint-probe"));
        Assert.Contains(run.Console, l => l.Contains("example.invalid"));
        Assert.Matches("<html[^>]*data-doclint-js-errors=\"[1-9]", run.Dom);
        Assert.Contains("doclint-probe", Regex.Match(run.Dom, "<div id=\"doclint-js-errors\".*?</div>", RegexOptions.Singleline).Value);
    }

    /// <summary>
    /// A 1280×1600 screenshot of the drifted report, the one README shows (docs/html-report.png). The test always
    /// takes one and checks it; with DOCLINT_UPDATE_GOLDEN=1 it also replaces docs/html-report.png.
    /// </summary>
    [Fact]
    public async Task Screenshot_of_the_drifted_report()
    {
        using var drift = new DriftedBfDev();
        var (file, _, _) = await DriftedReport(drift);
        var png = drift.Out("html-report.png");
        // Without the last two flags Chromium may capture before the bottom of the page is painted.
        var run = ReportPeers.Chromium(file, "--screenshot=" + png, "--window-size=1280,1600", "--hide-scrollbars",
            "--run-all-compositor-stages-before-draw", "--virtual-time-budget=3000");
        Assert.True(run.ExitCode == 0 && File.Exists(png), $"no screenshot (exit {run.ExitCode}):\n{run.Stderr}");
        Assert.True(run.Console.Count == 0, string.Join("\n", run.Console));
        AssertPng(png);
        Assert.True(new FileInfo(png).Length > 50_000, "the screenshot is nearly empty");

        var kept = Path.Combine(RepoPaths.Root, "docs", "html-report.png");
        if (Environment.GetEnvironmentVariable("DOCLINT_UPDATE_GOLDEN") == "1") File.Copy(png, kept, overwrite: true);
        Assert.True(File.Exists(kept), $"{kept} is missing (DOCLINT_UPDATE_GOLDEN=1 dotnet test --filter Screenshot_of_the_drifted_report)");
        AssertPng(kept);
    }

    private static void AssertPng(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal((1280u, 1600u), (BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(20))));
    }
}
