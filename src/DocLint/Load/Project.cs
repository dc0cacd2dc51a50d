namespace DocLint.Load;

/// <summary>DocLint cannot do its job (bad usage, unreadable PATH, invalid config): exit 2 with this one-line message.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// What a command runs on: the repository root (a directory PATH, or for a file PATH the nearest ancestor with a
/// <c>.doclint.yml</c> or <c>.git</c>), its configuration, and the files named on the command line.
/// </summary>
public sealed record Project(Workspace Workspace, DocLintConfig Config, IReadOnlyList<string> NamedFiles)
{
    public const string ConfigFileName = ".doclint.yml";

    public static Project Open(IReadOnlyList<string> paths, string? configPath, Limits? limits = null)
    {
        if (paths.Count == 0) paths = new[] { "." };
        string? root = null;
        var named = new List<string>();
        foreach (var p in paths)
        {
            var full = Path.GetFullPath(p);
            string candidate;
            if (Directory.Exists(full)) candidate = full;
            else if (File.Exists(full))
            {
                candidate = FindRoot(Path.GetDirectoryName(full)!) ?? Path.GetDirectoryName(full)!;
                named.Add(full);
            }
            else throw new UsageException($"{p}: no such file or directory");
            if (root != null && root != candidate)
                throw new UsageException($"{p}: all paths must belong to one repository (root {root})");
            root = candidate;
        }
        var workspace = new Workspace(root!, limits);
        var relNamed = named.Select(f => workspace.ToRelative(f) ?? throw new UsageException($"{f}: outside the repository root {root}")).ToList();

        DocLintConfig config;
        var cfgFile = configPath != null ? Path.GetFullPath(configPath) : Path.Combine(workspace.Root, ConfigFileName);
        if (configPath != null && !File.Exists(cfgFile)) throw new UsageException($"{configPath}: config file not found");
        if (File.Exists(cfgFile))
        {
            var display = workspace.ToRelative(cfgFile) ?? cfgFile;
            byte[] bytes;
            try
            {
                var size = new FileInfo(cfgFile).Length;
                if (size > workspace.Limits.MaxFileBytes)
                    throw new UsageException($"{display}: config file is {size} bytes, over the {workspace.Limits.MaxFileBytes}-byte limit");
                bytes = File.ReadAllBytes(cfgFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UsageException($"{cfgFile}: cannot read config: {e.Message}"); }
            var source = Workspace.Decode(display, bytes, out var error) ?? throw new UsageException($"config file {error}");
            config = DocLintConfig.Parse(display, source.Text);
        }
        else config = DocLintConfig.Default;
        return new Project(workspace, config, relNamed);
    }

    private static string? FindRoot(string dir)
    {
        for (var d = new DirectoryInfo(dir); d != null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, ConfigFileName)) || Directory.Exists(Path.Combine(d.FullName, ".git")) || File.Exists(Path.Combine(d.FullName, ".git")))
                return d.FullName;
        }
        return null;
    }
}
