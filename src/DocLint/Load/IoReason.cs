namespace DocLint.Load;

/// <summary>
/// Why a file could not be read or written, in a few words and without the absolute path .NET puts in its exception
/// messages: every message DocLint prints names the path as the user wrote it (or repository-relative), never the
/// machine's directory layout.
/// </summary>
public static class IoReason
{
    public static string Of(Exception e, string? path = null)
    {
        if (path != null && Directory.Exists(path)) return "is a directory, not a file";
        return e switch
        {
            FileNotFoundException => "no such file",
            DirectoryNotFoundException => "no such directory",
            UnauthorizedAccessException => "permission denied",
            PathTooLongException => "path too long",
            _ => WithoutPaths(e.Message),
        };
    }

    /// <summary>The message with every quoted or bare absolute path replaced by its file name.</summary>
    public static string WithoutPaths(string message) =>
        System.Text.RegularExpressions.Regex.Replace(message.ReplaceLineEndings(" ").TrimEnd('.'),
            @"(?<=^|[\s'""(])/(?:[^\s'"":]+/)*([^\s'"":/]+)", m => m.Groups[1].Value);
}
