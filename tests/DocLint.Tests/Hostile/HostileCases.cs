using System.Text;
using DocLint.Tests.Support;

namespace DocLint.Tests.Hostile;

/// <summary>
/// One hostile input: a copy of the clean bf-dev fixture (no finding) with one hostile change, and the exact findings
/// (<c>path:line:col: severity: message [rule]</c>) DocLint must report for it: nothing else. <see cref="Outside"/> is a
/// directory beside the repository, for symbolic links that leave it.
/// </summary>
public sealed record HostileCase(string Name, Action<TempRepo, string> Arrange, params string[] Expected)
{
    public override string ToString() => Name;
}

/// <summary>The cases of issue 7 item 1: limits, paths, unreadable and malformed files.</summary>
public static class HostileCases
{
    public const string Include = "bf-release/Changes.gitlab-ci.yml";
    /// <summary>Where the root includes <see cref="Include"/> (bf-dev's <c>.gitlab-ci.yml</c> line 43, the path).</summary>
    public const string IncludeSite = ".gitlab-ci.yml:43:12";
    /// <summary>A doc of bf-dev that no rule requires (the hostile change must be all that is reported).</summary>
    public const string Doc = "docs/operations/index.md";
    /// <summary>Text that would show up in a finding if a file outside the repository were ever read.</summary>
    public const string Leak = "LEAKED-OUTSIDE-FILE";

    private const long FiveMiB = 5 * 1024 * 1024;

    /// <summary>
    /// Alternatives that keep thousands of NFA threads alive on a long run of <c>a</c>: even a linear-time engine (RE2's,
    /// DocLint's Pike VM) spends about 8,000 steps per character here, so on <see cref="HostileValue"/> it takes seconds.
    /// (<c>(a*)*b</c> in front is the classic catastrophic-backtracking pattern, harmless to a linear engine.)
    /// </summary>
    public const string Padding = "a{0,999}c|a{0,999}d|a{0,999}e|a{0,999}f|a{0,999}g|a{0,999}h|a{0,999}i|a{0,999}j";

    /// <summary>The text the hostile patterns are matched against: 300,000 characters.</summary>
    public static readonly string HostileValue = new('a', 300_000);

