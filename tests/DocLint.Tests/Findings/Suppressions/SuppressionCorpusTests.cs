using DocLint.Findings.Suppressions;
using DocLint.Load;
using DocLint.Parse.Markdown;
using DocLint.Tests.Support;

namespace DocLint.Tests.Findings.Suppressions;

/// <summary>
/// Directive extraction over every file of the shared corpus, each with a directive added at the top and at the end
/// (the corpus has none of its own, and a file without "doclint-" is not scanned at all): no exception, the top
/// directive found at line 1, and nothing else in the file taken for a directive.
/// </summary>
public class SuppressionCorpusTests
{
    [Fact]
    public void Every_corpus_ci_file_yields_exactly_the_added_directives()
    {
        var files = Directory.GetFiles(RepoPaths.RequireCorpus("gitlab-ci")).Where(f => f.EndsWith(".yml") || f.EndsWith(".yaml")).Order().ToList();
        Assert.True(files.Count > 1000, $"expected the whole corpus, found {files.Count} files");
        var failures = new List<string>();
        foreach (var file in files)
        {
            var text = File.ReadAllText(file).TrimStart('\uFEFF');
            if (text.Contains("doclint-", StringComparison.Ordinal)) continue;
            try
            {
                var ds = YamlDirectives.Extract("ci.yml", "# doclint-disable-next-line ci-parse\n" + text + "\n# doclint-disable-next-line\n");
                if (ds.Count == 0 || ds[0].Span.Line != 1 || ds[0].Rules.Single().Id != "ci-parse" || ds.Count > 2)
                    failures.Add($"{Path.GetFileName(file)}: {ds.Count} directives");
                else if (ds.Count == 2 && ds[1].TargetLine != 0)
                    failures.Add($"{Path.GetFileName(file)}: the last directive targets line {ds[1].TargetLine}");
            }
            catch (Exception e)
            {
                failures.Add($"{Path.GetFileName(file)}: {e.GetType().Name}: {e.Message}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    [Fact]
    public void Every_corpus_markdown_file_yields_exactly_the_added_directives()
    {
        var files = new[] { "markdown", "runbooks" }
            .SelectMany(d => Directory.GetFiles(RepoPaths.RequireCorpus(d), "*.md", SearchOption.AllDirectories)).Order().ToList();
        Assert.True(files.Count > 4000, $"expected the whole corpus, found {files.Count} files");
        var failures = new List<string>();
        var checkedFiles = 0;
        foreach (var file in files)
        {
            var source = Workspace.Decode("doc.md", File.ReadAllBytes(file), out _);
            if (source == null || source.Text.Contains("doclint-", StringComparison.Ordinal)) continue;
            checkedFiles++;
            try
            {
                var doc = MarkdownDocument.Parse("doc.md", "<!-- doclint-disable-file docs-action-name -->\n" + source.Text);
                var ds = MarkdownDirectives.Extract(doc);
                // The top comment is a directive unless the file opens with front matter it now breaks; nothing else is.
                if (ds.Count != 1 || ds[0].Span.Line != 1 || ds[0].Kind != DirectiveKind.File)
                    failures.Add($"{Path.GetFileName(file)}: {ds.Count} directives");
            }
            catch (Exception e)
            {
                failures.Add($"{Path.GetFileName(file)}: {e.GetType().Name}: {e.Message}");
            }
        }
        Assert.True(checkedFiles > 4000, $"only {checkedFiles} decodable files");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }
}
