using System.Text;
using DocLint.Findings;
using DocLint.Linting;
using DocLint.Load;
using DocLint.Reporting;
using DocLint.Rules;
using DocLint.Tests.Support;

namespace DocLint.Tests.Rules;

/// <summary>
/// The release-train rules (train-order, train-coverage, playbook-steps) end to end through <see cref="Linter"/>, on
/// the bundled fixtures and on small repositories; the fixtures' exact findings are in their expected.txt.
/// </summary>
public class TrainRulesTests
{
    private const string Config = "ci: null\ncatalogue: catalogue.yml\ndocs: []\nrequiredDocs: []\nplaybooks: [\"docs/*.md\"]\n";
    private const string Catalogue = "projects:\n  - name: infra-core\n  - name: api-core\n    dependsOn: [infra-core]\n  - name: web-app\n    dependsOn: [api-core]\n";
    private const string Order = "## Release Order\n\n```\nLevel 1\n├── infra-core\nLevel 2\n├── api-core\nLevel 3\n└── web-app\n```\n";

    private static IReadOnlyList<Finding> Check(string dir, params string[] only) =>
        Linter.Run(Project.Open(only.Length == 0 ? new[] { dir } : only.Select(f => Path.Combine(dir, f)).ToArray(), null)).Findings;

    private static IReadOnlyList<Finding> CheckRepo(string playbook, string? config = null, string? catalogue = null)
    {
        using var repo = new TempRepo((".doclint.yml", config ?? Config), ("catalogue.yml", catalogue ?? Catalogue), ("docs/train.md", playbook));
        return Check(repo.Root);
    }

    private static List<string> RuleLineMessage(IEnumerable<Finding> findings) =>
        findings.Select(f => $"{f.RuleId} {f.Span.Path}:{f.Span.Line} {f.Message}").ToList();

    // ------------------------------------------------------------------ the seed and its broken copy

    [Fact]
    public void The_fixture_playbooks_are_the_seeds_verbatim()
    {
        var seeds = Path.Combine(RepoPaths.Shared, "seeds");
        Assert.True(Directory.Exists(seeds), $"the shared seeds are missing: expected {seeds}");
        Assert.Equal(File.ReadAllBytes(Path.Combine(seeds, "release-train-playbook.md")),
            File.ReadAllBytes(RepoPaths.Fixture("release-train/docs/release/release-train.md")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(seeds, "release-train-playbook.as-received.md")),
            File.ReadAllBytes(RepoPaths.Fixture("release-train-as-received/docs/release/release-train.md")));
    }

    [Fact]
    public void The_as_received_playbook_gives_exactly_the_findings_of_the_repaired_one()
    {
        var repaired = RuleLineMessage(Check(RepoPaths.Fixture("release-train")));
        var received = RuleLineMessage(Check(RepoPaths.Fixture("release-train-as-received")));
        Assert.Equal(5, repaired.Count);
        Assert.Equal(repaired, received);
    }

    [Fact]
    public void The_seed_report_names_the_staging_gaps_with_distinct_fingerprints()
    {
        var findings = Check(RepoPaths.Fixture("release-train"));
        Assert.All(findings, f => Assert.Equal(("train-coverage", Severity.Warning, 50, 1), (f.RuleId, f.Severity, f.Span.Line, f.Span.Column)));
        foreach (var name in new[] { "blackroad-os-archive", "blackroad-os-pack-*", "blackroad-os-prism-console", "blackroad-os-docs", "blackroad-os-home" })
            Assert.Single(findings, f => f.Message.Contains(name + " (level", StringComparison.Ordinal));
        Assert.Equal(5, Fingerprints.Compute(findings).Distinct().Count());
    }

    public static TheoryData<string, int, bool> ReleaseTrainFixtures()
    {
        var data = new TheoryData<string, int, bool>();
        foreach (var dir in Directory.GetDirectories(RepoPaths.Fixture("release-train-rules")).Append(RepoPaths.Fixture("release-train")).Append(RepoPaths.Fixture("release-train-fixed")).Order(StringComparer.Ordinal))
            foreach (var page in new[] { 1252, 1254 })
                data.Add(Path.GetRelativePath(RepoPaths.Fixtures, dir).Replace('\\', '/'), page, page == 1252);
        return data;
    }

