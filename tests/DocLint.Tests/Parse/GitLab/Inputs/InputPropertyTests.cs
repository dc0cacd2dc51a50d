using DocLint.Findings;
using DocLint.Load;
using DocLint.Parse.GitLab.Expressions;
using DocLint.Parse.GitLab.Inputs;
using DocLint.Parse.Yaml;
using FsCheck;
using FsCheck.Fluent;

namespace DocLint.Tests.Parse.GitLab.Inputs;

public class InputPropertyTests
{
    private const string Valid = """
        spec:
          inputs:
            action:
              options: [cut-off, release]
              default: release
              description: What to do
            project:
              regex: ^[a-z-]+$
              default: core
            confirm:
              type: boolean
              default: false
            count:
              type: number
              default: 2
            tags:
              type: array
              default: [a, b]
        ---
        base: &base
          image: "img:$[[ inputs.project | truncate(0,8) ]]"
          tags: $[[ inputs.tags ]]
        $[[ inputs.action ]]-job:
          <<: *base
          script:
            - echo "$[[ inputs.project | expand_vars | posix_escape ]]"
            - echo $[[ inputs.count ]] $[[ inputs.confirm ]]
          rules:
            - if: $[[ inputs.confirm ]]
          parallel: $[[ inputs.count ]]
        other: *base
        """;

    // Mostly edits that keep the YAML readable (so that the inputs code, not the YAML parser, is exercised),
    // with some structural ones.
    private static readonly string[] SafeTokens =
    [
        "$[[", "]]", " ", "|", ".", "inputs.", "inputs.nope", "inputs.action", "inputs.tags", "truncate(", "1,2)", "3,5",
        "expand_vars", "posix_escape", "split(',')", "matrix.", "(", "\\", "true", "42", "1.5", "a", "x", "é", "$", "%",
        "$CI_COMMIT_REF_NAME", "${X}",
    ];

    private static readonly string[] StructuralTokens =
    [
        "\n", "  ", "-", ":", "[", "]", "{", "}", "'", "\"", "&x", "*x", "*base", "#", "type: ", "default: ", "options: ",
        "regex: ", "---\n", "!reference ", "\t", "\n  x: ", "\n- ",
    ];

    private sealed record Mutation(double At, int Op, string Token);

    private static string Apply(string text, IEnumerable<Mutation> mutations)
    {
        foreach (var m in mutations)
        {
            var at = (int)(m.At * text.Length);
            at = Math.Clamp(at, 0, text.Length);
            text = m.Op switch
            {
                0 => text.Insert(at, m.Token),
                1 when at < text.Length => text.Remove(at, Math.Min(m.Token.Length, text.Length - at)),
                _ when at < text.Length => text.Remove(at, 1).Insert(at, m.Token),
                _ => text + m.Token,
            };
        }
        return text;
    }

    private static bool Inside(SourceSpan span, string[] lines) =>
        span.Path == "x.yml"
        && span.Line >= 1 && span.Line <= lines.Length
        && span.Column >= 1 && span.Column <= lines[span.Line - 1].Length + 1
        && span.EndLine >= span.Line && span.EndLine <= lines.Length
        && span.EndColumn >= 1 && span.EndColumn <= lines[span.EndLine - 1].Length + 1
        && (span.EndLine > span.Line || span.EndColumn >= span.Column);

    /// <summary>Runs the whole inputs pipeline; returns the findings, or null when the text is not YAML.</summary>
    private static List<Finding>? Pipeline(string text)
    {
        YamlLoadResult load;
        try
        {
            load = YamlLoader.Load("x.yml", text);
        }
        catch (InvalidOperationException)
        {
            // Not this module's: YamlDotNet's scanner throws on e.g. "a: [\ne]" and YamlLoader lets it escape
            // (reported to the loader's owner). Only the loader call is guarded; everything below must not throw.
            return null;
        }
        if (!load.Ok || load.Documents.Count == 0) return null;
        var findings = new List<Finding>();
        var header = load.Documents[0] as YMapping;
        var inputs = (header?["spec"] as YMapping)?["inputs"];
        var specs = InputSpecReader.Read(inputs, findings);
        var given = new Dictionary<string, InputValue>
        {
            ["project"] = InputValue.Of("web-app"),
            ["confirm"] = InputValue.Of(true),
            ["stray"] = InputValue.Of("x"),
        };
        var values = InputInterpolator.Resolve(specs, given, SourceSpan.FileStart("x.yml"), findings);
        var scope = new DictionaryScope(new Dictionary<string, string> { ["CI_COMMIT_REF_NAME"] = "main" });
        foreach (var doc in load.Documents.Skip(1).Prepend(load.Documents[0]))
        {
            var result = InputInterpolator.Interpolate(doc, values, scope, findings, Limits.Default);
            Assert.NotNull(result);
        }
        return findings;
    }

    [Fact]
    public void The_valid_file_has_no_findings_but_the_stray_input()
    {
        var findings = Pipeline(Valid)!;
        Assert.Equal("input:stray:unexpected", Assert.Single(findings).Key);
    }

    [Fact]
    public void Mutated_files_never_throw_and_every_finding_lies_inside_the_text()
    {
        var mutation =
            from at in Gen.Choose(0, 10_000).Select(i => i / 10_000.0)
            from op in Gen.Choose(0, 2)
            from token in Gen.Frequency((5, Gen.Elements(SafeTokens)), (1, Gen.Elements(StructuralTokens)))
            select new Mutation(at, op, token);
        var mutations = Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(mutation, n));
        var evaluated = 0;
        var withFindings = 0;

        Prop.ForAll(mutations.ToArbitrary(), ms =>
            {
                var text = Apply(Valid, ms);
                var findings = Pipeline(text);
                if (findings is null) return true;
                evaluated++;
                if (findings.Count > 1) withFindings++;
                var lines = text.Split('\n');
                foreach (var f in findings)
                {
                    if (!Inside(f.Span, lines) || f.RuleId != "ci-parse" || f.Severity != Severity.Error || f.Key.Length == 0)
                        throw new Xunit.Sdk.XunitException($"finding outside the text or malformed: {f}\n--- text ---\n{text}");
                }
                return true;
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(1000));

        // The property is only meaningful if many mutants still parse and some of them produce findings.
        Assert.True(evaluated > 250, $"only {evaluated} of 1000 mutants were valid YAML");
        Assert.True(withFindings > 50, $"only {withFindings} mutants produced findings");
    }
}
