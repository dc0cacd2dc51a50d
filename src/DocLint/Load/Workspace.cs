using System.Text;
using DocLint.Findings;

namespace DocLint.Load;

/// <summary>The text of a file read through a <see cref="Workspace"/>.</summary>
public sealed record SourceText(string Path, string Text, bool HadBom, byte[] Bytes);

/// <summary>
/// The repository root and the only way DocLint reads files: every path is resolved, confined to the
/// root (no '..', no absolute paths, no symlink leaving the root), size-limited and decoded as strict UTF-8.
/// Problems come back as a message for a finding, never as an exception.
/// </summary>
public sealed class Workspace
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public Workspace(string root, Limits? limits = null)
    {
        Root = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar);
        if (Root.Length == 0) Root = "/";
        Limits = limits ?? Limits.Default;
    }

    public string Root { get; }
    public Limits Limits { get; }

    /// <summary>Normalises a repository-relative path ('a/./b/../c' → 'a/c'); null when it is absolute or leaves the root.</summary>
    public static string? NormalizeRelative(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) return null;
        var p = path.Replace('\\', '/');
        if (p.StartsWith('/') || (p.Length > 1 && p[1] == ':')) return null;
        var parts = new List<string>();
        foreach (var seg in p.Split('/'))
        {
            if (seg.Length == 0 || seg == ".") continue;
            if (seg == "..")
            {
                if (parts.Count == 0) return null;
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(seg);
        }
        return parts.Count == 0 ? null : string.Join('/', parts);
    }

    /// <summary>Repository-relative '/' path of a full path under the root, or null when outside.</summary>
    public string? ToRelative(string fullPath)
    {
        var full = Path.GetFullPath(fullPath);
        if (full == Root) return "";
        var prefix = Root.EndsWith(Path.DirectorySeparatorChar) ? Root : Root + Path.DirectorySeparatorChar;
        if (!full.StartsWith(prefix, StringComparison.Ordinal)) return null;
        return full[prefix.Length..].Replace(Path.DirectorySeparatorChar, '/');
    }

    private List<string>? _allFiles;

    /// <summary>
    /// Every regular file under the root as a relative '/' path (sorted; .git skipped; symbolic links not followed),
    /// bounded to 200,000 entries.
    /// </summary>
    public IReadOnlyList<string> AllFiles()
    {
        if (_allFiles != null) return _allFiles;
        var list = new List<string>();
        var pending = new Stack<string>();
        pending.Push(Root);
        while (pending.Count > 0 && list.Count < 200_000)
        {
            var dir = pending.Pop();
            IEnumerable<FileSystemInfo> entries;
            try { entries = new DirectoryInfo(dir).EnumerateFileSystemInfos(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            foreach (var entry in entries)
            {
                if (entry.LinkTarget != null) continue;
                if (entry is DirectoryInfo d)
                {
                    if (d.Name is ".git") continue;
                    pending.Push(d.FullName);
                }
                else if (ToRelative(entry.FullName) is { } rel) list.Add(rel);
            }
        }
        list.Sort(StringComparer.Ordinal);
        return _allFiles = list;
    }

    /// <summary>True when a file matches the glob (<c>*</c>, <c>**</c>), as <c>rules:exists</c> asks.</summary>
    public bool AnyFileMatches(string pattern)
    {
        var p = pattern.TrimStart('/');
        if (p.IndexOfAny(new[] { '*', '?', '[' }) < 0) return FileExists(p);
        var matcher = new Microsoft.Extensions.FileSystemGlobbing.Matcher(StringComparison.Ordinal);
        matcher.AddInclude(p);
        return AllFiles().Any(f => Microsoft.Extensions.FileSystemGlobbing.MatcherExtensions.Match(matcher, f).HasMatches);
    }

    public string FullPath(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>True when the normalised relative path exists as a regular file inside the root.</summary>
    public bool FileExists(string relative)
    {
        var rel = NormalizeRelative(relative);
        return rel != null && ConfinementError(rel) == null && File.Exists(FullPath(rel));
    }

    /// <summary>Why reading this path would leave the repository (a symlink pointing outside), or null.</summary>
    public string? ConfinementError(string relative)
    {
        var current = Root;
        foreach (var seg in relative.Split('/'))
        {
            current = Path.Combine(current, seg);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (!info.Exists || info.LinkTarget == null) continue;
            FileSystemInfo? target;
            try { target = info.ResolveLinkTarget(returnFinalTarget: true); }
            catch (IOException) { return $"'{relative}' is a symbolic link that cannot be resolved"; }
            if (target == null || ToRelative(target.FullName) == null)
                return $"'{relative}' is a symbolic link pointing outside the repository; it was not read";
        }
        return null;
    }

    /// <summary>
    /// Reads a repository-relative file. Returns null and sets <paramref name="error"/> (one line, no path prefix)
    /// when the path is outside the root, missing, a directory, too large, binary or not UTF-8.
    /// </summary>
    public SourceText? TryRead(string relative, out string? error)
    {
        error = null;
        var rel = NormalizeRelative(relative);
        if (rel == null)
        {
            error = $"'{relative}' is outside the repository; it was not read";
            return null;
        }
        error = ConfinementError(rel);
        if (error != null) return null;
        var full = FullPath(rel);
        if (Directory.Exists(full)) { error = $"'{rel}' is a directory, not a file"; return null; }
        byte[] bytes;
        try
        {
            var info = new FileInfo(full);
            if (!info.Exists) { error = $"'{rel}' does not exist"; return null; }
            if (info.Length > Limits.MaxFileBytes)
            {
                error = $"'{rel}' is {info.Length} bytes, over the {Limits.MaxFileBytes}-byte file size limit; it was not read";
                return null;
            }
            bytes = File.ReadAllBytes(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"'{rel}' cannot be read: {e.Message}";
            return null;
        }
        return Decode(rel, bytes, out error);
    }

    /// <summary>Strict UTF-8 decoding with BOM handling; NUL bytes mark a binary file.</summary>
    public static SourceText? Decode(string rel, byte[] bytes, out string? error)
    {
        error = null;
        var nul = Array.IndexOf(bytes, (byte)0);
        if (nul >= 0)
        {
            error = $"'{rel}' is binary (NUL byte at offset {nul}), not text";
            return null;
        }
        var bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        try
        {
            var text = StrictUtf8.GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0));
            return new SourceText(rel, text, bom, bytes);
        }
        catch (DecoderFallbackException e)
        {
            var offset = e.Index >= 0 ? e.Index + (bom ? 3 : 0) : -1;
            var (line, col) = offset >= 0 ? LineColumnOfByte(bytes, offset) : (1, 1);
            error = $"'{rel}' is not valid UTF-8 (invalid byte at line {line}, column {col})";
            return null;
        }
    }

    private static (int Line, int Column) LineColumnOfByte(byte[] bytes, int offset)
    {
        int line = 1, col = 1;
        for (var i = 0; i < offset && i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n') { line++; col = 1; }
            else if ((bytes[i] & 0xC0) != 0x80) col++;
        }
        return (line, col);
    }
}
