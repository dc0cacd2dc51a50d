using DocLint.Evaluate;
using DocLint.Findings;
using DocLint.Load;
using DocLint.Parse.Markdown;
using DocLint.Rules;
using DocLint.Tests.Support;

namespace DocLint.Tests.Rules;

/// <summary>
/// The precision suite of the docs rules: sentences and snippets, each alone in a doc of the bf-dev repository (its CI
/// and catalogue as context), that must not fire, and ones that must fire exactly the named rule.
/// </summary>
public class DocsPrecisionTests
{
    private static readonly Lazy<RoutingModel> BfDev = new(() => RoutingModel.Build(new Workspace(RepoPaths.Fixture("bf-dev")), DocLintConfig.Default));

    internal static IReadOnlyList<Finding> DocsFindings(string markdown, DocLintConfig? config = null)
    {
        config ??= DocLintConfig.Default;
        var doc = MarkdownDocument.Parse("docs/snippet.md", markdown);
        var ctx = new RuleContext(config, BfDev.Value, new Workspace(RepoPaths.Fixture("bf-dev"))) { Docs = DocSet.Of(new[] { doc }) };
        return new Rule[] { new DocsActionNameRule(), new DocsInvocationRule() }.SelectMany(r => r.Check(ctx)).ToList();
    }

    public static TheoryData<string> Silent() => new()
    {
        "The weekly cut-off runs on Monday at 03:00 UTC.",
        "Ask the release engineer on duty.",
        "Cherry-pick the fix onto the release branch.",
        "```console\ngit checkout release\ngit pull --ff-only origin release\n```",
        "`git checkout release`",
        "Use `mytool --action release --project all` to cut a tag.",
        "`mytool --action=release --project=all --confirm=true`",
        "`PROJECT_ID=4711 make deploy`",
        "`echo $CI_PROJECT`",
        "Owner project: bf-dev",
        "A lone project=all in prose is a reference.",
        "```mermaid\nflowchart TD\n  A{confirm=true?} --> B[project=all]\n```",
        "Glossary: `release-to-staging` was the old name of the staging release.",
        "Older pages say \"cut-off\" for the first action and \"release\" for the second.",
        "```yaml\nvariables:\n  action: release\n  project: all\n  confirm: true\n```",
        "```yml\njob:\n  script: deploy action=release project=all\n```",
        "`if [ \"$[[ inputs.action ]]\" == \"release\" ]; then`",
        "`[ \"$action\" = \"release\" ]`",
        "`curl \"https://gitlab.example.com/api/v4/events?action=release&project=all\"`",
        "`params[action]=release` and `form[project]=all` are another tool's fields.",
        "`action_type=release`, `actions=release`, `reaction=release`",
        "`action == \"release\"` and `action =~ /release/`",
        "`:action => 'release'`",
        "<!-- action=release project=all confirm=true -->",
        "See [the page](https://wiki.example.com/?action=release&project=all).",
        "---\naction: release\nproject: all\n---\n# Title",
        "| Input | Prompt | Values | Default |\n| --- | --- | --- | --- |\n| `action` | What do you need to do? | `bring-all-code-to-release-branch` or `deploy-release-branch-to-staging` | `bring-all-code-to-release-branch` |",
        "| Input | Prompt |\n| --- | --- |\n| action | What do you need to do? |\n| project | What project/s need it? |",
        "```json\n{ \"commit_message\": \"x\", \"actions\": [ { \"action\": \"create\", \"file_path\": \"a.txt\" } ] }\n```",
        "```yaml\nstop_review:\n  environment:\n    action: stop\n```\nand in text `action: stop` stops it.",
        "```ruby\nbuild(:event, action: 'start', project: project)\n```",
        "```json\n{\"severity\":\"INFO\",\"key\":\"cd_auto_rollback\",\"action\":\"enable\",\"extra.thing\":\"Project:1\"}\n```",
        "`cut-off:all-projects` is a tag of another tool.",
        "GitLab names the jobs `release:fan-out: [bf-telematics]`.",
        "The old job release:bf-portal is mentioned in prose only.",
        "`action=deploy-release-branch-to-staging project=<target repository> confirm=true`",
        "`action=bring-all-code-to-release-branch project=all confirm=true`",
        "| action | project | confirm |\n| --- | --- | --- |\n| `deploy-release-branch-to-staging` | `<repository>` | `true` |",
        "`action=<action> project=<project> confirm=true`",
        "`action=deploy-release-branch-to-staging project=$PROJECT confirm=${CONFIRM}`",
        "```text\naction  = deploy-release-branch-to-staging\nproject = {project}\nconfirm = true\n```",
        "`Action::Release.new(project: 'x')`",
        "The deploy release branch is protected; `release` is its name.",
        // Issue 15: the invocation forms of glab, curl and the GitLab API, used correctly.
        "`glab ci run --input \"action:deploy-release-branch-to-staging\" --input \"project:bf-portal\" --input \"confirm:true\"`",
        "```shell\nglab ci run -b main --input action:bring-all-code-to-release-branch --input project:all --input confirm:true\n```",
        "```shell\nglab ci run --input='action:deploy-release-branch-to-staging' --input='project:all' --input='confirm:true'\n```",
        "```shell\nglab ci run --variables \"action:deploy-release-branch-to-staging\" --variables \"project:all\" --variables \"confirm:true\"\n```",
        "```shell\ncurl --request POST --form token=$TOKEN --form ref=main \\\n  --form \"inputs[action]=deploy-release-branch-to-staging\" --form \"inputs[project]=all\" --form \"inputs[confirm]=true\" \\\n  \"https://gitlab.example.com/api/v4/projects/42/trigger/pipeline\"\n```",
        "```shell\ncurl -X POST -F token=$TOKEN -F ref=main -F variables[action]=bring-all-code-to-release-branch -F variables[project]=bf-billing -F variables[confirm]=true https://gitlab.example.com/api/v4/projects/42/trigger/pipeline\n```",
        "```shell\ncurl -X POST \"https://gitlab.example.com/api/v4/projects/42/trigger/pipeline?token=$TOKEN&ref=main&inputs[action]=deploy-release-branch-to-staging&inputs[project]=all&inputs[confirm]=true\"\n```",
        "```shell\ncurl --header \"Content-Type: application/json\" --data '{\"ref\": \"main\", \"inputs\": {\"action\": \"deploy-release-branch-to-staging\", \"project\": \"bf-portal\", \"confirm\": true}}' \"$CI_API_V4_URL/projects/42/pipeline\"\n```",
        "```json\n{\"ref\":\"main\",\"inputs\":{\"action\":\"bring-all-code-to-release-branch\",\"project\":\"all\",\"confirm\":true}}\n```",
        "```json\n{ \"ref\": \"main\", \"variables\": [ {\"key\": \"action\", \"value\": \"deploy-release-branch-to-staging\"}, {\"key\": \"project\", \"value\": \"all\"}, {\"key\": \"confirm\", \"value\": \"true\"} ] }\n```",
        "`action=deploy-release-branch-to-staging project={ target project } confirm=true`",
        "`{\"action\": \"deploy-release-branch-to-staging\", \"project\": \"{project}\", \"confirm\": true}`",
    };

