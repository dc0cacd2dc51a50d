using DocLint.Load;
using DocLint.Tests.Support;

namespace DocLint.Tests.Load;

public class WorkspaceTests
{
    [Theory]
    [InlineData("a/./b/../c.yml", "a/c.yml")]
    [InlineData("./x.yml", "x.yml")]
    [InlineData("../x.yml", null)]
    [InlineData("a/../../x.yml", null)]
    [InlineData("/etc/passwd", null)]
    [InlineData("", null)]
    public void Normalizes_and_confines_relative_paths(string input, string? expected) =>
        Assert.Equal(expected, Workspace.NormalizeRelative(input));

    [Fact]
    public void Reads_utf8_with_and_without_bom()
    {
        using var repo = new TempRepo();
        repo.WriteBytes("bom.md", new byte[] { 0xEF, 0xBB, 0xBF, (byte)'h', (byte)'i' });
        var text = repo.Workspace().TryRead("bom.md", out var error);
        Assert.Null(error);
        Assert.Equal("hi", text!.Text);
        Assert.True(text.HadBom);
    }

    [Fact]
    public void The_listing_names_links_as_files_never_follows_them_and_skips_git()
    {
        using var repo = new TempRepo(("docs/a.md", "a"), ("docs/sub/b.md", "b"), (".git/config", "x"), (".hidden/c.md", "c"));
        var outside = Directory.CreateTempSubdirectory();
        try
        {
            File.WriteAllText(Path.Combine(outside.FullName, "d.md"), "d");
            File.CreateSymbolicLink(Path.Combine(repo.Root, "docs", "link.md"), Path.Combine(outside.FullName, "d.md"));
            Directory.CreateSymbolicLink(Path.Combine(repo.Root, "docs", "linked-dir"), outside.FullName);
            Directory.CreateSymbolicLink(Path.Combine(repo.Root, "docs", "inside-dir"), Path.Combine(repo.Root, "docs", "sub"));
            Assert.Equal(new[] { ".hidden/c.md", "docs/a.md", "docs/inside-dir", "docs/link.md", "docs/linked-dir", "docs/sub/b.md" },
                repo.Workspace().AllFiles());
        }
        finally { outside.Delete(recursive: true); }
    }

