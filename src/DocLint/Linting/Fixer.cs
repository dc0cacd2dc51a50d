using System.Text;
using DocLint.Findings;
using DocLint.Load;

namespace DocLint.Linting;

/// <summary>One rewrite <c>--fix</c> made: <c>path:line: from → to</c>; a multi-line one (a generated region) as
/// <c>path:line: N lines → M lines</c>, not the whole text.</summary>
public sealed record Rewrite(string Path, int Line, string From, string To)
{
    public override string ToString() =>
        From.Contains('\n') || To.Contains('\n') ? $"{Path}:{Line}: {Lines(From)} → {Lines(To)}" : $"{Path}:{Line}: {From} → {To}";

    private static string Lines(string text)
    {
        var n = text.Count(c => c == '\n') + (text.Length > 0 && text[^1] != '\n' ? 1 : 0);
        return n == 1 ? "1 line" : $"{n} lines";
    }
}

/// <summary>A file <c>--fix</c> could not rewrite; it was left as it was.</summary>
public sealed record FixFailure(string Path, string Reason)
{
    public override string ToString() => $"{Path}: not rewritten: {Reason}";
}

public sealed record FixReport(IReadOnlyList<Rewrite> Rewrites, IReadOnlyList<FixFailure> Failures);

/// <summary>Replaces a file's content as one step (the file has either its old or its new bytes, never a mix).</summary>
public interface IFileReplacer
{
    void Replace(string fullPath, byte[] content);
}

/// <summary>
/// Writes a temporary file beside the target (same directory, so the same file system), flushes it to disk, gives it
/// the target's permissions and renames it over the target. On failure the temporary file is removed and the target
/// is untouched.
/// </summary>
public sealed class AtomicFileReplacer : IFileReplacer
{
    public static AtomicFileReplacer Instance { get; } = new();

    public void Replace(string fullPath, byte[] content)
    {
        var dir = Path.GetDirectoryName(fullPath) ?? ".";
        var temp = Path.Combine(dir, $".{Path.GetFileName(fullPath)}.doclint-{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, File.GetUnixFileMode(fullPath));
            File.Move(temp, fullPath, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }
}

/// <summary>
/// Applies the unambiguous fixes of CONTRACT §7 (<see cref="Finding.Edit"/>): each file is re-read, every edit is
/// checked against the text it expects, the new bytes are spliced into the old ones (so the encoding, the BOM, the
/// line endings and every byte outside the rewritten spans stay exactly as they were) and written atomically.
/// A file that cannot be read, has changed, or cannot be written is reported and left untouched.
/// </summary>
public static class Fixer
{
    public static FixReport Apply(Workspace workspace, IEnumerable<Finding> findings, IFileReplacer? replacer = null)
    {
        replacer ??= AtomicFileReplacer.Instance;
        var rewrites = new List<Rewrite>();
        var failures = new List<FixFailure>();
        foreach (var (path, edits) in Select(findings))
        {
            var source = workspace.TryRead(path, out var error);
            if (source == null) { failures.Add(new FixFailure(path, error ?? "cannot be read")); continue; }
            var full = workspace.FullPath(source.Path);
            if (new FileInfo(full).LinkTarget != null) { failures.Add(new FixFailure(path, "it is a symbolic link")); continue; }
            var text = source.Text;
            var stale = edits.FirstOrDefault(e => e.Offset < 0 || e.Offset + e.Length > text.Length
                                                  || string.CompareOrdinal(text, e.Offset, e.Expected, 0, e.Length) != 0 || e.Expected.Length != e.Length);
            if (stale != null) { failures.Add(new FixFailure(path, "it changed since it was checked")); continue; }

            var bytes = Splice(source, edits);
            try { replacer.Replace(full, bytes); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failures.Add(new FixFailure(path, e.Message));
                continue;
            }
            foreach (var e in edits) rewrites.Add(new Rewrite(path, LineOf(text, e.Offset), e.Expected, e.Replacement));
        }
        return new FixReport(rewrites, failures);
    }

    /// <summary>
    /// The edits <c>--fix</c> applies, by path (in path order): each file's distinct edits in offset order, an edit
    /// overlapping an earlier one dropped. The language server's "fix all" offers the same set.
    /// </summary>
    public static IEnumerable<(string Path, IReadOnlyList<TextEdit> Edits)> Select(IEnumerable<Finding> findings)
    {
        var byPath = findings.Select(f => f.Edit).OfType<TextEdit>()
            .GroupBy(e => e.Path, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in byPath)
        {
            var edits = new List<TextEdit>();
            foreach (var e in group.DistinctBy(e => (e.Offset, e.Length)).OrderBy(e => e.Offset))
                if (edits.Count == 0 || edits[^1].Offset + edits[^1].Length <= e.Offset) edits.Add(e); // never overlap
            yield return (group.Key, edits);
        }
    }

    /// <summary>The file's bytes with each edit's UTF-8 bytes put in place of the bytes of the text it replaces.</summary>
    private static byte[] Splice(SourceText source, IReadOnlyList<TextEdit> edits)
    {
        var old = source.Bytes;
        var output = new MemoryStream(old.Length + 64);
        var bytePos = source.HadBom ? 3 : 0;
        output.Write(old, 0, bytePos);
        var charPos = 0;
        foreach (var e in edits)
        {
            var keep = Encoding.UTF8.GetByteCount(source.Text.AsSpan(charPos, e.Offset - charPos));
            output.Write(old, bytePos, keep);
            output.Write(Encoding.UTF8.GetBytes(e.Replacement));
            bytePos += keep + Encoding.UTF8.GetByteCount(source.Text.AsSpan(e.Offset, e.Length));
            charPos = e.Offset + e.Length;
        }
        output.Write(old, bytePos, old.Length - bytePos);
        return output.ToArray();
    }

    private static int LineOf(string text, int offset)
    {
        var line = 1;
        for (var i = 0; i < offset; i++) if (text[i] == '\n') line++;
        return line;
    }
}