    public static readonly HostileCase[] All =
    {
        // ------------------------------------------------------------------ limits
        new("file-size-ci", (r, _) => r.Write(".gitlab-ci.yml", "# " + new string('x', (int)FiveMiB) + "\n"),
            $".gitlab-ci.yml:1:1: error: '.gitlab-ci.yml' is {FiveMiB + 3} bytes, over the {FiveMiB}-byte file size limit; it was not read [ci-parse]"),
        new("file-size-doc", (r, _) => r.Write(Doc, "# Operations\n\n" + string.Concat(Enumerable.Repeat("Some prose, over and over.\n", 200_000))),
            $"{Doc}:1:1: error: doc '{Doc}' is {14 + 27 * 200_000} bytes, over the {FiveMiB}-byte file size limit; it was not read [docs-coverage]"),
        new("yaml-alias-expansion", (r, _) => r.Write(Include, BillionLaughs()),
            $"{Include}:6:4: error: invalid YAML: YAML aliases expand to more than 1000000 nodes (alias bomb); the file was not evaluated [ci-parse]"),
        new("yaml-nesting-depth", (r, _) => r.Write(Include, "deep: " + new string('[', 101) + new string(']', 101) + "\n"),
            $"{Include}:1:106: error: invalid YAML: YAML nesting is deeper than 100 levels [ci-parse]"),
        new("markdown-nesting-depth", (r, _) => r.Write(Doc, "# Operations\n\n" + new string('>', 200) + " deep\n"),
            $"{Doc}:1:1: error: doc '{Doc}' nests Markdown elements (blockquotes, lists, links or emphasis) more than 128 levels deep; it was not checked [docs-coverage]"),
        new("jobs-per-scenario", (r, _) => r.Write(Include, ManyJobs(51, 200)),
            $"{Include}:203:1: error: more than 10000 jobs in one pipeline; evaluation stopped at 'bulk-50 1/200' [ci-parse]"),
        new("include-depth", (r, _) => IncludeChain(r, 101),
            "ci/chain/99.yml:1:10: error: includes are nested deeper than 100 levels at 'ci/chain/100.yml' [ci-parse]"),
        new("include-count", (r, _) => IncludeMany(r, 150),
            $"{Include}:151:12: error: more than 150 includes (GitLab's limit); 'ci/many/149.yml' and later ones were not read [ci-parse]"),
        new("regex-time", (r, _) => r.Write(Include, HostileRegexJob()),
            $"{Include}:7:11: error: rules:if `$HOSTILE =~ /(a*)*b|{Padding}/` was not evaluated: its regular expression did not finish within 2000 ms (DocLint's limit per match; GitLab's RE2 runs in linear time, so the pattern is most likely hostile) [ci-parse]"),
        new("variable-expansion", (r, _) => r.Write(Include, VariableBomb()),
            $"{Include}:5:3: error: variable 'V3' expands to more than 1048576 characters (a variable that repeats another many times over?); DocLint does not expand it [ci-parse]"),

        // ------------------------------------------------------------------ paths
        new("include-dotdot", (r, outside) =>
            {
                File.WriteAllText(Path.Combine(outside, "leak.yml"), $"{Leak}:\n  stage: nowhere\n");
                r.Write(Include, $"include:\n  - local: ../../{Path.GetFileName(outside)}/leak.yml\n");
            },
            $"{Include}:2:12: error: include '../../{{outside}}/leak.yml' points outside the repository; it was not read [ci-parse]"),
        new("include-absolute", (r, _) => r.Write(Include, "include:\n  - local: /etc/passwd\n  - local: C:/Windows/win.ini\n"),
            $"{Include}:2:12: error: include:local 'etc/passwd' does not exist [ci-parse]",
            $"{Include}:3:12: error: include 'C:/Windows/win.ini' points outside the repository; it was not read [ci-parse]"),
        new("include-symlink-outside", (r, outside) =>
            {
                File.WriteAllText(Path.Combine(outside, "leak.yml"), $"{Leak}:\n  stage: nowhere\n");
                Link(r, Include, Path.Combine(outside, "leak.yml"));
            },
            $"{IncludeSite}: error: include:local '{Include}' is a symbolic link pointing outside the repository; it was not read [ci-parse]"),
        new("include-symlink-dev-zero", (r, _) => Link(r, Include, "/dev/zero"),
            $"{IncludeSite}: error: include:local '{Include}' is a symbolic link pointing outside the repository; it was not read [ci-parse]"),
        new("include-symlink-outside-fifo", (r, outside) =>
            {
                Mkfifo(Path.Combine(outside, "pipe.yml"));
                Link(r, Include, Path.Combine(outside, "pipe.yml"));
            },
            $"{IncludeSite}: error: include:local '{Include}' is a symbolic link pointing outside the repository; it was not read [ci-parse]"),
        new("include-symlink-directory-outside", (r, outside) =>
            {
                File.WriteAllText(Path.Combine(outside, "Changes.gitlab-ci.yml"), $"{Leak}:\n  stage: nowhere\n");
                foreach (var f in Directory.GetFiles(Path.Combine(r.Root, "bf-release"), "*", SearchOption.AllDirectories))
                    File.Move(f, Path.Combine(outside, Path.GetFileName(f)), overwrite: true);
                Directory.Delete(Path.Combine(r.Root, "bf-release"), recursive: true);
                Directory.CreateSymbolicLink(Path.Combine(r.Root, "bf-release"), outside);
            },
            $"{IncludeSite}: error: include:local '{Include}' is a symbolic link pointing outside the repository; it was not read [ci-parse]"),
        new("doc-symlink-outside", (r, outside) =>
            {
                File.WriteAllText(Path.Combine(outside, "leak.md"), $"# {Leak}\n\n<!-- doclint-disable-file -->\n");
                File.Delete(Path.Combine(r.Root, Doc));
                Link(r, Doc, Path.Combine(outside, "leak.md"));
            },
            $"{Doc}:1:1: error: doc '{Doc}' is a symbolic link pointing outside the repository; it was not read [docs-coverage]"),
        new("symlink-loop", (r, _) =>
            {
                File.Delete(Path.Combine(r.Root, Include));
                Link(r, Include, Path.Combine(r.Root, "bf-release", "loop.yml"));
                Link(r, "bf-release/loop.yml", Path.Combine(r.Root, Include));
            },
            $"{IncludeSite}: error: include:local '{Include}' is a symbolic link that cannot be resolved (a loop?); it was not read [ci-parse]"),

        // ------------------------------------------------------------------ malformed and unreadable files
        new("invalid-utf8-yml", (r, _) => r.WriteBytes(Include, Concat("stage-notes:\n  stage: notes\n  script: [\"caf", new byte[] { 0xE9 }, "\"]\n")),
            $"{IncludeSite}: error: include:local '{Include}' is not valid UTF-8 (invalid byte at line 3, column 16) [ci-parse]"),
        new("invalid-utf8-md", (r, _) => r.WriteBytes(Doc, Concat("# Operations\n\nCaf", new byte[] { 0xC3, 0x28 }, " du matin\n")),
            $"{Doc}:3:4: error: doc '{Doc}' is not valid UTF-8 (invalid byte at line 3, column 4) [docs-coverage]"),
        new("binary-yml", (r, _) => r.WriteBytes(Include, Png()),
            $"{IncludeSite}: error: include:local '{Include}' is binary (NUL byte at offset 8), not text [ci-parse]"),
        new("binary-md", (r, _) => r.WriteBytes(Doc, Png()),
            $"{Doc}:3:1: error: doc '{Doc}' is binary (NUL byte at offset 8), not text [docs-coverage]"),
        new("empty-root-ci", (r, _) => r.Write(".gitlab-ci.yml", ""),
            ".gitlab-ci.yml:1:1: error: '.gitlab-ci.yml' is empty; GitLab refuses an empty CI configuration [ci-parse]"),
        new("empty-include", (r, _) => r.Write(Include, "\n  \n"),
            $"{IncludeSite}: error: include:local '{Include}' is empty; GitLab refuses an empty CI configuration [ci-parse]"),
        // An empty Markdown file is valid Markdown: nothing to report unless a rule needs its content.
        new("empty-doc", (r, _) => r.Write(Doc, "")),
        new("directory-named-gitlab-ci", (r, _) =>
            {
                File.Delete(Path.Combine(r.Root, ".gitlab-ci.yml"));
                Directory.CreateDirectory(Path.Combine(r.Root, ".gitlab-ci.yml"));
                r.Write(".gitlab-ci.yml/job.yml", "job:\n  script: [x]\n");
            },
            ".gitlab-ci.yml:1:1: error: '.gitlab-ci.yml' is a directory, not a file [ci-parse]"),
        new("fifo-root-ci", (r, _) =>
            {
                File.Delete(Path.Combine(r.Root, ".gitlab-ci.yml"));
                Mkfifo(Path.Combine(r.Root, ".gitlab-ci.yml"));
            },
            ".gitlab-ci.yml:1:1: error: '.gitlab-ci.yml' is a FIFO (named pipe), not a regular file; it was not read [ci-parse]"),
        new("fifo-doc", (r, _) =>
            {
                File.Delete(Path.Combine(r.Root, Doc));
                Mkfifo(Path.Combine(r.Root, Doc));
            },
            $"{Doc}:1:1: error: doc '{Doc}' is a FIFO (named pipe), not a regular file; it was not read [docs-coverage]"),
        new("dangling-symlink", (r, _) =>
            {
                File.Delete(Path.Combine(r.Root, Include));
                Link(r, Include, Path.Combine(r.Root, "bf-release", "Gone.gitlab-ci.yml"));
            },
            $"{IncludeSite}: error: include:local '{Include}' is a symbolic link to 'bf-release/Gone.gitlab-ci.yml', which does not exist [ci-parse]"),
        new("file-replaced-by-directory", (r, _) =>
            {
                File.Delete(Path.Combine(r.Root, Include));
                Directory.CreateDirectory(Path.Combine(r.Root, Include));
            },
            $"{IncludeSite}: error: include:local '{Include}' is a directory, not a file [ci-parse]"),
    };

