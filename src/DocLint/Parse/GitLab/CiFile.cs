using DocLint.Findings;
using DocLint.Load;
using DocLint.Parse.Yaml;

namespace DocLint.Parse.GitLab;

/// <summary>
/// One CI file split the way GitLab reads it: an optional <c>spec:</c> header document, then the configuration
/// document after <c>---</c>. Loaded once and shared by every scenario.
/// </summary>
public sealed class CiFile
{
    public const string ParseRule = "ci-parse";

    private CiFile(string path, YMapping? spec, YNode? content, IReadOnlyList<Finding> findings, string? text)
    {
        Path = path;
        Spec = spec;
        Content = content;
        Findings = findings;
        Text = text;
    }

    public string Path { get; }
    /// <summary>The value of the header's <c>spec:</c> key, when there is one.</summary>
    public YMapping? Spec { get; }
    /// <summary>The configuration document (null when the file could not be read or parsed).</summary>
    public YNode? Content { get; }
    public IReadOnlyList<Finding> Findings { get; }
    public string? Text { get; }
    public bool Loaded => Content != null;

    public YMapping? Inputs => Spec?["inputs"] as YMapping;

    public static CiFile Load(Workspace workspace, string relativePath, SourceSpan? requestedAt = null)
    {
        var findings = new List<Finding>();
        var source = workspace.Read(relativePath, out var failure);
        if (source == null)
        {
            var path = Workspace.NormalizeRelative(relativePath) ?? relativePath;
            var at = requestedAt ?? SourceSpan.At(path, failure!.Line, failure.Column);
            findings.Add(new Finding(ParseRule, Severity.Error, failure!.Message, at, $"read:{relativePath}"));
            return new CiFile(relativePath, null, null, findings, null);
        }
        if (string.IsNullOrWhiteSpace(source.Text))
        {
            // GitLab's YamlProcessor: "Please provide content of .gitlab-ci.yml" for the root, "Local file ... is empty" for an include.
            var at = requestedAt ?? SourceSpan.FileStart(source.Path);
            findings.Add(new Finding(ParseRule, Severity.Error,
                $"'{source.Path}' is empty; GitLab refuses an empty CI configuration", at, $"read:{relativePath}"));
            return new CiFile(relativePath, null, null, findings, source.Text);
        }
        return Parse(source.Path, source.Text, workspace.Limits, findings);
    }

    public static CiFile Parse(string path, string text, Limits limits, List<Finding>? findings = null)
    {
        findings ??= new List<Finding>();
        var result = YamlLoader.Load(path, text, limits);
        if (!result.Ok)
        {
            var line = Math.Max(1, result.ErrorMark.Line);
            var col = Math.Max(1, result.ErrorMark.Column);
            findings.Add(new Finding(ParseRule, Severity.Error, $"invalid YAML: {result.Error}",
                new SourceSpan(path, line, col, line, col), "yaml"));
            return new CiFile(path, null, null, findings, text);
        }
        var docs = result.Documents;
        YMapping? spec = null;
        YNode content;
        if (docs.Count == 0) content = YMapping.Empty(path);
        else if (docs[0] is YMapping first && first.ContainsKey("spec") && (docs.Count >= 2 || first.Count == 1))
        {
            spec = ReadSpec(first, findings);
            content = docs.Count >= 2 ? docs[1] : YMapping.Empty(path);
            if (docs.Count > 2)
                findings.Add(new Finding(ParseRule, Severity.Error,
                    $"a CI file holds at most two YAML documents (the spec: header and the configuration); found {docs.Count}",
                    docs[2].Span, "documents"));
        }
        else
        {
            content = docs[0];
            if (docs.Count > 1)
                findings.Add(new Finding(ParseRule, Severity.Error,
                    "a second YAML document is only allowed after a spec: header; GitLab reads one configuration document",
                    docs[1].Span, "documents"));
            if (content is YMapping m && m.KeyNode("spec") is { } specKey)
                findings.Add(new Finding(ParseRule, Severity.Error,
                    "spec: must be a header document of its own, followed by '---' before the jobs",
                    specKey.Span, "spec-header"));
        }
        if (content is YScalar s && s.IsNull) content = YMapping.Empty(path);
        if (content is not YMapping)
        {
            findings.Add(new Finding(ParseRule, Severity.Error,
                "the CI configuration must be a mapping of keywords and jobs", content.Span, "not-mapping"));
            content = YMapping.Empty(path);
        }
        return new CiFile(path, spec, content, findings, text);
    }

    private static YMapping? ReadSpec(YMapping header, List<Finding> findings)
    {
        var spec = header["spec"];
        if (spec is YMapping m) return m;
        if (spec is YScalar sc && sc.IsNull) return YMapping.Empty(header.File);
        findings.Add(new Finding(ParseRule, Severity.Error, "spec: must be a mapping (with inputs:)", spec!.Span, "spec"));
        return null;
    }
}
