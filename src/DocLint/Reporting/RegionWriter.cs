using System.Text;
using DocLint.Evaluate;
using DocLint.Parse.GitLab.Inputs;
using DocLint.Parse.Yaml;

namespace DocLint.Reporting;

/// <summary>One row of a <c>routing</c> region: a ui scenario with confirm ticked and one trigger it creates (or none).</summary>
/// <param name="Job">The created job's GitLab name (a matrix instance's name), with " (manual)" for a manual job;
/// null when the choice creates no orchestration trigger.</param>
/// <param name="Note">Why nothing is created (no pipeline, no trigger), when <paramref name="Job"/> is null.</param>
public sealed record RoutingRow(string Action, string Project, string? Job, string? Downstream, string? Branch, string? Note);

/// <summary>
/// Renders the content of a generated region (CONTRACT §9) from the routing model <c>explain</c> prints, as
/// GitHub-flavoured Markdown: a blank line, a table, optional notes saying what the repository lacks, a blank line.
/// Deterministic (the same model gives the same text), in the given line ending; cells escaped.
/// </summary>
public static class RegionWriter
{
    /// <summary>The ui scenarios with confirm ticked (what each operator choice creates), in the input options' order,
    /// each trigger in creation order; narrowed to <paramref name="action"/> / <paramref name="project"/> when given.</summary>
    public static IReadOnlyList<RoutingRow> RoutingRows(RoutingModel model, string? action = null, string? project = null)
    {
        var names = model.Config.Inputs;
        var rows = new List<RoutingRow>();
        foreach (var o in model.Outcomes)
        {
            if (o.Scenario.Kind != ScenarioKind.Ui) continue;
            if (o.Scenario.Inputs.TryGetValue(names.Confirm, out var confirm) && confirm.Text != "true") continue;
            var inputs = ExplainWriter.EffectiveInputs(model, o.Scenario).ToDictionary(i => i.Name, i => i.Value.Text, StringComparer.Ordinal);
            var a = inputs.GetValueOrDefault(names.Action) ?? "";
            var p = inputs.GetValueOrDefault(names.Project) ?? "";
            if (action != null && a != action || project != null && p != project) continue;
            if (!o.Pipeline.Created) { rows.Add(new RoutingRow(a, p, null, null, null, $"no pipeline ({o.Pipeline.NotCreatedReason})")); continue; }
            if (o.Triggers.Count == 0) { rows.Add(new RoutingRow(a, p, null, null, null, "no orchestration trigger")); continue; }
            foreach (var t in o.Triggers)
                rows.Add(new RoutingRow(a, p, t.Describe(), t.Project, t.Branch, null));
        }
        return rows;
    }

    public static string Render(RoutingModel model, string kind, IReadOnlyList<KeyValuePair<string, string>> options, string newLine)
    {
        var lines = kind switch
        {
            "routing" => Routing(model, options.FirstOrDefault(o => o.Key == "action").Value, options.FirstOrDefault(o => o.Key == "project").Value),
            "actions" => Actions(model),
            "projects" => Projects(model),
            "inputs" => Inputs(model),
            _ => throw new ArgumentException($"unknown region kind {kind}", nameof(kind)),
        };
        var sb = new StringBuilder();
        sb.Append(newLine);
        foreach (var l in lines) sb.Append(l).Append(newLine);
        sb.Append(newLine);
        return sb.ToString();
    }

    private static List<string> Routing(RoutingModel model, string? action, string? project)
    {
        var n = model.Config.Inputs;
        var lines = Table(["Action", "Project", "Job", "Downstream project", "Branch"],
            RoutingRows(model, action, project).Select(r => r.Job == null
                ? new[] { Code(r.Action), Code(r.Project), Text(r.Note!), "", "" }
                : new[] { Code(r.Action), Code(r.Project), Code(r.Job), r.Downstream == null ? "?" : Code(r.Downstream), r.Branch == null ? "(default branch)" : Code(r.Branch) }));
        var notes = new List<string>();
        if (!model.HasCi) notes.Add("No CI file is configured (`ci: null`): there is no Run pipeline form to route.");
        else if (!model.Outcomes.Any(o => o.Scenario.Kind == ScenarioKind.Ui))
            notes.Add(Text($"The root CI file offers no {n.Action} or {n.Project} input: there is no operator choice to route."));
        else if (lines.Count == 2)
            notes.Add(Text($"The Run pipeline form offers no such choice ({string.Join(" ", new[] { action == null ? null : $"{n.Action}={action}", project == null ? null : $"{n.Project}={project}" }.Where(s => s != null))})."));
        else notes.Add(Text($"Rows: the Run pipeline choices with {n.Confirm} ticked; with it unticked nothing is triggered."));
        return Join(lines, notes);
    }