    [Fact]
    public void A_file_that_reports_no_length_is_read_to_its_end_and_within_the_limit()
    {
        // /proc files say they are empty (length 0) and are not: the read goes on past the length it was told.
        Assert.Equal(0, new FileInfo("/proc/self/status").Length);
        var status = Workspace.ReadNamedFile("/proc/self/status", "status", Limits.Default, out var failure);
        Assert.Null(failure);
        Assert.Contains("Name:", status!.Text);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(status.Text), status.Bytes.Length);
        var capped = Workspace.ReadNamedFile("/proc/self/status", "status", Limits.Default with { MaxFileBytes = 16 }, out failure);
        Assert.Null(capped);
        Assert.Equal("'status' is more than 16 bytes, over the file size limit; it was not read", failure!.Message);
    }

    [Fact]
    public void A_regular_file_is_read_whole_and_one_over_the_limit_is_refused()
    {
        using var repo = new TempRepo(("a.md", new string('x', 100)));
        Assert.Equal(new string('x', 100), repo.Workspace(Limits.Default with { MaxFileBytes = 100 }).TryRead("a.md", out var error)!.Text);
        Assert.Null(error);
        Assert.Null(repo.Workspace(Limits.Default with { MaxFileBytes = 99 }).TryRead("a.md", out error));
        Assert.Equal("'a.md' is 100 bytes, over the 99-byte file size limit; it was not read", error);
    }

    [Fact]
    public void Invalid_utf8_binary_directories_missing_and_large_files_are_errors_not_exceptions()
    {
        using var repo = new TempRepo(("big.yml", new string('a', 2048)));
        repo.WriteBytes("latin1.md", new byte[] { (byte)'o', (byte)'k', (byte)'\n', 0xE9, (byte)'t', (byte)'e' });
        repo.WriteBytes("bin.yml", new byte[] { 1, 2, 0, 3 });
        Directory.CreateDirectory(Path.Combine(repo.Root, "dir.yml"));
        var ws = repo.Workspace(new Limits { MaxFileBytes = 1024 });

        Assert.Null(ws.TryRead("latin1.md", out var e1));
        Assert.Contains("not valid UTF-8 (invalid byte at line 2, column 1)", e1);
        Assert.Null(ws.TryRead("bin.yml", out var e2));
        Assert.Contains("binary", e2);
        Assert.Null(ws.TryRead("dir.yml", out var e3));
        Assert.Contains("is a directory", e3);
        Assert.Null(ws.TryRead("missing.yml", out var e4));
        Assert.Contains("does not exist", e4);
        Assert.Null(ws.TryRead("big.yml", out var e5));
        Assert.Contains("size limit", e5);
        Assert.Null(ws.TryRead("../outside.yml", out var e6));
        Assert.Contains("outside the repository", e6);
    }

    [Fact]
    public void Symlink_pointing_outside_the_root_is_never_read()
    {
        using var outside = new TempRepo(("secret.yml", "token: 1"));
        using var repo = new TempRepo();
        File.CreateSymbolicLink(Path.Combine(repo.Root, "link.yml"), Path.Combine(outside.Root, "secret.yml"));
        Directory.CreateSymbolicLink(Path.Combine(repo.Root, "linkdir"), outside.Root);
        var ws = repo.Workspace();
        Assert.Null(ws.TryRead("link.yml", out var e1));
        Assert.Contains("symbolic link pointing outside", e1);
        Assert.Null(ws.TryRead("linkdir/secret.yml", out var e2));
        Assert.Contains("symbolic link pointing outside", e2);
        // Listed (so that a glob meets it and reports it), never followed.
        Assert.Contains("link.yml", ws.AllFiles());
        Assert.Contains("linkdir", ws.AllFiles());
        Assert.DoesNotContain("linkdir/secret.yml", ws.AllFiles());
    }

    [Fact]
    public void Symlink_inside_the_root_is_followed()
    {
        using var repo = new TempRepo(("real.yml", "a: 1"));
        File.CreateSymbolicLink(Path.Combine(repo.Root, "alias.yml"), Path.Combine(repo.Root, "real.yml"));
        Assert.Equal("a: 1", repo.Workspace().TryRead("alias.yml", out _)!.Text);
    }
}

public class WorkspaceOverlayTests
{
    [Fact]
    public void Reads_consult_the_overlay_first_and_list_unsaved_files()
    {
        using var repo = new TempRepo(("a.md", "disk"));
        var ws = new Workspace(repo.Root, null, new Dictionary<string, string> { ["a.md"] = "buffer", ["new/b.md"] = "unsaved" });
        Assert.Equal("buffer", ws.TryRead("a.md", out _)!.Text);
        Assert.Equal("unsaved", ws.TryRead("./new/b.md", out _)!.Text);
        Assert.True(ws.FileExists("new/b.md"));
        Assert.Equal(new[] { "a.md", "new/b.md" }, ws.AllFiles());
        Assert.Equal("disk", File.ReadAllText(Path.Combine(repo.Root, "a.md")));
    }

    [Fact]
    public void A_buffer_over_the_size_limit_is_refused_as_the_file_would_be()
    {
        using var repo = new TempRepo();
        var ws = new Workspace(repo.Root, new Limits { MaxFileBytes = 10 }, new Dictionary<string, string> { ["big.md"] = "ééééé!" });
        Assert.Null(ws.TryRead("big.md", out var error));
        Assert.Equal("'big.md' is 11 bytes, over the 10-byte file size limit; it was not read", error);
    }

    [Fact]
    public void A_recording_view_logs_reads_and_sees_a_changed_buffer()
    {
        using var repo = new TempRepo(("ci.yml", "a: 1"));
        var log = new ReadLog();
        var ws = new Workspace(repo.Root);
        ws.Recording(log).TryRead("ci.yml", out _);
        Assert.True(log.StillHolds(new Workspace(repo.Root)));
        Assert.False(log.StillHolds(new Workspace(repo.Root, null, new Dictionary<string, string> { ["ci.yml"] = "a: 2" })));
    }
}
