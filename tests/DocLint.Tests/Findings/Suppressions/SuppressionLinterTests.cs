using System.Text;
using DocLint.Findings;
using DocLint.Linting;
using DocLint.Load;
using DocLint.Tests.Support;
using static DocLint.Tests.Support.BfDevDrift;

namespace DocLint.Tests.Findings.Suppressions;

/// <summary>Suppressions through <see cref="Linter.Run"/> on copies of the bf-dev fixture (CI, docs and all).</summary>
public class SuppressionLinterTests
{
    /// <summary>The legacy fan-out rule of release:fan-out removed: legacy-invoke fires at the release:fan-out job key
    /// (the job that should carry the rule).</summary>
    internal static readonly string LegacyDrift = Drift("    - if: $INVOKE_RELEASE == \"true\"\n", "");
    internal const string LegacyFindingLine = "release:fan-out:\n";
    /// <summary>orchestration:preflight's INVOKE_* rule, where the rule doc's unused-suppression example sits.</summary>
    private const string PreflightIf = "    - if: $INVOKE_CUT_OFF == \"true\" || $INVOKE_RELEASE == \"true\"\n";

    /// <summary>release:single's rule without its confirm condition: confirm-gate fires at that <c>- if:</c>.</summary>
    private static readonly string ConfirmDrift = Drift(
        " && \"$[[ inputs.confirm ]]\" == \"true\" && \"$[[ inputs.action ]]\" == \"deploy-release-branch-to-staging\" && \"$[[ inputs.project ]]\" != \"all\"",
        " && \"$[[ inputs.action ]]\" == \"deploy-release-branch-to-staging\" && \"$[[ inputs.project ]]\" != \"all\"");
    private const string ReleaseSingleIf = "    - if: '$CI_PIPELINE_SOURCE == \"web\" && \"$[[ inputs.action ]]\" == \"deploy-release-branch-to-staging\" && \"$[[ inputs.project ]]\" != \"all\"'\n";

    /// <summary>A copy of bf-dev with <paramref name="ci"/> as its root CI file (bytes as given) and extra files.</summary>
    internal static TempRepo Repo(string ci, params (string Path, string Text)[] extra) => Repo(Encoding.UTF8.GetBytes(ci), extra);

    private static TempRepo Repo(byte[] ci, params (string Path, string Text)[] extra)
    {
        var repo = BfDevDrift.CopyWithoutRegions();
        repo.WriteBytes(".gitlab-ci.yml", ci);
        foreach (var (p, t) in extra) repo.Write(p, t);
        return repo;
    }

    private static IReadOnlyList<Finding> Lint(TempRepo repo, params string[] named) =>
        Linter.Run(Project.Open(named.Length == 0 ? new[] { repo.Root } : named.Select(n => Path.Combine(repo.Root, n)).ToArray(), null)).Findings;

    private static string Before(string text, string line, string insert) => Drift(line, insert + line, text: text);

    [Fact]
    public void The_drifts_raise_their_rule_without_suppressions()
    {
        using (var repo = Repo(LegacyDrift))
            Assert.Equal(LineOf(LegacyDrift, LegacyFindingLine.Trim()), Only(Lint(repo), "legacy-invoke").Span.Line);
        using (var repo = Repo(ConfirmDrift))
            Assert.Equal(LineOf(ConfirmDrift, ReleaseSingleIf.Trim()), Only(Lint(repo), "confirm-gate").Span.Line);
    }

    [Theory]
    [InlineData("    # doclint-disable-next-line legacy-invoke -- staging schedule retired, CHG-1234\n\n    # reviewed by the release owners\n")]
    [InlineData("    # doclint-disable-next-line\n")]
    [InlineData("    #doclint-disable-next-line   legacy-invoke,legacy-invoke ,\n")]
    public void Next_line_suppresses_the_legacy_invoke_finding(string directive)
    {
        using var repo = Repo(Before(LegacyDrift, LegacyFindingLine, directive));
        Assert.Empty(Lint(repo));
    }

    [Fact]
    public void A_directive_inside_a_quoted_string_is_ignored()
    {
        var ci = Before(LegacyDrift, LegacyFindingLine, "    - { if: '$CI_COMMIT_TAG == \"# doclint-disable-next-line legacy-invoke\"', when: never }\n");
        using var repo = Repo(ci);
        var f = Only(Lint(repo), "legacy-invoke");
        Assert.Equal(LineOf(ci, LegacyFindingLine.Trim()), f.Span.Line);
    }

    [Fact]
    public void A_rule_list_reports_the_rule_that_suppressed_nothing()
    {
        var ci = Before(LegacyDrift, LegacyFindingLine, "    # doclint-disable-next-line legacy-invoke, composition\n");
        using var repo = Repo(ci);
        var f = Only(Lint(repo), "unused-suppression");
        var line = LineOf(ci, "doclint-disable-next-line");
        Assert.Equal((line, 48, Severity.Info), (f.Span.Line, f.Span.Column, f.Severity));
        Assert.Equal($"doclint-disable-next-line composition suppresses nothing: no composition finding on line {line + 1}; remove composition from it", f.Message);
    }

