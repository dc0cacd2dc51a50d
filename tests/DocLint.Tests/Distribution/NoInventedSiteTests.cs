using System.Text.RegularExpressions;
using DocLint.Reporting;
using DocLint.Tests.Support;

namespace DocLint.Tests.Distribution;

/// <summary>
/// No output names a site that does not exist (issue 13): every http(s) host in every user-visible output — each
/// report format on a clean and a drifted repository, <c>rules</c>, every rule's page, <c>init</c>, <c>schema</c>,
/// <c>--help</c> of every command — and in the component template and the pre-commit manifest is a real public one
/// (GitLab's docs, the schema hosts the formats require) or the one the user configured with <c>--docs-url</c>.
/// </summary>
public class NoInventedSiteTests
{
    /// <summary>Real, public hosts an output may name: GitLab and its docs, and the schema URIs of JSON Schema and
    /// SARIF (format identifiers the files must carry), and pre-commit's own site.</summary>
    private static readonly string[] PublicHosts = { "docs.gitlab.com", "gitlab.com", "json-schema.org", "json.schemastore.org", "pre-commit.com" };
    private const string UserDocs = "https://docs.example.org/doclint/rules";

    private static readonly Regex Url = new(@"https?://([A-Za-z0-9.-]+)", RegexOptions.Compiled);

    private static IEnumerable<string> Hosts(string text) => Url.Matches(text).Select(m => m.Groups[1].Value.ToLowerInvariant());

    private static async Task<List<(string What, string Text)>> Outputs()
    {
        var outputs = new List<(string, string)>();
        async Task Run(string what, params string[] args)
        {
            var (_, stdout, stderr) = await CliRun.Run(args);
            outputs.Add((what, stdout + stderr));
        }
        using var drift = Processes.CopyFixture("drift/confirm-gate/one-rule-without-confirm");
        drift.WriteBytes("docs/operations/runbooks/obsolete.md", "# Run\n\nStart `action=cut-off project=all confirm=true`.\n"u8.ToArray());
        foreach (var repo in new[] { RepoPaths.Fixture("bf-dev"), drift.Root })
            foreach (var format in ReportOrder.Supported)
            {
                await Run($"check --format {format} {Path.GetFileName(repo)}", "check", repo, "--format", format, "--no-color");
                await Run($"check --format {format} --docs-url", "check", repo, "--format", format, "--docs-url", UserDocs);
            }
        await Run("rules", "rules");
        foreach (var rule in RuleCatalog.All)
        {
            await Run($"rules {rule.Id}", "rules", rule.Id);
            await Run($"rules {rule.Id} --docs-url", "rules", rule.Id, "--docs-url", UserDocs);
        }
        await Run("init --stdout", "init", RepoPaths.Fixture("bf-dev"), "--stdout");
        await Run("schema", "schema");
        await Run("--help", "--help");
        foreach (var command in new[] { "check", "explain", "rules", "init", "schema", "hook" })
            await Run($"{command} --help", command, "--help");
        await Run("explain --format markdown", "explain", RepoPaths.Fixture("bf-dev"), "--format", "markdown");
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "templates"), "*", SearchOption.AllDirectories))
            outputs.Add((Path.GetRelativePath(RepoPaths.Root, file), File.ReadAllText(file)));
        outputs.Add((".pre-commit-hooks.yaml", File.ReadAllText(Path.Combine(RepoPaths.Root, ".pre-commit-hooks.yaml"))));
        outputs.Add(("schema/*.json", string.Concat(Directory.GetFiles(Path.Combine(RepoPaths.Root, "schema")).Select(File.ReadAllText))));
        return outputs;
    }

    [Fact]
    public async Task Every_host_an_output_names_is_public_or_the_one_the_user_configured()
    {
        var outputs = await Outputs();
        var invented = outputs.SelectMany(o => Hosts(o.Text).Where(h => !PublicHosts.Contains(h) && h != "docs.example.org").Select(h => $"{o.What}: {h}"))
            .Distinct().ToList();
        Assert.True(invented.Count == 0, "hosts that are neither public nor configured:\n" + string.Join("\n", invented));
        // The configured docs URL is used (the test would pass vacuously if no output carried links at all) ...
        Assert.Contains(outputs, o => o.What == "rules confirm-gate --docs-url" && o.Text.Contains(UserDocs + "/confirm-gate.md"));
        Assert.Contains(outputs, o => o.What.StartsWith("check --format sarif --docs-url") && o.Text.Contains($"\"helpUri\": \"{UserDocs}/confirm-gate.md\""));
        // ... and without one, no rule link at all.
        Assert.All(outputs.Where(o => o.What.StartsWith("rules ") && !o.What.EndsWith("--docs-url")), o => Assert.DoesNotContain("More:", o.Text));
        Assert.All(outputs.Where(o => o.What.StartsWith("check --format sarif ") && !o.What.Contains("--docs-url")), o => Assert.DoesNotContain("helpUri", o.Text));
    }

    [Fact]
    public async Task The_docsUrl_config_key_gives_the_links_and_an_invalid_one_is_one_line_naming_its_place()
    {
        using var repo = Processes.CopyFixture("drift/confirm-gate/one-rule-without-confirm");
        repo.Write(".doclint.yml", "docsUrl: \"https://gitlab.example.com/tools/doclint/-/blob/main/rules/{rule}.md\"\n");
        var (code, sarif, _) = await CliRun.Run("check", repo.Root, "--format", "sarif");
        Assert.Equal(1, code);
        Assert.Contains("\"helpUri\": \"https://gitlab.example.com/tools/doclint/-/blob/main/rules/confirm-gate.md\"", sarif);
        // --docs-url wins over the config.
        var (_, flagged, _) = await CliRun.Run("check", repo.Root, "--format", "sarif", "--docs-url", UserDocs);
        Assert.Contains($"\"helpUri\": \"{UserDocs}/confirm-gate.md\"", flagged);

        repo.Write(".doclint.yml", "docsUrl: docs/rules\n");
        var (bad, _, err) = await CliRun.Run("check", repo.Root);
        Assert.Equal(2, bad);
        var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("doclint: error: .doclint.yml:1:10: docsUrl: ", line);
    }

    [Fact]
    public void The_scan_finds_an_invented_host()
    {
        // Negative control: the host extraction sees what the assertion must reject.
        Assert.Equal(new[] { "doclint.dev", "gitlab.com" }, Hosts("More: https://doclint.dev/rules/x and http://gitlab.com/a").ToArray());
    }
}
