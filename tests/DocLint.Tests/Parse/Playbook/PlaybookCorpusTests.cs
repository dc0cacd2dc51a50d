using DocLint.Linting;
using DocLint.Load;
using DocLint.Parse.Markdown;
using DocLint.Parse.Playbook;
using DocLint.Tests.Support;
using PlaybookModelAlias = DocLint.Parse.Playbook.Playbook;

namespace DocLint.Tests.Parse.Playbook;

/// <summary>
/// Every Markdown file of the shared corpus (release guides, runbooks, GitLab's own docs) checked as a release-train
/// playbook: no exception, every finding inside its file; and each file, its emoji and other non-ASCII text broken
/// the way the as-received seed was, reads the same release order and phases.
/// </summary>
public class PlaybookCorpusTests
{
    private static List<string> CorpusMarkdown()
    {
        var files = new[] { "markdown", "runbooks" }.SelectMany(sub => Directory.GetFiles(RepoPaths.RequireCorpus(sub), "*.md", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count > 1000, $"expected the whole corpus, found {files.Count} Markdown files");
        return files;
    }

    [Fact]
    public void Every_corpus_markdown_file_checks_as_a_playbook_without_exceptions()
    {
        var files = CorpusMarkdown();
        using var repo = new TempRepo((".doclint.yml", "ci: null\ncatalogue: catalogue.yml\ndocs: []\nrequiredDocs: []\nplaybooks: [\"docs/**/*.md\"]\n"),
            ("catalogue.yml", "projects:\n  - name: gitlab\n  - name: gitaly\n    dependsOn: [gitlab]\n  - name: runner\n    dependsOn: [gitaly]\n"));
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < files.Count; i++)
        {
            var rel = $"docs/{i:D5}.md";
            var bytes = File.ReadAllBytes(files[i]);
            repo.WriteBytes(rel, bytes);
            lines[rel] = bytes.Count(b => b == (byte)'\n') + 1;
        }
        var result = Linter.Run(Project.Open(new[] { repo.Root }, null));
        Assert.True(result.CheckedFiles.Count >= files.Count - 10, $"checked {result.CheckedFiles.Count} of {files.Count}");
        var outside = result.Findings.Where(f => f.Span.Path.StartsWith("docs/", StringComparison.Ordinal)
                                                 && (f.Span.Line < 1 || f.Span.Column < 1 || f.Span.Line > lines[f.Span.Path])).ToList();
        Assert.True(outside.Count == 0, string.Join("\n", outside.Take(20)));
        // Most files have no release order; some have phases or Level lines: both kinds of finding occur.
        Assert.Contains(result.Findings, f => f.RuleId == "train-order" && f.Message.Contains("has no release order"));
    }

    [Fact]
    public void Breaking_the_non_ascii_text_of_any_corpus_file_changes_no_reading()
    {
        var differ = new List<string>();
        var read = 0;
        foreach (var file in CorpusMarkdown())
        {
            var text = File.ReadAllText(file);
            if (text.All(c => c < 0x80)) continue;
            read++;
            var a = Shape(PlaybookReader.Read(MarkdownDocument.Parse("p.md", text)));
            var b = Shape(PlaybookReader.Read(MarkdownDocument.Parse("p.md", Mojibake.Break(text))));
            if (a != b) differ.Add($"{Path.GetFileName(file)}:\n{a}\n---\n{b}");
        }
        Assert.True(read > 100, $"only {read} corpus files have non-ASCII text");
        Assert.True(differ.Count == 0, string.Join("\n\n", differ.Take(3)));
    }

    private static string Shape(PlaybookModelAlias p) =>
        string.Join("\n", (p.Order?.Levels ?? []).Select(l => $"L{l.Number}@{l.Span.Line}: " + string.Join(" ", l.Entries.Select(e => $"{e.Name}@{e.Span.Line}")))
            .Concat(p.Phases.Select(ph => $"P{ph.Number}@{ph.Heading.Line}: " + string.Join(" ", ph.Steps.Select(s =>
                $"{s.NumberText}@{s.Number.Span.Line}/{string.Join(",", s.Deploys.Select(d => d.Name))}/{(s.Owner is { } o ? PlaybookText.NamesSomeone(o.Text) : null)}")))));
}
