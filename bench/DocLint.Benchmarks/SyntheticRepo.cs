using System.Text;

namespace DocLint.Benchmarks;

/// <summary>
/// Writes a synthetic bf-dev repository for end-to-end benchmarks: the bf-dev root pipeline with N catalogue projects
/// (the project input's options and the fan-out matrix list), bf-release/Changes.gitlab-ci.yml, the four required docs
/// of the fixture, and M generated runbooks of realistic content (headings, prose that says "release" and
/// "cut-off" without being an invocation, ordered steps, `text` blocks with the guided inputs, inputs tables, console
/// blocks, inline code, links), a share of them with drift: an obsolete action name, a missing confirm, a project
/// outside the catalogue, an obsolete static job name. Deterministic for a seed.
/// </summary>
public static class SyntheticRepo
{
    public sealed record Shape(int Projects, int Runbooks, double DriftRate = 0.05, int Seed = 1);

    private static readonly string[] Actions = { "bring-all-code-to-release-branch", "deploy-release-branch-to-staging" };
    private static readonly string[] Obsolete = { "release", "cut-off", "deploy", "release-to-staging", "cutoff" };

    public static IReadOnlyList<string> ProjectNames(int n) =>
        Enumerable.Range(1, n).Select(i => i <= Known.Length ? Known[i - 1] : $"bf-service-{i:D3}").ToList();

    private static readonly string[] Known =
        { "bf-manage-core", "bf-telematics", "bf-billing", "bf-portal", "bf-notifications", "bf-identity", "bf-reporting", "bf-integrations", "bf-mobile-api" };

