using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using DocLint.Findings;
using DocLint.Parse.Yaml;
using DocLint.Tests.Support;
using Markdig.Syntax;

namespace DocLint.Tests.Distribution;

/// <summary>
/// Every command README shows is exercised. The <c>doclint …</c> lines of its <c>```sh</c> and <c>```console</c> blocks
/// (and <c>dotnet run --project src/DocLint.Cli -- …</c>, the same thing before installing) run in-process, in README
/// order, in one temporary git repository: a copy of bf-dev with <c>docs-fixtures/</c> beside its files, so
/// <c>doclint check</c> (PATH defaults to <c>.</c>) and <c>doclint check docs-fixtures/…</c> both mean what they mean
/// to a reader in a checkout. Relative paths (PATH, <c>--report F=FILE</c>, <c>--baseline</c>, <c>--config</c>) are
/// resolved against that repository, and a command that names no PATH is given it, which is what its default
/// <c>.</c> means there. Each must exit with the code README shows (<c>$ echo $?</c> in a console block, or an
/// <c>exit N</c> in the line's comment), else 0, and never 2; a console block's output must be what README shows
/// (timings aside). Any other command line must be in <see cref="ExercisedElsewhere"/>, which names the test (or
/// <c>.ci/run</c>) that runs it. README's YAML recipes (the component include, the pre-commit configuration) are run
/// by <see cref="ComponentTests"/> and <see cref="PreCommitTests"/>.
/// </summary>
public class ReadmeTests
{
    private static readonly string ReadmePath = Path.Combine(RepoPaths.Root, "README.md");

    /// <summary>Sections whose commands are maintainers' measurements, minutes long, not user recipes: their figures are
    /// in bench/RESULTS.md with the commands that produced them.</summary>
    private static readonly string[] MeasurementSections = { "Benchmarks" };

    /// <summary>Command lines README shows that are not <c>doclint</c>: what runs each (a test method of this assembly,
    /// whose source must contain the fragments, or <c>.ci/run</c>, which must contain the line).</summary>
    private static readonly (string Command, string RunBy, string[] Fragments)[] ExercisedElsewhere =
    {
        ("dotnet test DocLint.sln", ".ci/run", Array.Empty<string>()),
        ("bash .ci/run", ".ci/run", Array.Empty<string>()),
        ("bash .ci/release", ".ci/run", Array.Empty<string>()),
        ("dotnet pack src/DocLint.Cli -c Release", "DocLint.Tests.Distribution.PackagedToolTests.The_packed_tool_installs_the_native_binary_and_checks_the_fixtures",
            new[] { "\"pack\"", "\"src\", \"DocLint.Cli\"", "\"Release\"" }),
        ("dotnet pack src/DocLint.Cli -c Release -r linux-x64", "DocLint.Tests.Distribution.PackagedToolTests.The_packed_tool_installs_the_native_binary_and_checks_the_fixtures",
            new[] { "\"pack\"", "\"-r\", \"linux-x64\"" }),
        // The test installs into a temporary --tool-path instead of the user's global tools; the package and command are the same.
        ("dotnet tool install --global DocLint --add-source ./artifacts", "DocLint.Tests.Distribution.PackagedToolTests.The_packed_tool_installs_the_native_binary_and_checks_the_fixtures",
            new[] { "\"tool\", \"install\"", "\"DocLint\", \"--add-source\"" }),
        ("git push", "DocLint.Tests.Linting.PrePushHookTests.The_hook_allows_a_clean_push_and_blocks_a_push_with_drift",
            new[] { "\"push\"", "push blocked" }),
        ("pre-commit install --hook-type pre-commit --hook-type pre-push", "DocLint.Tests.Distribution.PreCommitTests.The_README_configuration_blocks_a_commit_with_drift_and_lets_the_fix_through",
            new[] { "README.md's", "\"install\"" }),
    };

    public sealed record Block(string Info, int Line, string Section, IReadOnlyList<string> Lines)
    {
        public string Text => string.Join("\n", Lines);
    }

