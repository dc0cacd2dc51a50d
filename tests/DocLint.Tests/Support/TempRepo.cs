using DocLint.Load;

namespace DocLint.Tests.Support;

/// <summary>A throw-away repository directory for tests.</summary>
public sealed class TempRepo : IDisposable
{
    public TempRepo(params (string Path, string Text)[] files)
    {
        Root = Path.Combine(Path.GetTempPath(), "doclint-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
        foreach (var (p, t) in files) Write(p, t);
    }

    public string Root { get; }

    /// <summary>A copy of every file under <paramref name="dir"/>, byte for byte, placed under
    /// <paramref name="subdir"/> of the new repository (its root when empty).</summary>
    public static TempRepo CopyOf(string dir, string subdir = "")
    {
        var repo = new TempRepo();
        foreach (var file in Directory.GetFiles(dir, "*", SearchOption.AllDirectories))
            repo.WriteBytes(Path.Combine(subdir, Path.GetRelativePath(dir, file)), File.ReadAllBytes(file));
        return repo;
    }

    public TempRepo Write(string relative, string text)
    {
        var full = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return this;
    }

    public TempRepo WriteBytes(string relative, byte[] bytes)
    {
        var full = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return this;
    }

    public Workspace Workspace(Limits? limits = null) => new(Root, limits);

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
