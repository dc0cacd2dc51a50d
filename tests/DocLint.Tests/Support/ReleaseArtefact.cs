using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace DocLint.Tests.Support;

/// <summary>
/// A release artefact in the layout <c>.ci/release</c> publishes (issue 12): <c>doclint-VERSION-linux-x64.tar.gz</c>
/// holding the <c>doclint</c> executable at its root plus README.md, and <c>….tar.gz.sha256</c> in sha256sum format
/// (<c>HEX  FILENAME</c>). The executable is the native AOT binary (<see cref="NativeBinary"/>: <c>DOCLINT_NATIVE_BINARY</c>,
/// or published once per test run), exactly what a release tarball holds.
/// </summary>
public static class ReleaseArtefact
{
    public static string ArchiveName(string version) => $"doclint-{version}-linux-x64.tar.gz";

    /// <summary>The doclint the tests package: the native binary.</summary>
    public static byte[] DoclintExecutable() => File.ReadAllBytes(NativeBinary.Path);

    /// <summary>Writes the archive and its checksum file into <paramref name="dir"/>; returns their paths.
    /// <paramref name="executable"/> replaces the doclint inside (e.g. a program that must never run).</summary>
    public static (string Archive, string Checksum) Build(string dir, string version, byte[]? executable = null)
    {
        Directory.CreateDirectory(dir);
        var name = ArchiveName(version);
        var archive = Path.Combine(dir, name);
        using (var file = File.Create(archive))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            Add(tar, "doclint", executable ?? DoclintExecutable(),
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            Add(tar, "README.md", File.ReadAllBytes(Path.Combine(RepoPaths.Root, "README.md")),
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
        var checksum = archive + ".sha256";
        File.WriteAllText(checksum, $"{Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(archive)))}  {name}\n");
        return (archive, checksum);
    }

    private static void Add(TarWriter tar, string name, byte[] content, UnixFileMode mode)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { Mode = mode, DataStream = new MemoryStream(content) };
        tar.WriteEntry(entry);
    }
}
