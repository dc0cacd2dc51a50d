using System.CommandLine;
using DocLint.Linting;
using DocLint.Load;
using DocLint.Reporting;

namespace DocLint.Cli;

/// <summary>The commands that set DocLint up in a repository: <c>init</c> and <c>hook install|uninstall</c>.</summary>
internal static class SetupCommands
{
    public static Command Init(TextWriter stdout, TextWriter stderr)
    {
        var path = new Argument<string?>("PATH") { Description = "Repository root (default: .)", Arity = ArgumentArity.ZeroOrOne };
        var force = new Option<bool>("--force") { Description = "Replace an existing .doclint.yml" };
        var print = new Option<bool>("--stdout") { Description = "Print the configuration instead of writing it" };
        var init = new Command("init", "Write a commented .doclint.yml for PATH, pre-filled from what is in the repository.");
        init.Arguments.Add(path);
        init.Options.Add(force);
        init.Options.Add(print);
        init.SetAction(r =>
        {
            var dir = Path.GetFullPath(r.GetValue(path) ?? ".");
            if (!Directory.Exists(dir)) throw new UsageException($"{r.GetValue(path)}: no such directory");
            if (r.GetValue(print)) { stdout.Write(ConfigTemplate.For(new Workspace(dir))); return 0; }
            var text = ConfigTemplate.For(new Workspace(dir), ConfigTemplate.SchemaFileName);
            var target = Path.Combine(dir, Project.ConfigFileName);
            if (File.Exists(target) && !r.GetValue(force))
                throw new UsageException($"{Cli.Display(target)}: already exists; not overwritten (use --force to replace it, --stdout to print)");
            // The modeline points at a copy of the schema beside the config, so editors resolve it offline.
            var schema = Path.Combine(dir, ConfigTemplate.SchemaFileName);
            foreach (var (file, content) in new[] { (schema, SchemaCheck.Config.Text), (target, text) })
            {
                try { ReportWriter.WriteAtomic(file, content); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UsageException($"cannot write {Cli.Display(file)}: {IoReason.Of(e, file)}"); }
                stderr.WriteLine($"doclint: wrote {Cli.Display(file)}");
            }
            return 0;
        });
        return init;
    }

    public static Command Schema(TextWriter stdout)
    {
        var schema = new Command("schema", "Print the JSON Schema of .doclint.yml (for editors: `doclint schema > .doclint.schema.json`).");
        schema.SetAction(_ => { stdout.Write(SchemaCheck.Config.Text); return 0; });
        return schema;
    }

    public static Command Rules(TextWriter stdout)
    {
        var id = new Argument<string?>("RULE-ID") { Description = "Describe this rule (default: list every rule)", Arity = ArgumentArity.ZeroOrOne };
        var rules = new Command("rules", "List the rules, or describe one: title, severity, why, failing and passing examples.");
        var docsUrl = Cli.DocsUrlOption();
        rules.Arguments.Add(id);
        rules.Options.Add(docsUrl);
        rules.SetAction(r =>
        {
            var wanted = r.GetValue(id);
            var url = Cli.CheckDocsUrl(r.GetValue(docsUrl));
            if (wanted == null) { stdout.Write(RulesWriter.List()); return 0; }
            var page = RulesWriter.Describe(wanted, url) ?? throw new UsageException($"no rule '{wanted}'{RulesWriter.Suggest(wanted)}; `doclint rules` lists them");
            stdout.Write(page);
            return 0;
        });
        return rules;
    }

    public static Command Hook(TextWriter stdout, TextWriter stderr)
    {
        var hook = new Command("hook", "Install or remove the git pre-push hook that checks what a push changes.");
        var installPath = new Argument<string?>("PATH") { Description = "A directory inside the git repository (default: .)", Arity = ArgumentArity.ZeroOrOne };
        var force = new Option<bool>("--force") { Description = "Replace a pre-push hook DocLint did not write (default: keep it and run it first)" };
        var install = new Command("install", "Write .git/hooks/pre-push: `doclint check --changed-since <remote commit, or the merge base with the default branch>` on every push; errors block it. An existing hook runs first.");
        install.Arguments.Add(installPath);
        install.Options.Add(force);
        install.SetAction(r =>
        {
            var written = PrePushHook.Install(r.GetValue(installPath) ?? ".", r.GetValue(force), null, out var chained);
            stdout.WriteLine($"doclint: installed the pre-push hook {Cli.Display(written)}"
                             + (chained == null ? "" : $"; the hook that was there runs first (kept as {PrePushHook.ChainedName})"));
            return 0;
        });
        var uninstallPath = new Argument<string?>("PATH") { Description = "A directory inside the git repository (default: .)", Arity = ArgumentArity.ZeroOrOne };
        var uninstall = new Command("uninstall", "Remove DocLint's pre-push hook and restore the hook it chained (a hook DocLint did not write is left alone).");
        uninstall.Arguments.Add(uninstallPath);
        uninstall.SetAction(r =>
        {
            var removed = PrePushHook.Uninstall(r.GetValue(uninstallPath) ?? ".", out var restored);
            stdout.WriteLine(removed == null ? "doclint: no DocLint pre-push hook was installed"
                : restored ? $"doclint: removed DocLint's hook; restored the pre-push hook it had chained ({Cli.Display(removed)})"
                : $"doclint: removed {Cli.Display(removed)}");
            return 0;
        });
        hook.Subcommands.Add(install);
        hook.Subcommands.Add(uninstall);
        return hook;
    }
}
