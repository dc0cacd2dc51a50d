namespace DocLint;

/// <summary>Product facts shared by the CLI and the reporters.</summary>
public static class DocLintInfo
{
    /// <summary>The product version (Directory.Build.props), without the source-revision suffix.</summary>
    public static string Version { get; } =
        (typeof(DocLintInfo).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "0.0.0")
        .Split('+')[0];

    /// <summary>
    /// A rule's help link under the docs URL the user configured (config <c>docsUrl</c> or <c>--docs-url</c>), or null
    /// without one: DocLint has no web site of its own, so it never invents a link (the rule help is embedded instead).
    /// A <c>{rule}</c> in the URL is replaced by the rule id; otherwise <c>&lt;id&gt;.md</c> is appended, which is how
    /// a GitLab or GitHub file view of a <c>rules/</c> folder addresses a rule's page.
    /// </summary>
    public static string? RuleHelpUri(string? docsUrl, string ruleId)
    {
        if (string.IsNullOrEmpty(docsUrl)) return null;
        if (docsUrl.Contains("{rule}", StringComparison.Ordinal)) return docsUrl.Replace("{rule}", Uri.EscapeDataString(ruleId), StringComparison.Ordinal);
        return docsUrl.TrimEnd('/') + "/" + Uri.EscapeDataString(ruleId) + ".md";
    }

    /// <summary>True for an absolute http(s) URL with a host: what <c>docsUrl</c> / <c>--docs-url</c> accept.</summary>
    public static bool IsDocsUrl(string value) =>
        Uri.TryCreate(value.Replace("{rule}", "rule", StringComparison.Ordinal), UriKind.Absolute, out var u)
        && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp) && u.Host.Length > 0;
}
