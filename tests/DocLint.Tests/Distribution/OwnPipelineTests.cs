using DocLint.Parse.Yaml;
using DocLint.Tests.Support;

namespace DocLint.Tests.Distribution;

/// <summary>
/// DocLint's own <c>.gitlab-ci.yml</c>: <c>doclint check .</c> on this repository (with its <c>.doclint.yml</c>) is
/// clean and still judges the file (a broken copy is reported); merge requests build and test; a tag publishes the
/// artefacts the component downloads, by the names <see cref="ReleaseArtefact"/> and <c>.ci/release</c> use, and
/// creates the release.
/// </summary>
public class OwnPipelineTests
{
    [Fact]
    public async Task Doclint_check_on_this_repository_is_clean()
    {
        var (code, stdout, stderr) = await CliRun.Run("check", RepoPaths.Root, "--fail-on", "info");
        Assert.True(code == 0, stdout + stderr);
        Assert.StartsWith("0 errors, 0 warnings, 0 infos", stdout.Trim());
    }

    [Fact]
    public async Task The_check_still_judges_the_pipeline_a_broken_copy_is_reported()
    {
        var ci = File.ReadAllText(Path.Combine(RepoPaths.Root, ".gitlab-ci.yml"));
        // ${VAR} in rules:if is refused by GitLab (gitlab-facts §5.2).
        Assert.Contains("- if: $CI_COMMIT_TAG == null", ci);
        using var repo = new TempRepo((".gitlab-ci.yml", ci.Replace("- if: $CI_COMMIT_TAG == null", "- if: ${CI_COMMIT_TAG} == null")),
            (".doclint.yml", File.ReadAllText(Path.Combine(RepoPaths.Root, ".doclint.yml"))));
        var (code, stdout, _) = await CliRun.Run("check", repo.Root);
        Assert.Equal(1, code);
        Assert.Contains("[ci-parse]", stdout);
    }

    private static YMapping Pipeline() =>
        (YMapping)YamlLoader.Load(".gitlab-ci.yml", File.ReadAllText(Path.Combine(RepoPaths.Root, ".gitlab-ci.yml"))).Documents[0];

    [Fact]
    public async Task Merge_requests_build_and_test_and_a_tag_publishes_the_component_s_artefacts_and_a_release()
    {
        using var copy = new TempRepo((".gitlab-ci.yml", File.ReadAllText(Path.Combine(RepoPaths.Root, ".gitlab-ci.yml"))));
        var (mr, _) = Ci.Run(copy, source: "merge_request_event");
        Assert.True(mr.Created, mr.NotCreatedReason);
        Assert.Equal(new[] { "build", "test" }, mr.Jobs.Select(j => j.Name).Order());
        var (tag, _) = Ci.Run(copy, source: "push", variables: new Dictionary<string, string> { ["CI_COMMIT_TAG"] = "0.5.0" });
        Assert.True(tag.Created, tag.NotCreatedReason);
        Assert.Equal(new[] { "native", "publish", "release", "release-check" }, tag.Jobs.Select(j => j.Name).Order());
        var (badTag, _) = Ci.Run(copy, source: "push", variables: new Dictionary<string, string> { ["CI_COMMIT_TAG"] = "v0.5" });
        Assert.Empty(badTag.Jobs.Where(j => j.Name is "native" or "publish" or "release"));

        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, ".gitlab-ci.yml"));
        var archive = ReleaseArtefact.ArchiveName("${CI_COMMIT_TAG}");
        Assert.Contains($"\"artifacts/release/${{file}}\" \"${{PACKAGE_URL}}/${{file}}\"", text);
        Assert.Contains($"for file in \"{archive}\" \"{archive}.sha256\"", text);
        var pipeline = Pipeline();
        Assert.Equal("${CI_API_V4_URL}/projects/${CI_PROJECT_ID}/packages/generic/doclint/${CI_COMMIT_TAG}",
            ((YScalar)((YMapping)pipeline["variables"]!)["PACKAGE_URL"]!).Value);
        var release = (YMapping)((YMapping)pipeline["release"]!)["release"]!;
        Assert.Equal("$CI_COMMIT_TAG", ((YScalar)release["tag_name"]!).Value);
        Assert.Contains("bash .ci/release", text);
        // The component downloads from the same place: …/packages/generic/doclint/<version>/<archive>.
        Assert.Contains("/packages/generic/doclint/${DOCLINT_VERSION}", File.ReadAllText(Path.Combine(RepoPaths.Root, "templates", "doclint.yml")));
        await Task.CompletedTask;
    }
}
