namespace DocLint.Tests; public class SmokeTests { [Fact] public void Works() => Assert.Equal("0.1.0", DocLint.DocLintInfo.Version); }
