return DocLint.Benchmarks.MarkdigFloor.Run(args);