    [Fact]
    public void Confirm_gate_cannot_be_suppressed_inline_and_the_attempt_is_a_warning()
    {
        var ci = Before(ConfirmDrift, ReleaseSingleIf, "    # doclint-disable-next-line confirm-gate\n");
        using var repo = Repo(ci);
        var findings = Lint(repo);
        Assert.Equal(2, findings.Count);
        var gate = Assert.Single(findings, f => f.RuleId == "confirm-gate");
        Assert.Equal((Severity.Error, LineOf(ci, ReleaseSingleIf.Trim())), (gate.Severity, gate.Span.Line));
        var warning = Assert.Single(findings, f => f.RuleId == "unused-suppression");
        Assert.Equal((Severity.Warning, LineOf(ci, "# doclint-disable-next-line confirm-gate")), (warning.Severity, warning.Span.Line));
        Assert.Contains("can only be turned off in .doclint.yml", warning.Message);

        var all = Before(ConfirmDrift, ReleaseSingleIf, "    # doclint-disable-next-line\n");
        using var repo2 = Repo(all);
        Assert.Equal(new[] { "confirm-gate", "unused-suppression" }, Lint(repo2).Select(f => f.RuleId).Order());
    }

    [Fact]
    public void Only_the_config_can_make_confirm_gate_suppressible()
    {
        var ci = Before(ConfirmDrift, ReleaseSingleIf, "    # doclint-disable-next-line confirm-gate\n");
        using var repo = Repo(ci, (".doclint.yml", "unsuppressible: []\n"));
        Assert.Empty(Lint(repo));
    }

    [Fact]
    public void The_failing_example_of_the_rule_doc_is_what_the_clean_fixture_reports()
    {
        var ci = Before(CleanCi, PreflightIf, "    # doclint-disable-next-line legacy-invoke, confirm-gate\n");
        using var repo = Repo(ci);
        var findings = Lint(repo);
        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal("unused-suppression", f.RuleId));
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "rules", "unused-suppression.md"));
        Assert.All(findings, f => Assert.Contains($"`{f.Message}`", doc));
    }

    [Fact]
    public void Crlf_and_bom_ci_files_are_suppressed_by_line()
    {
        var ci = Before(LegacyDrift, LegacyFindingLine, "    # doclint-disable-next-line legacy-invoke\n").Replace("\n", "\r\n");
        using var repo = Repo(new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(ci)).ToArray());
        Assert.Empty(Lint(repo));

        var unused = Before(CleanCi, LegacyFindingLine, "    # doclint-disable-next-line legacy-invoke\n").Replace("\n", "\r\n");
        using var repo2 = Repo(new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(unused)).ToArray());
        var f = Only(Lint(repo2), "unused-suppression");
        Assert.Equal((LineOf(unused, "doclint-disable-next-line"), 33), (f.Span.Line, f.Span.Column));
    }

    [Fact]
    public void A_restricted_run_judges_only_the_directives_of_the_checked_docs()
    {
        const string md = "# Notes\n\n<!-- doclint-disable-next-line docs-coverage -->\nPlain prose.\n";
        using var repo = Repo(CleanCi, ("docs/notes-a.md", md), ("docs/notes-b.md", md), (".doclint.yml", "docs: [\"docs/**/*.md\"]\n"));
        Assert.Equal(new[] { "docs/notes-a.md", "docs/notes-b.md" },
            Lint(repo).Where(f => f.RuleId == "unused-suppression").Select(f => f.Span.Path).Order());
        Assert.Equal(new[] { "docs/notes-a.md" },
            Lint(repo, "docs/notes-a.md").Where(f => f.RuleId == "unused-suppression").Select(f => f.Span.Path));
    }

    [Fact]
    public void A_catalogue_file_is_read_for_directives_too()
    {
        var projects = string.Concat(new[] { "bf-manage-core", "bf-telematics", "bf-billing", "bf-portal", "bf-notifications", "bf-identity", "bf-reporting", "bf-integrations", "bf-mobile-api" }
            .Select(p => $"  - name: {p}\n"));
        var catalogue = "projects:\n  # doclint-disable-next-line legacy-invoke\n" + projects;
        using var repo = Repo(CleanCi, ("catalogue.yml", catalogue), (".doclint.yml", "catalogue: catalogue.yml\n"));
        var f = Only(Lint(repo), "unused-suppression");
        Assert.Equal(("catalogue.yml", 2), (f.Span.Path, f.Span.Line));
        // A rule that is off in config is not nagged about.
        repo.Write(".doclint.yml", "catalogue: catalogue.yml\nrules: { legacy-invoke: off }\n");
        Assert.Empty(Lint(repo));
    }
}
