using DocLint.Findings;

namespace DocLint.Load;

/// <summary>Where the configuration says something: the place a finding about a configured path belongs.</summary>
public static class ConfigLocation
{
    /// <summary>Whether the configuration is a file of the repository (not the embedded default, not a --config elsewhere).</summary>
    public static bool InRepository(DocLintConfig config) => config.Source != "(default)" && !Path.IsPathRooted(config.Source);

    /// <summary>The config file's first line and column where <paramref name="needle"/> is written (after a
    /// <paramref name="key"/> when given); null when the configuration is not a repository file or does not name it.</summary>
    public static SourceSpan? Of(Workspace workspace, DocLintConfig config, string needle, string? key = null)
    {
        if (!InRepository(config)) return null;
        var text = workspace.TryRead(config.Source, out _)?.Text;
        if (text == null) return null;
        var from = key == null ? 0 : Math.Max(0, text.IndexOf(key + ":", StringComparison.Ordinal));
        var at = text.IndexOf(needle, from, StringComparison.Ordinal);
        if (at < 0) return null; // a default the file does not restate
        var line = 1;
        for (var i = 0; i < at; i++) if (text[i] == '\n') line++;
        return SourceSpan.At(config.Source, line, at - text.LastIndexOf('\n', Math.Max(0, at - 1)));
    }
}
