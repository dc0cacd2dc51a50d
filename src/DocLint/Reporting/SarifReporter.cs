using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DocLint.Findings;
using DocLint.Rules;

namespace DocLint.Reporting;

/// <summary>
/// CONTRACT §6 sarif: a SARIF 2.1.0 log with one run. <c>tool.driver.rules</c> describes every rule DocLint has
/// (plus any other id a finding carries), with the rule doc's explanation as <c>fullDescription</c>/<c>help</c>;
/// results point at repository-relative URIs under the <c>SRCROOT</c> base id (left unresolved: no absolute path
/// is written) and carry DocLint's stable fingerprint as <c>partialFingerprints["doclint/v1"]</c>. With a
/// workspace, regions carry a snippet and a two-line context region. Columns count UTF-16 code units.
/// </summary>
public static class SarifReporter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
    public const string UriBaseId = "SRCROOT";
    public const string FingerprintKey = "doclint/v1";

    public static string Level(Severity s) => s switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };

    public static string Write(ReportContext ctx)
    {
        var sorted = ReportOrder.Sort(ctx.Findings);
        var fps = Fingerprints.Compute(sorted);
        var rules = RuleCatalog.For(sorted);
        var ruleIndex = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var files = ctx.Files().Where(p => p.Length > 0).ToList();
        var fileIndex = files.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i, StringComparer.Ordinal);
        var sources = new SourceLines(ctx.Workspace);

        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("$schema", SchemaUri);
            w.WriteString("version", "2.1.0");
            w.WriteStartArray("runs");
            w.WriteStartObject();

            w.WriteStartObject("tool");
            w.WriteStartObject("driver");
            w.WriteString("name", "DocLint");
            w.WriteString("version", DocLintInfo.Version);
            w.WriteString("semanticVersion", DocLintInfo.Version);
            // No informationUri or helpUri unless the user configured where the docs are (docsUrl / --docs-url): the
            // rule help travels inside the log (help.text / help.markdown), never as a link to an invented site.
            if (ctx.DocsUrl != null) w.WriteString("informationUri", ctx.DocsUrl);
            w.WriteStartArray("rules");
            foreach (var r in rules) WriteRule(w, r, ctx.DocsUrl);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();

            w.WriteStartArray("invocations");
            w.WriteStartObject();
            w.WriteBoolean("executionSuccessful", true);
            w.WriteEndObject();
            w.WriteEndArray();

            w.WriteStartObject("originalUriBaseIds");
            w.WriteStartObject(UriBaseId);
            Message(w, "description", "The repository root DocLint checked; result URIs are relative to it.");
            w.WriteEndObject();
            w.WriteEndObject();

            w.WriteStartArray("artifacts");
            foreach (var p in files)
            {
                w.WriteStartObject();
                w.WriteStartObject("location");
                w.WriteString("uri", Uri(p));
                w.WriteString("uriBaseId", UriBaseId);
                w.WriteEndObject();
                if (Language(p) is { } lang) w.WriteString("sourceLanguage", lang);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteString("columnKind", "utf16CodeUnits");

            w.WriteStartArray("results");
            for (var i = 0; i < sorted.Count; i++)
            {
                var f = sorted[i];
                var path = Fingerprints.NormalizePath(f.Span.Path);
                w.WriteStartObject();
                w.WriteString("ruleId", f.RuleId);
                w.WriteNumber("ruleIndex", ruleIndex[f.RuleId]);
                w.WriteString("level", Level(f.Severity));
                Message(w, "message", Sentence(f.Message));
                if (path.Length > 0)
                {
                    w.WriteStartArray("locations");
                    w.WriteStartObject();
                    w.WriteStartObject("physicalLocation");
                    WriteArtifactLocation(w, path, fileIndex[path]);
                    WriteRegions(w, f.Span, sources.Of(path));
                    w.WriteEndObject();
                    w.WriteEndObject();
                    w.WriteEndArray();
                }
                w.WriteStartObject("partialFingerprints");
                w.WriteString(FingerprintKey, fps[i]);
                w.WriteEndObject();
                if (f.Edit is { } edit && path.Length > 0) WriteFix(w, edit, f.Suggestion, path, fileIndex[path]);
                if (f.Suggestion != null)
                {
                    w.WriteStartObject("properties");
                    w.WriteString("suggestion", ReportText.Visible(f.Suggestion));
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }

    /// <summary>
    /// <c>fixes</c>: the edit <c>--fix</c> applies, as one artifactChange whose replacement deletes the edit's span
    /// (1-based, end exclusive, UTF-16 columns, the same numbers as the JSON <c>fix</c>) and inserts the replacement.
    /// Its description is the finding's advice when it has one (a regenerated table is not quoted whole in a sentence).
    /// </summary>
    private static void WriteFix(Utf8JsonWriter w, TextEdit edit, string? suggestion, string path, int index)
    {
        w.WriteStartArray("fixes");
        w.WriteStartObject();
        Message(w, "description", Sentence(suggestion ?? $"Replace {edit.Expected} with {edit.Replacement}"));
        w.WriteStartArray("artifactChanges");
        w.WriteStartObject();
        WriteArtifactLocation(w, path, index);
        w.WriteStartArray("replacements");
        w.WriteStartObject();
        w.WriteStartObject("deletedRegion");
        WriteBounds(w, edit.Range);
        w.WriteEndObject();
        w.WriteStartObject("insertedContent");
        w.WriteString("text", edit.Replacement);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
    }

    /// <summary>A region's four bounds (1-based lines and columns, the end column exclusive).</summary>
    private static void WriteBounds(Utf8JsonWriter w, SourceSpan span)
    {
        w.WriteNumber("startLine", span.Line);
        w.WriteNumber("startColumn", span.Column);
        w.WriteNumber("endLine", span.EndLine);
        w.WriteNumber("endColumn", span.EndColumn);
    }

    /// <summary>An <c>artifactLocation</c>: the relative URI under <see cref="UriBaseId"/> and the artifact's index.</summary>
    private static void WriteArtifactLocation(Utf8JsonWriter w, string path, int index)
    {
        w.WriteStartObject("artifactLocation");
        w.WriteString("uri", Uri(path));
        w.WriteString("uriBaseId", UriBaseId);
        w.WriteNumber("index", index);
        w.WriteEndObject();
    }

    private static void WriteRule(Utf8JsonWriter w, RuleDescriptor r, string? docsUrl)
    {
        var doc = RuleDocs.Find(r.Id);
        w.WriteStartObject();
        w.WriteString("id", r.Id);
        // A Pascal-case friendly name (SARIF2012) that is not the id itself (SARIF1001): composition → CompositionRule.
        var name = PascalCase(r.Id);
        w.WriteString("name", string.Equals(name, r.Id, StringComparison.OrdinalIgnoreCase) ? name + "Rule" : name);
        Message(w, "shortDescription", Sentence(r.Title));
        var full = doc != null ? RuleDoc.PlainText(doc.Explanation) : r.Enforces.Length > 0 ? $"{r.Title} ({r.Enforces})" : r.Title;
        Message(w, "fullDescription", Sentence(full));
        if (doc != null)
        {
            w.WriteStartObject("help");
            w.WriteString("text", RuleDoc.PlainText(doc.Markdown));
            w.WriteString("markdown", doc.Markdown);
            w.WriteEndObject();
        }
        if (DocLintInfo.RuleHelpUri(docsUrl, r.Id) is { } helpUri) w.WriteString("helpUri", helpUri);
        w.WriteStartObject("defaultConfiguration");
        w.WriteString("level", Level(r.DefaultSeverity));
        w.WriteEndObject();
        w.WriteStartObject("properties");
        w.WriteStartArray("tags");
        w.WriteStringValue(r.Scope.ToString().ToLowerInvariant());
        foreach (var fr in System.Text.RegularExpressions.Regex.Matches(r.Enforces, @"\b(?:N?FR)-\d+\b").Select(m => m.Value).Distinct())
            w.WriteStringValue(fr);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>region (with its snippet when the file is readable) and, with the file, a contextRegion of two lines
    /// either side.</summary>
    private static void WriteRegions(Utf8JsonWriter w, SourceSpan span, string[]? lines)
    {
        var s = lines != null ? SourceLines.Clamp(span, lines) : Plain(span);
        w.WriteStartObject("region");
        WriteBounds(w, s);
        if (lines != null && SourceLines.Text(s, lines) is { Length: > 0 } text) Message(w, "snippet", ReportText.Visible(text));
        w.WriteEndObject();
        if (lines == null) return;
        var c = s with { Line = Math.Max(1, s.Line - 2), Column = 1, EndLine = Math.Min(lines.Length, s.EndLine + 2) };
        c = c with { EndColumn = lines[c.EndLine - 1].Length + 1 };
        w.WriteStartObject("contextRegion");
        WriteBounds(w, c);
        Message(w, "snippet", ReportText.Visible(SourceLines.Text(c, lines)));
        w.WriteEndObject();
    }

    /// <summary>A span made valid without the file: lines and columns at least 1, the end not before the start.</summary>
    private static SourceSpan Plain(SourceSpan span)
    {
        var line = Math.Max(1, span.Line);
        var col = Math.Max(1, span.Column);
        var endLine = Math.Max(line, span.EndLine);
        var endCol = Math.Max(1, span.EndColumn);
        if (endLine == line && endCol < col) endCol = col;
        return span with { Line = line, Column = col, EndLine = endLine, EndColumn = endCol };
    }

    /// <summary>Writes <c>"name": { "text": … }</c> (SARIF's message and multiformatMessageString shape).</summary>
    private static void Message(Utf8JsonWriter w, string name, string text)
    {
        w.WriteStartObject(name);
        w.WriteString("text", text);
        w.WriteEndObject();
    }

    /// <summary>SARIF messages are sentences (SARIF2001): end with a period unless they end in punctuation.</summary>
    private static string Sentence(string s)
    {
        s = ReportText.Visible(s).TrimEnd();
        return s.Length == 0 || ".!?".Contains(s[^1]) ? s : s + ".";
    }

    /// <summary>A relative URI reference for a repository path: each segment percent-encoded (RFC 3986).</summary>
    public static string Uri(string path) => string.Join('/', path.Split('/').Select(System.Uri.EscapeDataString));

    private static string PascalCase(string id) =>
        string.Concat(System.Text.RegularExpressions.Regex.Split(id, "[^A-Za-z0-9]+").Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    private static string? Language(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".yml" or ".yaml" => "yaml",
        ".md" or ".markdown" => "markdown",
        ".json" => "json",
        _ => null,
    };
}
