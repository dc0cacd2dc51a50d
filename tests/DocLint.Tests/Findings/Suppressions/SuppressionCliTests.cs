using System.Text.Json;
using static DocLint.Tests.Support.CliRun;
using static DocLint.Tests.Findings.Suppressions.SuppressionLinterTests;
using static DocLint.Tests.Support.BfDevDrift;

namespace DocLint.Tests.Findings.Suppressions;

/// <summary><c>doclint check</c> end to end with inline suppressions.</summary>
public class SuppressionCliTests
{
    [Fact]
    public async Task A_suppressed_error_passes_and_a_stale_suppression_is_an_info_that_fail_on_info_catches()
    {
        var suppressed = Drift(LegacyFindingLine, "    # doclint-disable-next-line legacy-invoke -- CHG-1234\n" + LegacyFindingLine, text: LegacyDrift);
        using (var repo = Repo(suppressed))
        {
            var (code, output, err) = await Run("check", repo.Root, "--no-color");
            Assert.Equal((0, ""), (code, err));
            Assert.StartsWith("0 errors, 0 warnings, 0 infos", output);
        }

        // The defect is fixed but the comment stayed: an info, exit 0 unless --fail-on info.
        var stale = Drift(LegacyFindingLine, "    # doclint-disable-next-line legacy-invoke -- CHG-1234\n" + LegacyFindingLine);
        using (var repo = Repo(stale))
        {
            var line = LineOf(stale, "doclint-disable-next-line");
            var (code, output, _) = await Run("check", repo.Root, "--no-color");
            Assert.Equal(0, code);
            Assert.Equal(
                $".gitlab-ci.yml:{line}:33: info: doclint-disable-next-line legacy-invoke suppresses nothing: no legacy-invoke finding on line {line + 1}; remove the comment [unused-suppression]",
                output.Split('\n')[0]);
            var (strict, json, _) = await Run("check", repo.Root, "--fail-on", "info", "--format", "codequality");
            Assert.Equal(1, strict);
            var issue = Assert.Single(JsonDocument.Parse(json).RootElement.EnumerateArray());
            Assert.Equal(("unused-suppression", "info", line),
                (issue.GetProperty("check_name").GetString(), issue.GetProperty("severity").GetString(),
                 issue.GetProperty("location").GetProperty("lines").GetProperty("begin").GetInt32()));
        }
    }
}
