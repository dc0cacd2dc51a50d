using System.CommandLine;
using DocLint;
using DocLint.Evaluate;
using DocLint.Findings;
using DocLint.Load;
using DocLint.Reporting;

namespace DocLint.Cli;

/// <summary>Wires the commands of CONTRACT §2 to the library. Exit codes: 0 clean, 1 findings, 2 DocLint could not do its job.</summary>
public static class Cli
{
    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        var root = Build(stdout, stderr);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) stderr.WriteLine($"doclint: {e.Message}");
            stderr.WriteLine("Run 'doclint --help' for usage.");
            return 2;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"doclint: {e.Message}");
            return 2;
        }
        catch (ConfigException e)
        {
            foreach (var line in e.Errors) stderr.WriteLine(line);
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"doclint: {e.Message}");
            return 2;
        }
    }

    private static RootCommand Build(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("DocLint keeps a GitLab release orchestration, its project catalogue and its runbooks in agreement.");

        var paths = new Argument<string[]>("PATH") { Description = "Repository root or files (default: .)", Arity = ArgumentArity.ZeroOrMore };
        var explainPath = new Argument<string?>("PATH") { Description = "Repository root (default: .)", Arity = ArgumentArity.ZeroOrOne };
        var config = new Option<string?>("--config") { Description = "Config file (default: PATH/.doclint.yml, else the embedded default)" };
        var explainFormat = new Option<string>("--format") { Description = "table | markdown | json | mermaid", DefaultValueFactory = _ => "table" };
        explainFormat.AcceptOnlyFromAmong(ExplainWriter.Formats);

        var explain = new Command("explain", "Print what the pipeline does for every operator choice (the routing model).");
        explain.Arguments.Add(explainPath);
        explain.Options.Add(explainFormat);
        explain.Options.Add(config);
        explain.SetAction(r =>
        {
            var p = r.GetValue(explainPath);
            var project = Project.Open(p == null ? Array.Empty<string>() : new[] { p }, r.GetValue(config));
            var model = RoutingModel.Build(project.Workspace, project.Config);
            stdout.Write(ExplainWriter.Write(model, r.GetValue(explainFormat)!));
            var problems = model.Findings.Where(f => f.Severity >= Severity.Warning).ToList();
            foreach (var f in model.Findings) stderr.WriteLine(f.ToString());
            return problems.Count > 0 ? 1 : 0;
        });

        var check = new Command("check", "Lint the CI configuration, the catalogue and the docs.");
        check.Arguments.Add(paths);
        check.Options.Add(config);
        check.SetAction(r =>
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            var project = Project.Open(r.GetValue(paths) ?? Array.Empty<string>(), r.GetValue(config));
            var model = RoutingModel.Build(project.Workspace, project.Config);
            var ruleFindings = DocLint.Rules.RuleSet.Run(new DocLint.Rules.RuleContext(project.Config, model, project.Workspace));
            var findings = model.Findings.Concat(ruleFindings).OrderBy(f => f.Span.Path, StringComparer.Ordinal).ThenBy(f => f.Span.Line).ThenBy(f => f.Span.Column).ToList();
            foreach (var f in findings) stdout.WriteLine(f.ToString());
            int E(Severity s) => findings.Count(f => f.Severity == s);
            var files = model.Composer.LoadedFiles.Count();
            stdout.WriteLine($"{E(Severity.Error)} errors, {E(Severity.Warning)} warnings, {E(Severity.Info)} infos in {findings.Select(f => f.Span.Path).Distinct().Count()} files ({files} files checked in {started.ElapsedMilliseconds} ms)");
            return E(Severity.Error) > 0 ? 1 : 0;
        });

        root.Subcommands.Add(check);
        root.Subcommands.Add(explain);
        return root;
    }
}
