using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DocLint.Cli.Lsp;

/// <summary>JSON-RPC 2.0 error codes the server sends.</summary>
public static class JsonRpcErrors
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;
    public const int ServerNotInitialized = -32002;
    public const int RequestCancelled = -32800;
}

/// <summary>One message read from the stream: parsed, or why it could not be (a framing or JSON error).</summary>
public sealed record IncomingMessage(JsonObject? Body, string? Error);

/// <summary>
/// The base protocol of LSP over a pair of streams: <c>Content-Length</c> framed JSON-RPC messages. Reading skips what it
/// cannot frame (a header line that is not <c>Name: value</c>, a missing or bad length) up to the next header block and
/// says so, so one malformed message never ends the session. Writes are serialised (one message at a time).
/// </summary>
public sealed class JsonRpcStream
{
    /// <summary>The largest message read (a 50 MB document fits, JSON-escaped); a longer one is skipped.</summary>
    public const long MaxMessageBytes = 256L * 1024 * 1024;

    private readonly Stream _input;
    private readonly Stream _output;
    private readonly object _writeGate = new();

    public JsonRpcStream(Stream input, Stream output)
    {
        _input = new BufferedStream(input, 65536);
        _output = output;
    }

    /// <summary>The next message, or null at the end of the input.</summary>
    public IncomingMessage? Read()
    {
        long? length = null;
        string? problem = null;
        var sawHeader = false;
        while (true)
        {
            var line = ReadLine();
            if (line == null) return sawHeader ? new IncomingMessage(null, "the input ended inside a message header") : null;
            if (line.Length == 0)
            {
                if (!sawHeader) continue; // blank lines between messages
                break;
            }
            sawHeader = true;
            var colon = line.IndexOf(':');
            if (colon <= 0) { problem ??= $"malformed header line '{Truncate(line)}'"; continue; }
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)) length = n;
                else problem ??= $"bad Content-Length '{Truncate(value)}'";
            }
        }
        if (length == null) return new IncomingMessage(null, problem ?? "a message header without Content-Length");
        if (length > MaxMessageBytes)
        {
            Skip(length.Value);
            return new IncomingMessage(null, $"a message of {length} bytes, over the {MaxMessageBytes}-byte limit; it was skipped");
        }
        var body = new byte[length.Value];
        var read = 0;
        while (read < body.Length)
        {
            var n = _input.Read(body, read, body.Length - read);
            if (n <= 0) return new IncomingMessage(null, "the input ended inside a message body");
            read += n;
        }
        if (problem != null) return new IncomingMessage(null, problem);
        try
        {
            return JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 256 }) is JsonObject o
                ? new IncomingMessage(o, null)
                : new IncomingMessage(null, "a message that is not a JSON object");
        }
        catch (JsonException e)
        {
            return new IncomingMessage(null, $"a message that is not valid JSON ({e.Message.ReplaceLineEndings(" ")})");
        }
    }

    private void Skip(long count)
    {
        var buffer = new byte[65536];
        while (count > 0)
        {
            var n = _input.Read(buffer, 0, (int)Math.Min(buffer.Length, count));
            if (n <= 0) return;
            count -= n;
        }
    }

    private static string Truncate(string s) => s.Length > 80 ? s[..80] + "…" : s;

    /// <summary>A header line without its CR LF (or LF); null at the end of the input. Lines are bounded.</summary>
    private string? ReadLine()
    {
        var bytes = new List<byte>();
        while (true)
        {
            var b = _input.ReadByte();
            if (b < 0) return bytes.Count == 0 ? null : Encoding.ASCII.GetString(bytes.ToArray());
            if (b == '\n') break;
            if (bytes.Count < 8192) bytes.Add((byte)b);
        }
        if (bytes.Count > 0 && bytes[^1] == '\r') bytes.RemoveAt(bytes.Count - 1);
        return Encoding.ASCII.GetString(bytes.ToArray());
    }

    public void Write(JsonObject message)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            message.WriteTo(writer);
        var body = buffer.ToArray();
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        lock (_writeGate)
        {
            _output.Write(header);
            _output.Write(body);
            _output.Flush();
        }
    }
}

/// <summary>
/// Request and notification dispatch over a <see cref="JsonRpcStream"/>: a reader thread takes messages off the input
/// (and handles <c>$/cancelRequest</c> at once); one worker handles them in order. A request that was cancelled before
/// its handler finished is answered with <see cref="JsonRpcErrors.RequestCancelled"/>. Between messages, when the
/// input has gone quiet, the worker runs <see cref="Idle"/> (the server re-judges its documents there, so a burst of
/// changes is judged once).
/// </summary>
public sealed class JsonRpcDispatcher
{
    private readonly JsonRpcStream _stream;
    private readonly BlockingCollection<IncomingMessage> _queue = new(new ConcurrentQueue<IncomingMessage>());
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _pending = new(StringComparer.Ordinal);

    public JsonRpcDispatcher(JsonRpcStream stream) => _stream = stream;

