namespace DocLint.Tests.Support;

/// <summary>Runs the doclint CLI in-process, capturing its exit code, stdout and stderr.</summary>
public static class CliRun
{
    public static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await DocLint.Cli.Cli.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString().Replace("\r\n", "\n"));
    }
}
