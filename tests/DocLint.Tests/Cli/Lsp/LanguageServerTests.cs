using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DocLint.Tests.Support;

namespace DocLint.Tests.Cli.Lsp;

/// <summary>
/// <c>doclint lsp</c> over the pipes of a real process (CONTRACT §10): lifecycle and exit codes, ordering, cancellation,
/// bad input, diagnostics from unsaved buffers, code actions and hover on a copy of bf-dev.
/// </summary>
public class LanguageServerTests
{
    private const string Index = "docs/operations/runbooks/index.md";
    private const string Action = "bring-all-code-to-release-branch";

    /// <summary>A server started on a copy of bf-dev; disposing it stops the server, then deletes the copy.</summary>
    private sealed class Session(TempRepo repo, LspClient client) : IDisposable
    {
        public void Deconstruct(out TempRepo r, out LspClient c) => (r, c) = (repo, client);

        public void Dispose()
        {
            client.Dispose();
            repo.Dispose();
        }
    }

    private static Session Start(string? config = null)
    {
        var repo = Processes.CopyFixture("bf-dev");
        if (config != null) File.WriteAllText(Path.Combine(repo.Root, ".doclint.yml"), config);
        var client = new LspClient(repo.Root);
        var init = client.Initialize(repo.Root);
        Assert.Equal(2, (int)init["result"]!["capabilities"]!["textDocumentSync"]!["change"]!);
        client.Notify("initialized", new JsonObject());
        return new Session(repo, client);
    }

    /// <summary>The path and URI of the runbook index of the bf-dev copy.</summary>
    private static (string Path, string Uri) IndexDoc(TempRepo repo) =>
        (Path.Combine(repo.Root, Index), LspClient.UriOf(Path.Combine(repo.Root, Index)));

    /// <summary>Opens an unsaved runbook (never written to disk) that deploys bf-portal; returns its URI.</summary>
    private static string OpenPortalRunbook(TempRepo repo, LspClient client)
    {
        var path = Path.Combine(repo.Root, "docs/operations/runbooks/portal.md");
        client.Open(path, "# Portal\n\n```text\naction=deploy-release-branch-to-staging project=bf-portal confirm=true\n```\n");
        return LspClient.UriOf(path);
    }

    private static string TreeHash(string root)
    {
        var sb = new StringBuilder();
        foreach (var f in Directory.GetFiles(root, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
            sb.Append(Path.GetRelativePath(root, f)).Append(':').Append(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))).Append('\n');
        return sb.ToString();
    }

    private static JsonObject Range(int line, int ch, int endLine, int endCh) => LspClient.Range(line, ch, endLine, endCh);

    [Fact]
    public void Shutdown_then_exit_is_0_exit_alone_is_1_and_requests_after_shutdown_are_refused()
    {
        using (var session = Start())
        {
            var (_, client) = session;
            Assert.Null(client.Request("shutdown", null)["result"]);
            Assert.Equal(-32600, (int)client.Request("textDocument/hover", new JsonObject())["error"]!["code"]!);
            client.Notify("exit", null);
            Assert.Equal(0, client.WaitForExit());
        }
        using (var session = Start())
        {
            var (_, client2) = session;
            client2.Notify("exit", null);
            Assert.Equal(1, client2.WaitForExit());
        }
    }

    [Fact]
    public void The_end_of_the_input_without_shutdown_exits_1()
    {
        using (var session = Start())
        {
            var (_, client) = session;
            client.CloseInput();
            Assert.Equal(1, client.WaitForExit());
        }
    }