    /// <summary>One command line README shows: where, its words, and the exit code and output README gives for it.</summary>
    public sealed record Shown(int Line, string Text, IReadOnlyList<string> Words, int? Exit, IReadOnlyList<string>? Output)
    {
        public override string ToString() => $"README.md:{Line}: {Text}";
    }

    public static IReadOnlyList<Block> Blocks()
    {
        var markdown = File.ReadAllText(ReadmePath).Replace("\r\n", "\n");
        var doc = Markdig.Markdown.Parse(markdown);
        var blocks = new List<Block>();
        var section = "";
        foreach (var b in doc)
        {
            if (b is HeadingBlock { Level: 2 } h) section = markdown.Substring(h.Span.Start, h.Span.Length).TrimStart('#').Trim();
            if (b is FencedCodeBlock code)
                blocks.Add(new Block((code.Info ?? "").Trim(), code.Line + 2, section,
                    code.Lines.Lines.Take(code.Lines.Count).Select(l => l.ToString()).ToList()));
        }
        return blocks;
    }

    public static IReadOnlyList<Shown> Commands()
    {
        var shown = new List<Shown>();
        foreach (var block in Blocks().Where(b => b.Info is "sh" or "console" && !MeasurementSections.Contains(b.Section)))
        {
            if (block.Info == "sh")
            {
                for (var i = 0; i < block.Lines.Count; i++)
                {
                    var (words, comment) = Shell.Split(block.Lines[i]);
                    if (words.Count == 0) continue;
                    var exit = comment != null && Regex.Match(comment, @"\bexits? (\d)\b") is { Success: true } m ? int.Parse(m.Groups[1].Value) : (int?)null;
                    shown.Add(new Shown(block.Line + i, block.Lines[i].Trim(), words, exit, null));
                }
                continue;
            }
            // console: "$ command" lines, each followed by its output; "$ echo $?" shows the previous command's exit code.
            for (var i = 0; i < block.Lines.Count; i++)
            {
                if (!block.Lines[i].StartsWith("$ ", StringComparison.Ordinal)) continue;
                var output = new List<string>();
                var j = i + 1;
                for (; j < block.Lines.Count && !block.Lines[j].StartsWith("$ ", StringComparison.Ordinal); j++) output.Add(block.Lines[j]);
                var (words, _) = Shell.Split(block.Lines[i][2..]);
                if (words is ["echo", "$?"])
                {
                    Assert.True(shown.Count > 0 && output.Count == 1 && int.TryParse(output[0], out _), $"README.md:{block.Line + i}: `echo $?` must follow a command and show one number");
                    shown[^1] = shown[^1] with { Exit = int.Parse(output[0]) };
                }
                else shown.Add(new Shown(block.Line + i, block.Lines[i][2..].Trim(), words, null, output));
                i = j - 1;
            }
        }
        return shown;
    }

    /// <summary>The doclint arguments of a README line, or null when it is not a doclint command.</summary>
    private static string[]? DoclintArgs(IReadOnlyList<string> words)
    {
        if (words.Count > 0 && words[0] == "doclint") return words.Skip(1).ToArray();
        string[] run = { "dotnet", "run", "--project", "src/DocLint.Cli", "--" };
        return words.Count >= run.Length && words.Take(run.Length).SequenceEqual(run) ? words.Skip(run.Length).ToArray() : null;
    }

    [Fact]
    public void README_keeps_the_two_set_up_commands_at_the_top()
    {
        var first = Blocks().First(b => b.Info == "sh");
        Assert.Equal("Set up", first.Section);
        Assert.Equal(new[] { "dotnet run --project src/DocLint.Cli -- check docs-fixtures/bf-dev", "dotnet test DocLint.sln" },
            first.Lines.Select(l => Shell.Split(l).Words).Where(w => w.Count > 0).Select(w => string.Join(' ', w)));
    }