    /// <summary>Writes the repository under <paramref name="root"/> from the bf-dev fixture at <paramref name="bfDev"/>.</summary>
    public static void Write(string root, string bfDev, Shape shape)
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        Directory.CreateDirectory(root);
        var projects = ProjectNames(shape.Projects);
        File.WriteAllText(Path.Combine(root, ".gitlab-ci.yml"), Pipeline(File.ReadAllText(Path.Combine(bfDev, ".gitlab-ci.yml")), projects));
        foreach (var rel in new[]
                 {
                     "bf-release/Changes.gitlab-ci.yml",
                     "docs/reference/platform/ci-and-release.md",
                     "docs/operations/runbooks/hotfix-release.staging.md",
                     "docs/operations/runbooks/hotfix-release.production.md",
                     "docs/operations/runbooks/index.md",
                 })
        {
            var target = Path.Combine(root, rel);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(bfDev, rel), target);
        }
        var rng = new Random(shape.Seed);
        var dir = Path.Combine(root, "docs", "operations", "runbooks", "generated");
        Directory.CreateDirectory(dir);
        for (var i = 0; i < shape.Runbooks; i++)
        {
            var project = projects[rng.Next(projects.Count)];
            var drift = rng.NextDouble() < shape.DriftRate ? rng.Next(4) + 1 : 0;
            File.WriteAllText(Path.Combine(dir, $"{i:D5}-{project}.md"), Runbook(rng, i, project, projects, drift));
        }
    }

    /// <summary>bf-dev's pipeline with its two project lists (options, matrix) replaced by <paramref name="projects"/>.</summary>
    public static string Pipeline(string bfDevCi, IReadOnlyList<string> projects)
    {
        var lines = bfDevCi.Replace("\r\n", "\n").Split('\n').ToList();
        var sb = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            sb.Append(line).Append('\n');
            var trimmed = line.TrimStart();
            var isOptions = trimmed == "options:" && i + 1 < lines.Count && lines[i + 1].Trim() == "- all";
            var isMatrix = trimmed.StartsWith("- PROJECT: &supported-projects", StringComparison.Ordinal);
            if (!isOptions && !isMatrix) continue;
            var indent = lines[i + 1].Length - lines[i + 1].TrimStart().Length;
            var pad = new string(' ', indent);
            var j = i + 1;
            while (j < lines.Count && lines[j].StartsWith(pad + "- ", StringComparison.Ordinal)) j++;
            if (isOptions) sb.Append(pad).Append("- all\n");
            foreach (var p in projects) sb.Append(pad).Append("- ").Append(p).Append('\n');
            i = j - 1;
        }
        return sb.ToString().TrimEnd('\n') + "\n";
    }

    private static string Runbook(Random rng, int n, string project, IReadOnlyList<string> projects, int drift)
    {
        var action = Actions[rng.Next(Actions.Length)];
        var cutOff = action == Actions[0];
        var shown = drift == 1 ? Obsolete[rng.Next(Obsolete.Length)] : action;
        var target = drift == 3 ? "bf-legacy-" + rng.Next(1000) : project;
        var other = projects[rng.Next(projects.Count)];
        var sb = new StringBuilder();
        sb.Append($"# {(cutOff ? "Cut-off" : "Staging release")} for {project} ({n})\n\n");
        sb.Append($"> **Use when:** {project} needs {(cutOff ? "its `main` brought to the release branch outside the weekly cut-off" : "its release branch on staging before the weekly staging release")}.\n");
        sb.Append($"> **Owner:** Release engineering · **Reviewed:** {1 + rng.Next(28)} April 2026\n\n");
        sb.Append($"This runbook is for the release engineer on duty. The weekly cut-off and the staging release run from the same\n");
        sb.Append($"guided bf-dev pipeline; this page covers one repository, `{project}`, and never the whole fleet. Read\n");
        sb.Append($"[CI and release orchestration](../../../reference/platform/ci-and-release.md) first if the release branch model is new to you.\n\n");
        sb.Append("## Before you start\n\n");
        sb.Append($"- The change is merged to `main` of `{project}` and its pipeline is green.\n");
        sb.Append("- You can run pipelines on bf-dev (Developer or above) and merge into `release` of the target repository.\n");
        sb.Append($"- Tell `#releases` you are starting; if a weekly cut-off or release of `{other}` is running, wait for it.\n");
        sb.Append("- Check the release calendar: no release on Friday afternoons.\n\n");
        sb.Append("## Steps\n\n");
        sb.Append($"1. Check the branch state of `{project}`:\n\n");
        sb.Append("   ```console\n   git fetch origin\n   git checkout release\n   git log --oneline origin/main..origin/release | head\n   ```\n\n");
        sb.Append("2. In bf-dev, go to **Build > Pipelines > Run pipeline**, keep the branch on `main` and answer the three questions:\n\n");
        sb.Append("   ```text\n");
        sb.Append($"   action  = {shown}\n");
        sb.Append($"   project = {target}\n");
        if (drift != 2) sb.Append("   confirm = true\n");
        sb.Append("   ```\n\n");
        sb.Append($"   Pick `{project}` itself from the list, never `all`: `all` starts the {(cutOff ? "cut-off" : "release")} for every supported repository.\n\n");
        var job = drift == 4 ? $"{(cutOff ? "cut-off" : "release")}:{project}" : $"{(cutOff ? "cut-off" : "release")}:single";
        sb.Append($"3. Select **Run pipeline**. The pipeline shows `orchestration:preflight` and then one trigger job, `{job}`.\n");
        sb.Append($"   If you see `{(cutOff ? "cut-off" : "release")}:fan-out` instead, cancel the pipeline straight away.\n\n");
        sb.Append($"4. Open the downstream pipeline and check that its variables include `{(cutOff ? "ORCHESTRATION_CUT_OFF" : "ORCHESTRATION_RELEASE")}` with the value `true`.\n\n");
        sb.Append("The same answers as a table, for the change ticket:\n\n");
        sb.Append("| Input | Value |\n| --- | --- |\n");
        sb.Append($"| action | `{shown}` |\n| project | `{target}` |\n");
        if (drift != 2) sb.Append("| confirm | `true` |\n");
        sb.Append('\n');
        sb.Append("## Verify\n\n");
        for (var i = 0; i < 3 + rng.Next(4); i++)
            sb.Append($"- {Sentence(rng, project)}\n");
        sb.Append('\n');
        sb.Append("## If something goes wrong\n\n");
        for (var i = 0; i < 2 + rng.Next(3); i++)
            sb.Append($"**{Trouble(rng)}** {Sentence(rng, project)} {Sentence(rng, other)}\n\n");
        sb.Append("## Related\n\n- [Runbooks index](../index.md)\n- [Hotfix release: staging](../hotfix-release.staging.md)\n");
        return sb.ToString();
    }

    private static readonly string[] Subjects = { "The downstream pipeline", "The staging deployment", "The release branch", "The smoke test stage", "The Grafana dashboard", "The version endpoint" };
    private static readonly string[] Verbs = { "reports", "shows", "must stay green for", "should list", "is checked against", "keeps" };
    private static readonly string[] Objects = { "the new release branch commit", "no new errors for 15 minutes", "the weekly cut-off tag", "the release engineer's name", "the `release` branch pipeline", "the change ticket" };
    private static readonly string[] Troubles = { "The pipeline failed in `orchestration:preflight`.", "The downstream pipeline failed.", "Rolling back.", "Nothing was triggered.", "The wrong repository was picked." };

    private static string Sentence(Random rng, string project) =>
        $"{Subjects[rng.Next(Subjects.Length)]} of `{project}` {Verbs[rng.Next(Verbs.Length)]} {Objects[rng.Next(Objects.Length)]}.";

    private static string Trouble(Random rng) => Troubles[rng.Next(Troubles.Length)];
}
