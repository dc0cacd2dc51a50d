using DocLint.Evaluate;
using DocLint.Findings;
using DocLint.Linting;
using DocLint.Load;
using DocLint.Tests.Support;
using static DocLint.Tests.Support.CliRun;

namespace DocLint.Tests.Load;

/// <summary>
/// <c>catalogue: PATH</c> (CONTRACT §4, §8): a YAML or JSON catalogue file validated against
/// schema/catalogue.schema.json. It is a checked repository file: its problems are project-options findings at the
/// offending node (exit 1), never exit 2.
/// </summary>
public class CatalogueTests
{
    private static readonly string[] Names =
    {
        "bf-manage-core", "bf-telematics", "bf-billing", "bf-portal", "bf-notifications", "bf-identity", "bf-reporting",
        "bf-integrations", "bf-mobile-api",
    };

    private static string YamlCatalogue(Func<string, string>? path = null) =>
        "# The supported projects\nprojects:\n" + string.Concat(Names.Select(n =>
            $"  - name: {n}\n" + (path?.Invoke(n) is { } p ? $"    path: {p}\n" : "") + (n == "bf-manage-core" ? "" : "    dependsOn: [bf-manage-core]\n")));

    private static string JsonCatalogue() =>
        "{\n\t\"projects\": [\n" + string.Join(",\n", Names.Select(n => $"\t\t{{ \"name\": \"{n}\", \"path\": \"betterfleet/{n}\", \"dependsOn\": [] }}")) + "\n\t]\n}\n";

    private static TempRepo BfDev(string catalogueFile, string text)
    {
        var repo = BfDevDrift.CopyWithoutRegions();
        repo.Write(".doclint.yml", $"catalogue: {catalogueFile}\n");
        repo.Write(catalogueFile, text);
        return repo;
    }

    private static (IReadOnlyList<Finding> All, List<Finding> Catalogue) Check(TempRepo repo, string file)
    {
        var all = Linter.Run(Project.Open(new[] { repo.Root }, null)).Findings;
        return (all, all.Where(f => f.Span.Path == file).ToList());
    }

    [Fact]
    public async Task A_yaml_catalogue_that_agrees_with_the_ci_is_clean()
    {
        using var repo = BfDev("catalogue.yml", YamlCatalogue());
        var (code, output, err) = await Run("check", repo.Root, "--no-color");
        Assert.Equal("", err);
        Assert.Equal(0, code);
        Assert.StartsWith("0 errors", output);
        var model = RoutingModel.Build(repo.Workspace(), Project.Open(new[] { repo.Root }, null).Config);
        Assert.True(model.Catalogue.FromFile);
        Assert.Equal(Names, model.Catalogue.Projects.Select(p => p.Name));
        Assert.Equal(new[] { "bf-manage-core" }, model.Catalogue.Projects[1].DependsOn);
        Assert.Equal(new SourceSpan("catalogue.yml", 3, 11, 3, 25), model.Catalogue.Projects[0].Span);
    }

    [Fact]
    public async Task A_json_catalogue_with_tabs_and_exact_paths_is_clean_and_counts_as_checked()
    {
        using var repo = BfDev("ops/catalogue.json", JsonCatalogue());
        var (code, output, err) = await Run("check", repo.Root, "--no-color");
        Assert.Equal("", err);
        Assert.Equal(0, code);
        var result = Linter.Run(Project.Open(new[] { repo.Root }, null));
        Assert.Contains("ops/catalogue.json", result.CheckedFiles);
        Assert.All(result.Model.Outcomes.SelectMany(o => o.Triggers), t => Assert.Equal("betterfleet/" + t.Target!.Name, t.Target.Path));
    }

    [Fact]
    public void The_ci_options_and_the_catalogue_file_must_agree()
    {
        var text = YamlCatalogue().Replace("  - name: bf-portal\n    dependsOn: [bf-manage-core]\n", "") + "  - name: bf-fleet-api\n";
        using var repo = BfDev("catalogue.yml", text);
        var all = Linter.Run(Project.Open(new[] { repo.Root }, null)).Findings.Where(f => f.RuleId == "project-options").ToList();
        Assert.Contains(all, f => f.Span.Path == ".gitlab-ci.yml" && f.Message.Contains("option bf-portal is not in the catalogue catalogue.yml"));
        Assert.Contains(all, f => f.Span.Path == ".gitlab-ci.yml" && f.Message.Contains("lack bf-fleet-api, which the catalogue catalogue.yml lists"));
    }

