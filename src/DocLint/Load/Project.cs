namespace DocLint.Load;

/// <summary>DocLint cannot do its job (bad usage, unreadable PATH, invalid config): exit 2 with this one-line message.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// What a command runs on: the repository root, its configuration, and the files and directories named on the command
/// line. The root is found as ruff, eslint and markdownlint-cli2 find theirs: from each PATH (a file's directory, or the
/// directory itself) up to the nearest directory holding a <c>.doclint.yml</c>, a <c>.gitlab-ci.yml</c> or a
/// <c>.git</c> (the git top level); with none above, the directory PATH itself. A PATH that is the root checks the whole
/// repository. A file PATH, or a directory PATH below the root, selects: the docs rules check the docs named or under
/// it, and only findings in those files are reported (the CI and catalogue are still read from the root as context).
/// Reported paths are always relative to the root, wherever the command runs.
/// </summary>
public sealed record Project(Workspace Workspace, DocLintConfig Config, IReadOnlyList<string> NamedFiles)
{
    public const string ConfigFileName = ".doclint.yml";

    /// <summary>Directories named on the command line below the root (repository-relative, no trailing '/').</summary>
    public IReadOnlyList<string> NamedDirectories { get; init; } = Array.Empty<string>();

    /// <summary>Whether the command line selected files or directories below the root (else: the whole repository).</summary>
    public bool Selects => NamedFiles.Count > 0 || NamedDirectories.Count > 0;

    /// <summary>Whether a repository-relative path is one of the named files or under a named directory.</summary>
    public bool Selected(string path) =>
        NamedFiles.Contains(path, StringComparer.Ordinal)
        || NamedDirectories.Any(d => path.StartsWith(d + "/", StringComparison.Ordinal));

    public static Project Open(IReadOnlyList<string> paths, string? configPath, Limits? limits = null)
    {
        if (paths.Count == 0) paths = new[] { "." };
        string? root = null;
        var named = new List<string>();
        var namedDirs = new List<string>();
        foreach (var p in paths)
        {
            var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(p));
            string candidate;
            if (Directory.Exists(full))
            {
                candidate = FindRoot(full) ?? full;
                if (candidate != full) namedDirs.Add(full);
            }
            else if (File.Exists(full))
            {
                candidate = FindRoot(Path.GetDirectoryName(full)!) ?? Path.GetDirectoryName(full)!;
                named.Add(full);
            }
            else throw new UsageException($"{p}: no such file or directory");
            if (root != null && root != candidate)
                throw new UsageException($"{p}: all paths must belong to one repository (this one is outside {paths[0]}'s)");
            root = candidate;
        }
        var workspace = new Workspace(root!, limits);
        var relNamed = named.Select(f => workspace.ToRelative(f) ?? throw new UsageException($"{f}: outside the repository root")).ToList();
        var relDirs = namedDirs.Select(d => workspace.ToRelative(d) ?? throw new UsageException($"{d}: outside the repository root")).ToList();

        DocLintConfig config;
        var cfgFile = configPath != null ? Path.GetFullPath(configPath) : Path.Combine(workspace.Root, ConfigFileName);
        if (configPath != null && !File.Exists(cfgFile)) throw new UsageException($"{configPath}: config file not found");
        var cfgRelative = workspace.ToRelative(cfgFile);
        if (File.Exists(cfgFile) || (configPath == null && (Directory.Exists(cfgFile) || new FileInfo(cfgFile).LinkTarget != null)))
        {
            // The repository's own .doclint.yml is read like every other repository file (confined, bounded, strict
            // UTF-8); a --config FILE outside the repository is the user's choice, so only its symbolic links are trusted.
            var display = cfgRelative ?? cfgFile;
            var source = cfgRelative is { Length: > 0 }
                ? workspace.Read(cfgRelative, out var failure)
                : Workspace.ReadNamedFile(cfgFile, display, workspace.Limits, out failure);
            if (source == null) throw new ConfigException(new[] { $"{display}:{failure!.Line}:{failure.Column}: cannot read the config: {failure.Message}" });
            config = DocLintConfig.Parse(display, source.Text);
        }
        else config = DocLintConfig.Default;
        return new Project(workspace, config, relNamed) { NamedDirectories = relDirs };
    }

    /// <summary>
    /// The project at <paramref name="workspace"/>'s root with its <c>.doclint.yml</c> read through the workspace, so an
    /// unsaved buffer of it counts (the language server); none = the embedded default. An invalid config throws
    /// <see cref="ConfigException"/> as for <see cref="Open"/>.
    /// </summary>
    /// <param name="parse">Parses the config text (the language server reuses the last config while its text is the same); default <see cref="DocLintConfig.Parse"/>.</param>
    public static Project AtRoot(Workspace workspace, Func<string, string, DocLintConfig>? parse = null)
    {
        parse ??= DocLintConfig.Parse;
        if (!workspace.FileExists(ConfigFileName) && !Directory.Exists(workspace.FullPath(ConfigFileName)))
            return new Project(workspace, DocLintConfig.Default, Array.Empty<string>());
        var source = workspace.Read(ConfigFileName, out var failure);
        if (source == null) throw new ConfigException(new[] { $"{ConfigFileName}:{failure!.Line}:{failure.Column}: cannot read the config: {failure.Message}" });
        return new Project(workspace, parse(ConfigFileName, source.Text), Array.Empty<string>());
    }

    /// <summary>The repository root for a directory, as <c>check</c> finds it for a file PATH: the nearest ancestor (or the
    /// directory itself) with a <c>.doclint.yml</c> or <c>.git</c>; null when there is none.</summary>
    public static string? DiscoverRoot(string dir) => FindRoot(dir);

    private static string? FindRoot(string dir)
    {
        for (var d = new DirectoryInfo(dir); d != null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, ConfigFileName)) || File.Exists(Path.Combine(d.FullName, ".gitlab-ci.yml"))
                || Directory.Exists(Path.Combine(d.FullName, ".git")) || File.Exists(Path.Combine(d.FullName, ".git")))
                return d.FullName;
        }
        return null;
    }
}
