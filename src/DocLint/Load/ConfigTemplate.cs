using System.Text;
using DocLint.Evaluate;
using DocLint.Parse.Yaml;

namespace DocLint.Load;

/// <summary>
/// <c>doclint init</c>: a commented <c>.doclint.yml</c> for a repository, pre-filled from what is there — the root CI
/// file and its <c>spec:inputs</c>, a catalogue file, the docs folders, the required docs that exist, release-train
/// playbooks (Markdown with a "Release Order" heading), retired orchestration files still present. Keys whose value is
/// the embedded default are written commented out, so the file states only what differs and documents the rest.
/// </summary>
public static class ConfigTemplate
{
    /// <summary>The copy of the config schema <c>doclint init</c> writes beside <c>.doclint.yml</c> (<c>doclint schema</c>
    /// prints it), so the modeline resolves offline.</summary>
    public const string SchemaFileName = ".doclint.schema.json";

    private static readonly string[] CatalogueNames =
        { "catalogue.yml", "catalogue.yaml", "catalogue.json", "catalog.yml", "catalog.yaml", "catalog.json", "projects.yml", "projects.yaml", "projects.json" };

    /// <summary>The config text; with <paramref name="schemaFile"/>, a first line pointing editors at that schema file
    /// (relative to the config).</summary>
    public static string For(Workspace ws, string? schemaFile = null)
    {
        var d = DocLintConfig.Default;
        var files = ws.AllFiles();
        var sb = new StringBuilder();
        if (schemaFile != null) sb.Append("# yaml-language-server: $schema=").Append(schemaFile).Append('\n');
        sb.Append("# DocLint configuration, written by `doclint init`. Only the keys you change are needed: every key left\n");
        sb.Append("# out (or commented out) keeps its default, shown here. `doclint check` validates this file (exit 2 if invalid).\n\n");

        // CI file
        var ci = files.Contains(".gitlab-ci.yml") ? ".gitlab-ci.yml" : files.FirstOrDefault(f => !f.Contains('/') && f.EndsWith(".gitlab-ci.yml", StringComparison.Ordinal));
        if (ci == null)
        {
            sb.Append("# No root .gitlab-ci.yml was found, so only the docs and playbook rules run.\n");
            sb.Append("ci: null\n");
        }
        else if (ci == d.Ci) sb.Append("# ci: .gitlab-ci.yml                 # the root CI file (found)\n");
        else sb.Append("ci: ").Append(Quote(ci)).Append("                 # the root CI file (found)\n");

        // Inputs
        var inputs = ci == null ? null : RoutingModel.Build(ws, d with { Ci = ci }).Inputs;
        var declared = inputs?.Inputs.Keys.ToList() ?? new List<string>();
        if (ci != null)
        {
            sb.Append('\n');
            if (declared.Count == 0) sb.Append("# The root CI file declares no spec:inputs; DocLint expects action, project and confirm (input-surface).\n");
            else sb.Append("# Inputs declared by ").Append(ci).Append(": ").Append(string.Join(", ", declared)).Append('\n');
            var names = d.Inputs;
            var guess = new InputNames(
                Pick(declared, names.Action, "action"),
                Pick(declared, names.Project, "project", "projects", "target"),
                Pick(declared, names.Confirm, "confirm", "confirmed"));
            if (guess == names) sb.Append("# inputs: { action: action, project: project, confirm: confirm }\n");
            else sb.Append($"inputs: {{ action: {guess.Action}, project: {guess.Project}, confirm: {guess.Confirm} }}\n");

            if (inputs != null && inputs.Inputs.TryGetValue(guess.Action, out var actionSpec) && actionSpec.Options is { } opts)
            {
                var found = opts.OfType<YScalar>().Select(o => o.AsText).ToList();
                var expected = d.Actions.Select(a => a.Name).ToList();
                if (!found.SequenceEqual(expected))
                    sb.Append("# The action input offers: ").Append(string.Join(", ", found))
                      .Append(".\n# The contract's final names are ").Append(string.Join(", ", expected))
                      .Append(" (action-vocabulary reports the difference).\n");
                AppendActions(sb, ws, d, found, guess, DocGlobs(files));
            }
        }

        // Catalogue
        sb.Append('\n');
        var catalogue = files.FirstOrDefault(f => CatalogueNames.Contains(f, StringComparer.Ordinal));
        if (catalogue != null) sb.Append("catalogue: ").Append(Quote(catalogue)).Append("            # the project catalogue file (found; schema: catalogue.schema.json)\n");
        else sb.Append("# catalogue: ci                     # the project input's options minus `all` are the catalogue\n");

        // Docs
        sb.Append('\n');
        var docGlobs = DocGlobs(files);
        if (docGlobs.SequenceEqual(d.Docs)) sb.Append("# docs: [\"docs/**/*.md\"]             # the operator docs the docs rules read\n");
        else sb.Append("docs: [").Append(string.Join(", ", docGlobs.Select(Quote))).Append("]\n");
        // Required docs stay the contract's: a missing one is exactly what docs-coverage is for, so init never drops it.
        sb.Append("# requiredDocs:                      # docs-coverage reports a missing one\n");
        foreach (var r in d.RequiredDocs)
            sb.Append("#   - ").Append(r).Append(files.Contains(r) ? "" : "            # NOT FOUND yet").Append('\n');
        // Generated regions need no key: the markers in a doc are the whole configuration (CONTRACT §9).
        sb.Append("# Tables DocLint keeps true in these docs: put <!-- doclint:generate KIND --> and <!-- doclint:end -->\n")
          .Append("# on lines of their own (KIND: routing [action=NAME] [project=NAME], actions, projects, inputs);\n")
          .Append("# `doclint check --fix` writes the table between them, docs-generated reports it when it goes stale.\n");

        // Playbooks
        // A directory with its own .gitlab-ci.yml or .doclint.yml is another project (a test fixture, a vendored
        // repository): its playbooks are not this repository's.
        var nested = files.Where(f => f.Contains('/') && Path.GetFileName(f) is ".gitlab-ci.yml" or ".doclint.yml")
            .Select(f => f[..(f.LastIndexOf('/') + 1)]).Distinct(StringComparer.Ordinal).ToList();
        var playbooks = files.Where(f => f.EndsWith(".md", StringComparison.OrdinalIgnoreCase)
            && !nested.Any(n => f.StartsWith(n, StringComparison.Ordinal)) && MentionsReleaseOrder(ws, f)).ToList();
        sb.Append('\n');
        if (playbooks.Count == 0) sb.Append("# playbooks: []                     # release-train playbooks (globs): none found\n");
        else
        {
            sb.Append("playbooks:                          # release-train playbooks (found: a \"Release Order\" heading)\n");
            foreach (var p in playbooks) sb.Append("  - ").Append(Quote(p)).Append('\n');
        }

        // Retired files
        var retired = d.Composition.RetiredFiles.Where(files.Contains).ToList();
        if (retired.Count > 0)
            sb.Append("\n# Retired orchestration files still present (composition warns): ").Append(string.Join(", ", retired)).Append('\n');

        sb.Append("""

            # releaseBranch: null               # set to require every orchestration trigger to target this branch
            # defaultBranch: main
            # allSelector: all
            # Per-rule severity or off, e.g.:
            # rules:
            #   docs-coverage: warning
            #   composition: off
            # unsuppressible: [confirm-gate]    # rules an inline comment cannot silence
            """.Replace("\r\n", "\n"));
        sb.Append('\n');
        return sb.ToString();
    }

