namespace DocLint.Benchmarks;

/// <summary>
/// The floor of the docs benchmark: read every <c>*.md</c> under a directory and parse it with exactly the Markdig
/// pipeline DocLint uses (<see cref="Parse.Markdown.MarkdownDocument"/>), then print the count of blocks so the work
/// cannot be optimised away. No rule, no report: what DocLint's docs check costs beyond this is DocLint's own.
/// </summary>
public static class MarkdigFloor
{
    public static int Run(string[] args)
    {
        if (args.Length != 1 || !Directory.Exists(args[0])) { Console.Error.WriteLine("usage: markdig DIR"); return 2; }
        long blocks = 0;
        var files = 0;
        foreach (var file in Directory.EnumerateFiles(args[0], "*.md", SearchOption.AllDirectories))
        {
            var doc = Parse.Markdown.MarkdownDocument.Parse(Path.GetRelativePath(args[0], file), File.ReadAllText(file));
            blocks += doc.Ast.Count;
            files++;
        }
        Console.WriteLine($"{files} files, {blocks} top-level blocks");
        return 0;
    }
}