    [Fact]
    public void An_entry_with_a_path_matches_that_exact_path_and_one_without_matches_by_last_segment()
    {
        var span = SourceSpan.FileStart("c.yml");
        var catalogue = new Catalogue(new[]
        {
            new CatalogueProject("bf-billing", "betterfleet/bf-billing", Array.Empty<string>(), span),
            new CatalogueProject("bf-portal", null, Array.Empty<string>(), span),
        }, "c.yml");
        Assert.Equal("bf-billing", catalogue.Match("betterfleet/bf-billing")?.Name);
        Assert.Null(catalogue.Match("otherfleet/bf-billing"));
        Assert.Null(catalogue.Match("bf-billing"));
        Assert.Equal("bf-portal", catalogue.Match("any/group/bf-portal")?.Name);
        Assert.Equal("bf-portal", catalogue.Match("bf-portal")?.Name);
        Assert.Null(catalogue.Match("any/bf-portal-v2"));
        Assert.Null(catalogue.Match(null));
    }

    [Fact]
    public async Task A_path_the_trigger_does_not_target_leaves_that_project_without_a_trigger()
    {
        using var repo = BfDev("catalogue.yml", YamlCatalogue(n => n == "bf-billing" ? "finance/bf-billing" : $"betterfleet/{n}"));
        var model = Linter.Run(Project.Open(new[] { repo.Root }, null)).Model;
        var billing = model.Outcomes.Where(o => o.Scenario.Kind == ScenarioKind.Ui && o.Scenario.Inputs["project"].Text == "bf-billing").SelectMany(o => o.Triggers).ToList();
        Assert.NotEmpty(billing);
        Assert.All(billing, t => Assert.Null(t.Target)); // betterfleet/bf-billing is not finance/bf-billing
        Assert.Equal(1, (await Run("check", repo.Root)).Code);
    }

    [Fact]
    public void Schema_violations_are_project_options_findings_at_the_offending_node()
    {
        var text = string.Join("\n",
            "projects:",                          // 1
            "  - name: bf-manage-core",           // 2
            "    path: betterfleet/bf-manage-core", // 3
            "  - name: 7",                        // 4  number
            "  - nam: bf-portal",                 // 5  unknown key, name missing
            "  - name: bf-billing",               // 6
            "    dependsOn: bf-manage-core",      // 7  not a list
            "owner: platform",                    // 8  unknown key
            "");
        using var repo = BfDev("catalogue.yml", text);
        var (_, mine) = Check(repo, "catalogue.yml");
        Assert.All(mine, f => Assert.Equal(("project-options", Severity.Error), (f.RuleId, f.Severity)));
        Assert.Equal(new[]
        {
            "4:11 catalogue file: projects[1].name: expected a string, got 7",
            "5:5 catalogue file: projects[2].nam: unknown key; expected one of name, path, dependsOn (did you mean name?)",
            "5:5 catalogue file: projects[2].name: missing; expected a name key in this mapping",
            "7:16 catalogue file: projects[3].dependsOn: expected a list, got \"bf-manage-core\"",
            "8:1 catalogue file: owner: unknown key; expected one of projects",
        }, mine.Select(f => $"{f.Span.Line}:{f.Span.Column} {f.Message}"));
    }

    [Fact]
    public void A_json_catalogue_error_points_into_the_json()
    {
        using var repo = BfDev("catalogue.json", "{\n  \"projects\": [\n    { \"name\": \"bf-manage-core\", \"path\": 12 }\n  ]\n}\n");
        var (_, mine) = Check(repo, "catalogue.json");
        var f = Assert.Single(mine);
        Assert.Equal((3, 41), (f.Span.Line, f.Span.Column));
        Assert.Equal("catalogue file: projects[0].path: expected a string, got 12", f.Message);
    }

    [Theory]
    [InlineData("projects:\n  - name: [a\n", 3, 1, "catalogue file is not valid YAML or JSON: ")]
    [InlineData("{ \"projects\": [ { \"name\": \"a\" } \n", 2, 1, "catalogue file is not valid YAML or JSON: ")]
    [InlineData("projects: []\n---\nprojects: []\n", 3, 1, "catalogue file holds 2 YAML documents; expected one")]
    [InlineData("- bf-manage-core\n", 1, 1, "catalogue file: (root): expected a mapping, got a list")]
    [InlineData("{}\n", 1, 1, "catalogue file: projects: missing; expected a projects key in this mapping")]
    [InlineData("", 1, 1, "catalogue file: projects: missing; expected a projects key in this mapping")]
    public void Unparsable_or_misshapen_files_are_one_finding(string text, int line, int column, string message)
    {
        using var repo = BfDev("catalogue.yml", text);
        var (_, mine) = Check(repo, "catalogue.yml");
        var f = Assert.Single(mine);
        Assert.Equal("project-options", f.RuleId);
        Assert.Equal((line, column), (f.Span.Line, f.Span.Column));
        Assert.StartsWith(message, f.Message);
    }

