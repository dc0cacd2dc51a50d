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
    /// <summary>Every message that says why DocLint could not do its job starts with this (exit 2).</summary>
    public const string ErrorPrefix = "doclint: error: ";

    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        stdout ??= StdStreams.Out;
        stderr ??= StdStreams.Err;
        try { return await RunCoreAsync(args, stdout, stderr); }
        finally
        {
            stdout.Flush();
            stderr.Flush();
        }
    }

    private static async Task<int> RunCoreAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = Build(stdout, stderr);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // An unknown option is the mistake; the words after it that then match nothing are its consequence.
            var errors = parse.Errors.Select(e => e.Message).ToList();
            if (errors.Any(m => m.Contains("'-", StringComparison.Ordinal))) errors = errors.Where(m => m.Contains("'-", StringComparison.Ordinal)).ToList();
            foreach (var e in errors) stderr.WriteLine(ErrorPrefix + WithSuggestion(e, parse.CommandResult.Command));
            stderr.WriteLine($"Run '{CommandPath(parse.CommandResult.Command)} --help' for usage.");
            return 2;
        }
        try
        {
            var code = await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
            if (parse.Action is System.CommandLine.Help.HelpAction) stdout.Write(HelpText.Epilogue(parse.CommandResult.Command.Name));
            return code;
        }
        catch (UsageException e)
        {
            stderr.WriteLine(ErrorPrefix + e.Message);
            return 2;
        }
        catch (ConfigException e)
        {
            // Each line keeps its file:line:col, after the one prefix every error has.
            foreach (var line in e.Errors) stderr.WriteLine(ErrorPrefix + line);
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine(ErrorPrefix + IoReason.Of(e));
            return 2;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Never a stack trace (CONTRACT §2): a problem in the checked files is a finding, so reaching this is a DocLint bug.
            stderr.WriteLine($"{ErrorPrefix}internal error: {e.GetType().Name}: {IoReason.WithoutPaths(e.Message)} (a DocLint bug; please report it with the input that caused it)");
            return 2;
        }
    }

    /// <summary>A path for a message: relative to the current directory when it is inside it, else as it is.</summary>
    internal static string Display(string path)
    {
        var full = Path.GetFullPath(path);
        var rel = Path.GetRelativePath(Environment.CurrentDirectory, full);
        return rel.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(rel) ? full : rel.Replace('\\', '/');
    }

    private static string Plural(int n, string noun) => ReportOrder.Plural(n, noun);

    private static IEnumerable<Command> Commands(Command command) =>
        command.Subcommands.SelectMany(Commands).Prepend(command);

    private static string CommandPath(Command command) =>
        command is RootCommand ? "doclint" : "doclint " + command.Name;

    /// <summary>System.CommandLine's "Unrecognized command or argument '--fromat'." with the option it most likely meant.</summary>
    private static string WithSuggestion(string message, Command command)
    {
        var m = System.Text.RegularExpressions.Regex.Match(message, "'(-[^']+)'");
        if (!m.Success || message.Contains("did you mean", StringComparison.Ordinal)) return message;
        return message.TrimEnd('.') + Findings.Spelling.Suggest(m.Groups[1].Value, OptionNames(command));
    }

    private static IEnumerable<string> OptionNames(Command command) =>
        command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal));

    /// <summary>
    /// A PATH (or RULE-ID) argument never swallows an option DocLint does not know: <c>--fromat json</c> is an unknown
    /// option (exit 2, with "did you mean --format"), not a file named "--fromat". A file whose name starts with
    /// <c>-</c> is still reachable as <c>./-name</c>.
    /// </summary>
    private static void RejectOptions(Argument argument, Command command)
    {
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
                if (token.Value.Length > 1 && token.Value[0] == '-')
                {
                    result.AddError($"Unrecognized command or argument '{token.Value}'{Findings.Spelling.Suggest(token.Value.Split('=')[0], OptionNames(command))}");
                    return;
                }
        });
    }

    private static string CheckFormat(string f, string option)
    {
        if (ReportOrder.Supported.Contains(f)) return f;
        throw new UsageException($"{option}: unknown format '{f}' (expected one of: {string.Join(", ", ReportOrder.Supported)})");
    }

    /// <summary><c>--docs-url URL</c>: where the rule docs are published; rule links exist only when it (or config
    /// <c>docsUrl</c>) is set.</summary>
    internal static Option<string?> DocsUrlOption() =>
        new("--docs-url") { Description = "Link each rule to its page under URL ({rule} = the rule id, else URL/<id>.md); default: config docsUrl, else no links" };

    internal static string? CheckDocsUrl(string? value)
    {
        if (value == null || DocLintInfo.IsDocsUrl(value)) return value;
        throw new UsageException($"--docs-url: expected an absolute http(s) URL, got '{value}'");
    }

    private static (string Format, string File) ParseReport(string value)
    {
        var eq = value.IndexOf('=');
        if (eq <= 0 || eq == value.Length - 1) throw new UsageException($"--report expects F=FILE, got '{value}'");
        return (CheckFormat(value[..eq], "--report"), value[(eq + 1)..]);
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

        var format = new Option<string>("--format") { Description = "text | json | codequality | sarif | junit | html", DefaultValueFactory = _ => "text" };
        var report = new Option<string[]>("--report") { Description = "Also write format F to FILE (F=FILE); repeatable; written atomically", AllowMultipleArgumentsPerToken = false };
        var failOn = new Option<string>("--fail-on") { Description = "error | warning | info | never", DefaultValueFactory = _ => "error" };
        failOn.AcceptOnlyFromAmong("error", "warning", "info", "never");
        var noColor = new Option<bool>("--no-color") { Description = "No ANSI colour in text output" };
        var quiet = new Option<bool>("--quiet") { Description = "No summary line in text output" };
        var fix = new Option<bool>("--fix") { Description = "Rewrite fixable findings in docs in place (obsolete action names in invocations, stale generated regions), then report what is left" };
        var changedSince = new Option<string?>("--changed-since") { Description = "Docs rules only on docs changed since git REF (CI and catalogue rules always run)" };
        var baseline = new Option<string?>("--baseline") { Description = "Do not report findings whose fingerprint is in FILE" };
        var writeBaseline = new Option<string?>("--write-baseline") { Description = "Write every current finding's fingerprint to FILE and exit 0" };
        var docsUrl = DocsUrlOption();

        var check = new Command("check", "Lint the CI configuration, the catalogue and the docs.");
        check.Arguments.Add(paths);
        check.Options.Add(config);
        check.Options.Add(format);
        check.Options.Add(report);
        check.Options.Add(failOn);
        check.Options.Add(noColor);
        check.Options.Add(quiet);
        check.Options.Add(fix);
        check.Options.Add(changedSince);
        check.Options.Add(baseline);
        check.Options.Add(writeBaseline);
        check.Options.Add(docsUrl);
        check.SetAction(r =>
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            var stdoutFormat = CheckFormat(r.GetValue(format) ?? "text", "--format");
            var reports = (r.GetValue(report) ?? Array.Empty<string>()).Select(ParseReport).ToList();
            var docsUrlValue = CheckDocsUrl(r.GetValue(docsUrl));

            var project = Project.Open(r.GetValue(paths) ?? Array.Empty<string>(), r.GetValue(config));
            var baselineFile = r.GetValue(baseline);
            var progressLine = ProgressLine.ForConsole(stderr, r.GetValue(quiet));
            var options = new DocLint.Linting.CheckOptions
            {
                Progress = progressLine,
                Baseline = baselineFile == null ? null : DocLint.Linting.Baseline.Read(baselineFile),
                ChangedSince = r.GetValue(changedSince),
            };
            DocLint.Linting.CheckResult result;
            DocLint.Linting.FixReport? fixReport = null;
            try
            {
                if (r.GetValue(fix)) (fixReport, result) = DocLint.Linting.Linter.Fix(project, options);
                else result = DocLint.Linting.Linter.Run(project, options);
            }
            finally { progressLine?.Clear(); }
            if (fixReport is { } fixes)
            {
                // The rewrites are part of the text output; with a machine-readable stdout they go to stderr.
                var rewrites = stdoutFormat == "text" ? stdout : stderr;
                foreach (var rewrite in fixes.Rewrites) rewrites.WriteLine(rewrite.ToString());
                foreach (var failure in fixes.Failures) stderr.WriteLine($"doclint: {failure}");
            }
            if (result.ChangedDocs is { } changedDocs)
                stderr.WriteLine(changedDocs.Count == 0
                    ? $"doclint: --changed-since {options.ChangedSince}: no docs changed; the docs rules checked no file"
                    : $"doclint: --changed-since {options.ChangedSince}: checked {changedDocs.Count} changed doc{(changedDocs.Count == 1 ? "" : "s")}: {string.Join(", ", changedDocs)}");
            var findings = result.Findings;
            if (r.GetValue(writeBaseline) is { } baselineOut)
            {
                try { ReportWriter.WriteAtomic(baselineOut, DocLint.Linting.Baseline.Write(findings)); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
                {
                    throw new UsageException($"cannot write baseline to {baselineOut}: {IoReason.Of(e, baselineOut)}");
                }
                stderr.WriteLine($"doclint: wrote {Plural(findings.Count, "fingerprint")} to {baselineOut}");
                return 0;
            }
            if (result.Baselined > 0 && !r.GetValue(quiet)) stderr.WriteLine($"doclint: {Plural(result.Baselined, "finding")} hidden by the baseline {baselineFile}");
            var context = ReportContext.Of(result, project.Workspace, new ReportSummary(result.CheckedFiles.Count, started.ElapsedMilliseconds))
                with { DocsUrl = docsUrlValue ?? project.Config.DocsUrl };

            foreach (var (f, file) in reports)
            {
                try { ReportWriter.WriteAtomic(file, ReportOrder.Render(f, context)); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
                {
                    throw new UsageException($"cannot write {f} report to {file}: {IoReason.Of(e, file)}");
                }
            }

            var color = stdoutFormat == "text" && !r.GetValue(noColor) && ReferenceEquals(stdout, StdStreams.Out)
                        && !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
            stdout.Write(ReportOrder.Render(stdoutFormat, context with { Color = color, Quiet = r.GetValue(quiet) }));

            Severity? threshold = r.GetValue(failOn) switch
            {
                "never" => null,
                "info" => Severity.Info,
                "warning" => Severity.Warning,
                _ => Severity.Error,
            };
            return threshold is { } t && findings.Any(f => f.Severity >= t) ? 1 : 0;
        });

        root.Subcommands.Add(check);
        root.Subcommands.Add(explain);
        root.Subcommands.Add(SetupCommands.Rules(stdout));
        root.Subcommands.Add(SetupCommands.Init(stdout, stderr));
        root.Subcommands.Add(SetupCommands.Schema(stdout));
        root.Subcommands.Add(SetupCommands.Hook(stdout, stderr));
        var lsp = new Command("lsp", "Language server for editors, on stdin/stdout (LSP 3.17).");
        // The protocol owns stdout: the server reads and writes the process's standard streams, never the writers above.
        lsp.SetAction(_ => new Lsp.LanguageServer(Console.OpenStandardInput(), Console.OpenStandardOutput()).Run());
        root.Subcommands.Add(lsp);
        foreach (var command in Commands(root))
            foreach (var argument in command.Arguments) RejectOptions(argument, command);
        return root;
    }
}