    [Theory]
    [MemberData(nameof(ReleaseTrainFixtures))]
    public void Breaking_the_emoji_of_any_fixture_playbook_changes_no_finding(string fixture, int codePage, bool keepUndefined)
    {
        var dir = RepoPaths.Fixture(fixture);
        using var repo = new TempRepo();
        foreach (var file in Directory.GetFiles(dir, "*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(dir, file);
            var text = File.ReadAllText(file);
            repo.Write(rel, rel.EndsWith(".md", StringComparison.Ordinal) ? Mojibake.Break(text, codePage, keepUndefined) : text);
        }
        Assert.Equal(RuleLineMessage(Check(dir)), RuleLineMessage(Check(repo.Root)));
    }

    // ------------------------------------------------------------------ train-order

    [Fact]
    public void A_playbook_without_a_release_order_is_one_finding_at_its_start()
    {
        var f = Assert.Single(CheckRepo("# Train\n\nNo order here.\n"));
        Assert.Equal(("train-order", "docs/train.md", 1, 1), (f.RuleId, f.Span.Path, f.Span.Line, f.Span.Column));
        Assert.Contains("has no release order; expected a section whose heading contains \"Release Order\" listing the 3 projects of catalogue.yml", f.Message);
    }

    [Fact]
    public void A_release_order_without_levels_is_one_finding_at_its_heading()
    {
        var f = Assert.Single(CheckRepo("# Train\n\n## Release Order\n\n- infra-core\n"));
        Assert.Equal(("train-order", 3), (f.RuleId, f.Span.Line));
        Assert.Contains("lists no `Level N` lines", f.Message);
    }

    [Fact]
    public void The_order_is_judged_against_dependsOn_not_against_the_computed_levels()
    {
        // Listing web-app later than needed is fine; listing it beside what it depends on is not.
        Assert.Empty(CheckRepo(Order.Replace("Level 3\n└── web-app", "Level 3\nLevel 7\n└── web-app")));
        var f = Assert.Single(CheckRepo(Order.Replace("Level 3\n└── web-app", "└── web-app")));
        Assert.Equal(("train-order", 8, 5), (f.RuleId, f.Span.Line, f.Span.Column));
        Assert.Equal("web-app is at level 2 but depends on api-core, also at level 2; expected web-app at a level after 2", f.Message);
    }

    [Fact]
    public void An_explicit_name_wins_over_a_wildcard_and_two_wildcards_list_a_project_twice()
    {
        var catalogue = Catalogue + "  - name: pack-a\n    dependsOn: [api-core]\n  - name: pack-b\n    dependsOn: [web-app]\n";
        Assert.Empty(CheckRepo(Order.Replace("└── web-app", "├── web-app\n├── pack-a\nLevel 4\n└── pack-*"), catalogue: catalogue));
        var findings = CheckRepo(Order.Replace("└── web-app", "├── web-app\n├── pack-a\nLevel 4\n├── pack-*\n└── pack-b*"), catalogue: catalogue);
        var f = Assert.Single(findings);
        Assert.Equal("pack-b is listed twice in the release order: by pack-* (level 4) and by pack-b* (level 4); expected each repository once", f.Message);
    }

    [Fact]
    public void A_wildcard_that_matches_nothing_is_an_error()
    {
        var f = Assert.Single(CheckRepo(Order.Replace("└── web-app", "├── web-app\n└── pack-*")));
        Assert.Equal("wildcard pack-* matches no project of catalogue.yml; expected at least one project whose name starts with pack-", f.Message);
    }

    [Fact]
    public void A_cycle_is_an_error_even_without_playbooks_and_names_its_dependencies()
    {
        var catalogue = "projects:\n  - name: a\n    dependsOn: [c]\n  - name: b\n    dependsOn: [a]\n  - name: c\n    dependsOn: [b]\n";
        using var repo = new TempRepo((".doclint.yml", Config.Replace("playbooks: [\"docs/*.md\"]", "playbooks: []")), ("catalogue.yml", catalogue));
        var f = Assert.Single(Check(repo.Root));
        Assert.Equal(("train-order", Severity.Error, "catalogue.yml", 3, 17), (f.RuleId, f.Severity, f.Span.Path, f.Span.Line, f.Span.Column));
        Assert.StartsWith("dependsOn cycle a → c → b → a:", f.Message);
    }

    // ------------------------------------------------------------------ train-coverage

    private static string Phase(params string[] rows) =>
        "# Train\n\n### Phase 1: Staging\n\n| Step | Action | Owner |\n|---|---|---|\n"
        + string.Concat(rows.Select((r, i) => $"| 1.{i + 1} | {r} | Team |\n")) + "\n" + Order;

    [Fact]
    public void A_phase_that_deploys_every_repository_in_level_order_is_clean() =>
        Assert.Empty(CheckRepo(Phase("Deploy `infra-core`", "Deploy `api-core`", "Smoke test", "Deploy `web-app`")));

    [Fact]
    public void A_phase_that_names_no_repository_is_not_checked() =>
        Assert.Empty(CheckRepo(Phase("Deploy backend services", "Deploy frontend (canary)")));

    [Fact]
    public void A_wildcard_deploy_covers_its_matches()
    {
        var catalogue = Catalogue.Replace("web-app", "app-web") + "  - name: app-admin\n    dependsOn: [api-core]\n";
        var order = Order.Replace("└── web-app", "└── app-*");
        Assert.Empty(CheckRepo(Phase("Deploy `infra-core`", "Deploy `api-core`", "Deploy `app-*`").Replace(Order, order), catalogue: catalogue));
    }

    [Fact]
    public void Out_of_level_order_is_reported_at_the_late_step()
    {
        var findings = CheckRepo(Phase("Deploy `infra-core`", "Deploy `web-app`", "Deploy `api-core`"));
        var f = Assert.Single(findings);
        Assert.Equal(("train-coverage", Severity.Warning, 9, 17), (f.RuleId, f.Severity, f.Span.Line, f.Span.Column));
        Assert.Equal("step 1.3 deploys api-core (level 2) after step 1.2 deployed web-app (level 3); expected Phase 1 to deploy every level-2 repository before any level-3 one", f.Message);
    }

    [Fact]
    public void A_missing_repository_is_named_with_its_level_at_the_phase_heading()
    {
        var f = Assert.Single(CheckRepo(Phase("Deploy `infra-core`", "Deploy `web-app`")));
        Assert.Equal(("train-coverage", 3, 1), (f.RuleId, f.Span.Line, f.Span.Column));
        Assert.Equal("Phase 1 deploys named repositories but has no step for api-core (level 2); expected a step \"Deploy `api-core`\" with the level-2 repositories", f.Message);
    }

    [Fact]
    public void A_playbooks_pattern_that_matches_nothing_is_a_warning_at_the_config()
    {
        using var repo = new TempRepo((".doclint.yml", Config.Replace("docs/*.md", "playbooks/*.md")), ("catalogue.yml", Catalogue));
        var f = Assert.Single(Check(repo.Root));
        Assert.Equal(("train-coverage", Severity.Warning, ".doclint.yml", 1), (f.RuleId, f.Severity, f.Span.Path, f.Span.Line));
        Assert.Contains("`playbooks` pattern playbooks/*.md matches no file", f.Message);
    }

    // ------------------------------------------------------------------ playbook-steps

    [Fact]
    public void Step_numbers_compare_numerically_and_across_tables_of_one_phase()
    {
        var rows = Enumerable.Range(1, 12).Select(i => $"Step {i}").ToArray();
        Assert.Empty(CheckRepo(Phase(rows)));
        var split = Phase(rows).Replace("| 1.7 |", "\nMore:\n\n| Step | Action | Owner |\n|---|---|---|\n| 1.7 |");
        Assert.Empty(CheckRepo(split));
        var f = Assert.Single(CheckRepo(Phase(rows).Replace("| 1.10 |", "| 1.01 |")));
        Assert.Equal("step 1.01 goes back after step 1.9; expected 1.10", f.Message);
    }

    [Fact]
    public void A_phase_that_starts_late_is_one_finding_and_the_count_resumes()
    {
        var f = Assert.Single(CheckRepo(Phase("a", "b", "c").Replace("| 1.1 |", "| 1.0 |")));
        Assert.Equal("Phase 1 starts at step 1.0; expected 1.1", f.Message);
    }

    [Fact]
    public void An_owner_in_any_script_is_an_owner_and_an_emoji_alone_is_none()
    {
        Assert.Empty(CheckRepo(Phase("a", "b").Replace("| b | Team |", "| b | リリースチーム |")));
        var f = Assert.Single(CheckRepo(Phase("a", "b").Replace("| b | Team |", "| b | 🤖 |")));
        Assert.Contains("step 1.2 of Phase 1 has no owner", f.Message);
    }

    [Fact]
    public void A_missing_owner_is_reported_at_the_owner_cell()
    {
        var f = Assert.Single(CheckRepo(Phase("a", "b").Replace("| b | Team |", "| b | — |")));
        Assert.Equal(("playbook-steps", Severity.Warning, 8, 13), (f.RuleId, f.Severity, f.Span.Line, f.Span.Column));
        Assert.Equal("step 1.2 of Phase 1 has no owner; expected a team or agent in its Owner cell", f.Message);
    }

    // ------------------------------------------------------------------ wiring

    [Fact]
    public void Severity_comes_from_the_config_and_off_silences_a_rule()
    {
        var missing = Phase("Deploy `infra-core`", "Deploy `web-app`");
        Assert.Equal(Severity.Error, Assert.Single(CheckRepo(missing, Config + "rules: { train-coverage: error }\n")).Severity);
        Assert.Empty(CheckRepo(missing, Config + "rules: { train-coverage: off }\n"));
    }

    [Fact]
    public void A_playbook_finding_can_be_suppressed_inline()
    {
        var missing = Phase("Deploy `infra-core`", "Deploy `web-app`");
        var suppressed = missing.Replace("### Phase 1", "<!-- doclint-disable-next-line train-coverage -- api ships separately -->\n### Phase 1");
        Assert.Empty(CheckRepo(suppressed));
        var unused = Assert.Single(CheckRepo(suppressed.Replace("Deploy `web-app`", "Deploy `api-core` | Team |\n| 1.3 | Deploy `web-app`")));
        Assert.Equal(("unused-suppression", "docs/train.md", 3), (unused.RuleId, unused.Span.Path, unused.Span.Line));
    }

    [Fact]
    public void With_ci_null_no_ci_rule_runs_and_no_ci_file_is_checked()
    {
        // even a CI file that is there, with a directive that would be unused, is not read
        using var repo = new TempRepo((".doclint.yml", Config), ("catalogue.yml", Catalogue), ("docs/train.md", Order),
            (".gitlab-ci.yml", "# doclint-disable-next-line confirm-gate\njob: { script: x }\n"));
        var result = Linter.Run(Project.Open(new[] { repo.Root }, null));
        Assert.Empty(result.Findings);
        Assert.Equal(new[] { "catalogue.yml", "docs/train.md" }, result.CheckedFiles); // the catalogue file is checked, no CI file
    }

    [Fact]
    public void A_named_playbook_restricts_the_playbook_rules_to_it()
    {
        using var repo = new TempRepo((".doclint.yml", Config), ("catalogue.yml", Catalogue),
            ("docs/a.md", "# A\n"), ("docs/b.md", Order));
        Assert.Equal(new[] { "docs/a.md" }, Check(repo.Root).Select(f => f.Span.Path));
        Assert.Empty(Check(repo.Root, "docs/b.md"));
    }

    [Fact]
    public void An_unreadable_playbook_is_a_finding_not_a_crash()
    {
        using var repo = new TempRepo((".doclint.yml", Config), ("catalogue.yml", Catalogue));
        repo.WriteBytes("docs/train.md", Encoding.Latin1.GetBytes("## Release Order\n\nLevel 1 \u00e9\n"));
        var f = Assert.Single(Check(repo.Root));
        Assert.Equal(("train-order", Severity.Error, "docs/train.md", 1), (f.RuleId, f.Severity, f.Span.Path, f.Span.Line));
        Assert.StartsWith("playbook ", f.Message);
    }

    [Fact]
    public void Every_release_train_rule_is_registered_with_its_doc()
    {
        foreach (var id in new[] { "train-order", "train-coverage", "playbook-steps" })
        {
            var rule = Assert.Single(RuleSet.All, r => r.Descriptor.Id == id);
            Assert.Equal(RuleScope.Playbooks, rule.Descriptor.Scope);
            var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "rules", id + ".md"));
            Assert.StartsWith("# " + id + "\n", doc);
            Assert.Contains("## Fails", doc);
            Assert.Contains("## Passes", doc);
        }
    }
}