    [Fact]
    public void Every_command_README_shows_is_a_doclint_command_or_is_exercised_elsewhere()
    {
        var commands = Commands();
        Assert.True(commands.Count(c => DoclintArgs(c.Words) != null) >= 10, "README shows fewer doclint commands than expected: is the parser reading it?");
        var unexercised = commands.Where(c => DoclintArgs(c.Words) == null)
            .Where(c => !ExercisedElsewhere.Any(e => e.Command == string.Join(' ', c.Words))).ToList();
        Assert.True(unexercised.Count == 0, "README shows commands no test runs:\n  " + string.Join("\n  ", unexercised));

        var ciRun = File.ReadAllText(Path.Combine(RepoPaths.Root, ".ci", "run"));
        foreach (var (command, runBy, fragments) in ExercisedElsewhere)
        {
            if (runBy == ".ci/run")
            {
                Assert.True(command == "bash .ci/run" || ciRun.Contains(command, StringComparison.Ordinal), $".ci/run does not run `{command}`");
                continue;
            }
            var dot = runBy.LastIndexOf('.');
            var type = typeof(ReadmeTests).Assembly.GetType(runBy[..dot]);
            var method = type?.GetMethod(runBy[(dot + 1)..]);
            Assert.True(method?.GetCustomAttribute<FactAttribute>() != null, $"`{command}`: {runBy} is not a test");
            var source = File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "DocLint.Tests",
                Path.Combine(type!.Namespace!["DocLint.Tests.".Length..].Split('.')), type.Name + ".cs"));
            Assert.All(fragments, f => Assert.True(source.Contains(f, StringComparison.Ordinal), $"`{command}`: {type.Name} does not contain {f}"));
        }
    }

    [Fact]
    public async Task Every_doclint_command_README_shows_runs_with_the_exit_code_and_output_it_shows()
    {
        using var repo = UserRepository();
        var failures = new List<string>();
        var ran = 0;
        foreach (var c in Commands())
        {
            if (DoclintArgs(c.Words) is not { } args) continue;
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var code = await DocLint.Cli.Cli.RunAsync(InRepository(args, repo.Root), stdout, stderr);
            ran++;
            var want = c.Exit ?? 0;
            if (code != want || code == 2)
                failures.Add($"{c}: exit {code}, README shows {want}\n    {stderr.ToString().Trim().Replace("\n", "\n    ")}");
            if (c.Output != null)
            {
                var actual = Normalize(stdout + stderr.ToString());
                var shown = Normalize(string.Join("\n", c.Output));
                if (actual != shown) failures.Add($"{c}: output differs from README's\n--- README\n{shown}\n--- actual\n{actual}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(ran >= 10, $"only {ran} doclint commands ran");
    }

    /// <summary>Timings vary between runs: "in 1526 ms" compares as "in N ms".</summary>
    private static string Normalize(string text) =>
        Regex.Replace(text.Replace("\r\n", "\n").Trim(), @"\bin \d+ ms\b", "in N ms");

    /// <summary>bf-dev's files with docs-fixtures/ beside them, committed in a fresh git repository whose
    /// <c>origin/main</c> is that commit.</summary>
    private static TempRepo UserRepository()
    {
        var repo = TempRepo.CopyOf(RepoPaths.Fixture("bf-dev"));
        foreach (var file in Directory.GetFiles(RepoPaths.Fixtures, "*", SearchOption.AllDirectories))
            repo.WriteBytes(Path.Combine("docs-fixtures", Path.GetRelativePath(RepoPaths.Fixtures, file)), File.ReadAllBytes(file));
        Processes.Git(repo.Root, "init", "-q");
        Processes.Git(repo.Root, "add", "-A");
        Processes.Git(repo.Root, "commit", "-qm", "bf-dev");
        Processes.Git(repo.Root, "update-ref", "refs/remotes/origin/main", "HEAD");
        return repo;
    }

    private static readonly HashSet<string> ValueOptions = new(StringComparer.Ordinal)
        { "--format", "--fail-on", "--changed-since", "--report", "--baseline", "--write-baseline", "--config" };
    private static readonly HashSet<string> PathOptions = new(StringComparer.Ordinal) { "--baseline", "--write-baseline", "--config" };

    /// <summary>The arguments with relative paths resolved against <paramref name="root"/>, and <paramref name="root"/>
    /// as PATH when a command that takes one (default <c>.</c>) names none.</summary>
    public static string[] InRepository(IReadOnlyList<string> args, string root)
    {
        string Abs(string p) => Path.IsPathRooted(p) ? p : Path.GetFullPath(Path.Combine(root, p));
        var result = new List<string>();
        var first = args.Count > 0 && args[0] == "hook" ? 2 : 1;
        var takesPath = args.Count > 0 && args[0] is "check" or "explain" or "init" or "hook";
        var sawPath = false;
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (i < first) { result.Add(a); continue; }
            if (a.StartsWith("--", StringComparison.Ordinal))
            {
                var eq = a.IndexOf('=');
                var name = eq > 0 ? a[..eq] : a;
                if (!ValueOptions.Contains(name)) { result.Add(a); continue; }
                string value;
                if (eq > 0) value = a[(eq + 1)..];
                else if (i + 1 < args.Count) value = args[++i];
                else { result.Add(a); continue; }
                if (name == "--report" && value.IndexOf('=') is var at and > 0) value = value[..(at + 1)] + Abs(value[(at + 1)..]);
                else if (PathOptions.Contains(name)) value = Abs(value);
                result.Add(name);
                result.Add(value);
                continue;
            }
            result.Add(takesPath ? Abs(a) : a);
            sawPath |= takesPath;
        }
        if (takesPath && !sawPath) result.Add(root);
        return result.ToArray();
    }

    [Fact]
    public void Arguments_are_resolved_in_the_repository()
    {
        Assert.Equal(new[] { "check", "/r/docs-fixtures/bf-dev", "--report", "junit=/r/j.xml", "--format", "json" },
            InRepository(new[] { "check", "docs-fixtures/bf-dev", "--report", "junit=j.xml", "--format", "json" }, "/r"));
        Assert.Equal(new[] { "check", "--report", "codequality=/r/q.json", "--quiet", "/r" }, InRepository(new[] { "check", "--report=codequality=q.json", "--quiet" }, "/r"));
        Assert.Equal(new[] { "hook", "install", "/r" }, InRepository(new[] { "hook", "install" }, "/r"));
        Assert.Equal(new[] { "rules", "confirm-gate" }, InRepository(new[] { "rules", "confirm-gate" }, "/r"));
        Assert.Equal(new[] { "check", "--changed-since", "origin/main", "/r" }, InRepository(new[] { "check", "--changed-since", "origin/main" }, "/r"));
    }

    /// <summary>README's merge-request job: the <c>```yaml</c> block with a <c>doclint check</c> script line.</summary>
    private static Block MergeRequestJob() =>
        Assert.Single(Blocks(), b => b.Info == "yaml" && b.Text.Contains("- doclint check ", StringComparison.Ordinal) && b.Text.Contains("artifacts:", StringComparison.Ordinal));

    [Fact]
    public void The_merge_request_job_is_a_valid_job_that_runs_on_merge_requests_and_keeps_both_reports()
    {
        using var ci = new TempRepo((".gitlab-ci.yml", MergeRequestJob().Text + "\n"));
        var (result, findings) = Ci.Run(ci, source: "merge_request_event");
        Assert.True(findings.All(f => f.Severity < Severity.Warning), string.Join("\n", findings));
        Assert.True(result.Created, result.NotCreatedReason);
        var job = Assert.Single(result.Jobs);

        var script = Assert.IsType<YSequence>(job.Job["script"]).Items.Cast<YScalar>().Select(s => s.Value).ToList();
        var check = Assert.Single(script);
        Assert.StartsWith("doclint check ", check);
        var reports = Reports(Shell.Split(check).Words);
        Assert.Equal(new[] { "codequality", "junit" }, reports.Keys.Order(StringComparer.Ordinal));

        var artifacts = Assert.IsType<YMapping>(job.Job["artifacts"]);
        Assert.Equal("always", Assert.IsType<YScalar>(artifacts["when"]).Value);
        var declared = Assert.IsType<YMapping>(artifacts["reports"]);
        foreach (var (format, file) in reports)
            Assert.Equal(file, Assert.IsType<YScalar>(declared[format]).Value);

        // Not in pipelines that are not for a merge request.
        Assert.Empty(Ci.Run(ci, source: "push").Result.Jobs);
    }

    [Theory]
    [InlineData("bf-dev", 0)]
    [InlineData("drift/confirm-gate/one-rule-without-confirm", 1)]
    public void The_merge_request_job_script_writes_both_reports_pass_or_fail(string fixture, int exit)
    {
        var line = ScriptLine();
        var words = Shell.Split(line).Words;
        using var repo = TempRepo.CopyOf(RepoPaths.Fixture(fixture));
        // The job runs from the repository root: `doclint` there is the native binary of the release tarball.
        var run = Processes.Run(NativeBinary.Path, words.Skip(1), repo.Root);
        Assert.True(run.ExitCode == exit, run.ToString());
        var reports = Reports(words);

        using var quality = JsonDocument.Parse(File.ReadAllText(Path.Combine(repo.Root, reports["codequality"])));
        Assert.Equal(JsonValueKind.Array, quality.RootElement.ValueKind);
        Assert.Equal(exit == 1, quality.RootElement.EnumerateArray().Any(i => i.GetProperty("check_name").GetString() == "confirm-gate"));

        var junit = XDocument.Load(Path.Combine(repo.Root, reports["junit"]));
        var failures = junit.Descendants("testcase").Count(t => t.Element("failure") != null);
        Assert.True(junit.Descendants("testcase").Any(), junit.ToString());
        Assert.Equal(exit == 1, failures > 0);
    }

    /// <summary>The job's one script line, as GitLab's model of the job (composed and evaluated) has it.</summary>
    private static string ScriptLine()
    {
        using var ci = new TempRepo((".gitlab-ci.yml", MergeRequestJob().Text + "\n"));
        var job = Assert.Single(Ci.Run(ci, source: "merge_request_event").Result.Jobs);
        return Assert.Single(Assert.IsType<YSequence>(job.Job["script"]).Items.Cast<YScalar>()).Value;
    }

    /// <summary>The <c>--report F=FILE</c> pairs of a command line.</summary>
    private static Dictionary<string, string> Reports(IReadOnlyList<string> words)
    {
        var reports = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < words.Count; i++)
        {
            var value = words[i] == "--report" && i + 1 < words.Count ? words[++i] : words[i].StartsWith("--report=", StringComparison.Ordinal) ? words[i]["--report=".Length..] : null;
            if (value?.Split('=', 2) is [var f, var file]) reports[f] = file;
        }
        return reports;
    }

    /// <summary>README's yaml block that contains <paramref name="marker"/> (the component include, the pre-commit
    /// configuration): the recipe tests (<see cref="ComponentTests"/>, <see cref="PreCommitTests"/>) run exactly it.</summary>
    public static string YamlBlock(string marker) =>
        Assert.Single(Blocks(), b => b.Info == "yaml" && b.Text.Contains(marker, StringComparison.Ordinal)).Text + "\n";
}

