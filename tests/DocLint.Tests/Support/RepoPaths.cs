namespace DocLint.Tests.Support;

/// <summary>Locations of the source tree, the bundled fixtures and the shared corpus.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Fixtures => Path.Combine(Root, "docs-fixtures");

    /// <summary>
    /// Opens a fixture as <c>doclint check</c> would, but with a regex time limit far above the default 200 ms: the
    /// limit is wall-clock, and on a loaded CI machine a first match can exceed it, which would turn a fixture's exact
    /// findings into a flaky test. (Limits have their own tests.)
    /// </summary>
    public static DocLint.Load.Project OpenFixture(string dir) =>
        DocLint.Load.Project.Open(new[] { dir }, null, new DocLint.Load.Limits { RegexTimeout = TimeSpan.FromSeconds(30) });
    public static string Fixture(string name) => Path.Combine(Fixtures, name);

    /// <summary>The shared folder beside the checkout (CI clones main with shared/ beside it).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));
    public static string Corpus => Path.Combine(Shared, "corpus");

    /// <summary>Fails (never skips) when the shared corpus is absent, saying where it was looked for.</summary>
    public static string RequireCorpus(string sub)
    {
        var dir = Path.Combine(Corpus, sub);
        Assert.True(Directory.Exists(dir), $"The shared corpus is missing: expected {dir} (clone with ../shared beside the checkout).");
        return dir;
    }

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "DocLint.sln"))) return d.FullName;
        throw new InvalidOperationException("DocLint.sln not found above " + AppContext.BaseDirectory);
    }
}
