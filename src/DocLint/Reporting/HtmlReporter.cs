using System.Net;
using System.Text;
using DocLint.Findings;
using DocLint.Rules;

namespace DocLint.Reporting;

/// <summary>
/// CONTRACT §6 html: one self-contained page for docs maintainers. A summary by rule and by file; the findings
/// grouped by file, each with its lines in context (two lines either side, the offending span marked), the rule's
/// why and the suggested fix; the rules that fired, with their explanation and examples (from the embedded rule
/// docs); and the <c>explain</c> decision table (every scenario → the orchestration triggers it creates). No
/// external asset: CSS and a small script are inline and a Content-Security-Policy forbids fetching anything, so
/// the page works from an artifact download or an air-gapped laptop. Without JavaScript everything is shown; the
/// script adds severity filters and, should anything fail on the page, lists the error in a visible box
/// (<c>#doclint-js-errors</c>, <c>data-doclint-js-errors</c> on the root element).
/// </summary>
public static class HtmlReporter
{
    /// <summary>Lines shown before the first and after the last offending line.</summary>
    public const int ContextLines = 2;
    /// <summary>At most this many offending lines are quoted per finding.</summary>
    public const int MaxQuotedLines = 12;

    public static string Write(ReportContext ctx)
    {
        var sorted = ReportOrder.Sort(ctx.Findings);
        var fps = Fingerprints.Compute(sorted);
        var rules = RuleCatalog.For(sorted).ToDictionary(r => r.Id, StringComparer.Ordinal);
        var sources = new SourceLines(ctx.Workspace);
        var files = sorted.Select(f => Fingerprints.NormalizePath(f.Span.Path)).Distinct(StringComparer.Ordinal).ToList();
        var fileAnchor = files.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => $"file-{x.i + 1}", StringComparer.Ordinal);
        int errors = ReportOrder.Count(sorted, Severity.Error), warnings = ReportOrder.Count(sorted, Severity.Warning), infos = ReportOrder.Count(sorted, Severity.Info);
        var checkedCount = ctx.Summary.FilesChecked;