    [Fact]
    public void Twice_listed_projects_and_shared_paths_are_reported_at_their_node_and_dependencies_are_left_to_train_order()
    {
        var text = string.Join("\n",
            "projects:",                                  // 1
            "  - name: bf-manage-core",                   // 2
            "    path: betterfleet/core",                 // 3
            "  - name: bf-telematics",                    // 4
            "    path: betterfleet/core",                 // 5  same path
            "    dependsOn: [bf-manage-core, bf-idenity]", // 6  typo: train-order's finding
            "  - name: bf-identity",                      // 7
            "  - name: bf-manage-core",                   // 8  twice
            "");
        using var repo = BfDev("catalogue.yml", text);
        var (_, mine) = Check(repo, "catalogue.yml");
        Assert.Equal(new[]
        {
            "project-options 5:11 catalogue projects bf-manage-core and bf-telematics both have path betterfleet/core; expected one project per downstream path",
            "train-order 6:33 bf-telematics depends on bf-idenity, which is no project of catalogue.yml; expected dependsOn to name catalogue projects",
            "project-options 8:11 catalogue project bf-manage-core is listed twice (first at line 2); expected each project once",
        }, mine.Select(f => $"{f.RuleId} {f.Span.Line}:{f.Span.Column} {f.Message}"));
        // The readable entries are kept, with their dependencies and where each is written, for train-order.
        var model = Linter.Run(Project.Open(new[] { repo.Root }, null)).Model;
        Assert.Equal(new[] { "bf-manage-core", "bf-telematics", "bf-identity" }, model.Catalogue.Projects.Select(p => p.Name));
        var telematics = model.Catalogue.Projects[1];
        Assert.Equal(new[] { "bf-manage-core", "bf-idenity" }, telematics.DependsOn);
        Assert.Equal(new[] { (6, 17), (6, 33) }, telematics.DependsOnSpans.Select(sp => (sp.Line, sp.Column)));
    }

    [Theory]
    [InlineData("catalogue.yml", "catalogue file 'catalogue.yml' does not exist")]
    [InlineData("../outside.yml", "catalogue file '../outside.yml' is outside the repository")]
    [InlineData("docs", "catalogue file 'docs' is a directory")]
    public async Task An_unreadable_catalogue_file_is_a_finding_and_exit_1_not_2(string path, string message)
    {
        using var repo = BfDevDrift.CopyWithoutRegions();
        repo.Write(".doclint.yml", $"catalogue: {path}\n");
        var (code, output, err) = await Run("check", repo.Root, "--no-color");
        Assert.Equal("", err);
        Assert.Equal(1, code);
        Assert.Contains(message, output);
        Assert.Contains("[project-options]", output);
    }

    [Fact]
    public async Task Catalogue_findings_follow_the_project_options_severity()
    {
        using var repo = BfDev("catalogue.yml", "projects:\n  - name: 7\n");
        repo.Write(".doclint.yml", "catalogue: catalogue.yml\nrules:\n  project-options: warning\n");
        var (_, mine) = Check(repo, "catalogue.yml");
        Assert.Equal(Severity.Warning, Assert.Single(mine).Severity);
        repo.Write(".doclint.yml", "catalogue: catalogue.yml\nrules:\n  project-options: off\n");
        Assert.Empty(Check(repo, "catalogue.yml").Catalogue);
        // Other rules still see that the file lists no usable project.
        Assert.Equal(1, (await Run("check", repo.Root)).Code);
    }

    [Fact]
    public void A_catalogue_file_is_read_even_without_ci()
    {
        using var repo = BfDev("catalogue.yml", "projects:\n  - name: bf-manage-core\n    dependsOn: [nobody]\n");
        repo.Write(".doclint.yml", "ci: null\ncatalogue: catalogue.yml\n");
        var result = Linter.Run(Project.Open(new[] { repo.Root }, null));
        Assert.Equal(new[] { "bf-manage-core" }, result.Model.Catalogue.Projects.Select(p => p.Name));
        var f = Assert.Single(result.Findings);
        Assert.Equal(("train-order", "catalogue.yml", 3), (f.RuleId, f.Span.Path, f.Span.Line));
    }
}
