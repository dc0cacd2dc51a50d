namespace DocLint.Cli;

/// <summary>What <c>--help</c> prints after System.CommandLine's usage: the exit codes and a few examples.</summary>
internal static class HelpText
{
    private const string ExitCodes = """

        Exit codes:
          0  no finding at or above --fail-on (default: error)
          1  findings at or above --fail-on
          2  DocLint could not do its job: bad usage, an invalid .doclint.yml, an unreadable PATH
             (one "doclint: error: ..." line per problem on stderr)

        """;

    public static string Epilogue(string command) => (ExitCodes + "Examples:\n" + (command switch
    {
        "check" => """
              doclint check                                    the repository around the current directory
              doclint check docs/                              only the docs under docs/ (CI and catalogue as context)
              doclint check docs/operations/runbooks/index.md  one runbook
              doclint check --format codequality > gl-code-quality-report.json
              doclint check --changed-since origin/main --report html=doclint.html
              doclint check --fix                              obsolete action names -> final names
            """,
        "explain" => """
              doclint explain                                  every operator choice -> the triggers GitLab creates
              doclint explain --format markdown                the same as a Markdown table
            """,
        "rules" => """
              doclint rules                                    every rule: ID, severity, title
              doclint rules confirm-gate                       one rule: why, failing and passing examples
            """,
        "init" => """
              doclint init                                     write .doclint.yml, pre-filled from the repository
              doclint init --stdout                            print it instead
            """,
        "hook" or "install" or "uninstall" => """
              doclint hook install                             check what each git push changes
              doclint hook uninstall                           remove it (restores a hook it chained)
            """,
        _ => """
              doclint check                                    lint the repository around the current directory
              doclint check --format codequality > gl-code-quality-report.json
              doclint explain                                  what the pipeline does for every operator choice
              doclint rules confirm-gate                       what a rule checks, with examples
              doclint init                                     write a commented .doclint.yml
            """,
    }).Replace("\r\n", "\n").TrimEnd('\n') + "\n").Replace("\r\n", "\n");
}