    /// <summary>A request: method, params → result (may be null) or a thrown <see cref="JsonRpcException"/>.</summary>
    public Func<string, JsonNode?, CancellationToken, JsonNode?>? OnRequest { get; set; }
    /// <summary>A notification: method, params. Returns false to stop (the <c>exit</c> notification).</summary>
    public Func<string, JsonNode?, bool>? OnNotification { get; set; }
    /// <summary>Run when no message is waiting after the quiet period; returns true while there is more to do.</summary>
    public Action? Idle { get; set; }
    /// <summary>How long the input must stay quiet before <see cref="Idle"/> runs.</summary>
    public TimeSpan Quiet { get; set; } = TimeSpan.FromMilliseconds(5);
    /// <summary>True while the worker has something for <see cref="Idle"/> to do.</summary>
    public Func<bool>? HasIdleWork { get; set; }

    /// <summary>Runs until the <c>exit</c> notification (returns true) or the end of the input (returns false).</summary>
    public bool Run()
    {
        var reader = new Thread(ReadLoop) { IsBackground = true, Name = "lsp-reader" };
        reader.Start();
        while (true)
        {
            IncomingMessage? message;
            if (HasIdleWork?.Invoke() == true)
            {
                if (!_queue.TryTake(out message, Quiet))
                {
                    if (_queue.IsCompleted) { Idle?.Invoke(); return false; }
                    Idle?.Invoke();
                    continue;
                }
            }
            else if (!_queue.TryTake(out message, Timeout.Infinite)) return false;
            if (message == null) continue;
            if (!Handle(message)) return true;
        }
    }

    private void ReadLoop()
    {
        try
        {
            while (_stream.Read() is { } message)
            {
                if (message.Body is { } body && body["method"]?.GetValueKind() == JsonValueKind.String
                    && (string?)body["method"] == "$/cancelRequest")
                {
                    // A request already answered (or never sent) is not in the table: nothing to do.
                    if (body["params"]?["id"] is { } id && _pending.TryGetValue(IdKey(id), out var cts))
                    {
                        try { cts.Cancel(); } catch (ObjectDisposedException) { }
                    }
                    continue;
                }
                if (message.Body?["id"] is { } rid && message.Body["method"] != null)
                    _pending.TryAdd(IdKey(rid), new CancellationTokenSource());
                _queue.Add(message);
            }
        }
        catch (IOException) { }
        catch (ObjectDisposedException) { }
        finally { _queue.CompleteAdding(); }
    }

    private static string IdKey(JsonNode id) => id.ToJsonString();

    /// <summary>Handles one message; false after the exit notification.</summary>
    private bool Handle(IncomingMessage message)
    {
        if (message.Body is not { } body)
        {
            Send(Error(null, JsonRpcErrors.ParseError, message.Error ?? "malformed message"));
            return true;
        }
        var id = body["id"];
        var methodNode = body["method"];
        if (methodNode == null || methodNode.GetValueKind() != JsonValueKind.String)
        {
            if (id != null && methodNode == null && (body.ContainsKey("result") || body.ContainsKey("error"))) return true; // a response to us: none expected
            Send(Error(id?.DeepClone(), JsonRpcErrors.InvalidRequest, "a message without a method"));
            return true;
        }
        var method = (string)methodNode!;
        var parameters = body["params"];
        if (id == null)
        {
            try { return OnNotification?.Invoke(method, parameters) ?? true; }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Console.Error.WriteLine($"doclint lsp: {method}: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
                return true;
            }
        }
        var key = IdKey(id);
        _pending.TryGetValue(key, out var cts);
        try
        {
            if (cts?.IsCancellationRequested == true) { Send(Error(id.DeepClone(), JsonRpcErrors.RequestCancelled, "cancelled")); return true; }
            var result = OnRequest == null ? throw new JsonRpcException(JsonRpcErrors.MethodNotFound, $"unknown method '{method}'")
                : OnRequest(method, parameters, cts?.Token ?? CancellationToken.None);
            if (cts?.IsCancellationRequested == true) Send(Error(id.DeepClone(), JsonRpcErrors.RequestCancelled, "cancelled"));
            else Send(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id.DeepClone(), ["result"] = result });
        }
        catch (OperationCanceledException) { Send(Error(id.DeepClone(), JsonRpcErrors.RequestCancelled, "cancelled")); }
        catch (JsonRpcException e) { Send(Error(id.DeepClone(), e.Code, e.Message)); }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException or NotSupportedException)
        {
            Send(Error(id.DeepClone(), JsonRpcErrors.InvalidParams, $"invalid params for {method}: {e.Message.ReplaceLineEndings(" ")}"));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Send(Error(id.DeepClone(), JsonRpcErrors.InternalError, $"{method}: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}"));
        }
        finally
        {
            if (_pending.TryRemove(key, out var done)) done.Dispose();
        }
        return true;
    }

    private static JsonObject Error(JsonNode? id, int code, string message) => new()
    {
        ["jsonrpc"] = "2.0",
        ["id"] = id,
        ["error"] = new JsonObject { ["code"] = code, ["message"] = message },
    };

    public void Send(JsonObject message) => _stream.Write(message);

    public void Notify(string method, JsonNode? parameters) =>
        Send(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters });
}

/// <summary>A JSON-RPC error answer to a request.</summary>
public sealed class JsonRpcException(int code, string message) : Exception(message)
{
    public int Code { get; } = code;
}