    private static List<string> Actions(RoutingModel model)
    {
        var lines = Table(["Action", "Signal", "Legacy variable", "Replaces"],
            model.Config.Actions.Select(a => new[]
            {
                Code(a.Name), a.Signal == null ? "—" : Code(a.Signal), a.LegacyVariable == null ? "—" : Code(a.LegacyVariable),
                a.ObsoleteNames.Count == 0 ? "—" : string.Join(", ", a.ObsoleteNames.Select(Code)),
            }));
        return Join(lines, model.Config.Actions.Count == 0 ? ["No actions are configured (`actions` in .doclint.yml)."] : []);
    }

    private static List<string> Projects(RoutingModel model)
    {
        var catalogue = model.Catalogue;
        var levels = catalogue.FromFile && catalogue.Projects.Any(p => p.DependsOn.Count > 0) ? ReleaseLevels.Compute(catalogue) : null;
        var created = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var o in model.Outcomes.Where(o => o.Scenario.Kind == ScenarioKind.Ui))
        foreach (var t in o.Triggers)
            if (t.Target != null && t.Project != null)
            {
                if (!created.TryGetValue(t.Target.Name, out var list)) created[t.Target.Name] = list = new List<string>();
                if (!list.Contains(t.Project, StringComparer.Ordinal)) list.Add(t.Project);
            }
        var rows = new List<string[]>();
        foreach (var p in catalogue.Projects.DistinctBy(p => p.Name))
        {
            var path = p.Path != null ? Code(p.Path)
                : created.TryGetValue(p.Name, out var paths) ? string.Join(", ", paths.Select(Code)) : "no trigger targets it";
            var level = levels == null ? "—"
                : levels.LevelOf.TryGetValue(p.Name, out var l) ? l.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : "none (dependsOn cycle)";
            rows.Add([Code(p.Name), path, level]);
        }
        var notes = new List<string>();
        var source = catalogue.FromFile ? $"the catalogue {Code(catalogue.File!)}" : $"the {Code(model.Config.Inputs.Project)} input's options";
        if (catalogue.Projects.Count == 0) notes.Add($"The catalogue ({source}) is empty.");
        else if (levels == null) notes.Add($"No release levels: {source} {(catalogue.FromFile ? "gives" : "give")} no `dependsOn`.");
        else
            foreach (var c in levels.Cycles) notes.Add(Text($"dependsOn cycle: {ReleaseLevels.Arrow(c)}"));
        return Join(Table(["Project", "Downstream project", "Release level"], rows), notes);
    }

    private static List<string> Inputs(RoutingModel model)
    {
        var rows = model.Inputs.Ordered.Select(i => new[]
        {
            Code(i.Name), i.Type.ToString().ToLowerInvariant(),
            i.Options == null || i.Options.Count == 0 ? "—" : string.Join(", ", i.Options.Select(o => Code(NodeText(o)))),
            i.Default == null ? "none (required)" : Code(NodeText(i.Default)),
            i.Description == null ? "—" : Text(i.Description),
        });
        var notes = new List<string>();
        if (!model.HasCi) notes.Add("No CI file is configured (`ci: null`): there is no Run pipeline form.");
        else if (!model.Inputs.Declared) notes.Add("The root CI file declares no `spec:inputs`.");
        return Join(Table(["Input", "Type", "Options", "Default", "Description"], rows), notes);
    }

    private static string NodeText(YNode node) => node switch
    {
        YScalar s => s.AsText,
        _ => InputValue.FromNode(node).Text,
    };

    private static List<string> Table(string[] header, IEnumerable<string[]> rows)
    {
        var lines = new List<string>
        {
            "| " + string.Join(" | ", header) + " |",
            "|" + string.Concat(header.Select(_ => " --- |")),
        };
        foreach (var r in rows) lines.Add("| " + string.Join(" | ", r) + " |");
        return lines;
    }

    private static List<string> Join(List<string> table, IReadOnlyList<string> notes)
    {
        foreach (var n in notes) { table.Add(""); table.Add(n); }
        return table;
    }

    private static string OneLine(string s) => s.ReplaceLineEndings(" ").Trim();

    /// <summary>A value as an inline code span, safe in a table cell: one line, a fence longer than any backtick run
    /// in it, <c>|</c> escaped (GFM splits cells before it reads code spans). Empty: <c>""</c>.</summary>
    public static string Code(string value)
    {
        var s = OneLine(value);
        if (s.Length == 0) return "`\"\"`";
        var longest = 0;
        for (int i = 0, run = 0; i < s.Length; i++) { run = s[i] == '`' ? run + 1 : 0; longest = Math.Max(longest, run); }
        var fence = new string('`', longest + 1);
        var pad = s[0] == '`' || s[^1] == '`' ? " " : "";
        return fence + pad + s.Replace("|", "\\|") + pad + fence;
    }

    /// <summary>Prose in a table cell: one line, <c>|</c>, backticks and backslashes escaped, so it cannot open a
    /// code span or split the cell.</summary>
    public static string Text(string value) =>
        OneLine(value).Replace("\\", "\\\\").Replace("|", "\\|").Replace("`", "\\`");
}