    public static IEnumerable<object[]> Names => All.Select(c => new object[] { c.Name });

    public static HostileCase Get(string name) => All.Single(c => c.Name == name);

    /// <summary>A bf-dev copy with the case applied, and the directory beside it for what lies outside.</summary>
    public static (TempRepo Repo, TempRepo Outside) Arrange(HostileCase c)
    {
        var repo = BfDevDrift.CopyWithoutRegions();
        File.Delete(Path.Combine(repo.Root, "expected.txt"));
        var outside = new TempRepo();
        c.Arrange(repo, outside.Root);
        return (repo, outside);
    }

    /// <summary>The expected lines with the outside directory's name filled in.</summary>
    public static string[] Expected(HostileCase c, TempRepo outside) =>
        c.Expected.Select(e => e.Replace("{outside}", Path.GetFileName(outside.Root))).ToArray();

    // ------------------------------------------------------------------ builders

    /// <summary>Ten times ten times ... : a few hundred bytes that expand to 10^9 nodes.</summary>
    public static string BillionLaughs()
    {
        var sb = new StringBuilder("a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for (var c = 'b'; c <= 'i'; c++)
        {
            var prev = (char)(c - 1);
            sb.Append(c).Append(": &").Append(c).Append(" [").Append(string.Join(", ", Enumerable.Repeat("*" + prev, 10))).Append("]\n");
        }
        return sb.ToString();
    }

    /// <summary><paramref name="jobs"/> jobs of <c>parallel: <paramref name="parallel"/></c> each.</summary>
    public static string ManyJobs(int jobs, int parallel)
    {
        var sb = new StringBuilder("# bulk jobs\n\n");
        for (var i = 0; i < jobs; i++)
            sb.Append($"bulk-{i}:\n  stage: notes\n  parallel: {parallel}\n  script: [\"true\"]\n");
        return sb.ToString();
    }

    /// <summary>bf-dev's include starts a chain chain/1.yml → chain/2.yml → … of <paramref name="n"/> files.</summary>
    public static void IncludeChain(TempRepo r, int n)
    {
        r.Write(Include, "include:\n  - local: ci/chain/1.yml\n");
        for (var i = 1; i <= n; i++)
            r.Write($"ci/chain/{i}.yml", i < n ? $"include: ci/chain/{i + 1}.yml\n" : "leaf-job:\n  stage: notes\n  script: [\"true\"]\n");
    }

    /// <summary>bf-dev's include includes <paramref name="n"/> small files (with the root's own include: one more).</summary>
    public static void IncludeMany(TempRepo r, int n)
    {
        var sb = new StringBuilder("include:\n");
        for (var i = 0; i < n; i++)
        {
            sb.Append($"  - local: ci/many/{i}.yml\n");
            r.Write($"ci/many/{i}.yml", $".hidden-{i}:\n  stage: notes\n");
        }
        r.Write(Include, sb.ToString());
    }


    /// <summary>A job whose rule matches a variable against a pattern that backtracks exponentially.</summary>
    public static string HostileRegexJob() =>
        "variables:\n" +
        "  HOSTILE: " + HostileValue + "\n" +
        "notes:hostile:\n" +
        "  stage: notes\n" +
        "  script: [\"true\"]\n" +
        "  rules:\n" +
        "    - if: '$HOSTILE =~ /(a*)*b|" + Padding + "/'\n";

    /// <summary>V1 repeats V0 twenty times, V2 repeats V1 ...: 1 KB that would expand to 10^13 characters.</summary>
    public static string VariableBomb()
    {
        var sb = new StringBuilder("variables:\n  V0: " + new string('x', 1000) + "\n");
        for (var i = 1; i <= 8; i++) sb.Append($"  V{i}: \"{string.Concat(Enumerable.Repeat($"$V{i - 1}", 20))}\"\n");
        sb.Append("notes:bomb:\n  stage: notes\n  script: [\"true\"]\n  rules:\n    - if: '$V8 =~ /never-there/'\n");
        return sb.ToString();
    }

    /// <summary>The start of a PNG file: a NUL byte at offset 8 (line 3, column 1: the signature holds \r\n and \n).</summary>
    public static byte[] Png() =>
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52 };

    private static byte[] Concat(string a, byte[] b, string c) =>
        Encoding.UTF8.GetBytes(a).Concat(b).Concat(Encoding.UTF8.GetBytes(c)).ToArray();

    public static void Link(TempRepo r, string relative, string target)
    {
        var full = Path.Combine(r.Root, relative);
        if (File.Exists(full)) File.Delete(full);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.CreateSymbolicLink(full, target);
    }

    /// <summary>A named pipe (nobody ever writes to it: opening it for reading would block forever).</summary>
    public static void Mkfifo(string path)
    {
        var r = Processes.Run("mkfifo", new[] { path }, Path.GetDirectoryName(path)!, timeoutMs: 30_000);
        Assert.True(r.ExitCode == 0, $"mkfifo {path}: {r}");
    }
}
