using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DocLint.Evaluate;
using DocLint.Parse.GitLab.Inputs;

namespace DocLint.Reporting;

/// <summary>
/// Prints the routing model (CONTRACT §3): table, markdown, json or mermaid; with a catalogue file, also the release
/// levels its <c>dependsOn</c> implies (and any cycle), in every format (json: <c>releaseLevels</c>, <c>dependsOnCycles</c>, <c>unlevelledProjects</c>).
/// </summary>
public static class ExplainWriter
{
    public static readonly string[] Formats = { "table", "markdown", "json", "mermaid" };

    public static string Write(RoutingModel model, string format) => format switch
    {
        "json" => Json(model),
        "markdown" => Markdown(model),
        "mermaid" => Mermaid(model),
        _ => Table(model),
    };

    /// <summary>The configured inputs' effective values for a scenario (given, else the declared default).</summary>
    public static IReadOnlyList<(string Name, InputValue Value)> EffectiveInputs(RoutingModel model, Scenario scenario)
    {
        var names = new[] { model.Config.Inputs.Action, model.Config.Inputs.Project, model.Config.Inputs.Confirm };
        var list = new List<(string, InputValue)>();
        foreach (var n in names)
        {
            if (scenario.Inputs.TryGetValue(n, out var v)) list.Add((n, v));
            else if (model.Inputs.Inputs.TryGetValue(n, out var spec) && spec.Default is Parse.Yaml.YScalar d)
                list.Add((n, new InputValue(spec.Type, d.AsText)));
        }
        return list;
    }

    /// <summary>The release levels of a catalogue file's <c>dependsOn</c> (CONTRACT §5.3); null with <c>catalogue: ci</c>.</summary>
    public static ReleaseLevels? Levels(RoutingModel model) =>
        model.Catalogue.FromFile && model.Catalogue.Projects.Count > 0 ? ReleaseLevels.Compute(model.Catalogue) : null;

    private static string Kind(ScenarioKind k) => k switch { ScenarioKind.Ui => "ui", ScenarioKind.Legacy => "legacy", _ => "push" };

