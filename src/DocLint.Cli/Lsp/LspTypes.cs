using System.Text.Json.Serialization;

namespace DocLint.Cli.Lsp;

// The LSP 3.17 structures the server reads and writes (only the fields it uses), serialised by System.Text.Json
// source generation (no reflection: the native binary stays trim- and AOT-clean).

public sealed record Position(int Line, int Character);
public sealed record LspRange(Position Start, Position End);
public sealed record TextDocumentIdentifier(string Uri);
public sealed record VersionedTextDocumentIdentifier(string Uri, int? Version);
public sealed record TextDocumentItem(string Uri, string? LanguageId, int Version, string Text);
public sealed record WorkspaceFolder(string Uri, string? Name);

public sealed record InitializeParams(string? RootUri, string? RootPath, IReadOnlyList<WorkspaceFolder>? WorkspaceFolders);
public sealed record DidOpenParams(TextDocumentItem TextDocument);
public sealed record ContentChange(LspRange? Range, string Text);
public sealed record DidChangeParams(VersionedTextDocumentIdentifier TextDocument, IReadOnlyList<ContentChange> ContentChanges);
public sealed record DidSaveParams(TextDocumentIdentifier TextDocument, string? Text);
public sealed record DidCloseParams(TextDocumentIdentifier TextDocument);
public sealed record TextDocumentPositionParams(TextDocumentIdentifier TextDocument, Position Position);
public sealed record CodeActionContext(IReadOnlyList<Diagnostic>? Diagnostics, IReadOnlyList<string>? Only);
public sealed record CodeActionParams(TextDocumentIdentifier TextDocument, LspRange Range, CodeActionContext? Context);

public sealed record SaveOptions(bool IncludeText);
public sealed record TextDocumentSyncOptions(bool OpenClose, int Change, SaveOptions Save);
public sealed record CodeActionOptions(IReadOnlyList<string> CodeActionKinds);
public sealed record ServerCapabilities(TextDocumentSyncOptions TextDocumentSync, bool HoverProvider, CodeActionOptions CodeActionProvider);
public sealed record ServerInfo(string Name, string Version);
public sealed record InitializeResult(ServerCapabilities Capabilities, ServerInfo ServerInfo);

public sealed record CodeDescription(string Href);
public sealed record Diagnostic(LspRange Range, int? Severity, string? Code, string? Source, string Message)
{
    public CodeDescription? CodeDescription { get; init; }
}
public sealed record PublishDiagnosticsParams(string Uri, int? Version, IReadOnlyList<Diagnostic> Diagnostics);

public sealed record LspTextEdit(LspRange Range, string NewText);
public sealed record WorkspaceEdit(IReadOnlyDictionary<string, IReadOnlyList<LspTextEdit>> Changes);
public sealed record CodeAction(string Title, string Kind, IReadOnlyList<Diagnostic>? Diagnostics, WorkspaceEdit Edit)
{
    public bool? IsPreferred { get; init; }
}
public sealed record MarkupContent(string Kind, string Value);
public sealed record Hover(MarkupContent Contents, LspRange? Range);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(InitializeParams))]
[JsonSerializable(typeof(DidOpenParams))]
[JsonSerializable(typeof(DidChangeParams))]
[JsonSerializable(typeof(DidSaveParams))]
[JsonSerializable(typeof(DidCloseParams))]
[JsonSerializable(typeof(TextDocumentPositionParams))]
[JsonSerializable(typeof(CodeActionParams))]
[JsonSerializable(typeof(InitializeResult))]
[JsonSerializable(typeof(PublishDiagnosticsParams))]
[JsonSerializable(typeof(IReadOnlyList<CodeAction>))]
[JsonSerializable(typeof(Hover))]
internal sealed partial class LspJson : JsonSerializerContext;
