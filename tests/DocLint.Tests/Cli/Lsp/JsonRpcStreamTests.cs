using System.Text;
using System.Text.Json.Nodes;
using DocLint.Cli.Lsp;

namespace DocLint.Tests.Cli.Lsp;

/// <summary>The base protocol on its own: Content-Length framing, recovery from malformed messages, dispatch order.</summary>
public class JsonRpcStreamTests
{
    private static JsonRpcStream Over(string input, MemoryStream? output = null) =>
        new(new MemoryStream(Encoding.UTF8.GetBytes(input)), output ?? new MemoryStream());

    private static string Framed(string json) => $"Content-Length: {Encoding.UTF8.GetByteCount(json)}\r\n\r\n{json}";

    [Fact]
    public void Reads_framed_messages_with_other_headers_and_bare_LF()
    {
        var json = "{\"jsonrpc\":\"2.0\",\"method\":\"a\",\"params\":{\"t\":\"é\"}}";
        var s = Over($"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n{Framed(json)}Content-Length: 2\n\n{{}}");
        var first = s.Read()!;
        Assert.Null(first.Error);
        Assert.Equal("é", (string?)first.Body!["params"]!["t"]);
        Assert.NotNull(s.Read()!.Body);
        Assert.Null(s.Read()); // end of input
    }

    [Fact]
    public void A_malformed_message_is_reported_and_the_next_one_is_read()
    {
        var s = Over("garbage line\r\n\r\n" + Framed("{not json") + "Content-Length: x\r\n\r\n" + Framed("[1]") + Framed("{\"id\":1}"));
        Assert.Contains("malformed header line 'garbage line'", s.Read()!.Error);
        Assert.Contains("not valid JSON", s.Read()!.Error);
        Assert.Contains("bad Content-Length 'x'", s.Read()!.Error);
        Assert.Contains("not a JSON object", s.Read()!.Error);
        Assert.Equal(1, (int)s.Read()!.Body!["id"]!);
    }

    [Fact]
    public void A_truncated_body_is_an_error_not_a_hang()
    {
        var s = Over("Content-Length: 100\r\n\r\n{\"id\":1}");
        Assert.Contains("ended inside a message body", s.Read()!.Error);
        Assert.Null(s.Read());
    }

    [Fact]
    public void Writes_Content_Length_in_bytes()
    {
        var output = new MemoryStream();
        new JsonRpcStream(new MemoryStream(), output).Write(new JsonObject { ["t"] = "é" });
        var text = Encoding.UTF8.GetString(output.ToArray());
        Assert.Equal("Content-Length: 10\r\n\r\n{\"t\":\"é\"}", text);
    }

    [Fact]
    public void Dispatch_answers_in_order_errors_for_unknown_methods_and_stops_at_exit()
    {
        var input = Framed("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"known\"}") + Framed("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"nope\"}")
                    + "oops\r\n\r\n" + Framed("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}") + Framed("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"known\"}");
        var output = new MemoryStream();
        var rpc = new JsonRpcDispatcher(Over(input, output))
        {
            OnRequest = (m, _, _) => m == "known" ? JsonValue.Create(42) : throw new JsonRpcException(JsonRpcErrors.MethodNotFound, $"unknown method '{m}'"),
            OnNotification = (m, _) => m != "exit",
        };
        Assert.True(rpc.Run()); // stopped by exit, not by the end of the input
        var replies = Read(output);
        Assert.Equal(3, replies.Count);
        Assert.Equal(42, (int)replies[0]["result"]!);
        Assert.Equal(-32601, (int)replies[1]["error"]!["code"]!);
        Assert.Equal(-32700, (int)replies[2]["error"]!["code"]!);
        Assert.Null(replies[2]["id"]);
    }

    private static List<JsonObject> Read(MemoryStream output)
    {
        var s = new JsonRpcStream(new MemoryStream(output.ToArray()), new MemoryStream());
        var list = new List<JsonObject>();
        while (s.Read() is { } m) list.Add(m.Body!);
        return list;
    }
}
