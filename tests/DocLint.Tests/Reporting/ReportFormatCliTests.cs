using DocLint.Reporting;

namespace DocLint.Tests.Reporting;

public class ReportFormatCliTests
{
    /// <summary>Runs <c>doclint check</c> in-process; <c>ReportFormatCliTestsNative</c> runs these tests against the native binary.</summary>
    protected virtual Task<(int Code, string Out, string Err)> Check(params string[] args) => DriftedBfDev.Check(args);

    [Theory]
    [InlineData("sarif", "{")]
    [InlineData("junit", "<?xml")]
    [InlineData("html", "<!DOCTYPE html>")]
    public async Task Format_on_stdout_and_report_file_of_one_run_are_the_same_bytes(string format, string start)
    {
        using var drift = new DriftedBfDev();
        var file = drift.Out("report." + format);
        var (code, output, err) = await Check(drift.Root, "--format", format, "--report", $"{format}={file}");
        Assert.Equal(1, code);
        Assert.Equal("", err);
        Assert.StartsWith(start, output);
        Assert.Equal(output, File.ReadAllText(file));
        Assert.DoesNotContain(drift.Root, output);

        var (never, _, _) = await Check(drift.Root, "--format", format, "--fail-on", "never");
        Assert.Equal(0, never);
    }

    [Fact]
    public async Task Readme_reports_command_writes_all_three_reports_for_the_clean_fixture()
    {
        using var drift = new DriftedBfDev();
        string junit = drift.Out("doclint-junit.xml"), sarif = drift.Out("doclint.sarif"), html = drift.Out("doclint.html");
        var (code, output, err) = await Check(Support.RepoPaths.Fixture("bf-dev"),
            "--report", $"junit={junit}", "--report", $"sarif={sarif}", "--report", $"html={html}");
        Assert.Equal(0, code);
        Assert.Equal("", err);
        Assert.StartsWith("0 errors, 0 warnings, 0 infos", output);
        Assert.Equal("0", (string?)System.Xml.Linq.XDocument.Load(junit).Root!.Attribute("failures"));
        using var log = System.Text.Json.JsonDocument.Parse(File.ReadAllText(sarif));
        Assert.Empty(log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray());
        Assert.Contains("No findings.", File.ReadAllText(html));
    }

    [Fact]
    public void Text_json_and_codequality_are_unchanged_by_the_report_context()
    {
        using var drift = new DriftedBfDev();
        var project = DocLint.Load.Project.Open(new[] { drift.Root }, null);
        var result = DocLint.Linting.Linter.Run(project);
        var summary = new ReportSummary(result.CheckedFiles.Count, 7);
        var ctx = ReportContext.Of(result, project.Workspace, summary);
        Assert.Equal(TextReporter.Write(result.Findings, summary), ReportOrder.Render("text", ctx));
        Assert.Equal(JsonReporter.Write(result.Findings, summary), ReportOrder.Render("json", ctx));
        Assert.Equal(CodeQualityReporter.Write(result.Findings), ReportOrder.Render("codequality", ctx));
        Assert.Equal(ReportOrder.Render("text", result.Findings, summary, color: true), ReportOrder.Render("text", ctx with { Color = true }));
    }
}

/// <summary>Every test of <see cref="ReportFormatCliTests"/> against the Native AOT doclint (<see cref="Support.NativeBinary"/>).</summary>
public class ReportFormatCliTestsNative : ReportFormatCliTests
{
    protected override Task<(int Code, string Out, string Err)> Check(params string[] args) => Support.NativeBinary.Run(["check", .. args]);
}
