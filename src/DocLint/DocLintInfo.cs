namespace DocLint;

/// <summary>Product facts shared by the CLI and the reporters.</summary>
public static class DocLintInfo
{
    public const string Version = "0.1.0";
    public const string HomeUri = "https://doclint.dev/";
    public const string HelpBase = HomeUri + "rules/";
}
