using System.Text;

namespace DocLint.Benchmarks;

/// <summary>
/// Writes synthetic bf-dev-shaped repositories at and beyond GitLab's limits: up to 20 inputs, a project input with
/// N catalogue projects plus <c>all</c>, single and fan-out trigger jobs per action, extra 200-job matrices and a
/// deep <c>extends</c> chain.
/// </summary>
public static class PipelineGenerator
{
    public sealed record Shape(int Projects, int MatrixProjects, int ExtraMatrices, int ExtendsDepth, int ExtraInputs);

    public static string Write(string root, Shape shape)
    {
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, ".gitlab-ci.yml"), Yaml(shape));
        return root;
    }

    public static string Yaml(Shape s)
    {
        var projects = Enumerable.Range(1, s.Projects).Select(i => $"bf-project-{i:D4}").ToList();
        var matrix = Enumerable.Range(1, s.MatrixProjects).Select(i => $"bf-project-{i:D4}").ToList();
        var sb = new StringBuilder();
        sb.AppendLine("spec:\n  inputs:");
        sb.AppendLine("    action:\n      description: What do you need to do?\n      options: [bring-all-code-to-release-branch, deploy-release-branch-to-staging]\n      default: bring-all-code-to-release-branch");
        sb.AppendLine("    project:\n      description: What project/s need it?\n      default: all\n      options:\n        - all");
        foreach (var p in projects) sb.AppendLine($"        - {p}");
        sb.AppendLine("    confirm:\n      type: boolean\n      default: false\n      description: Confirm");
        for (var i = 0; i < s.ExtraInputs; i++)
            sb.AppendLine($"    extra{i}:\n      description: Extra input {i}\n      default: value{i}");
        sb.AppendLine("---");
        sb.AppendLine("variables:\n  GIT_DEPTH: \"20\"\n");
        sb.AppendLine(".level0:\n  stage: deploy\n  trigger:\n    branch: release");
        for (var i = 1; i < s.ExtendsDepth; i++) sb.AppendLine($".level{i}:\n  extends: .level{i - 1}\n  variables:\n    LEVEL{i}: \"{i}\"");
        var top = $".level{s.ExtendsDepth - 1}"; // the trigger jobs inherit through exactly ExtendsDepth levels
        foreach (var (job, action, signal, legacy) in new[]
                 {
                     ("cut-off", "bring-all-code-to-release-branch", "ORCHESTRATION_CUT_OFF", "INVOKE_CUT_OFF"),
                     ("release", "deploy-release-branch-to-staging", "ORCHESTRATION_RELEASE", "INVOKE_RELEASE"),
                 })
        {
            sb.AppendLine($"{job}:single:\n  extends: {top}\n  variables:\n    {signal}: \"true\"\n  trigger:\n    project: betterfleet/$[[ inputs.project ]]");
            sb.AppendLine($"  rules:\n    - if: '$CI_PIPELINE_SOURCE == \"web\" && \"$[[ inputs.confirm ]]\" == \"true\" && \"$[[ inputs.action ]]\" == \"{action}\" && \"$[[ inputs.project ]]\" != \"all\"'\n    - when: never");
            sb.AppendLine($"{job}:fan-out:\n  extends: {top}\n  variables:\n    {signal}: \"true\"\n  trigger:\n    project: betterfleet/$PROJECT\n  parallel:\n    matrix:\n      - PROJECT:");
            foreach (var p in matrix) sb.AppendLine($"          - {p}");
            sb.AppendLine($"  rules:\n    - if: '$CI_PIPELINE_SOURCE == \"web\" && \"$[[ inputs.confirm ]]\" == \"true\" && \"$[[ inputs.action ]]\" == \"{action}\" && \"$[[ inputs.project ]]\" == \"all\"'\n    - if: ${legacy} == \"true\"\n    - when: never");
        }
        for (var m = 0; m < s.ExtraMatrices; m++)
        {
            sb.AppendLine($"build-{m}:\n  stage: build\n  script: make\n  parallel:\n    matrix:\n      - OS: [linux, windows, macos, bsd, solaris, aix, hpux, plan9]\n        ARCH: [amd64, arm64, riscv, ppc, s390]\n        VARIANT: [a, b, c, d, e]");
            sb.AppendLine("  rules:\n    - if: $CI_PIPELINE_SOURCE == \"push\" && $OS =~ /^(linux|macos)$/\n    - if: $CI_PIPELINE_SOURCE == \"web\"\n      when: manual");
        }
        return sb.ToString();
    }
}