    public static string Json(RoutingModel model)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartArray("scenarios");
            foreach (var o in model.Outcomes)
            {
                w.WriteStartObject();
                w.WriteString("kind", Kind(o.Scenario.Kind));
                w.WriteString("source", o.Scenario.Source);
                w.WriteStartObject("inputs");
                foreach (var (name, value) in EffectiveInputs(model, o.Scenario))
                {
                    switch (value.Type)
                    {
                        case InputType.Boolean: w.WriteBoolean(name, value.Text == "true"); break;
                        case InputType.Number when double.TryParse(value.Text, System.Globalization.CultureInfo.InvariantCulture, out var d): w.WriteNumber(name, d); break;
                        default: w.WriteString(name, value.Text); break;
                    }
                }
                w.WriteEndObject();
                w.WriteStartObject("variables");
                foreach (var (k, v) in o.Scenario.Variables) w.WriteString(k, v);
                w.WriteEndObject();
                w.WriteBoolean("pipelineCreated", o.PipelineCreated);
                if (o.NotCreatedReason is { } why) w.WriteString("notCreatedReason", why); else w.WriteNull("notCreatedReason");
                w.WriteStartArray("triggers");
                foreach (var t in o.Triggers)
                {
                    w.WriteStartObject();
                    w.WriteString("job", t.JobName);
                    if (t.Project != null) w.WriteString("project", t.Project); else w.WriteNull("project");
                    if (t.Branch != null) w.WriteString("branch", t.Branch); else w.WriteNull("branch");
                    w.WriteStartObject("variables");
                    foreach (var (k, v) in t.Variables.OrderBy(kv => kv.Key, StringComparer.Ordinal)) w.WriteString(k, v);
                    w.WriteEndObject();
                    w.WriteString("when", t.Job.When);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            var levels = Levels(model);
            w.WriteStartArray("releaseLevels");
            for (var i = 0; i < (levels?.Levels.Count ?? 0); i++)
            {
                w.WriteStartObject();
                w.WriteNumber("level", i + 1);
                w.WriteStartArray("projects");
                foreach (var p in levels!.Levels[i]) w.WriteStringValue(p);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("dependsOnCycles");
            foreach (var cycle in levels?.Cycles ?? [])
            {
                w.WriteStartArray();
                foreach (var p in cycle) w.WriteStringValue(p);
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteStartArray("unlevelledProjects");
            foreach (var p in levels?.Unlevelled ?? []) w.WriteStringValue(p);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Rows of (scenario description, trigger summary) shared by the table and markdown formats.</summary>
    public static IEnumerable<(string Kind, string Source, string Choice, string Triggers, ScenarioOutcome Outcome)> Rows(RoutingModel model)
    {
        foreach (var o in model.Outcomes)
        {
            var choice = string.Join(" ", EffectiveInputs(model, o.Scenario).Select(i => $"{i.Name}={i.Value.Text}")
                .Concat(o.Scenario.Variables.Select(v => $"{v.Key}={v.Value}")));
            var triggers = !o.PipelineCreated ? $"no pipeline ({o.NotCreatedReason})"
                : o.Triggers.Count == 0 ? "—" : Summarize(o.Triggers);
            yield return (Kind(o.Scenario.Kind), o.Scenario.Source, choice, triggers, o);
        }
    }

    /// <summary>Groups matrix instances of one job: "release:fan-out ×10 → betterfleet/{a, b, …}@release ORCHESTRATION_RELEASE=true".</summary>
    public static string Summarize(IReadOnlyList<OrchestrationTrigger> triggers)
    {
        var groups = triggers.GroupBy(t => (t.Job.Job.Name, t.Branch, Signals: string.Join(" ", t.Variables
            .Where(v => v.Key.StartsWith("ORCHESTRATION_", StringComparison.Ordinal)).OrderBy(v => v.Key).Select(v => $"{v.Key}={v.Value}")), t.Manual));
        var parts = new List<string>();
        foreach (var g in groups)
        {
            var items = g.ToList();
            var targets = items.Select(t => t.Project ?? "?").ToList();
            var target = targets.Count == 1 ? targets[0] : CommonPrefixList(targets);
            var count = items.Count > 1 ? $" ×{items.Count}" : "";
            var manual = g.Key.Manual ? " (manual)" : "";
            var signals = g.Key.Signals.Length > 0 ? " " + g.Key.Signals : " (no signal)";
            parts.Add($"{g.Key.Name}{count}{manual} → {target}@{g.Key.Branch ?? "(default branch)"}{signals}");
        }
        return string.Join("; ", parts);
    }

    private static string CommonPrefixList(List<string> targets)
    {
        var slash = targets.Select(t => t.LastIndexOf('/')).ToList();
        var prefixes = targets.Select((t, i) => slash[i] >= 0 ? t[..(slash[i] + 1)] : "").Distinct().ToList();
        if (prefixes.Count == 1)
            return prefixes[0] + "{" + string.Join(", ", targets.Select((t, i) => t[(slash[i] + 1)..])) + "}";
        return "{" + string.Join(", ", targets) + "}";
    }

    public static string Table(RoutingModel model)
    {
        var rows = Rows(model).ToList();
        var sb = new StringBuilder();
        int w1 = Math.Max(4, rows.Select(r => r.Kind.Length).DefaultIfEmpty(0).Max()),
            w2 = Math.Max(6, rows.Select(r => r.Source.Length).DefaultIfEmpty(0).Max()),
            w3 = Math.Max(6, rows.Select(r => r.Choice.Length).DefaultIfEmpty(0).Max());
        sb.Append("KIND".PadRight(w1)).Append("  ").Append("SOURCE".PadRight(w2)).Append("  ").Append("CHOICE".PadRight(w3)).Append("  TRIGGERS\n");
        foreach (var r in rows)
            sb.Append(r.Kind.PadRight(w1)).Append("  ").Append(r.Source.PadRight(w2)).Append("  ").Append(r.Choice.PadRight(w3)).Append("  ").Append(r.Triggers).Append('\n');
        sb.Append(SummaryLine(model)).Append('\n');
        if (Levels(model) is { } levels)
        {
            sb.Append($"\nrelease levels (dependsOn in {model.Catalogue.File}):\n");
            for (var i = 0; i < levels.Levels.Count; i++) sb.Append($"  level {i + 1}: {string.Join(", ", levels.Levels[i])}\n");
            foreach (var c in levels.Cycles) sb.Append($"  dependsOn cycle: {ReleaseLevels.Arrow(c)}\n");
            if (levels.Unlevelled.Count > 0) sb.Append($"  no level (on or behind a cycle): {string.Join(", ", levels.Unlevelled)}\n");
        }
        return sb.ToString();
    }

    /// <summary>"N scenarios, N start orchestration; catalogue: N projects (source)", the table's last line.</summary>
    public static string SummaryLine(RoutingModel model)
    {
        var triggered = model.Outcomes.Count(o => o.Triggers.Count > 0);
        return $"{model.Outcomes.Count} scenarios, {triggered} start orchestration; catalogue: {model.Catalogue.Projects.Count} projects ({(model.Catalogue.FromFile ? model.Catalogue.File : "from the project input's options")})";
    }

    public static string Markdown(RoutingModel model)
    {
        static string Cell(string s) => s.Replace("|", "\\|");
        var sb = new StringBuilder();
        sb.Append("| Kind | Source | Choice | Triggers |\n|---|---|---|---|\n");
        foreach (var r in Rows(model))
            sb.Append($"| {r.Kind} | {r.Source} | `{Cell(r.Choice)}` | {Cell(r.Triggers)} |\n");
        if (Levels(model) is { } levels)
        {
            sb.Append("\n| Release level | Projects |\n|---|---|\n");
            for (var i = 0; i < levels.Levels.Count; i++) sb.Append($"| {i + 1} | {string.Join(", ", levels.Levels[i].Select(p => $"`{p}`"))} |\n");
            if (levels.Unlevelled.Count > 0)
                sb.Append($"| none (on or behind {Cell(string.Join("; ", levels.Cycles.Select(c => "dependsOn cycle " + ReleaseLevels.Arrow(c))))}) | {string.Join(", ", levels.Unlevelled.Select(p => $"`{p}`"))} |\n");
        }
        return sb.ToString();
    }

    public static string Mermaid(RoutingModel model)
    {
        static string Esc(string s) => s.Replace("\"", "#quot;");
        var sb = new StringBuilder("flowchart LR\n");
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        string Id(string prefix, string label)
        {
            var key = prefix + "\u001f" + label;
            if (!ids.TryGetValue(key, out var id))
            {
                id = prefix + ids.Count;
                ids[key] = id;
                var shape = prefix == "s" ? $"[\"{Esc(label)}\"]" : prefix == "j" ? $"{{{{\"{Esc(label)}\"}}}}" : $"([\"{Esc(label)}\"])";
                sb.Append($"  {id}{shape}\n");
            }
            return id;
        }
        var edges = new HashSet<string>(StringComparer.Ordinal);
        foreach (var o in model.Outcomes.Where(o => o.Triggers.Count > 0))
        {
            var choice = string.Join(" ", EffectiveInputs(model, o.Scenario).Select(i => $"{i.Name}={i.Value.Text}")
                .Concat(o.Scenario.Variables.Select(v => $"{v.Key}={v.Value}")));
            if (o.Scenario.Kind != ScenarioKind.Ui) choice += $" ({o.Scenario.Source})";
            var s = Id("s", choice);
            foreach (var t in o.Triggers)
            {
                var j = Id("j", t.Job.Job.Name + (t.Manual ? " (manual)" : ""));
                var p = Id("p", $"{t.Project}@{t.Branch ?? "default"}");
                if (edges.Add($"{s}-{j}")) sb.Append($"  {s} --> {j}\n");
                if (edges.Add($"{j}-{p}")) sb.Append($"  {j} --> {p}\n");
            }
        }
        if (Levels(model) is { } levels)
        {
            // the release levels: one subgraph per level, dotted dependsOn edges (dependency -.-> dependent)
            var node = new Dictionary<string, string>(StringComparer.Ordinal);
            void Group(string id, string label, IEnumerable<string> projects)
            {
                sb.Append($"  subgraph {id}[\"{Esc(label)}\"]\n");
                foreach (var p in projects)
                {
                    node[p] = "r" + node.Count;
                    sb.Append($"    {node[p]}[\"{Esc(p)}\"]\n");
                }
                sb.Append("  end\n");
            }
            for (var i = 0; i < levels.Levels.Count; i++) Group($"level{i + 1}", $"release level {i + 1}", levels.Levels[i]);
            if (levels.Unlevelled.Count > 0)
                Group("unlevelled", "no level: " + string.Join("; ", levels.Cycles.Select(c => "dependsOn cycle " + ReleaseLevels.Arrow(c))), levels.Unlevelled);
            foreach (var p in model.Catalogue.Projects)
                foreach (var d in p.DependsOn.Distinct(StringComparer.Ordinal))
                    if (node.TryGetValue(d, out var from) && node.TryGetValue(p.Name, out var to) && edges.Add($"{from}-{to}"))
                        sb.Append($"  {from} -.-> {to}\n");
        }
        return sb.ToString();
    }
}
