namespace DocLint;

/// <summary>Product facts shared by the CLI and the reporters.</summary>
public static class DocLintInfo
{
    /// <summary>The product version (Directory.Build.props), without the source-revision suffix.</summary>
    public static string Version { get; } =
        (typeof(DocLintInfo).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "0.0.0")
        .Split('+')[0];
    public const string HomeUri = "https://doclint.dev/";
    public const string HelpBase = HomeUri + "rules/";
}