    public static TheoryData<string, string, string> Firing() => new()
    {
        { "`action=release project=all confirm=true`", "docs-action-name", "use action=deploy-release-branch-to-staging" },
        { "`action=cut-off project=bf-portal confirm=true`", "docs-action-name", "use action=bring-all-code-to-release-branch" },
        { "`action=cutoff project=all confirm=true`", "docs-action-name", "obsolete" },
        { "`action=cut_off project=all confirm=true`", "docs-action-name", "obsolete" },
        { "`action=deploy project=all confirm=true`", "docs-action-name", "obsolete" },
        { "Answer action = release-to-staging, project = all and confirm = true.", "docs-action-name", "obsolete" },
        { "`ACTION=Release PROJECT=all CONFIRM=true`", "docs-action-name", "obsolete" },
        { "`glab ci run --input action=release --input project=all --input confirm=true`", "docs-action-name", "obsolete" },
        { "```json\n{ \"ref\": \"main\", \"inputs\": { \"action\": \"cut-off\", \"project\": \"all\", \"confirm\": true } }\n```", "docs-action-name", "obsolete" },
        { "Set action=**release**, project=`all` and confirm=`true`.", "docs-action-name", "obsolete" },
        { "Set action=`release`, project=`all` and confirm=`true`.", "docs-action-name", "obsolete" },
        { "- action=release\n- project=bf-billing\n- confirm=true", "docs-action-name", "obsolete" },
        { "| action | project | confirm |\n| --- | --- | --- |\n| `release` | `bf-portal` | `true` |", "docs-action-name", "obsolete" },
        { "| Input | Value |\n| --- | --- |\n| action | cut-off |\n| project | all |\n| confirm | true |", "docs-action-name", "obsolete" },
        { "```text\naction: release\nproject: all\nconfirm: true\n```", "docs-action-name", "obsolete" },
        { "`action=rollback project=bf-portal confirm=true`", "docs-action-name", "placeholder action" },
        { "`action=deploy-to-staging project=bf-portal confirm=true`", "docs-action-name", "not a configured action" },
        { "`action=deploy-release-branch-to-stagin project=all confirm=true`", "docs-action-name", "did you mean action=deploy-release-branch-to-staging" },
        { "`action=Deploy-Release-Branch-To-Staging project=all confirm=true`", "docs-action-name", "case-sensitive" },
        { "Press `release:bf-portal` in the pipeline.", "docs-action-name", "obsolete job name" },
        { "Press `cut-off:all`.", "docs-action-name", "obsolete job name" },
        { "Press `release:all:`", "docs-action-name", "obsolete job name" },
        { "```yaml\ncut-off:bf-billing:\n  trigger: betterfleet/bf-billing\n```", "docs-action-name", "obsolete job name" },
        { "```console\n$ gitlab-job play cut-off:bf-telematics,\n```", "docs-action-name", "obsolete job name" },
        { "`action=bring-all-code-to-release-branch confirm=true`", "docs-invocation", "names no project" },
        { "`action=deploy-release-branch-to-staging project=bf-portl confirm=true`", "docs-invocation", "did you mean project=bf-portal" },
        { "`action=deploy-release-branch-to-staging project=bf-unknown confirm=true`", "docs-invocation", "not in the catalogue" },
        { "`action=deploy-release-branch-to-staging project=all`", "docs-invocation", "does not set confirm=true" },
        { "`action=deploy-release-branch-to-staging project=all confirm=false`", "docs-invocation", "confirm=false" },
        { "| action | project | confirm |\n| --- | --- | --- |\n| `bring-all-code-to-release-branch` | `bf-portal` | |", "docs-invocation", "does not set confirm=true" },
        { "Answer `action=deploy-release-branch-to-staging`, `project=All` and `confirm=true`.", "docs-invocation", "project=All" },
        { "1. Run action=deploy-release-branch-to-staging\n2. Choose project=bf-mobile\n3. Tick confirm=true", "docs-invocation", "project=bf-mobile is not in the catalogue" },
        { "```json\n{ \"action\": \"bring-all-code-to-release-branch\", \"project\": \"everything\", \"confirm\": true }\n```", "docs-invocation", "project=everything" },
        // Issue 15: the same forms with an obsolete name or without confirm=true.
        { "`glab ci run --input \"action:release\" --input \"project:all\" --input \"confirm:true\"`", "docs-action-name", "use action=deploy-release-branch-to-staging" },
        { "```shell\nglab ci run --input action:cut-off --input project:all --input confirm:true\n```", "docs-action-name", "use action=bring-all-code-to-release-branch" },
        { "```shell\nglab ci run --input 'action:deploy-release-branch-to-staging' --input 'project:all'\n```", "docs-invocation", "does not set confirm=true" },
        { "```shell\nglab ci run --variables \"action:release\" --variables \"project:all\" --variables \"confirm:true\"\n```", "docs-action-name", "obsolete" },
        { "```shell\ncurl --request POST --form token=$TOKEN --form ref=main --form \"inputs[action]=release-to-staging\" --form \"inputs[project]=all\" --form \"inputs[confirm]=true\" \"https://gitlab.example.com/api/v4/projects/42/trigger/pipeline\"\n```", "docs-action-name", "obsolete" },
        { "```shell\ncurl -X POST -F token=$TOKEN -F ref=main -F variables[action]=bring-all-code-to-release-branch -F variables[project]=all https://gitlab.example.com/api/v4/projects/42/trigger/pipeline\n```", "docs-invocation", "does not set confirm=true" },
        { "```shell\ncurl -X POST \"https://gitlab.example.com/api/v4/projects/42/trigger/pipeline?token=$TOKEN&ref=main&inputs[action]=cut-off&inputs[project]=all&inputs[confirm]=true\"\n```", "docs-action-name", "obsolete" },
        { "```shell\ncurl --header \"Content-Type: application/json\" --data '{\"ref\": \"main\", \"inputs\": {\"action\": \"deploy-release-branch-to-staging\", \"project\": \"bf-portal\", \"confirm\": false}}' \"$CI_API_V4_URL/projects/42/pipeline\"\n```", "docs-invocation", "confirm=false" },
        { "```json\n{\"ref\":\"main\",\"inputs\":{\"action\":\"release\",\"project\":\"all\",\"confirm\":true}}\n```", "docs-action-name", "obsolete" },
        { "```json\n{ \"ref\": \"main\", \"variables\": [ {\"key\": \"action\", \"value\": \"cut-off\"}, {\"key\": \"project\", \"value\": \"all\"}, {\"key\": \"confirm\", \"value\": \"true\"} ] }\n```", "docs-action-name", "obsolete" },
        { "```json\n{ \"ref\": \"main\", \"variables\": [ {\"key\": \"action\", \"value\": \"deploy-release-branch-to-staging\"}, {\"key\": \"project\", \"value\": \"all\"} ] }\n```", "docs-invocation", "does not set confirm=true" },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Does_not_fire(string markdown)
    {
        var findings = DocsFindings(markdown);
        Assert.True(findings.Count == 0, $"{markdown}\n→ {string.Join("\n→ ", findings)}");
    }

    [Theory]
    [MemberData(nameof(Firing))]
    public void Fires_the_named_rule(string markdown, string rule, string messagePart)
    {
        var findings = DocsFindings(markdown);
        Assert.True(findings.Count == 1 && findings[0].RuleId == rule && findings[0].Message.Contains(messagePart, StringComparison.Ordinal),
            $"{markdown}\nexpected one {rule} \"{messagePart}\", got:\n→ {string.Join("\n→ ", findings)}");
    }

    [Fact]
    public void The_suite_is_big_enough()
    {
        Assert.True(Silent().Count >= 30);
        Assert.True(Firing().Count >= 30);
    }
}
