namespace DocLint; public static class DocLintInfo { public const string Version = "0.1.0"; }
