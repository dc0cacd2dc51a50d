using System.Text;
using DocLint.Load;
using DocLint.Parse.Markdown;
using DocLint.Parse.Playbook;
using DocLint.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using PlaybookModel = DocLint.Parse.Playbook.Playbook;

namespace DocLint.Tests.Parse.Playbook;

public class PlaybookReaderTests
{
    private static PlaybookModel Read(string text) => PlaybookReader.Read(MarkdownDocument.Parse("docs/train.md", text));

    private static List<(string Name, int Level, int Line, int Column)> Entries(PlaybookModel p) =>
        p.Order!.Entries.Select(e => (e.Name, e.Level, e.Span.Line, e.Span.Column)).ToList();

    private static string Seed(string name) => File.ReadAllText(Path.Combine(RepoPaths.Shared, "seeds", name));

    // ------------------------------------------------------------------ release order

    [Fact]
    public void Seed_release_order_reads_five_levels_with_the_wildcard()
    {
        var p = Read(Seed("release-train-playbook.md"));
        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, p.Order!.Levels.Select(l => l.Number));
        Assert.Equal((179, 1), (p.Order.Heading.Line, p.Order.Heading.Column));
        Assert.Equal(new[]
        {
            ("blackroad-os-infra", 1, 183, 5),
            ("blackroad-os-api-gateway", 2, 186, 5), ("blackroad-os-archive", 2, 187, 5),
            ("blackroad-os-api", 3, 190, 5), ("blackroad-os-core", 3, 191, 5),
            ("blackroad-os-web", 4, 194, 5), ("blackroad-os-pack-*", 4, 195, 5),
            ("blackroad-os-prism-console", 5, 198, 5), ("blackroad-os-docs", 5, 199, 5), ("blackroad-os-home", 5, 200, 5),
        }, Entries(p));
        Assert.True(p.Order.Entries.Single(e => e.Name == "blackroad-os-pack-*").IsWildcard);
        Assert.Equal((182, 1), (p.Order.Levels[0].Span.Line, p.Order.Levels[0].Span.Column));
    }

    [Fact]
    public void Mojibake_seed_reads_the_same_names_levels_and_lines_as_the_repaired_seed()
    {
        var repaired = Read(Seed("release-train-playbook.md"));
        var received = Read(Seed("release-train-playbook.as-received.md"));
        Assert.Contains("â”œâ”€â”€ blackroad-os-infra", received.Document.Text); // it really is broken
        Assert.Equal(Entries(repaired).Select(e => (e.Name, e.Level, e.Line)), Entries(received).Select(e => (e.Name, e.Level, e.Line)));
        Assert.Equal(repaired.Phases.Select(Describe), received.Phases.Select(Describe));
    }

    private static string Describe(Phase ph) =>
        $"{ph.Number}@{ph.Heading.Line}: " + string.Join("; ", ph.Steps.Select(s =>
            $"{s.NumberText}@{s.Number.Span.Line}:{s.Number.Span.Column} owner={(s.Owner is { } o && PlaybookText.NamesSomeone(o.Text))} deploys={string.Join(",", s.Deploys.Select(d => d.Name))}"));

    [Fact]
    public void The_test_breakage_is_the_seeds_breakage()
    {
        // Mojibake.Break models the as-received file: the seed's tree glyph and its train emoji come out byte for byte.
        var received = Seed("release-train-playbook.as-received.md");
        Assert.StartsWith(Mojibake.Break("# 🚂 Full OS Release Train Playbook"), received);
        Assert.Contains(Mojibake.Break("├── blackroad-os-api-gateway 🌉"), received);
        Assert.Contains(Mojibake.Break("├── blackroad-os-infra ☁️"), received); // undefined bytes (0x81, 0x8F) dropped
    }

    [Theory]
    [InlineData("- blackroad-os-infra", 3)]
    [InlineData("* blackroad-os-infra", 3)]
    [InlineData("+ blackroad-os-infra", 3)]
    [InlineData("1. blackroad-os-infra", 4)]
    [InlineData("2) blackroad-os-infra", 4)]
    [InlineData("  - [ ] blackroad-os-infra ✅", 9)]
    [InlineData("- [x] blackroad-os-infra", 7)]
    [InlineData("├── blackroad-os-infra", 5)]
    [InlineData("└── blackroad-os-infra ☁️ (first)", 5)]
    [InlineData("│   └── blackroad-os-infra", 9)]
    [InlineData("|-- blackroad-os-infra", 5)]
    [InlineData("`-- blackroad-os-infra", 5)]
    [InlineData("- `blackroad-os-infra` — the base", 4)]
    [InlineData("- **blackroad-os-infra**", 5)]
    [InlineData("📦 blackroad-os-infra", 4)]
    [InlineData("- blackroad-os-infra: first of all", 3)]
    [InlineData("├──blackroad-os-infra☁️", 4)]
    public void A_repository_line_is_a_list_item_or_tree_line_whose_first_word_is_the_name(string line, int column)
    {
        var p = Read($"## Release Order\n\nLevel 1:\n{line}\n");
        var e = Assert.Single(p.Order!.Entries);
        Assert.Equal(("blackroad-os-infra", 1, 4, column), (e.Name, e.Level, e.Span.Line, e.Span.Column));
        Assert.Equal(column + "blackroad-os-infra".Length, e.Span.EndColumn);
    }

    [Theory]
    [InlineData("blackroad-os-infra")]                  // no list marker, no glyph: prose
    [InlineData("See blackroad-os-infra")]
    [InlineData("- see the infra repository")]          // a word, but not the repository's
    [InlineData("| 1 | blackroad-os-infra |")]          // a table row is no tree line
    [InlineData("- group/blackroad-os-infra")]          // a path is no repository name
    [InlineData("<!-- - blackroad-os-infra -->")]
    public void Other_lines_are_not_repositories(string line)
    {
        var p = Read($"## Release Order\n\nLevel 1:\n{line}\n");
        var entries = p.Order!.Entries.ToList();
        Assert.True(entries.Count == 0 || !entries[0].LooksLikeRepository && entries[0].Name != "blackroad-os-infra",
            string.Join(", ", entries.Select(e => e.Name)));
    }

    [Fact]
    public void Prose_items_have_a_first_word_but_no_repository_shape()
    {
        var p = Read("## Release Order\n\nLevel 1:\n- The packs ship together\n- blackroad-os-infra\n");
        Assert.Equal(new[] { (false, "The"), (true, "blackroad-os-infra") }, p.Order!.Entries.Select(e => (e.LooksLikeRepository, e.Name)));
    }

    [Fact]
    public void Levels_may_be_headings_bold_or_list_items_and_nest_their_repositories()
    {
        var p = Read("""
            ## 📊 Release Order

            ### Level 1 (First)
            - blackroad-os-infra

            **Level 2:**
            - blackroad-os-api

            - Level 3
              - blackroad-os-web
              - blackroad-os-pack-*

            ### Notes
            - blackroad-os-ignored is not under a level any more

            ## Next section
            - Level 9
              - blackroad-os-outside
            """);
        Assert.Equal(new[] { ("blackroad-os-infra", 1), ("blackroad-os-api", 2), ("blackroad-os-web", 3), ("blackroad-os-pack-*", 3) },
            p.Order!.Entries.Select(e => (e.Name, e.Level)));
        Assert.Equal(3, p.Order.Levels.Count);
    }

    [Fact]
    public void Lines_before_the_first_level_and_outside_the_section_are_ignored()
    {
        var p = Read("- blackroad-os-before\n\n# Release order\n\n- blackroad-os-unlevelled\n\nLevel 1\n- blackroad-os-infra\n");
        Assert.Equal(new[] { "blackroad-os-infra" }, p.Order!.Entries.Select(e => e.Name));
        Assert.Null(Read("# Train\n\nLevel 1\n- blackroad-os-infra\n").Order);
    }

    [Fact]
    public void A_setext_release_order_heading_works_and_its_underline_is_no_entry()
    {
        var p = Read("Release Order\n-------------\n\nLevel 1\n- blackroad-os-infra\n");
        Assert.Equal(new[] { "blackroad-os-infra" }, p.Order!.Entries.Select(e => e.Name));
        Assert.Equal(1, p.Order.Heading.Line);
    }

    [Fact]
    public void Crlf_and_a_bom_change_no_position()
    {
        var text = Seed("release-train-playbook.md");
        var plain = Read(text);
        var crlf = Read(text.Replace("\n", "\r\n"));
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n"))).ToArray();
        var source = Workspace.Decode("docs/train.md", bytes, out var error);
        Assert.Null(error);
        Assert.True(source!.HadBom);
        var bom = PlaybookReader.Read(MarkdownDocument.Parse(source));
        foreach (var other in new[] { crlf, bom })
        {
            Assert.Equal(Entries(plain), Entries(other));
            Assert.Equal(plain.Phases.Select(Describe), other.Phases.Select(Describe));
            Assert.Equal(plain.Phases.SelectMany(ph => ph.Steps).Select(s => s.Action.Span), other.Phases.SelectMany(ph => ph.Steps).Select(s => s.Action.Span));
        }
    }

    // ------------------------------------------------------------------ phases and steps

    [Fact]
    public void Seed_has_seven_phases_and_phase_3_deploys_five_named_repositories()
    {
        var p = Read(Seed("release-train-playbook.md"));
        Assert.Equal(new[] { 1, 2, 3, 4, 5, 6, 7 }, p.Phases.Select(ph => ph.Number));
        var staging = p.Phases[2];
        Assert.Equal(50, staging.Heading.Line);
        Assert.Equal(new[] { "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7" }, staging.Steps.Select(s => s.NumberText));
        Assert.Equal(new[] { "blackroad-os-infra", "blackroad-os-api-gateway", "blackroad-os-api", "blackroad-os-core", "blackroad-os-web" },
            staging.Steps.SelectMany(s => s.Deploys).Select(d => d.Name));
        var infra = staging.Steps[0].Deploys[0];
        Assert.Equal((54, 17, 35), (infra.Span.Line, infra.Span.Column, infra.Span.EndColumn)); // | 3.1 | Deploy `blackroad-os-infra` …
        Assert.Equal("Infrastructure Team", staging.Steps[0].Owner!.Text);
        Assert.Empty(p.Phases[4].Steps.SelectMany(s => s.Deploys)); // "Deploy infrastructure changes" names no repository
        Assert.All(p.Phases.SelectMany(ph => ph.Tables), t => Assert.True(t.HasOwner && t.HasStatus));
    }

    [Fact]
    public void Columns_are_matched_by_header_name_in_any_order()
    {
        var p = Read("""
            ## Phase 2: Deploy

            | Status | **Owner** | Action | 🔢 Step |
            |---|---|---|---|
            | ⬜ | Backend Team | Deploy `blackroad-os-api` now | **2.1** |
            | ⬜ |  | Verify | 2.2 |
            """);
        var steps = p.Phases.Single().Steps.ToList();
        Assert.Equal(new[] { "2.1", "2.2" }, steps.Select(s => s.NumberText));
        Assert.Equal(("Backend Team", 5, 7), (steps[0].Owner!.Text, steps[0].Owner!.Span.Line, steps[0].Owner!.Span.Column));
        Assert.Equal("blackroad-os-api", steps[0].Deploys.Single().Name);
        Assert.Equal((5, 54), (steps[0].Number.Span.Line, steps[0].Number.Span.Column)); // the cell's text, emphasis included
        Assert.Equal("", steps[1].Owner!.Text);
        Assert.Equal((6, 7), (steps[1].Owner!.Span.Line, steps[1].Owner!.Span.Column));
    }

    [Theory]
    [InlineData("")]
    [InlineData("> ")]
    [InlineData("- ")]
    public void A_step_table_may_sit_in_a_blockquote_or_a_list(string prefix)
    {
        var indent = prefix == "- " ? "  " : prefix;
        var p = Read($"## Phase 1\n\n{prefix}| Step | Action | Owner |\n{indent}|---|---|---|\n{indent}| 1.1 | Deploy `a-b` | Team |\n");
        var step = p.Phases.Single().Steps.Single();
        Assert.Equal(("1.1", "Team", "a-b"), (step.NumberText, step.Owner!.Text, step.Deploys.Single().Name));
        Assert.Equal(prefix.Length + 3, step.Number.Span.Column);
    }

    [Fact]
    public void Tables_without_step_and_action_columns_are_not_step_tables()
    {
        var p = Read("## Phase 1\n\n| Repo | Owner |\n|---|---|\n| a | b |\n\n| Step | Action |\n|---|---|\n| 1.1 | x |\n");
        var table = Assert.Single(p.Phases.Single().Tables);
        Assert.False(table.HasOwner);
        Assert.Null(table.Steps.Single().Owner);
    }

    [Theory]
    [InlineData("Deploy `blackroad-os-api`", "blackroad-os-api")]
    [InlineData("deploy `blackroad-os-api` changes", "blackroad-os-api")]
    [InlineData("🚀 Deploy `blackroad-os-api`", "blackroad-os-api")]
    [InlineData("Deploy `blackroad-os-docs` and `blackroad-os-home`", "blackroad-os-docs,blackroad-os-home")]
    [InlineData("Deploy `a-1`, `a-2` & `a-3` then `a-4`", "a-1,a-2,a-3")]
    [InlineData("Deploy `blackroad-os-pack-*` (canary)", "blackroad-os-pack-*")]
    [InlineData("Deploy active packs", "")]
    [InlineData("Deployment of `blackroad-os-api`", "")]
    [InlineData("Verify `blackroad-os-api`", "")]
    [InlineData("Deploy `status/summary.json`", "")]
    [InlineData("Deploy the `blackroad-os-api`", "")]
    public void A_step_deploys_the_backticked_names_right_after_Deploy(string action, string expected)
    {
        var p = Read($"## Phase 1\n\n| Step | Action | Owner |\n|---|---|---|\n| 1.1 | {action} | Team |\n");
        Assert.Equal(expected, string.Join(",", p.Phases.Single().Steps.Single().Deploys.Select(d => d.Name)));
    }

    [Theory]
    [InlineData("### Phase 3: Staging Deployment 🟡", 3)]
    [InlineData("## 🟡 Phase 12 — later", 12)]
    [InlineData("### ğŸŸ¡ Phase 4", 4)]
    [InlineData("### PHASE 5", 5)]
    [InlineData("### Phases 1 and 2", null)]
    [InlineData("### Phase 1.5", null)]
    [InlineData("### After Phase 3", null)]
    public void Phase_headings_start_with_Phase_N_after_their_decoration(string heading, int? number)
    {
        var p = Read(heading + "\n");
        Assert.Equal(number, p.Phases.SingleOrDefault()?.Number);
    }

    [Fact]
    public void A_phase_owns_the_tables_up_to_the_next_heading_of_its_level()
    {
        var table = "| Step | Action | Owner |\n|---|---|---|\n| {0} | x | T |\n";
        var p = Read("## Phase 1\n\n" + string.Format(table, "1.1") + "\n#### Details\n\n" + string.Format(table, "1.2")
                     + "\n## Phase 2\n\n" + string.Format(table, "2.1") + "\n# Appendix\n\n" + string.Format(table, "9.9"));
        Assert.Equal(new[] { "1:1.1,1.2", "2:2.1" }, p.Phases.Select(ph => $"{ph.Number}:{string.Join(",", ph.Steps.Select(s => s.NumberText))}"));
    }

    // ------------------------------------------------------------------ text classification

    [Theory]
    [InlineData("Release Agent 🤖", true)]
    [InlineData("Release Agent ğŸ¤–", true)]
    [InlineData("リリースチーム", true)]
    [InlineData("Команда", true)]
    [InlineData("", false)]
    [InlineData("🤖", false)]
    [InlineData("ğŸ¤–", false)]                  // the robot, broken
    [InlineData("—", false)]
    [InlineData("â€”", false)]                 // an em dash, broken
    [InlineData("TBD", false)]
    [InlineData("**n/a**", false)]
    [InlineData("?", false)]
    public void An_owner_names_someone_in_both_the_repaired_and_the_broken_copy(string cell, bool names) =>
        Assert.Equal(names, PlaybookText.NamesSomeone(cell));

    [Theory]
    [InlineData("3.9", 3, 9)]
    [InlineData("3.10", 3, 10)]
    [InlineData("10.2", 10, 2)]
    public void Step_numbers_are_numbers(string text, int major, int minor) =>
        Assert.Equal((major, minor), PlaybookText.StepNumber(text));

    [Theory]
    [InlineData("3")]
    [InlineData("3.")]
    [InlineData("3.x")]
    [InlineData("3.1.2")]
    [InlineData("")]
    public void Other_step_numbers_are_not(string text) => Assert.Null(PlaybookText.StepNumber(text));

    [Fact]
    public void Wildcards_match_by_prefix()
    {
        Assert.True(PlaybookText.NameMatches("blackroad-os-pack-*", "blackroad-os-pack-finance"));
        Assert.False(PlaybookText.NameMatches("blackroad-os-pack-*", "blackroad-os-packs"));
        Assert.False(PlaybookText.NameMatches("blackroad-os-api", "blackroad-os-api-gateway"));
    }

    // ------------------------------------------------------------------ property: breakage changes no reading

    private static readonly string[] Prefixes = { "├── ", "└── ", "│   ├── ", "- ", "* ", "+ ", "1. ", "📦 ", "  - [x] ", "|-- " };
    private static readonly string[] Suffixes = { "", " 📦", " ☁️", " 🕹️", " (first)", " 🌐 — web front", "☁️" };
    private static readonly string[] LevelLines = { "Level {0}:", "Level {0} (After ☁️ Infra):", "### Level {0} 🚦", "**Level {0}**", "- Level {0}" };

    [Fact]
    public void Breaking_the_emoji_of_any_release_order_changes_no_name_level_or_line()
    {
        var entry = from prefix in Gen.Elements(Prefixes)
                    from name in Gen.Elements("blackroad-os-infra", "blackroad-os-api", "blackroad-os-pack-*", "bf_core", "svc-9")
                    from suffix in Gen.Elements(Suffixes)
                    select prefix + name + suffix;
        var level = from line in Gen.Elements(LevelLines)
                    from entries in Gen.Choose(0, 4).SelectMany(n => Gen.ListOf(entry, n))
                    select (line, entries);
        var doc = from heading in Gen.Elements("## 📊 Release Order (Dependency Graph)", "## Release Order", "# 🚂 Release order")
                  from fenced in Gen.Elements(true, false)
                  from levels in Gen.Choose(1, 5).SelectMany(n => Gen.ListOf(level, n))
                  from page in Gen.Elements(1252, 1254)
                  from keep in Gen.Elements(true, false)
                  select (heading, fenced, levels, page, keep);
        Prop.ForAll(doc.ToArbitrary(), d =>
        {
            var sb = new StringBuilder(d.heading + "\n\n");
            if (d.fenced) sb.Append("```\n");
            var n = 0;
            foreach (var (line, entries) in d.levels)
            {
                var text = string.Format(line, ++n);
                if (d.fenced && text.StartsWith('#')) text = text.TrimStart('#', ' ');
                sb.Append(text).Append('\n');
                foreach (var e in entries) sb.Append(e).Append('\n');
                sb.Append('\n');
            }
            if (d.fenced) sb.Append("```\n");
            var text2 = sb.ToString();
            var repaired = Read(text2);
            var broken = Read(Mojibake.Break(text2, d.page, d.keep));
            var a = Entries(repaired).Select(e => (e.Name, e.Level, e.Line)).ToList();
            var b = Entries(broken).Select(e => (e.Name, e.Level, e.Line)).ToList();
            Assert.True(a.SequenceEqual(b), $"{text2}\nrepaired: {string.Join(", ", a)}\nbroken:   {string.Join(", ", b)}");
            Assert.True(d.levels.Sum(l => l.entries.Count) == a.Count, $"{text2}\nread: {string.Join(", ", a)}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }
}