    [Fact]
    public void Malformed_framing_and_unknown_methods_get_errors_and_the_server_goes_on()
    {
        using var repo = Processes.CopyFixture("bf-dev");
        using var client = new LspClient(repo.Root);
        Assert.Equal(-32002, (int)client.Request("textDocument/hover", new JsonObject())["error"]!["code"]!); // before initialize
        client.SendRaw(Encoding.ASCII.GetBytes("this is not a header\r\n\r\n"));
        var parseError = client.WaitFor(m => m["error"] != null);
        Assert.Equal(-32700, (int)parseError["error"]!["code"]!);
        client.SendRaw(Encoding.ASCII.GetBytes("Content-Length: 9\r\n\r\n{\"id\": 1,"));
        Assert.Equal(-32700, (int)client.WaitFor(m => m["error"] != null)["error"]!["code"]!);
        client.Initialize(repo.Root);
        var unknown = client.Request("doclint/noSuchMethod", new JsonObject());
        Assert.Equal(-32601, (int)unknown["error"]!["code"]!);
        Assert.Null(client.Request("shutdown", null)["error"]);
        client.Notify("exit", null);
        Assert.Equal(0, client.WaitForExit());
    }

    [Fact]
    public void A_drifted_runbook_buffer_gets_the_check_diagnostic_the_quick_fix_clears_it_and_nothing_is_written()
    {
        using var session = Start();
        var (repo, client) = session;
        var before = TreeHash(repo.Root);
        var (path, uri) = IndexDoc(repo);
        client.Open(path);
        Assert.Empty(client.Diagnostics(uri, 1)["params"]!["diagnostics"]!.AsArray());

        var line = File.ReadAllLines(path)[39];
        var at = line.IndexOf(Action, StringComparison.Ordinal);
        client.Change(path, 2, 39, at, 39, at + Action.Length, "cut-off");
        var diagnostics = client.Diagnostics(uri, 2)["params"]!["diagnostics"]!.AsArray();
        var d = Assert.Single(diagnostics)!;
        Assert.Equal("docs-action-name", (string?)d["code"]);
        Assert.Equal("doclint", (string?)d["source"]);
        Assert.Equal(1, (int)d["severity"]!);
        Assert.Equal(39, (int)d["range"]!["start"]!["line"]!);
        Assert.Equal(at, (int)d["range"]!["start"]!["character"]!);
        Assert.Equal("action=cut-off is an obsolete action name; use action=bring-all-code-to-release-branch", (string?)d["message"]);
        Assert.Null(d["codeDescription"]); // no docs URL configured: no link (never an invented site)

        var actions = client.Request("textDocument/codeAction", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri },
            ["range"] = Range(39, 0, 39, 0),
            ["context"] = new JsonObject { ["diagnostics"] = new JsonArray() },
        })["result"]!.AsArray();
        var fix = actions.Single(a => (string?)a!["kind"] == "quickfix" && ((string)a["title"]!).StartsWith("Fix:"))!;
        var edit = Assert.Single(fix["edit"]!["changes"]![uri]!.AsArray())!;
        Assert.Equal(Action, (string?)edit["newText"]);
        Assert.Equal(at, (int)edit["range"]!["start"]!["character"]!);
        Assert.Equal(at + "cut-off".Length, (int)edit["range"]!["end"]!["character"]!);
        Assert.Contains(actions, a => ((string)a!["title"]!).StartsWith("Fix all DocLint findings in this file (1)"));
        var disable = actions.Single(a => ((string)a!["title"]!).StartsWith("Disable docs-action-name"))!;
        Assert.Equal("<!-- doclint-disable docs-action-name -->\n", (string?)disable["edit"]!["changes"]![uri]![0]!["newText"]); // inside a code block: around it

        client.Change(path, 3, 39, at, 39, at + "cut-off".Length, Action);
        Assert.Empty(client.Diagnostics(uri, 3)["params"]!["diagnostics"]!.AsArray());
        Assert.Equal(before, TreeHash(repo.Root));
    }

    [Fact]
    public void A_configured_docs_url_gives_each_diagnostic_a_link_to_its_rule()
    {
        using var session = Start("docsUrl: https://docs.example.org/doclint/rules/\n");
        var (repo, client) = session;
        var (path, uri) = IndexDoc(repo);
        client.Open(path);
        client.Diagnostics(uri, 1);
        var at = File.ReadAllLines(path)[39].IndexOf(Action, StringComparison.Ordinal);
        client.Change(path, 2, 39, at, 39, at + Action.Length, "cut-off");
        var d = Assert.Single(client.Diagnostics(uri, 2)["params"]!["diagnostics"]!.AsArray())!;
        Assert.Equal("https://docs.example.org/doclint/rules/docs-action-name.md", (string?)d["codeDescription"]!["href"]);
    }

    [Fact]
    public void Disable_for_this_line_suppresses_and_is_never_offered_for_an_unsuppressible_rule()
    {
        using var session = Start();
        var (repo, client) = session;
        var path = Path.Combine(repo.Root, "docs/operations/runbooks/extra.md");
        var uri = LspClient.UriOf(path);
        const string text = "# Extra\n\nRun it with action=cut-off project=all confirm=true today.\n";
        client.Open(path, text);
        Assert.Single(client.Diagnostics(uri, 1)["params"]!["diagnostics"]!.AsArray());
        var actions = client.Request("textDocument/codeAction", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri }, ["range"] = Range(2, 0, 2, 0), ["context"] = new JsonObject { ["diagnostics"] = new JsonArray() },
        })["result"]!.AsArray();
        var disable = actions.Single(a => (string?)a!["title"] == "Disable docs-action-name for this line")!;
        var insert = disable["edit"]!["changes"]![uri]![0]!;
        Assert.Equal("<!-- doclint-disable-next-line docs-action-name -->\n", (string?)insert["newText"]);
        Assert.Equal(2, (int)insert["range"]!["start"]!["line"]!);
        client.Change(path, 2, 2, 0, 2, 0, (string)insert["newText"]!);
        Assert.Empty(client.Diagnostics(uri, 2)["params"]!["diagnostics"]!.AsArray());

        // The same finding with docs-action-name unsuppressible: no disable action.
        var config = Path.Combine(repo.Root, ".doclint.yml");
        client.Open(config, "unsuppressible: [confirm-gate, docs-action-name]\n", "yaml");
        client.Change(path, 3, 2, 0, 3, 0, "");
        client.WaitFor(m => (string?)m["method"] == "textDocument/publishDiagnostics" && (string?)m["params"]!["uri"] == uri && (int?)m["params"]!["version"] == 3);
        var after = client.Request("textDocument/codeAction", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri }, ["range"] = Range(2, 0, 2, 0), ["context"] = new JsonObject { ["diagnostics"] = new JsonArray() },
        })["result"]!.AsArray();
        Assert.Contains(after, a => ((string)a!["title"]!).StartsWith("Fix:"));
        Assert.DoesNotContain(after, a => ((string)a!["title"]!).StartsWith("Disable"));
        Assert.False(File.Exists(config));
    }

    [Fact]
    public void An_unsaved_CI_buffer_rejudges_the_open_runbook_and_invalid_YAML_keeps_the_last_judgement()
    {
        using var session = Start();
        var (repo, client) = session;
        var runbookUri = OpenPortalRunbook(repo, client);
        Assert.Empty(client.Diagnostics(runbookUri, 1)["params"]!["diagnostics"]!.AsArray());

        var ciPath = Path.Combine(repo.Root, ".gitlab-ci.yml");
        var ci = File.ReadAllText(ciPath);
        client.Open(ciPath, ci, "yaml");
        var dropped = BfDevDrift.Drift("\n        - bf-portal\n", "\n", 0, ci);
        client.ReplaceAll(ciPath, 2, dropped);
        var d = client.Diagnostics(runbookUri)["params"]!["diagnostics"]!.AsArray();
        var portal = Assert.Single(d)!;
        Assert.Equal(3, (int)portal["range"]!["start"]!["line"]!);
        Assert.Contains("bf-portal", (string)portal["message"]!);

        client.ReplaceAll(ciPath, 3, "spec:\n  inputs: [unclosed\n");
        var ciDiagnostics = client.Diagnostics(LspClient.UriOf(ciPath), 3)["params"]!["diagnostics"]!.AsArray();
        Assert.Contains(ciDiagnostics, x => (string?)x!["code"] == "ci-parse");
        // Published in the same judgement as the CI file's (in either order).
        var kept = client.Received.Last(m => (string?)m["method"] == "textDocument/publishDiagnostics" && (string?)m["params"]!["uri"] == runbookUri)["params"]!["diagnostics"]!.AsArray();
        Assert.Equal(2, kept.Count);
        Assert.Contains("cannot be read", (string)kept[0]!["message"]!);
        Assert.Equal((string)portal["message"]!, (string?)kept[1]!["message"]);
        Assert.Equal(ci, File.ReadAllText(ciPath));
    }

    [Fact]
    public void Hover_shows_the_created_job_and_on_a_CI_option_the_docs_lines()
    {
        using var session = Start();
        var (repo, client) = session;
        var uri = OpenPortalRunbook(repo, client);
        client.Diagnostics(uri, 1);
        var hover = client.Request("textDocument/hover", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri }, ["position"] = new JsonObject { ["line"] = 3, ["character"] = 12 },
        })["result"]!;
        var text = (string)hover["contents"]!["value"]!;
        Assert.Contains("release:single → betterfleet/bf-portal@release ORCHESTRATION_RELEASE=true", text);
        Assert.DoesNotContain("confirm=false", text);

        var ciPath = Path.Combine(repo.Root, ".gitlab-ci.yml");
        var ci = File.ReadAllText(ciPath);
        client.Open(ciPath, ci, "yaml");
        client.Diagnostics(LspClient.UriOf(ciPath), 1);
        var lines = ci.Split('\n');
        var optionLine = Array.FindIndex(lines, l => l.Trim() == "- bf-portal");
        var onOption = client.Request("textDocument/hover", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = LspClient.UriOf(ciPath) },
            ["position"] = new JsonObject { ["line"] = optionLine, ["character"] = lines[optionLine].IndexOf("bf-portal", StringComparison.Ordinal) + 2 },
        })["result"]!;
        Assert.Contains("docs/operations/runbooks/portal.md:4: `action=deploy-release-branch-to-staging project=bf-portal confirm=true`", (string)onOption["contents"]!["value"]!);
    }

    [Fact]
    public void A_document_outside_the_root_is_ignored_and_a_50_MB_buffer_is_a_finding()
    {
        using var session = Start();
        var (repo, client) = session;
        using var outside = new TempRepo(("elsewhere.md", "action=cut-off project=all confirm=true\n"));
        var outsidePath = Path.Combine(outside.Root, "elsewhere.md");
        client.Open(outsidePath);
        var hover = client.Request("textDocument/hover", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = LspClient.UriOf(outsidePath) }, ["position"] = new JsonObject { ["line"] = 0, ["character"] = 9 },
        });
        Assert.Null(hover["error"]);
        Assert.Null(hover["result"]);
        Assert.DoesNotContain(client.Received, m => (string?)m["params"]?["uri"] == LspClient.UriOf(outsidePath));

        var big = Path.Combine(repo.Root, "docs/operations/big.md");
        client.Open(big, new string('a', 50 * 1024 * 1024));
        var d = Assert.Single(client.Diagnostics(LspClient.UriOf(big), 1)["params"]!["diagnostics"]!.AsArray())!;
        Assert.Equal("docs-coverage", (string?)d["code"]);
        Assert.Contains("'docs/operations/big.md' is 52428800 bytes, over the 5242880-byte file size limit; it was not read", (string)d["message"]!);
        Assert.False(File.Exists(big));
        Assert.Null(client.Request("shutdown", null)["error"]);
    }

    [Fact]
    public void A_cancelled_request_is_answered_with_RequestCancelled_and_responses_keep_their_order()
    {
        using var session = Start();
        var (repo, client) = session;
        var (path, uri) = IndexDoc(repo);
        // One write: the opens (judged before the hover answers: a 3 MB doc keeps the judgement busy while the
        // cancellation is read), the hover, its cancellation, then a second request.
        JsonObject Open(string u, string text) => LspClient.Notification("textDocument/didOpen", LspClient.DidOpen(u, text));
        var bulky = string.Concat(Enumerable.Repeat("Some *prose* with `code` and [a link](x.md) in a paragraph.\n\n", 50_000));
        var open = LspClient.Frame(Open(uri, File.ReadAllText(path))).Concat(LspClient.Frame(Open(LspClient.UriOf(Path.Combine(repo.Root, "docs/bulky.md")), bulky))).ToArray();
        JsonObject Hover(int id) => new()
        {
            ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = "textDocument/hover",
            ["params"] = new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = uri }, ["position"] = new JsonObject { ["line"] = 39, ["character"] = 10 } },
        };
        var cancel = LspClient.Frame(LspClient.Notification("$/cancelRequest", new JsonObject { ["id"] = 100 }));
        client.SendRaw(open.Concat(LspClient.Frame(Hover(100))).Concat(cancel).Concat(LspClient.Frame(Hover(101))).ToArray());
        var first = client.WaitFor(m => m["id"] != null);
        Assert.Equal(100, (int)first["id"]!);
        Assert.Equal(-32800, (int)first["error"]!["code"]!);
        var second = client.WaitFor(m => m["id"] != null);
        Assert.Equal(101, (int)second["id"]!);
        Assert.Contains("bring-all-code-to-release-branch", (string)second["result"]!["contents"]!["value"]!);
        // The diagnostics of the open came before the answer that needed them.
        Assert.True(client.Received.FindIndex(m => (string?)m["method"] == "textDocument/publishDiagnostics") < client.Received.IndexOf(second));
    }

    [Fact]
    public void A_burst_of_changes_is_judged_once_for_its_last_version()
    {
        using var session = Start();
        var (repo, client) = session;
        var (path, uri) = IndexDoc(repo);
        client.Open(path);
        client.Diagnostics(uri, 1);
        // 40 keystrokes in one write: type "cut-off" over the action name one character at a time, then more typing.
        var line = File.ReadAllLines(path)[39];
        var at = line.IndexOf(Action, StringComparison.Ordinal);
        var burst = new List<byte>();
        JsonObject Change(int version, int ch, int endCh, string text, int onLine = 39) =>
            LspClient.Notification("textDocument/didChange", LspClient.DidChange(uri, version, Range(onLine, ch, onLine, endCh), text));
        var version = 1;
        burst.AddRange(LspClient.Frame(Change(++version, at, at + Action.Length, "")));
        foreach (var (c, i) in "cut-off".Select((c, i) => (c, i))) burst.AddRange(LspClient.Frame(Change(++version, at + i, at + i, c.ToString())));
        // Then "x" typed and deleted at the start of line 10 (a prose line), 16 times.
        for (var i = 0; i < 32; i++) burst.AddRange(LspClient.Frame(Change(++version, 0, i % 2 == 0 ? 0 : 1, i % 2 == 0 ? "x" : "", 9)));
        client.SendRaw(burst.ToArray());
        var last = client.Diagnostics(uri, version)["params"]!["diagnostics"]!.AsArray();
        var publishes = client.Received.Count(m => (string?)m["method"] == "textDocument/publishDiagnostics" && (int?)m["params"]!["version"] > 1);
        Assert.True(publishes < 10, $"{publishes} publications for a burst of {version - 1} changes");
        Assert.Equal("docs-action-name", (string?)Assert.Single(last)!["code"]);
    }
}
