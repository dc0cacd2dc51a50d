using DocLint.Cli;

return await Cli.RunAsync(args);