        var links = new Links(sorted.Select(f => f.RuleId).ToHashSet(StringComparer.Ordinal), ctx.DocsUrl);
        var sb = new StringBuilder(64 * 1024);
        var title = ctx.RepositoryName is { Length: > 0 } repo ? $"DocLint report: {repo}" : "DocLint report";
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\" data-doclint-ready=\"false\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n")
          .Append("<meta name=\"generator\" content=\"DocLint ").Append(DocLintInfo.Version).Append("\">\n")
          .Append("<title>").Append(H(title)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n<script>\n").Append(Script).Append("</script>\n</head>\n<body>\n");

        sb.Append("<header class=\"top\"><div class=\"wrap\"><h1>").Append(H(title)).Append("</h1>\n<p class=\"meta\">DocLint ")
          .Append(DocLintInfo.Version).Append(" · ").Append(checkedCount).Append(" files checked in ").Append(ctx.Summary.ElapsedMs).Append(" ms");
        if (ctx.Model != null) sb.Append(" · ").Append(ctx.Model.Outcomes.Count).Append(" scenarios evaluated");
        sb.Append("</p>\n<p class=\"totals\">")
          .Append(Pill("error", errors, "error")).Append(Pill("warning", warnings, "warning")).Append(Pill("info", infos, "info"))
          .Append("<span class=\"pill files\">").Append(files.Count).Append(files.Count == 1 ? " file" : " files").Append(" with findings</span></p>\n")
          .Append("<nav><a href=\"#summary\">Summary</a><a href=\"#findings\">Findings</a>");
        if (ctx.Model != null) sb.Append("<a href=\"#routing\">Routing</a>");
        if (sorted.Count > 0) sb.Append("<a href=\"#rules\">Rules</a>");
        sb.Append("</nav></div></header>\n");
        sb.Append("<div id=\"doclint-js-errors\" class=\"js-errors\" hidden><strong>This page hit a script error:</strong><ul></ul></div>\n<main class=\"wrap\">\n");

        // Summary
        sb.Append("<section id=\"summary\"><h2>Summary</h2>\n");
        if (sorted.Count == 0)
        {
            sb.Append("<p class=\"clean\" id=\"doclint-clean\"><strong>No findings.</strong> The CI configuration, the project catalogue and the docs agree: ")
              .Append(checkedCount).Append(" files checked.</p>\n");
        }
        else
        {
            sb.Append("<div class=\"grid\">\n<table class=\"summary by-rule\"><caption>By rule</caption><thead><tr><th>Rule</th><th>What it checks</th><th class=\"num\">Findings</th></tr></thead><tbody>\n");
            foreach (var g in sorted.GroupBy(f => f.RuleId).OrderByDescending(g => g.Max(f => f.Severity)).ThenByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
            {
                var worst = g.Max(f => f.Severity);
                sb.Append("<tr><td><a class=\"rule sev-").Append(Sev(worst)).Append("\" href=\"#").Append(RuleAnchor(g.Key)).Append("\">").Append(H(g.Key)).Append("</a></td><td>")
                  .Append(H(rules[g.Key].Title)).Append("</td><td class=\"num\">").Append(g.Count()).Append("</td></tr>\n");
            }
            sb.Append("</tbody></table>\n<table class=\"summary by-file\"><caption>By file</caption><thead><tr><th>File</th><th class=\"num\">Errors</th><th class=\"num\">Warnings</th><th class=\"num\">Infos</th></tr></thead><tbody>\n");
            foreach (var p in files)
            {
                var inFile = sorted.Where(f => Fingerprints.NormalizePath(f.Span.Path) == p).ToList();
                sb.Append("<tr><td><a href=\"#").Append(fileAnchor[p]).Append("\"><code>").Append(H(Display(p))).Append("</code></a></td>")
                  .Append(CountCell(inFile, Severity.Error)).Append(CountCell(inFile, Severity.Warning)).Append(CountCell(inFile, Severity.Info)).Append("</tr>\n");
            }
            sb.Append("</tbody></table>\n</div>\n");
        }
        sb.Append("</section>\n");

        // Findings
        sb.Append("<section id=\"findings\"><h2>Findings</h2>\n");
        if (sorted.Count == 0) sb.Append("<p class=\"none\">Nothing to fix.</p>\n");
        else
        {
            sb.Append("<p class=\"filters\" hidden>Show: ")
              .Append(Filter("error", errors)).Append(Filter("warning", warnings)).Append(Filter("info", infos)).Append("</p>\n");
            var n = 0;
            foreach (var p in files)
            {
                var inFile = Enumerable.Range(0, sorted.Count).Where(i => Fingerprints.NormalizePath(sorted[i].Span.Path) == p).ToList();
                sb.Append("<section class=\"file\" id=\"").Append(fileAnchor[p]).Append("\"><h3><code>").Append(H(Display(p))).Append("</code> <span class=\"count\">")
                  .Append(inFile.Count).Append(inFile.Count == 1 ? " finding" : " findings").Append("</span></h3>\n");
                foreach (var i in inFile) WriteFinding(sb, sorted[i], fps[i], ++n, rules[sorted[i].RuleId], sources, links);
                sb.Append("</section>\n");
            }
        }
        sb.Append("</section>\n");

        if (ctx.Model != null) WriteRouting(sb, ctx.Model);
        if (sorted.Count > 0) WriteRules(sb, sorted.Select(f => f.RuleId).Distinct().Select(id => rules[id]), links);

        sb.Append("</main>\n<footer class=\"wrap\">Generated by DocLint ").Append(DocLintInfo.Version)
          .Append(". Paths are relative to the repository root.");
        if (ctx.DocsUrl is { Length: > 0 } docsUrl) sb.Append(" Rule reference: <a href=\"").Append(H(docsUrl)).Append("\">").Append(H(docsUrl)).Append("</a>");
        sb.Append("</footer>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static void WriteFinding(StringBuilder sb, Finding f, string fingerprint, int n, RuleDescriptor rule, SourceLines sources, Links links)
    {
        var path = Fingerprints.NormalizePath(f.Span.Path);
        var sev = Sev(f.Severity);
        var doc = RuleDocs.Find(f.RuleId);
        sb.Append("<article class=\"finding sev-").Append(sev).Append("\" id=\"finding-").Append(n).Append("\" data-severity=\"").Append(sev)
          .Append("\" data-rule=\"").Append(H(f.RuleId)).Append("\" data-fingerprint=\"").Append(fingerprint).Append("\">\n")
          .Append("<header><span class=\"sev\">").Append(sev).Append("</span> <a class=\"rule\" href=\"#").Append(RuleAnchor(f.RuleId)).Append("\">")
          .Append(H(f.RuleId)).Append("</a> <span class=\"loc\">").Append(H(Display(path))).Append(':').Append(f.Span.Line).Append(':').Append(f.Span.Column)
          .Append("</span> <a class=\"self\" href=\"#finding-").Append(n).Append("\" title=\"Link to this finding\">#").Append(n).Append("</a></header>\n")
          .Append("<p class=\"message\">").Append(WithCode(f.Message)).Append("</p>\n");

        var lines = sources.Of(path);
        if (lines != null) WriteExcerpt(sb, SourceLines.Clamp(f.Span, lines), lines);
        else if (path.Length > 0) sb.Append("<p class=\"no-source\">(the file's text is not available to quote)</p>\n");

        sb.Append("<div class=\"explain\">\n<div class=\"why\"><h4>Why</h4>");
        if (doc != null) sb.Append(links.Md(Summary(doc.Why)));
        else sb.Append("<p>").Append(H(rule.Title)).Append(".</p>");
        sb.Append("<p class=\"more\"><a href=\"#").Append(RuleAnchor(f.RuleId)).Append("\">The rule ").Append(H(f.RuleId)).Append(" in full</a></p></div>\n");

        sb.Append("<div class=\"fix\"><h4>Suggested fix</h4>");
        if (f.Edit is { } edit && EditLines(edit, lines) is var (before, after))
        {
            // The exact edit `doclint check --fix` applies, as the line reads before and after it.
            sb.Append("<table class=\"src edit\"><tbody>\n");
            for (var i = 0; i < before.Length; i++)
                sb.Append("<tr class=\"del\"><td class=\"ln\">").Append(i == 0 ? "−" : "").Append("</td><td class=\"code\">").Append(H(before[i])).Append("</td></tr>\n");
            for (var i = 0; i < after.Length; i++)
                sb.Append("<tr class=\"ins\"><td class=\"ln\">").Append(i == 0 ? "+" : "").Append("</td><td class=\"code\">").Append(H(after[i])).Append("</td></tr>\n");
            sb.Append("</tbody></table><p><span class=\"autofix\">doclint check --fix applies this edit</span></p>");
            if (f.Suggestion != null) sb.Append("<p>").Append(H(f.Suggestion)).Append("</p>");
        }
        else if (f.Suggestion != null) sb.Append("<p>").Append(H(f.Suggestion)).Append("</p>");
        else if (doc?.Advice != null) sb.Append(links.Md(doc.Advice));
        else sb.Append("<p>The message says what it should be.</p>");
        if (f.Edit == null && f.Suggestion == null && doc?.Passing.FirstOrDefault() is { } pass)
            sb.Append("<details><summary>What passes</summary>").Append(Code(pass)).Append("</details>");
        sb.Append("</div>\n</div>\n</article>\n");
    }

    /// <summary>The offending lines (at most <see cref="MaxQuotedLines"/>) with <see cref="ContextLines"/> either side;
    /// the span's characters are marked.</summary>
    private static void WriteExcerpt(StringBuilder sb, SourceSpan s, string[] lines)
    {
        var lastHit = Math.Min(s.EndLine, s.Line + MaxQuotedLines - 1);
        var from = Math.Max(1, s.Line - ContextLines);
        var to = Math.Min(lines.Length, lastHit + ContextLines);
        sb.Append("<table class=\"src\"><tbody>\n");
        for (var l = from; l <= to; l++)
        {
            var text = lines[l - 1];
            var hit = l >= s.Line && l <= lastHit;
            sb.Append(hit ? "<tr class=\"hit\">" : "<tr>").Append("<td class=\"ln\">").Append(l).Append("</td><td class=\"code\">");
            if (hit)
            {
                var a = l == s.Line ? s.Column - 1 : text.Length - text.TrimStart().Length; // continuation lines: from their text
                var b = l == s.EndLine ? s.EndColumn - 1 : text.Length;
                if (b > a) sb.Append(H(text[..a])).Append("<mark>").Append(H(text[a..b])).Append("</mark>").Append(H(text[b..]));
                else sb.Append(H(text));
            }
            else sb.Append(H(text));
            sb.Append("</td></tr>\n");
        }
        if (lastHit < s.EndLine)
            sb.Append("<tr class=\"elided\"><td class=\"ln\">…</td><td class=\"code\">").Append(s.EndLine - lastHit).Append(" more lines</td></tr>\n");
        sb.Append("</tbody></table>\n");
    }

    private static void WriteRouting(StringBuilder sb, Evaluate.RoutingModel model)
    {
        var names = new[] { model.Config.Inputs.Action, model.Config.Inputs.Project, model.Config.Inputs.Confirm };
        sb.Append("<section id=\"routing\"><h2>Routing: what each operator choice starts</h2>\n<p class=\"lede\">")
          .Append(H(ExplainWriter.SummaryLine(model)))
          .Append(". The same as <code>doclint explain</code>: every scenario DocLint evaluates and the orchestration triggers GitLab would create for it.</p>\n")
          .Append("<table class=\"routing\"><thead><tr><th>Kind</th><th>Source</th>");
        foreach (var n in names) sb.Append("<th>").Append(H(n)).Append("</th>");
        sb.Append("<th>Variables</th><th>Triggers</th></tr></thead><tbody>\n");
        foreach (var r in ExplainWriter.Rows(model))
        {
            var inputs = ExplainWriter.EffectiveInputs(model, r.Outcome.Scenario).ToDictionary(i => i.Name, i => i.Value.Text, StringComparer.Ordinal);
            var starts = r.Outcome.Triggers.Count > 0;
            // Operator scenarios (not legacy automation) that start orchestration without confirm=true stand out.
            var unconfirmed = starts && r.Outcome.Scenario.Kind != Evaluate.ScenarioKind.Legacy && inputs.GetValueOrDefault(model.Config.Inputs.Confirm) != "true";
            sb.Append(!starts ? "<tr class=\"idle\">" : unconfirmed ? "<tr class=\"starts unconfirmed\" title=\"starts orchestration without confirm=true\">" : "<tr class=\"starts\">")
              .Append("<td>").Append(H(r.Kind)).Append("</td><td>").Append(H(r.Source)).Append("</td>");
            foreach (var n in names)
            {
                var v = inputs.GetValueOrDefault(n);
                var cls = n == model.Config.Inputs.Confirm ? v == "true" ? " yes" : " no" : "";
                sb.Append("<td>").Append(v == null ? "" : $"<code class=\"chip{cls}\">{H(v)}</code>").Append("</td>");
            }
            sb.Append("<td>");
            foreach (var (k, v) in r.Outcome.Scenario.Variables) sb.Append("<code class=\"chip\">").Append(H($"{k}={v}")).Append("</code> ");
            sb.Append("</td><td>").Append(H(r.Triggers)).Append("</td></tr>\n");
        }
        sb.Append("</tbody></table>\n</section>\n");
    }

    private static void WriteRules(StringBuilder sb, IEnumerable<RuleDescriptor> rules, Links links)
    {
        sb.Append("<section id=\"rules\"><h2>Rules in this report</h2>\n");
        foreach (var r in rules)
        {
            var doc = RuleDocs.Find(r.Id);
            sb.Append("<section class=\"rule-doc\" id=\"").Append(RuleAnchor(r.Id)).Append("\"><h3><code>").Append(H(r.Id)).Append("</code> ")
              .Append(H(r.Title)).Append("</h3>\n");
            if (doc == null)
            {
                sb.Append("<p>Default severity ").Append(Sev(r.DefaultSeverity)).Append(".</p>\n");
            }
            else
            {
                if (doc.Header != null) sb.Append("<div class=\"rule-header\">").Append(links.Md(doc.Header)).Append("</div>\n");
                sb.Append(links.Md(doc.Explanation)).Append('\n');
                if (doc.Why != doc.Explanation) sb.Append("<h4>Why</h4>").Append(links.Md(doc.Why)).Append('\n');
                foreach (var ex in doc.Failing)
                {
                    sb.Append("<div class=\"example fails\"><h4>Fails</h4>").Append(Code(ex));
                    foreach (var m in ex.Messages) sb.Append("<p class=\"message\">").Append(H(m)).Append("</p>");
                    sb.Append("</div>\n");
                }
                foreach (var ex in doc.Passing) sb.Append("<div class=\"example passes\"><h4>Passes</h4>").Append(Code(ex)).Append("</div>\n");
                if (doc.Advice != null) sb.Append(links.Md(doc.Advice)).Append('\n');
            }
            if (links.External(r.Id) is { } url) sb.Append("<p class=\"more\"><a href=\"").Append(H(url)).Append("\">").Append(H(url)).Append("</a></p>");
            sb.Append("</section>\n");
        }
        sb.Append("</section>\n");
    }

    /// <summary>HTML-escaped text (characters HTML calls parse errors made visible first).</summary>
    public static string H(string s) => WebUtility.HtmlEncode(ReportText.Visible(s));

    /// <summary>Escaped text whose <c>`backticked`</c> parts (messages quote names that way) become code.</summary>
    private static string WithCode(string s) =>
        System.Text.RegularExpressions.Regex.Replace(H(s), "`([^`]+)`", "<code>$1</code>");

    /// <summary>
    /// A rule's explanation for a finding: its first paragraph, and when that paragraph ends by announcing a list
    /// ("It fires when:"), the list too, so the explanation never stops mid-sentence.
    /// </summary>
    internal static string Summary(string markdown)
    {
        var doc = Markdig.Markdown.Parse(markdown, RuleDocs.Pipeline);
        if (doc.Count == 0) return "";
        var end = doc[0].Span.End;
        for (var i = 0; i + 1 < doc.Count && markdown[..(end + 1)].TrimEnd().EndsWith(':'); i++) end = doc[i + 1].Span.End;
        return markdown[doc[0].Span.Start..(end + 1)].Trim();
    }

    /// <summary>An edit's lines as they read before and after it (the edit's lines only), or null without the text.</summary>
    private static (string[] Before, string[] After)? EditLines(TextEdit edit, string[]? lines)
    {
        if (lines == null || edit.Range.Line < 1 || edit.Range.EndLine > lines.Length) return null;
        var before = lines[(edit.Range.Line - 1)..edit.Range.EndLine];
        var joined = string.Join("\n", before);
        var start = edit.Range.Column - 1;
        var lastLineStart = joined.Length - before[^1].Length;
        var end = lastLineStart + edit.Range.EndColumn - 1;
        if (start < 0 || end > joined.Length || end < start) return null;
        var after = (joined[..start] + edit.Replacement + joined[end..]).Split('\n');
        return (before, after);
    }

    /// <summary>
    /// Links in rule docs that work offline: a link to another rule's page (<c>docs-action-name.md</c>) goes to its
    /// section in this page when the report has it, to the configured docs URL otherwise, else it is plain text; no
    /// link points at a site DocLint does not have. References for DocLint's maintainers (the contract's sections,
    /// requirement numbers) are left out of the text a docs maintainer reads.
    /// </summary>
    private sealed class Links(IReadOnlySet<string> inReport, string? docsUrl)
    {
        private static readonly System.Text.RegularExpressions.Regex RuleLink =
            new(@"<a href=""(?:\./)?(?:rules/)?([a-z][a-z0-9-]*)\.md(?:#[^""]*)?"">(.*?)</a>", System.Text.RegularExpressions.RegexOptions.Singleline);
        private static readonly System.Text.RegularExpressions.Regex OtherRelative =
            new(@"<a href=""(?![a-z]+:|#)[^""]*"">(.*?)</a>", System.Text.RegularExpressions.RegexOptions.Singleline);
        private static readonly System.Text.RegularExpressions.Regex Jargon = new(
            @"\s*\((?:CONTRACT\s*)?§[^)]*\)|\s*\(CONTRACT[^)]*\)|\s*\((?:N?FR-\d+(?:,\s*)?)+\)|\s*·\s*\*\*Enforces:\*\*[^·\n]*",
            System.Text.RegularExpressions.RegexOptions.None);

        public string? External(string id) => docsUrl is { Length: > 0 } u ? u.TrimEnd('/') + "/" + id + ".md" : null;

        public string Md(string markdown)
        {
            var html = Markdig.Markdown.ToHtml(Jargon.Replace(ReportText.Visible(markdown), ""), RuleDocs.Pipeline);
            html = RuleLink.Replace(html, m => inReport.Contains(m.Groups[1].Value)
                ? $"<a href=\"#{RuleAnchor(m.Groups[1].Value)}\">{m.Groups[2].Value}</a>"
                : External(m.Groups[1].Value) is { } url ? $"<a href=\"{H(url)}\">{m.Groups[2].Value}</a>" : m.Groups[2].Value);
            return OtherRelative.Replace(html, m => m.Groups[1].Value);
        }
    }

    private static string Code(RuleDocExample ex) =>
        $"<pre><code{(ex.Language.Length > 0 ? $" class=\"language-{H(ex.Language)}\"" : "")}>{H(ex.Code)}</code></pre>";

    private static string Sev(Severity s) => ReportOrder.Name(s);

    private static string Display(string path) => path.Length == 0 ? "(repository)" : path;

    private static string RuleAnchor(string id) =>
        "rule-" + string.Concat(id.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '_'));

    private static string Pill(string sev, int count, string word) =>
        $"<span class=\"pill sev-{sev}\">{count} {word}{(count == 1 ? "" : "s")}</span>";

    private static string Filter(string sev, int count) =>
        $"<button type=\"button\" class=\"filter sev-{sev}\" data-filter=\"{sev}\" aria-pressed=\"true\"{(count == 0 ? " disabled" : "")}>{sev} ({count})</button>";

    private static string CountCell(IReadOnlyList<Finding> findings, Severity s)
    {
        var c = ReportOrder.Count(findings, s);
        return c == 0 ? "<td class=\"num zero\">0</td>" : $"<td class=\"num sev-{Sev(s)}\">{c}</td>";
    }

    private const string Css = """
        :root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #ffffff; --panel: #f6f8fa;
          --error: #cf222e; --error-bg: #ffebe9; --warning: #9a6700; --warning-bg: #fff8c5; --info: #0969da; --info-bg: #ddf4ff;
          --ok: #1a7f37; --ok-bg: #dafbe1; --mark: #ffd33d66; }
        * { box-sizing: border-box; }
        html { color: var(--fg); background: var(--bg); font: 14px/1.5 "DejaVu Sans", "Liberation Sans", system-ui, sans-serif; }
        body { margin: 0; }
        code, pre, .loc, .src { font-family: "DejaVu Sans Mono", "Liberation Mono", ui-monospace, monospace; font-size: 12.5px; }
        a { color: var(--info); text-decoration: none; } a:hover { text-decoration: underline; }
        .wrap { max-width: 1200px; margin: 0 auto; padding: 0 24px; }
        header.top { background: #24292f; color: #fff; padding: 18px 0 0; }
        header.top h1 { margin: 0; font-size: 22px; font-weight: 600; }
        header.top .meta { margin: 2px 0 10px; color: #d1d9e0; }
        header.top nav { display: flex; gap: 18px; padding: 8px 0 10px; }
        header.top nav a { color: #fff; opacity: .85; }
        .totals { margin: 0; display: flex; gap: 8px; flex-wrap: wrap; }
        .pill { display: inline-block; border-radius: 999px; padding: 2px 10px; font-weight: 600; font-size: 13px; background: #ffffff22; }
        .pill.sev-error { background: var(--error); } .pill.sev-warning { background: #bf8700; } .pill.sev-info { background: var(--info); }
        h2 { font-size: 18px; border-bottom: 1px solid var(--line); padding-bottom: 6px; margin: 28px 0 12px; }
        h3 { font-size: 15px; margin: 20px 0 8px; } h4 { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 0 0 4px; }
        .clean { background: var(--ok-bg); border: 1px solid #4ac26b; color: #116329; border-radius: 6px; padding: 14px 16px; font-size: 15px; }
        .grid { display: grid; grid-template-columns: 1fr 1fr; gap: 20px; align-items: start; }
        table { border-collapse: collapse; width: 100%; }
        caption { text-align: left; font-weight: 600; padding-bottom: 4px; }
        .summary th, .summary td, .routing th, .routing td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
        th { background: var(--panel); font-weight: 600; }
        .num { text-align: right !important; width: 1%; white-space: nowrap; } .zero { color: #b0b7be; }
        td.sev-error { color: var(--error); font-weight: 600; } td.sev-warning { color: var(--warning); font-weight: 600; } td.sev-info { color: var(--info); font-weight: 600; }
        a.rule { font-family: "DejaVu Sans Mono", monospace; font-size: 12.5px; white-space: nowrap; }
        a.rule.sev-error { color: var(--error); } a.rule.sev-warning { color: var(--warning); }
        .filters button { font: inherit; margin-right: 6px; border: 1px solid var(--line); background: var(--panel); border-radius: 6px; padding: 2px 10px; cursor: pointer; }
        .filters button[aria-pressed="false"] { opacity: .45; text-decoration: line-through; }
        body.hide-error .finding[data-severity="error"], body.hide-warning .finding[data-severity="warning"], body.hide-info .finding[data-severity="info"] { display: none; }
        section.file > h3 .count { color: var(--muted); font-weight: 400; font-size: 13px; }
        .finding { border: 1px solid var(--line); border-left: 4px solid var(--info); border-radius: 6px; margin: 10px 0 16px; background: #fff; overflow: hidden; }
        .finding.sev-error { border-left-color: var(--error); } .finding.sev-warning { border-left-color: #d4a72c; }
        .finding > header { display: flex; gap: 10px; align-items: baseline; padding: 8px 12px 0; }
        .finding .sev { text-transform: uppercase; font-size: 11px; font-weight: 700; letter-spacing: .05em; border-radius: 4px; padding: 1px 6px; }
        .sev-error .sev { background: var(--error-bg); color: var(--error); } .sev-warning .sev { background: var(--warning-bg); color: var(--warning); } .sev-info .sev { background: var(--info-bg); color: var(--info); }
        .finding .loc { color: var(--muted); } .finding .self { margin-left: auto; color: var(--muted); }
        .finding .message { margin: 4px 12px 10px; font-size: 14.5px; font-weight: 500; }
        .src { margin: 0; border-top: 1px solid var(--line); border-bottom: 1px solid var(--line); background: var(--panel); }
        .src td { padding: 0 10px; vertical-align: top; }
        .src .ln { width: 1%; text-align: right; color: #8c959f; user-select: none; border-right: 1px solid var(--line); white-space: nowrap; }
        .src .code { white-space: pre-wrap; word-break: break-all; tab-size: 4; }
        .src tr.hit { background: #fff1e5; } .src tr.hit .ln { color: var(--fg); font-weight: 700; }
        .sev-error .src tr.hit { background: var(--error-bg); } .sev-warning .src tr.hit { background: var(--warning-bg); }
        .src mark { background: var(--mark); border-bottom: 2px solid var(--error); color: inherit; }
        .src tr.elided .code { color: var(--muted); font-style: italic; }
        .no-source { margin: 0 12px 10px; color: var(--muted); }
        .explain { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; padding: 10px 12px 12px; }
        .explain p { margin: 0 0 6px; } .explain .more { font-size: 13px; }
        .fix { border-left: 3px solid #4ac26b; padding-left: 10px; } .why { border-left: 3px solid var(--line); padding-left: 10px; }
        .src.edit tr.del { background: var(--error-bg); } .src.edit tr.ins { background: var(--ok-bg); } .src.edit { margin-bottom: 4px; }
        .autofix { display: inline-block; margin-left: 6px; font-size: 12px; color: var(--ok); background: var(--ok-bg); border-radius: 4px; padding: 0 6px; }
        details summary { cursor: pointer; color: var(--info); font-size: 13px; }
        pre { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; overflow-x: auto; white-space: pre-wrap; word-break: break-word; }
        p code, li code, td code { background: #eff1f3; border-radius: 4px; padding: 0 4px; }
        .routing td { font-size: 13px; padding: 3px 8px; } .routing tr.idle td { color: var(--muted); } .routing td:last-child { width: 40%; }
        .routing tr.starts td:last-child { color: var(--fg); font-weight: 500; }
        .routing tr.unconfirmed td { background: var(--error-bg); } .routing tr.unconfirmed code.chip.no { background: var(--error); color: #fff; }
        code.chip { display: inline-block; margin: 1px 0; white-space: nowrap; } code.chip.yes { background: var(--ok-bg); color: #116329; } code.chip.no { background: #eff1f3; color: var(--muted); }
        .rule-doc { border: 1px solid var(--line); border-radius: 6px; padding: 4px 16px 10px; margin: 12px 0; }
        .rule-header { color: var(--muted); }
        .example.fails h4 { color: var(--error); } .example.passes h4 { color: var(--ok); }
        .example .message { font-family: "DejaVu Sans Mono", monospace; font-size: 12.5px; color: var(--error); }
        .js-errors { background: var(--error-bg); color: var(--error); border: 1px solid var(--error); padding: 10px 24px; }
        footer { color: var(--muted); font-size: 12px; padding: 24px; border-top: 1px solid var(--line); margin-top: 32px; }
        @media (max-width: 900px) { .grid, .explain { grid-template-columns: 1fr; } }
        @media print { header.top nav, .filters { display: none; } .finding { break-inside: avoid; } }

        """;

    private const string Script = """
        (function () {
          "use strict";
          var errors = [];
          function show(text) {
            var box = document.getElementById("doclint-js-errors");
            if (!box) return false;
            var li = document.createElement("li");
            li.textContent = text;
            box.querySelector("ul").appendChild(li);
            box.hidden = false;
            return true;
          }
          function report(text) {
            errors.push(String(text));
            document.documentElement.setAttribute("data-doclint-js-errors", String(errors.length));
            show(text);
          }
          window.addEventListener("error", function (e) {
            var where = e.filename ? " (" + e.filename + ":" + e.lineno + ")" : (e.target && e.target.tagName ? " (" + e.target.tagName + ")" : "");
            report("error: " + (e.message || "a resource failed to load") + where);
          }, true);
          window.addEventListener("unhandledrejection", function (e) { report("unhandled rejection: " + e.reason); });
          document.addEventListener("securitypolicyviolation", function (e) { report("blocked by the page's policy: " + e.violatedDirective + " " + e.blockedURI); });
          document.addEventListener("DOMContentLoaded", function () {
            var box = document.getElementById("doclint-js-errors");
            if (box && box.querySelector("ul").children.length === 0) errors.forEach(show);
            var filters = document.querySelector(".filters");
            if (filters) {
              filters.hidden = false;
              Array.prototype.forEach.call(filters.querySelectorAll("button[data-filter]"), function (b) {
                b.addEventListener("click", function () {
                  var on = b.getAttribute("aria-pressed") !== "true";
                  b.setAttribute("aria-pressed", on ? "true" : "false");
                  document.body.classList.toggle("hide-" + b.getAttribute("data-filter"), !on);
                });
              });
            }
            document.documentElement.setAttribute("data-doclint-ready", "true");
          });
        })();

        """;
}
