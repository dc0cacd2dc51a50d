using DocLint.Load;
using DocLint.Tests.Support;

namespace DocLint.Tests.Cli;

/// <summary><c>doclint init</c> writes the action vocabulary it read: the action input's options as final names, and the
/// obsolete names the docs still use, so a team's first <c>doclint check</c> already knows which names are final.</summary>
public class InitVocabularyTests
{
    [Fact]
    public async Task Init_writes_the_final_names_from_the_ci_and_the_obsolete_ones_from_the_docs()
    {
        // bf-dev with the team's own action names, and one runbook still using an older short name (without its generated
        // tables, which describe the contract's vocabulary and would be stale under the team's: docs-generated's finding).
        using var repo = BfDevDrift.CopyWithoutRegions();
        foreach (var file in Directory.GetFiles(repo.Root, "*", SearchOption.AllDirectories).Where(f => f.EndsWith(".yml") || f.EndsWith(".md")))
            File.WriteAllText(file, File.ReadAllText(file)
                .Replace("bring-all-code-to-release-branch", "cut-all-repos").Replace("deploy-release-branch-to-staging", "ship-to-staging"));
        const string runbook = "docs/operations/runbooks/index.md";
        var text = File.ReadAllText(Path.Combine(repo.Root, runbook));
        var at = text.IndexOf("action=ship-to-staging project=all", StringComparison.Ordinal);
        Assert.True(at > 0);
        repo.Write(runbook, text[..at] + "action=ship project=all" + text[(at + "action=ship-to-staging project=all".Length)..]);
        var line = text[..at].Count(c => c == '\n') + 1;

        var (code, _, err) = await CliRun.Run("init", repo.Root);
        Assert.True(code == 0, err);
        var config = DocLintConfig.Parse(".doclint.yml", File.ReadAllText(Path.Combine(repo.Root, ".doclint.yml")));
        Assert.Equal(new[] { "cut-all-repos", "ship-to-staging" }, config.Actions.Select(a => a.Name));
        Assert.Equal(new[] { "ORCHESTRATION_CUT_OFF", "ORCHESTRATION_RELEASE" }, config.Actions.Select(a => a.Signal));
        Assert.Equal(new[] { "ship" }, config.Actions[1].ObsoleteNames);

        // The first check: the one runbook line that still uses the old name, with the final name to use.
        var (checkCode, output, _) = await CliRun.Run("check", repo.Root, "--no-color");
        Assert.Equal(1, checkCode);
        var findings = output.TrimEnd('\n').Split('\n')[..^1];
        Assert.Equal(new[] { $"{runbook}:{line}:8: error: action=ship is an obsolete action name; use action=ship-to-staging [docs-action-name]" }, findings);
    }

    [Fact]
    public void Init_on_bf_dev_writes_the_contract_vocabulary_it_finds()
    {
        var text = ConfigTemplate.For(new Workspace(RepoPaths.Fixture("bf-dev")));
        Assert.Contains("actions:\n  - name: bring-all-code-to-release-branch\n    signal: ORCHESTRATION_CUT_OFF\n    legacyVariable: INVOKE_CUT_OFF\n    obsoleteNames: [cut-off, cutoff, cut_off]\n", text);
        Assert.Equal(DocLintConfig.Default.Actions, DocLintConfig.Parse(".doclint.yml", text).Actions, new ActionComparer());
    }

    private sealed class ActionComparer : IEqualityComparer<ActionConfig>
    {
        public bool Equals(ActionConfig? a, ActionConfig? b) => a!.Name == b!.Name && a.Signal == b.Signal && a.LegacyVariable == b.LegacyVariable && a.ObsoleteNames.SequenceEqual(b.ObsoleteNames);
        public int GetHashCode(ActionConfig a) => a.Name.GetHashCode();
    }
}
