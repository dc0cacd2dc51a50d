using DocLint.Tests.Support;

namespace DocLint.Tests.Cli;

/// <summary>One defect, one finding, at the place to fix it: a missing required runbook, a missing catalogue file.</summary>
public class OneDefectTests
{
    private static async Task<string[]> Findings(string root)
    {
        var (code, output, err) = await CliRun.Run("check", root, "--no-color");
        Assert.True(code == 1, output + err);
        return output.TrimEnd('\n').Split('\n')[..^1];
    }

    [Fact]
    public async Task A_missing_required_runbook_is_one_error_at_the_config_entry_that_requires_it()
    {
        using var repo = TempRepo.CopyOf(RepoPaths.Fixture("bf-dev"));
        repo.Write(".doclint.yml", "requiredDocs:\n  - docs/operations/runbooks/index.md\n  - docs/operations/runbooks/hotfix-release.staging.md\n");
        File.Delete(Path.Combine(repo.Root, "docs/operations/runbooks/index.md"));
        Assert.Equal(new[] { ".doclint.yml:2:5: error: required doc docs/operations/runbooks/index.md is missing (requiredDocs in .doclint.yml); restore it or change requiredDocs in .doclint.yml [docs-coverage]" },
            await Findings(repo.Root));

        // Every doc gone: one error per required doc, no warning repeating them (final names, the docs pattern).
        Directory.Delete(Path.Combine(repo.Root, "docs"), recursive: true);
        var all = await Findings(repo.Root);
        Assert.Equal(new[] { ".doclint.yml:2:5: error:", ".doclint.yml:3:5: error:" }, all.Select(l => l[..(l.IndexOf("error:") + 6)]));
    }

    [Fact]
    public async Task With_the_embedded_default_a_missing_runbook_is_reported_at_the_runbook_not_the_ci_file()
    {
        using var repo = TempRepo.CopyOf(RepoPaths.Fixture("bf-dev"));
        File.Delete(Path.Combine(repo.Root, "docs/operations/runbooks/index.md"));
        var finding = Assert.Single(await Findings(repo.Root));
        Assert.StartsWith("docs/operations/runbooks/index.md:1:1: error: required doc docs/operations/runbooks/index.md is missing", finding);
    }

    [Fact]
    public async Task A_missing_catalogue_file_is_one_finding_at_the_config_line_naming_it()
    {
        using var repo = TempRepo.CopyOf(RepoPaths.Fixture("bf-dev"));
        repo.Write(".doclint.yml", "# the supported repositories\ncatalogue: ops/missing.yml\n");
        Assert.Equal(new[] { ".doclint.yml:2:12: error: catalogue file 'ops/missing.yml' does not exist; expected the file `catalogue:` names in the config [project-options]" },
            await Findings(repo.Root));
    }
}
