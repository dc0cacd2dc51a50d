using DocLint.Findings;
using DocLint.Load;
using DocLint.Parse.GitLab.Expressions;
using DocLint.Parse.GitLab.Inputs;
using DocLint.Parse.Yaml;

namespace DocLint.Tests.Parse.GitLab.Inputs;

/// <summary>Loads YAML text and runs the inputs pipeline (read specs, resolve, interpolate) on it.</summary>
internal static class InputTestKit
{
    public const string Path = "x.yml";

    public static IReadOnlyList<YNode> Docs(string text)
    {
        var r = YamlLoader.Load(Path, text);
        Assert.True(r.Ok, r.Error);
        return r.Documents;
    }

    public static YNode Doc(string text) => Docs(text)[0];

    /// <summary>Reads <c>spec:inputs</c> from the first document of <paramref name="text"/>.</summary>
    public static InputSpecSet Specs(string text, List<Finding> findings, bool isPipeline = true)
    {
        var header = (YMapping)Doc(text);
        var spec = header["spec"] as YMapping;
        return InputSpecReader.Read(spec?["inputs"], findings, isPipeline);
    }

    public sealed record Outcome(InputSpecSet Specs, ResolvedInputs Values, YNode Content, YNode Result, List<Finding> Findings);

    /// <summary>A two-document file: the header, then the content that is interpolated.</summary>
    public static Outcome Run(string text, IReadOnlyDictionary<string, InputValue>? given = null, IVariableScope? scope = null,
        Limits? limits = null)
    {
        var findings = new List<Finding>();
        var docs = Docs(text);
        var header = (YMapping)docs[0];
        var specs = InputSpecReader.Read((header["spec"] as YMapping)?["inputs"], findings);
        var values = InputInterpolator.Resolve(specs, given ?? new Dictionary<string, InputValue>(), SourceSpan.FileStart(Path), findings);
        var content = docs[1];
        var result = InputInterpolator.Interpolate(content, values, scope ?? DictionaryScope.Empty, findings, limits ?? Limits.Default);
        return new Outcome(specs, values, content, result, findings);
    }

    public static Dictionary<string, InputValue> Given(params (string Name, InputValue Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value);

    public static YNode At(YNode root, params object[] path)
    {
        var node = root;
        foreach (var p in path)
        {
            node = p switch
            {
                string key => ((YMapping)node)[key] ?? throw new KeyNotFoundException(key),
                int index => ((YSequence)node).Items[index],
                _ => throw new ArgumentException(p.ToString()),
            };
        }
        return node;
    }

    public static YScalar Scalar(YNode root, params object[] path) => Assert.IsType<YScalar>(At(root, path));

    public static Finding Single(List<Finding> findings, string key)
    {
        var matching = findings.Where(f => f.Key == key).ToList();
        Assert.True(matching.Count == 1,
            $"expected one finding with key {key}, got {matching.Count}:\n{string.Join("\n", findings)}");
        var f = matching[0];
        Assert.Equal("ci-parse", f.RuleId);
        Assert.Equal(Severity.Error, f.Severity);
        return f;
    }
}
