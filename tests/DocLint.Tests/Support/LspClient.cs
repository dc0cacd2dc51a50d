using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace DocLint.Tests.Support;

/// <summary>
/// A language-server client over the pipes of a real <c>doclint lsp</c> process (the doclint built for the tests):
/// Content-Length framing, requests with ids, notifications, and every message the server sends kept in order.
/// </summary>
public sealed class LspClient : IDisposable
{
    private readonly Process _process;
    private readonly Stream _in;
    private readonly BlockingCollection<JsonObject> _messages = new();
    private readonly StringBuilder _stderr = new();
    private int _id;

    /// <summary>Every message received, in order (responses and notifications).</summary>
    public List<JsonObject> Received { get; } = new();

    public LspClient(string workingDirectory)
    {
        // The native binary: what editors start (an AOT-only failure of the server fails these tests).
        var psi = new ProcessStartInfo(NativeBinary.Path) { WorkingDirectory = workingDirectory, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("lsp");
        psi.Environment["DOTNET_NOLOGO"] = "1";
        _process = Process.Start(psi)!;
        _in = _process.StandardInput.BaseStream;
        _process.ErrorDataReceived += (_, e) => { lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.BeginErrorReadLine();
        var output = _process.StandardOutput.BaseStream;
        new Thread(() => ReadLoop(output)) { IsBackground = true }.Start();
    }

    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    private void ReadLoop(Stream output)
    {
        try
        {
            while (true)
            {
                var length = -1;
                while (true)
                {
                    var line = ReadLine(output);
                    if (line == null) return;
                    if (line.Length == 0) break;
                    if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) length = int.Parse(line[15..].Trim());
                }
                var body = new byte[length];
                var read = 0;
                while (read < length)
                {
                    var n = output.Read(body, read, length - read);
                    if (n <= 0) return;
                    read += n;
                }
                _messages.Add((JsonObject)JsonNode.Parse(body)!);
            }
        }
        finally { _messages.CompleteAdding(); }
    }

    private static string? ReadLine(Stream s)
    {
        var sb = new StringBuilder();
        while (true)
        {
            var b = s.ReadByte();
            if (b < 0) return null;
            if (b == '\n') return sb.ToString().TrimEnd('\r');
            sb.Append((char)b);
        }
    }

    public void SendRaw(byte[] bytes)
    {
        _in.Write(bytes);
        _in.Flush();
    }

    public static byte[] Frame(JsonObject message)
    {
        var body = Encoding.UTF8.GetBytes(message.ToJsonString());
        return Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n").Concat(body).ToArray();
    }

    public int SendRequest(string method, JsonNode? parameters)
    {
        var id = Interlocked.Increment(ref _id);
        SendRaw(Frame(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters }));
        return id;
    }

    public void Notify(string method, JsonNode? parameters) => SendRaw(Frame(Notification(method, parameters)));

    /// <summary>The next message matching, waiting up to the timeout; messages before it are kept in <see cref="Received"/>.</summary>
    public JsonObject WaitFor(Func<JsonObject, bool> match, int timeoutMs = 60_000)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var left = timeoutMs - (int)deadline.ElapsedMilliseconds;
            if (left <= 0 || !_messages.TryTake(out var m, left))
                throw new TimeoutException($"no matching message within {timeoutMs} ms; received:\n{string.Join("\n", Received.Select(r => r.ToJsonString()))}\nstderr:\n{Stderr}");
            Received.Add(m);
            if (match(m)) return m;
        }
    }

    public JsonObject Request(string method, JsonNode? parameters)
    {
        var id = SendRequest(method, parameters);
        return WaitFor(m => m["id"] is { } i && i.GetValueKind() == System.Text.Json.JsonValueKind.Number && (int)i == id && m["method"] == null);
    }

    public JsonObject Diagnostics(string uri, int? version = null) =>
        WaitFor(m => (string?)m["method"] == "textDocument/publishDiagnostics" && (string?)m["params"]!["uri"] == uri
                     && (version == null || (int?)m["params"]!["version"] == version));

    public static string UriOf(string path) => new Uri(path).AbsoluteUri;

    public JsonObject Initialize(string root) =>
        Request("initialize", new JsonObject { ["processId"] = null, ["rootUri"] = UriOf(root), ["capabilities"] = new JsonObject() });

    /// <summary>An LSP range (0-based lines and UTF-16 characters).</summary>
    public static JsonObject Range(int line, int character, int endLine, int endCharacter) => new()
    {
        ["start"] = new JsonObject { ["line"] = line, ["character"] = character },
        ["end"] = new JsonObject { ["line"] = endLine, ["character"] = endCharacter },
    };

    /// <summary>A notification message, for <see cref="Frame"/> when a test writes several messages at once.</summary>
    public static JsonObject Notification(string method, JsonNode? parameters) =>
        new() { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters };

    /// <summary>The <c>params</c> of <c>textDocument/didOpen</c> (version 1).</summary>
    public static JsonObject DidOpen(string uri, string text, string languageId = "markdown") => new()
    {
        ["textDocument"] = new JsonObject { ["uri"] = uri, ["languageId"] = languageId, ["version"] = 1, ["text"] = text },
    };

    /// <summary>The <c>params</c> of an incremental <c>textDocument/didChange</c>: one range replaced by <paramref name="text"/>.</summary>
    public static JsonObject DidChange(string uri, int version, JsonObject range, string text) => new()
    {
        ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = version },
        ["contentChanges"] = new JsonArray(new JsonObject { ["range"] = range, ["text"] = text }),
    };

    public void Open(string path, string? text = null, string languageId = "markdown") =>
        Notify("textDocument/didOpen", DidOpen(UriOf(path), text ?? File.ReadAllText(path), languageId));

    public void Change(string path, int version, int line, int character, int endLine, int endCharacter, string text) =>
        Notify("textDocument/didChange", DidChange(UriOf(path), version, Range(line, character, endLine, endCharacter), text));

    public void ReplaceAll(string path, int version, string text) =>
        Notify("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = UriOf(path), ["version"] = version },
            ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = text }),
        });

    /// <summary>Waits for the process to end; its exit code.</summary>
    public int WaitForExit(int timeoutMs = 30_000)
    {
        Assert.True(_process.WaitForExit(timeoutMs), "doclint lsp did not exit");
        return _process.ExitCode;
    }

    public void CloseInput() => _in.Close();

    public void Dispose()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
