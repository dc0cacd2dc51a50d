using System.Text;
using DocLint.Findings;
using DocLint.Linting;
using DocLint.Load;
using DocLint.Tests.Support;
using FsCheck;
using FsCheck.Fluent;

namespace DocLint.Tests.Hostile;

/// <summary>
/// Issue 7 item 2, property-based: random mutations of real YAML (bf-dev's CI files and the CI files of the clean and
/// drifted fixtures) and real Markdown (bf-dev's docs and the release-train seed playbook), each written into a copy of
/// its fixture and checked with <see cref="Linter.Run"/>: it never throws, never hangs (the xunit timeout is the hang
/// guard), every finding is one line, and every reported position (start and end) lies inside its file.
/// </summary>
public class MutationPropertyTests
{
    /// <summary>One edit of a file's bytes; positions are fractions of the length so that they fit every file.</summary>
    public abstract record Mutation
    {
        public abstract byte[] Apply(byte[] bytes);
        protected static int At(byte[] b, double where) => (int)Math.Clamp(Math.Floor(where * (b.Length + 1)), 0, b.Length);
    }

    public sealed record FlipByte(double Where, int Bit) : Mutation
    {
        public override byte[] Apply(byte[] b)
        {
            if (b.Length == 0) return b;
            var c = (byte[])b.Clone();
            var i = Math.Min(At(b, Where), b.Length - 1);
            c[i] ^= (byte)(1 << Bit);
            return c;
        }
    }

    public sealed record Delete(double Where, int Length) : Mutation
    {
        public override byte[] Apply(byte[] b)
        {
            var i = At(b, Where);
            return b[..i].Concat(b[Math.Min(b.Length, i + Length)..]).ToArray();
        }
    }

    public sealed record DuplicateLine(double Where, int Times) : Mutation
    {
        public override byte[] Apply(byte[] b)
        {
            var lines = Split(b);
            var i = Math.Min((int)(Where * lines.Count), lines.Count - 1);
            for (var t = 0; t < Times; t++) lines.Insert(i, lines[i]);
            return lines.SelectMany(l => l).ToArray();
        }
    }

    public sealed record Insert(double Where, string Text) : Mutation
    {
        public override byte[] Apply(byte[] b)
        {
            var i = At(b, Where);
            return b[..i].Concat(Encoding.UTF8.GetBytes(Text)).Concat(b[i..]).ToArray();
        }
    }

    /// <summary>Inserts at the start of a line (where YAML keys, list items and Markdown blocks begin).</summary>
    public sealed record InsertLine(double Where, string Text) : Mutation
    {
        public override byte[] Apply(byte[] b)
        {
            var lines = Split(b);
            var i = Math.Min((int)(Where * (lines.Count + 1)), lines.Count);
            lines.Insert(i, Encoding.UTF8.GetBytes(Text + "\n"));
            return lines.SelectMany(l => l).ToArray();
        }
    }

    public sealed record Crlf : Mutation
    {
        public override byte[] Apply(byte[] b) => b.SelectMany(x => x == (byte)'\n' ? new[] { (byte)'\r', x } : new[] { x }).ToArray();
    }

    public sealed record Bom : Mutation
    {
        public override byte[] Apply(byte[] b) => new byte[] { 0xEF, 0xBB, 0xBF }.Concat(b).ToArray();
    }

    public sealed record Nul(double Where) : Mutation
    {
        public override byte[] Apply(byte[] b) => new Insert(Where, "\0").Apply(b);
    }

    public sealed record Truncate(double Where) : Mutation
    {
        public override byte[] Apply(byte[] b) => b[..At(b, Where)];
    }