/// <summary>Splits a README command line the way a POSIX shell splits words: quotes, backslashes, and a comment from an
/// unquoted <c>#</c> at the start of a word. Pipes, redirections and command lists are refused: a README command a
/// test runs is one simple command.</summary>
public static class Shell
{
    public static (IReadOnlyList<string> Words, string? Comment) Split(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\'' )
            {
                var end = line.IndexOf('\'', i + 1);
                if (end < 0) throw new FormatException($"unterminated ' in: {line}");
                word.Append(line, i + 1, end - i - 1);
                i = end;
                inWord = true;
            }
            else if (c == '"')
            {
                for (i++; i < line.Length && line[i] != '"'; i++)
                {
                    if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] is '"' or '\\' or '$' or '`') i++;
                    word.Append(line[i]);
                }
                if (i >= line.Length) throw new FormatException($"unterminated \" in: {line}");
                inWord = true;
            }
            else if (c == '\\' && i + 1 < line.Length) { word.Append(line[++i]); inWord = true; }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
            else if (c == '#' && !inWord) return (Done(), line[(i + 1)..].Trim());
            else if (c is '|' or '&' or ';' or '<' or '>' or '`') throw new FormatException($"not a simple command (`{c}`): {line}");
            else { word.Append(c); inWord = true; }
        }
        return (Done(), null);

        List<string> Done()
        {
            if (inWord) words.Add(word.ToString());
            return words;
        }
    }
}
