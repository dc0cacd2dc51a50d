using System.Runtime.InteropServices;

namespace DocLint.Load;

/// <summary>What a path is, without opening it (opening a FIFO blocks until a writer appears).</summary>
public enum FileKindValue { Missing, Regular, Directory, Fifo, Socket, CharacterDevice, BlockDevice, Other, Unknown }

/// <summary>
/// Classifies a path with <c>stat</c> (following symbolic links). .NET has no public API for the Unix file type,
/// so this calls the runtime's own native shim (<c>SystemNative_Stat</c> in <c>libSystem.Native</c>, shipped with
/// every .NET runtime on Unix), whose <c>FileStatus</c> starts with two <c>int32</c>s: flags, then the mode with
/// the portable <c>S_IF*</c> type bits. On Windows, or if the shim is not there, the answer is
/// <see cref="FileKindValue.Unknown"/> and the caller relies on its bounded read.
/// </summary>
public static class FileKind
{
    private const int TypeMask = 0xF000, Fifo = 0x1000, Chr = 0x2000, Dir = 0x4000, Blk = 0x6000, Reg = 0x8000, Sock = 0xC000;

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] status);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", SetLastError = true)]
    private static extern int LStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] status);

    private const int Lnk = 0xA000;

    private static bool _unavailable;

    /// <summary>
    /// What the path itself is, without following a symbolic link (<c>lstat</c>): null when it is a link, when it
    /// cannot be examined, or when <c>lstat</c> is not available here; otherwise the same answer as <see cref="Of"/>.
    /// </summary>
    public static FileKindValue? OfEntry(string fullPath) =>
        OperatingSystem.IsWindows() || _unavailable ? null
        : TypeBits(LStat, fullPath) switch { null or Lnk => null, var type => Classify(type.Value) };

    public static FileKindValue Of(string fullPath)
    {
        if (OperatingSystem.IsWindows() || _unavailable)
            return File.Exists(fullPath) ? FileKindValue.Unknown : Directory.Exists(fullPath) ? FileKindValue.Directory : FileKindValue.Missing;
        var type = TypeBits(Stat, fullPath);
        if (_unavailable) return Of(fullPath);
        return type is { } t ? Classify(t) : FileKindValue.Missing;
    }

    /// <summary>The <c>S_IF*</c> type bits of the path by <paramref name="call"/> (stat or lstat); null when the call
    /// fails (missing, not allowed) or the shim is not there (then <see cref="_unavailable"/> is set).</summary>
    private static int? TypeBits(Func<string, byte[], int> call, string fullPath)
    {
        if (fullPath.Contains('\0')) return null;
        var status = new byte[256]; // FileStatus is about 120 bytes; the spare room keeps a future field from overrunning
        try
        {
            if (call(fullPath, status) != 0) return null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or MarshalDirectiveException)
        {
            _unavailable = true;
            return null;
        }
        return BitConverter.ToInt32(status, 4) & TypeMask;
    }

    private static FileKindValue Classify(int type) =>
        type switch
        {
            Reg => FileKindValue.Regular,
            Dir => FileKindValue.Directory,
            Fifo => FileKindValue.Fifo,
            Sock => FileKindValue.Socket,
            Chr => FileKindValue.CharacterDevice,
            Blk => FileKindValue.BlockDevice,
            _ => FileKindValue.Other,
        };

    /// <summary>"a FIFO (named pipe)", "a socket", ... for messages.</summary>
    public static string Describe(FileKindValue kind) => kind switch
    {
        FileKindValue.Fifo => "a FIFO (named pipe)",
        FileKindValue.Socket => "a socket",
        FileKindValue.CharacterDevice => "a character device",
        FileKindValue.BlockDevice => "a block device",
        FileKindValue.Directory => "a directory",
        _ => "not a regular file",
    };
}
