using System.IO.Enumeration;
using System.Text;
using DocLint.Findings;

namespace DocLint.Load;

/// <summary>The text of a file read through a <see cref="Workspace"/>.</summary>
/// <remarks><see cref="Bytes"/> are the file's bytes as read; a doc set lets them go once parsed
/// (<c>MarkdownDocument.Compact</c>), so code that rewrites a file reads it again (as <c>Fixer</c> does).</remarks>
public sealed record SourceText(string Path, string Text, bool HadBom, byte[] Bytes);

/// <summary>
/// The repository root and the only way DocLint reads files: every path is resolved, confined to the
/// root (no '..', no absolute paths, no symlink leaving the root), size-limited and decoded as strict UTF-8.
/// Problems come back as a message for a finding, never as an exception.
/// </summary>
public sealed class Workspace
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <param name="overlay">Unsaved editor buffers by repository-relative path: a read of one of these paths returns
    /// the buffer's text instead of the file on disk (the language server, CONTRACT §10). Null: none.</param>
    public Workspace(string root, Limits? limits = null, IReadOnlyDictionary<string, string>? overlay = null)
    {
        Root = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar);
        if (Root.Length == 0) Root = "/";
        Limits = limits ?? Limits.Default;
        Overlay = overlay ?? EmptyOverlay;
    }

    private static readonly IReadOnlyDictionary<string, string> EmptyOverlay = new Dictionary<string, string>();

    /// <summary>A view of <paramref name="source"/> whose reads, existence checks and listing are recorded in <paramref name="log"/>.</summary>
    private Workspace(Workspace source, ReadLog log) : this(source.Root, source.Limits, source.Overlay)
    {
        _log = log;
        _parent = source;
    }

    public string Root { get; }
    public Limits Limits { get; }
    /// <summary>Unsaved buffers consulted before the disk (repository-relative path → text).</summary>
    public IReadOnlyDictionary<string, string> Overlay { get; }

    private readonly ReadLog? _log;
    private readonly Workspace? _parent;

    /// <summary>
    /// A view of this workspace that records what is read through it (file texts, existence answers, whether the listing
    /// was consulted), so a result built from it can later be reused while <see cref="ReadLog.StillHolds"/> says
    /// every recorded read would give the same answer (the language server's cached routing model).
    /// </summary>
    public Workspace Recording(ReadLog log) => new(this, log);

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
    private readonly object _listing = new();

    /// <summary>
    /// Every file under the root as a relative '/' path (sorted; .git skipped; symbolic links listed, not followed), bounded
    /// to <see cref="Limits.MaxListedFiles"/> files and ten times as many directory entries visited.
    /// </summary>
    public IReadOnlyList<string> AllFiles()
    {
        if (_parent != null)
        {
            var seen = _parent.AllFiles();
            if (_log != null) { _log.Listing = seen; _log.UsedListing = true; }
            return seen;
        }
        if (Volatile.Read(ref _allFiles) is { } listed) return listed;
        lock (_listing) return Volatile.Read(ref _allFiles) ?? ListAllFiles();
    }

    private static readonly EnumerationOptions Everything = new() { AttributesToSkip = 0, IgnoreInaccessible = false };
    private static readonly EnumerationOptions NoLinks = new() { AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = false };

    private List<string> ListAllFiles()
    {
        var list = new List<string>();
        var pending = new Stack<string>();
        pending.Push(Root);
        var visited = 0L;
        while (pending.Count > 0 && list.Count < Limits.MaxListedFiles && visited < 10L * Limits.MaxListedFiles)
        {
            var dir = pending.Pop();
            try
            {
                // Two passes over the directory's entries, neither of which stats a file: every entry (with whether
                // it is a directory), and the entries that are not symbolic links (the link bit comes with the
                // directory listing). A name in the first and not the second is a link.
                var plain = new HashSet<string>(new FileSystemEnumerable<string>(dir, (ref FileSystemEntry e) => e.FileName.ToString(), NoLinks),
                    StringComparer.Ordinal);
                foreach (var (name, isDirectory) in new FileSystemEnumerable<(string, bool)>(dir,
                             (ref FileSystemEntry e) => (e.FileName.ToString(), e.IsDirectory), Everything))
                {
                    if (++visited > 10L * Limits.MaxListedFiles || list.Count >= Limits.MaxListedFiles) break;
                    var full = Path.Join(dir, name);
                    // A symbolic link is listed as the file git stores it as, never followed: reading it goes
                    // through Read, which follows it inside the root and reports it when it leaves (a runbook
                    // replaced by a link cannot slip past the docs globs unchecked).
                    if (!plain.Contains(name))
                    {
                        if (ToRelative(full) is { } link) list.Add(link);
                        continue;
                    }
                    if (isDirectory)
                    {
                        if (name is ".git") continue;
                        pending.Push(full);
                    }
                    else if (ToRelative(full) is { } rel) list.Add(rel);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        // An unsaved buffer is a file of the repository, whether or not it was saved yet.
        foreach (var path in Overlay.Keys)
            if (NormalizeRelative(path) is { } rel) list.Add(rel);
        list.Sort(StringComparer.Ordinal);
        list = list.Distinct(StringComparer.Ordinal).ToList();
        Volatile.Write(ref _allFiles, list);
        return list;
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
        var exists = Exists(relative);
        _log?.Exists.TryAdd(relative, exists);
        return exists;
    }

    private bool Exists(string relative)
    {
        var rel = NormalizeRelative(relative);
        if (rel != null && Overlay.ContainsKey(rel)) return true;
        return rel != null && !rel.Contains('\0') && ConfinementError(rel) == null && FileKind.Of(FullPath(rel)) is FileKindValue.Regular or FileKindValue.Unknown;
    }

    /// <summary>Why reading this path would leave the repository (a symlink pointing outside), or null.</summary>
    /// <summary>Directories (full paths) already found to stay inside the root.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _confinedDirectories = new(StringComparer.Ordinal);

    public string? ConfinementError(string relative) => ConfinementError(relative, out _);

    /// <param name="kind">What the path is, when its last segment is not a symbolic link (learnt from the same
    /// <c>lstat</c>, so a read need not <c>stat</c> it again); null otherwise.</param>
    private string? ConfinementError(string relative, out FileKindValue? kind)
    {
        kind = null;
        var current = Root;
        try
        {
            var segments = relative.Split('/');
            for (var i = 0; i < segments.Length; i++)
            {
                current = Path.Combine(current, segments[i]);
                // A directory already found to be inside the root (not a link, or a link resolving inside) is not
                // resolved again for every file under it.
                var isDirectoryPrefix = i < segments.Length - 1;
                if (isDirectoryPrefix && _confinedDirectories.ContainsKey(current)) continue;
                if (!isDirectoryPrefix && FileKind.OfEntry(current) is { } entry)
                {
                    // The file itself, not a link: one lstat says what it is (and that it stays inside).
                    kind = entry;
                    return null;
                }
                // One lstat per segment; only a symbolic link is resolved (readlink).
                FileAttributes attributes;
                try { attributes = File.GetAttributes(current); }
                catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) { return null; } // missing: the read says so
                var isDirectory = (attributes & FileAttributes.Directory) != 0;
                if ((attributes & FileAttributes.ReparsePoint) != 0)
                {
                    FileSystemInfo info = isDirectory ? new DirectoryInfo(current) : new FileInfo(current);
                    FileSystemInfo? target;
                    try { target = info.ResolveLinkTarget(returnFinalTarget: true); }
                    catch (IOException) { return $"'{relative}' is a symbolic link that cannot be resolved (a loop?); it was not read"; }
                    if (target == null || ToRelative(target.FullName) == null)
                        return $"'{relative}' is a symbolic link pointing outside the repository; it was not read";
                }
                if (isDirectoryPrefix && isDirectory) _confinedDirectories.TryAdd(current, 0);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"'{relative}' cannot be resolved: {e.Message.ReplaceLineEndings(" ")}";
        }
        return null;
    }

    /// <summary>
    /// Reads a repository-relative file. Returns null and sets <paramref name="error"/> (one line, no path prefix)
    /// when the path is outside the root, missing, a directory, not a regular file, too large, binary or not UTF-8.
    /// </summary>
    public SourceText? TryRead(string relative, out string? error)
    {
        var source = Read(relative, out var failure);
        error = failure?.Message;
        return source;
    }

    /// <summary>
    /// As <see cref="TryRead"/>, with where in the file the problem is (the invalid byte of a file that is not
    /// UTF-8; otherwise line 1, column 1). A FIFO, socket or device is never opened (opening a FIFO blocks), and
    /// at most <see cref="Limits.MaxFileBytes"/> + 1 bytes are ever read, whatever the file claims its size is.
    /// </summary>
    public SourceText? Read(string relative, out ReadFailure? failure)
    {
        var source = ReadUnlogged(relative, out failure);
        _log?.Reads.TryAdd(relative, (source?.Text, failure?.Message));
        return source;
    }

    private SourceText? ReadUnlogged(string relative, out ReadFailure? failure)
    {
        failure = null;
        var rel = NormalizeRelative(relative);
        if (rel == null || rel.Contains('\0'))
        {
            failure = new ReadFailure($"'{relative}' is outside the repository; it was not read");
            return null;
        }
        if (ConfinementError(rel, out var kind) is { } confinement)
        {
            failure = new ReadFailure(confinement);
            return null;
        }
        if (Overlay.TryGetValue(rel, out var buffer)) return FromBuffer(rel, buffer, Limits, out failure);
        return ReadFile(FullPath(rel), rel, Limits, out failure, IsLink, kind);
    }

    /// <summary>An unsaved buffer read as its file would be: the same size limit (counted in UTF-8 bytes) and NUL check.</summary>
    private static SourceText? FromBuffer(string rel, string text, Limits limits, out ReadFailure? failure)
    {
        failure = null;
        var max = limits.MaxFileBytes;
        // At most 3 UTF-8 bytes per UTF-16 unit: only a long buffer is counted exactly.
        if ((long)text.Length * 3 > max && Encoding.UTF8.GetByteCount(text) is var n && n > max)
        {
            failure = new ReadFailure($"'{rel}' is {n} bytes, over the {max}-byte file size limit; it was not read");
            return null;
        }
        var nul = text.IndexOf('\0');
        if (nul >= 0)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            return DecodeBytes(rel, bytes, out failure);
        }
        return new SourceText(rel, text, false, Array.Empty<byte>());
    }

    /// <summary>
    /// Reads a file DocLint was explicitly pointed at outside any repository (<c>--config FILE</c>): not confined
    /// (symbolic links are followed), but with every other check of <see cref="Read"/>. Messages name <paramref name="display"/>.
    /// </summary>
    public static SourceText? ReadNamedFile(string fullPath, string display, Limits limits, out ReadFailure? failure) =>
        ReadFile(fullPath, display, limits, out failure, _ => null);

    private static SourceText? ReadFile(string full, string rel, Limits limits, out ReadFailure? failure, Func<string, string?> linkTarget,
        FileKindValue? known = null)
    {
        failure = null;
        var kind = known ?? FileKind.Of(full);
        switch (kind)
        {
            case FileKindValue.Missing:
                failure = new ReadFailure(linkTarget(full) is { } target
                    ? $"'{rel}' is a symbolic link to '{target}', which does not exist"
                    : $"'{rel}' does not exist");
                return null;
            case FileKindValue.Directory:
                failure = new ReadFailure($"'{rel}' is a directory, not a file");
                return null;
            case FileKindValue.Regular or FileKindValue.Unknown:
                break;
            default:
                failure = new ReadFailure($"'{rel}' is {FileKind.Describe(kind)}, not a regular file; it was not read");
                return null;
        }
        byte[] bytes;
        try
        {
            // A handle and positional reads (no FileStream): one fstat for the length, and a read of one byte more
            // than that, which comes back short at the end of the file (a file that grew is read on, bounded).
            using var handle = File.OpenHandle(full, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.None);
            var max = limits.MaxFileBytes;
            var length = RandomAccess.GetLength(handle);
            if (length > max)
            {
                failure = new ReadFailure($"'{rel}' is {length} bytes, over the {max}-byte file size limit; it was not read");
                return null;
            }
            bytes = ReadAtMost(handle, length, max + 1);
            if (bytes.Length > max)
            {
                failure = new ReadFailure($"'{rel}' is more than {max} bytes, over the file size limit; it was not read");
                return null;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            failure = new ReadFailure($"'{rel}' cannot be read: {e.Message.ReplaceLineEndings(" ")}");
            return null;
        }
        return DecodeBytes(rel, bytes, out failure);
    }

    /// <summary>
    /// Reads from the start of the file until its end or <paramref name="count"/> bytes, whichever comes first. A file
    /// whose length is known is read into one array of that length, then probed for one byte more (a file that grew
    /// since, or one that reports no length such as those under /proc, is read on through growing buffers, bounded).
    /// </summary>
    private static byte[] ReadAtMost(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long length, long count)
    {
        var bytes = new byte[(int)Math.Min(length, count)];
        var read = 0;
        while (read < bytes.Length)
        {
            var n = RandomAccess.Read(handle, bytes.AsSpan(read), read);
            if (n <= 0) return bytes[..read]; // shrank while being read
            read += n;
        }
        if (read >= count) return bytes;
        Span<byte> probe = stackalloc byte[1];
        if (RandomAccess.Read(handle, probe, read) <= 0) return bytes;
        var rest = new MemoryStream();
        rest.Write(bytes);
        rest.WriteByte(probe[0]);
        var chunk = new byte[16384];
        while (rest.Length < count)
        {
            var n = RandomAccess.Read(handle, chunk.AsSpan(0, (int)Math.Min(chunk.Length, count - rest.Length)), rest.Length);
            if (n <= 0) break;
            rest.Write(chunk, 0, n);
        }
        return rest.ToArray();
    }

    /// <summary>The target of a symbolic link at <paramref name="full"/>, or null when it is not one.</summary>
    private string? IsLink(string full)
    {
        try
        {
            var target = new FileInfo(full).LinkTarget;
            if (target == null) return null;
            var resolved = Path.GetFullPath(target, Path.GetDirectoryName(full)!);
            return ToRelative(resolved) ?? target;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Strict UTF-8 decoding with BOM handling; NUL bytes mark a binary file.</summary>
    public static SourceText? Decode(string rel, byte[] bytes, out string? error)
    {
        var source = DecodeBytes(rel, bytes, out var failure);
        error = failure?.Message;
        return source;
    }

    /// <summary>Strict UTF-8 decoding with BOM handling; NUL bytes mark a binary file. The failure says where.</summary>
    private static SourceText? DecodeBytes(string rel, byte[] bytes, out ReadFailure? failure)
    {
        failure = null;
        var nul = Array.IndexOf(bytes, (byte)0);
        if (nul >= 0)
        {
            var (line, col) = LineColumnOfByte(bytes, nul);
            failure = new ReadFailure($"'{rel}' is binary (NUL byte at offset {nul}), not text", line, col);
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
            failure = new ReadFailure($"'{rel}' is not valid UTF-8 (invalid byte at line {line}, column {col})", line, col);
            return null;
        }
    }

    /// <summary>
    /// 1-based line and column of a byte offset; the column counts UTF-16 code units of the (valid) text before it on
    /// its line, as finding columns do. A BOM at the start of the file is not a column.
    /// </summary>
    private static (int Line, int Column) LineColumnOfByte(byte[] bytes, int offset)
    {
        offset = Math.Clamp(offset, 0, bytes.Length);
        var lineStart = Array.LastIndexOf(bytes, (byte)'\n', Math.Max(0, offset - 1), offset) + 1;
        if (offset == 0) lineStart = 0;
        var line = 1;
        for (var i = 0; i < lineStart; i++) if (bytes[i] == (byte)'\n') line++;
        if (lineStart == 0 && offset >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) lineStart = 3;
        var prefix = Encoding.UTF8.GetString(bytes, lineStart, Math.Max(0, offset - lineStart));
        return (line, prefix.Length + 1);
    }
}

/// <summary>
/// What a build read through a recording <see cref="Workspace"/> (<see cref="Workspace.Recording"/>): each file's text
/// (or why it was not read), each existence answer, and whether the file listing was consulted.
/// </summary>
public sealed class ReadLog
{
    public System.Collections.Concurrent.ConcurrentDictionary<string, (string? Text, string? Failure)> Reads { get; } = new(StringComparer.Ordinal);
    public System.Collections.Concurrent.ConcurrentDictionary<string, bool> Exists { get; } = new(StringComparer.Ordinal);
    public bool UsedListing { get; set; }
    /// <summary>The listing seen, when it was consulted.</summary>
    public IReadOnlyList<string>? Listing { get; set; }

    /// <summary>True when every recorded read, existence answer and (if consulted) the listing are the same in <paramref name="now"/>.</summary>
    public bool StillHolds(Workspace now)
    {
        foreach (var (path, (text, failure)) in Reads)
        {
            var source = now.Read(path, out var f);
            if (!string.Equals(source?.Text, text, StringComparison.Ordinal) || !string.Equals(f?.Message, failure, StringComparison.Ordinal)) return false;
        }
        foreach (var (path, exists) in Exists)
            if (now.FileExists(path) != exists) return false;
        return !UsedListing || (Listing != null && now.AllFiles().SequenceEqual(Listing, StringComparer.Ordinal));
    }
}

/// <summary>Why a file was not read: one line without the path prefix, and where in the file (1-based).</summary>
public sealed record ReadFailure(string Message, int Line = 1, int Column = 1);