    private static IReadOnlyList<string> DocGlobs(IReadOnlyList<string> files)
    {
        var docRoots = files.Where(f => f.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && f.Contains('/'))
            .Select(f => f[..f.IndexOf('/')]).Distinct(StringComparer.Ordinal).Where(r => r is "docs" or "doc" or "runbooks" or "handbook").ToList();
        return docRoots.Count == 0 ? DocLintConfig.Default.Docs : docRoots.Select(r => r + "/**/*.md").ToList();
    }

    /// <summary>
    /// The action vocabulary as the repository has it: every option of the action input is a final name (an option
    /// that is an obsolete name of the contract's vocabulary is not: the contract's final name stays, and
    /// action-vocabulary reports the option), and every other action the docs' invocations still name is an obsolete
    /// name of the final name it resembles. Signals and legacy variables are the contract's, paired by name or, for a
    /// vocabulary of the contract's size, by position.
    /// </summary>
    private static void AppendActions(StringBuilder sb, Workspace ws, DocLintConfig d, IReadOnlyList<string> options, InputNames inputs, IReadOnlyList<string> docGlobs)
    {
        static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
        var offered = options.Where(o => !d.PlaceholderActions.Any(p => Same(p, o))).ToList();
        var finals = new List<(string Name, ActionConfig? Contract)>();
        foreach (var o in offered)
        {
            var contract = d.Actions.FirstOrDefault(a => a.Name == o) ?? d.Actions.FirstOrDefault(a => a.ObsoleteNames.Any(n => Same(n, o)));
            if (contract != null && contract.Name != o)
            {
                if (!finals.Any(f => f.Name == contract.Name)) finals.Add((contract.Name, contract));
                continue;
            }
            finals.Add((o, contract));
        }
        if (finals.Count == d.Actions.Count)
            for (var i = 0; i < finals.Count; i++)
                if (finals[i].Contract == null && !finals.Any(f => f.Contract == d.Actions[i])) finals[i] = (finals[i].Name, d.Actions[i]);

        var docs = Parse.Markdown.DocSet.Load(ws, docGlobs);
        var documented = docs.Documents.SelectMany(doc => doc.Invocations(inputs).Invocations)
            .Select(i => i.Action).Where(a => !a.IsPlaceholder).Select(a => a.Value)
            .Where(v => !finals.Any(f => f.Name == v) && !d.PlaceholderActions.Any(p => Same(p, v)) && !options.Contains(v))
            .Distinct(StringComparer.Ordinal).ToList();
        // The contract's obsolete names belong to its own final names; a vocabulary of the team's own starts empty.
        var obsolete = finals.ToDictionary(f => f.Name, f => new List<string>(f.Contract?.Name == f.Name ? f.Contract.ObsoleteNames : Array.Empty<string>()));
        var unassigned = new List<string>();
        foreach (var v in documented)
        {
            if (obsolete.Values.Any(l => l.Any(n => Same(n, v)))) continue;
            var words = v.Split('-', '_', ' ').Where(w => w.Length > 2).ToList();
            var match = finals.Select(f => (f.Name, Shared: words.Count(w => f.Name.Split('-', '_').Any(x => Same(x, w)))))
                .Where(x => x.Shared > 0).OrderByDescending(x => x.Shared).ToList();
            if (match.Count == 1 || (match.Count > 1 && match[0].Shared > match[1].Shared)) obsolete[match[0].Name].Add(v);
            else unassigned.Add(v);
        }

        sb.Append("# The action vocabulary: the action input's options are the final names; obsolete names are the older\n");
        sb.Append("# ones (the contract's, and those the docs still use). docs-action-name reports an obsolete name in a\n");
        sb.Append("# runbook and `doclint check --fix` rewrites it to the final name.\n");
        sb.Append("actions:\n");
        foreach (var (name, contract) in finals)
        {
            sb.Append("  - name: ").Append(Quote(name)).Append('\n');
            if (contract?.Signal != null) sb.Append("    signal: ").Append(contract.Signal).Append('\n');
            if (contract?.LegacyVariable != null) sb.Append("    legacyVariable: ").Append(contract.LegacyVariable).Append('\n');
            var names = obsolete[name].Distinct(StringComparer.Ordinal).ToList();
            sb.Append("    obsoleteNames: [").Append(string.Join(", ", names.Select(Quote))).Append("]\n");
        }
        if (unassigned.Count > 0)
            sb.Append("# The docs also name these actions, which are no option of the action input; add each to the obsoleteNames\n# of the action it meant: ")
              .Append(string.Join(", ", unassigned)).Append('\n');
    }

    private static string Pick(IReadOnlyList<string> declared, params string[] candidates)
    {
        foreach (var c in candidates)
        {
            var hit = declared.FirstOrDefault(n => string.Equals(n, c, StringComparison.OrdinalIgnoreCase));
            if (hit != null) return hit;
        }
        return candidates[0];
    }

    private static bool MentionsReleaseOrder(Workspace ws, string path)
    {
        var text = ws.TryRead(path, out _)?.Text;
        if (text == null) return false;
        foreach (var line in text.Split('\n'))
            if (line.TrimStart().StartsWith('#') && line.Contains("Release Order", StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private static string Quote(string s) => s.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or '/') ? s : "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