    private static List<byte[]> Split(byte[] b)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < b.Length; i++)
            if (b[i] == (byte)'\n') { lines.Add(b[start..(i + 1)]); start = i + 1; }
        if (start < b.Length || lines.Count == 0) lines.Add(b[start..]);
        return lines;
    }

    internal static readonly string[] YamlTokens =
    {
        "*alias", "&anchor ", "*anchor", "<<: *anchor", "<<: [*a, *b]", "!reference [.changes, script]", "!reference [",
        "$[[ inputs.x ]]", "$[[ inputs.action ]]", "$[[ inputs.project | expand_vars ]]", "$[[", "]]", ": ", "- ", "  ", "\t",
        "'", "\"", "{", "}", "[", "]", "#", "---\n", "...\n", "? ", "|", ">-", "%YAML 1.2\n", "\\", "é", "\u2028", "$", "${X}",
        "extends: .changes", "include: nope.yml", "rules:\n  - if: $A =~ /(a|b)*c/", "parallel: 200", "parallel:\n  matrix:\n    - X: [a, b]",
    };

    internal static readonly string[] MarkdownTokens =
    {
        "<!-- doclint-disable -->", "<!-- doclint-enable -->", "<!-- doclint-disable-next-line docs-action-name -->",
        "<!-- doclint-disable-file -->", "| a | b |", "| --- | --- |", "| action | `cut-off` |", "|", "`", "```", "```\n", "~~~",
        "> ", "- ", "1. ", "# ", "---\n", "[link](", "](x)", "*", "_", "<", "<!--", "-->", "\\", "action=cut-off", "project=all",
        "confirm=true", "Level 1", "├── ", "Deploy `bf-*`", "é", "\u200B", "$[[ inputs.x ]]", "    ",
    };

    private static Gen<double> Where => Gen.Choose(0, 10_000).Select(i => i / 10_000.0);

    private static Gen<Mutation> MutationGen(string[] tokens) => Gen.Frequency(
        (4, Gen.Zip(Where, Gen.Choose(0, 7)).Select(t => (Mutation)new FlipByte(t.Item1, t.Item2))),
        (3, Gen.Zip(Where, Gen.Choose(1, 40)).Select(t => (Mutation)new Delete(t.Item1, t.Item2))),
        (2, Gen.Zip(Where, Gen.Choose(1, 3)).Select(t => (Mutation)new DuplicateLine(t.Item1, t.Item2))),
        (5, Gen.Zip(Where, Gen.Elements(tokens)).Select(t => (Mutation)new Insert(t.Item1, t.Item2))),
        (3, Gen.Zip(Where, Gen.Elements(tokens)).Select(t => (Mutation)new InsertLine(t.Item1, t.Item2))),
        (1, Gen.Constant((Mutation)new Crlf())),
        (1, Gen.Constant((Mutation)new Bom())),
        (1, Where.Select(w => (Mutation)new Nul(w))),
        (1, Where.Select(w => (Mutation)new Truncate(w))));

    /// <summary>A file of a fixture to mutate (repository-relative) and the mutations, applied in order.</summary>
    public sealed record Case(string Fixture, string File, Mutation[] Mutations)
    {
        public override string ToString() => $"{Fixture} {File}: {string.Join(", ", Mutations.Select(m => m.ToString()))}";
    }

    internal static Gen<Case> CaseGen((string Fixture, string File)[] targets, string[] tokens) =>
        Gen.Zip(Gen.Elements(targets), Gen.Choose(1, 6).SelectMany(n => MutationGen(tokens).ArrayOf(n)))
            .Select(t => new Case(t.Item1.Fixture, t.Item1.File, t.Item2));

    internal static readonly (string, string)[] YamlTargets =
    {
        ("bf-dev", ".gitlab-ci.yml"), ("bf-dev", "bf-release/Changes.gitlab-ci.yml"), ("bf-dev", "bf-release/templates/sample-week.yml"),
        ("clean/anchors-merge-keys", ".gitlab-ci.yml"), ("clean/extends-chain", ".gitlab-ci.yml"), ("clean/reference-rules", ".gitlab-ci.yml"),
        ("clean/variables-from-inputs", ".gitlab-ci.yml"), ("clean/matrix-selected-by-rules", ".gitlab-ci.yml"),
        ("clean/catalogue-file", ".gitlab-ci.yml"), ("clean/catalogue-file", "catalogue.yml"),
        ("drift/ci-parse/bare-true-confirm", ".gitlab-ci.yml"), ("drift/composition/job-in-include", "bf-release/Changes.gitlab-ci.yml"),
        ("release-train", "catalogue.yml"),
    };

    internal static readonly (string, string)[] MarkdownTargets =
    {
        ("bf-dev", "docs/reference/platform/ci-and-release.md"), ("bf-dev", "docs/operations/runbooks/hotfix-release.staging.md"),
        ("bf-dev", "docs/operations/runbooks/hotfix-release.production.md"), ("bf-dev", "docs/operations/runbooks/index.md"),
        ("bf-dev", "docs/operations/index.md"), ("bf-dev", "docs/process/workflows/product-engineering-delivery.md"),
        ("bf-dev", "docs/reference/system/service-matrix.md"),
        // The release-train seed (/work/shared/seeds), as the playbook of the release-train fixture.
        ("release-train", "docs/release/release-train.md"),
    };

    /// <summary>One copy per fixture, reused: each case writes its mutated file, runs, and puts the original back.</summary>
    internal sealed class Fixtures : IDisposable
    {
        private readonly Dictionary<string, TempRepo> _repos = new();

        public TempRepo For(string fixture)
        {
            if (_repos.TryGetValue(fixture, out var repo)) return repo;
            repo = TempRepo.CopyOf(RepoPaths.Fixture(fixture));
            if (fixture == "release-train")
                repo.WriteBytes("docs/release/release-train.md", File.ReadAllBytes(Path.Combine(RepoPaths.Shared, "seeds", "release-train-playbook.md")));
            return _repos[fixture] = repo;
        }

        public void Dispose()
        {
            foreach (var r in _repos.Values) r.Dispose();
        }
    }

    internal static void CheckCase(Fixtures fixtures, Case c)
    {
        var repo = fixtures.For(c.Fixture);
        var full = Path.Combine(repo.Root, c.File);
        var original = File.ReadAllBytes(full);
        var mutated = c.Mutations.Aggregate(original, (b, m) => m.Apply(b));
        File.WriteAllBytes(full, mutated);
        try
        {
            var project = Project.Open(new[] { repo.Root }, null, new Limits { RegexTimeout = TimeSpan.FromSeconds(30) });
            CheckResult result;
            try { result = Linter.Run(project); }
            catch (Exception e) { throw new InvalidOperationException($"{c}: Linter.Run threw {e}"); }
            foreach (var f in result.Findings) AssertInside(repo, f, c);
        }
        finally
        {
            File.WriteAllBytes(full, original);
        }
    }

    /// <summary>1 ≤ line ≤ line count and 1 ≤ column ≤ line length + 1, for the start and the end of the span.</summary>
    private static void AssertInside(TempRepo repo, Finding f, Case c)
    {
        Assert.False(f.Message.Contains('\n') || f.Message.Contains('\r'), $"{c}: a finding of more than one line: {f}");
        var full = Path.Combine(repo.Root, f.Span.Path);
        var lines = File.Exists(full) && !File.GetAttributes(full).HasFlag(FileAttributes.Directory)
            ? Lines(File.ReadAllBytes(full))
            : new[] { "" }; // a file that is not there (or not a file): only 1:1 is inside it
        foreach (var (line, col) in new[] { (f.Span.Line, f.Span.Column), (f.Span.EndLine, f.Span.EndColumn) })
        {
            Assert.True(line >= 1 && line <= lines.Length, $"{c}: line {line} outside {f.Span.Path} ({lines.Length} lines): {f}");
            Assert.True(col >= 1 && col <= lines[line - 1].Length + 1,
                $"{c}: column {col} outside line {line} of {f.Span.Path} ({lines[line - 1].Length} characters): {f}");
        }
    }

    /// <summary>The file's lines as findings count them: UTF-16 columns, no BOM, '\n' ends a line, '\r' before it is not counted.</summary>
    private static string[] Lines(byte[] bytes)
    {
        var bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        var text = Encoding.UTF8.GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0));
        return text.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
    }

    private static void Run((string, string)[] targets, string[] tokens, int count)
    {
        using var fixtures = new Fixtures();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(count),
            Prop.ForAll(Arb.From(CaseGen(targets, tokens)), c => CheckCase(fixtures, c)));
    }

    [Fact(Timeout = 600_000)]
    public async Task Mutated_yaml_never_throws_and_reports_inside_the_file() =>
        await Task.Run(() => Run(YamlTargets, YamlTokens, 150));

    [Fact(Timeout = 600_000)]
    public async Task Mutated_markdown_never_throws_and_reports_inside_the_file() =>
        await Task.Run(() => Run(MarkdownTargets, MarkdownTokens, 150));
}
