using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DocLint.Findings;
using DocLint.Load;
using DocLint.Reporting;

namespace DocLint.Linting;

/// <summary>
/// A baseline (<c>--write-baseline FILE</c>, <c>--baseline FILE</c>): the fingerprints of findings a repository
/// already had when it adopted DocLint. Findings whose fingerprint is listed are not reported; everything new is.
/// Fingerprints do not contain line numbers, so a baselined finding stays baselined when lines move above it.
/// The file is JSON, sorted, one entry per finding with its rule, path and message for the reviewer's benefit.
/// </summary>
public sealed class Baseline
{
    public const int Version = 1;

    private Baseline(IReadOnlySet<string> fingerprints) => Fingerprints = fingerprints;

    public IReadOnlySet<string> Fingerprints { get; }

    public bool Contains(Finding f) => f.Fingerprint != null && Fingerprints.Contains(f.Fingerprint);

    public static string Write(IReadOnlyList<Finding> findings)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("version", Version);
            w.WriteString("tool", "doclint");
            w.WriteStartArray("findings");
            foreach (var f in findings.OrderBy(f => f.Fingerprint, StringComparer.Ordinal))
            {
                w.WriteStartObject();
                w.WriteString("fingerprint", f.Fingerprint ?? throw new InvalidOperationException("finding without a fingerprint"));
                w.WriteString("ruleId", f.RuleId);
                w.WriteString("path", Reporting.Fingerprints.NormalizePath(f.Span.Path));
                w.WriteString("message", f.Message);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }

    /// <summary>Reads a baseline file; an unreadable or malformed one is a <see cref="UsageException"/> (exit 2).</summary>
    public static Baseline Read(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UsageException($"{path}: cannot read baseline: {IoReason.Of(e, path)}"); }
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 8 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("findings", out var list) || list.ValueKind != JsonValueKind.Array)
                throw new UsageException($"{path}:1:1: not a DocLint baseline (expected an object with a 'findings' array; write one with --write-baseline)");
            var set = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("fingerprint", out var fp) && fp.ValueKind == JsonValueKind.String)
                    set.Add(fp.GetString()!);
                else throw new UsageException($"{path}: every entry of 'findings' needs a string 'fingerprint'");
            }
            return new Baseline(set);
        }
        catch (JsonException e)
        {
            throw new UsageException($"{path}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: invalid baseline JSON: {FirstSentence(e.Message)}");
        }
    }

    private static string FirstSentence(string message)
    {
        var i = message.IndexOf(". ", StringComparison.Ordinal);
        return i > 0 ? message[..i] : message.TrimEnd('.');
    }
}
