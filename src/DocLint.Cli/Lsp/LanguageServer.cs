using System.Text.Json;
using System.Text.Json.Nodes;
using DocLint.Findings;
using DocLint.Findings.Suppressions;
using DocLint.Linting;
using DocLint.Load;
using DocLint.Parse.Markdown;
using DocLint.Reporting;
using DocLint.Rules;

namespace DocLint.Cli.Lsp;

/// <summary>
/// <c>doclint lsp</c> (CONTRACT §10): a thin front end over the same pipeline as <c>check</c>. The open documents'
/// unsaved text overlays the workspace (<see cref="Workspace.Overlay"/>); after a change, once the input is quiet, the
/// whole repository is judged again by <see cref="Linter.Run"/> with a <see cref="LintCache"/> (the routing model is
/// rebuilt only when a file it read changed, a doc is parsed again only when its text changed) and each open document
/// gets the findings <c>check</c> would report for it. Nothing is ever written to disk.
/// </summary>
public sealed class LanguageServer
{
    private sealed class OpenDocument(string uri, string? path, int version, string text)
    {
        public string Uri { get; } = uri;
        /// <summary>Repository-relative path; null for a document outside the root (or not a file).</summary>
        public string? Path { get; } = path;
        public int Version { get; set; } = version;
        public string Text { get; set; } = text;
        private int[]? _lineStarts;

        public void Replace(string text)
        {
            Text = text;
            _lineStarts = null;
        }

        private int[] LineStarts()
        {
            if (_lineStarts != null) return _lineStarts;
            var starts = new List<int> { 0 };
            for (var i = Text.IndexOf('\n'); i >= 0; i = Text.IndexOf('\n', i + 1)) starts.Add(i + 1);
            return _lineStarts = starts.ToArray();
        }

        /// <summary>The UTF-16 offset of an LSP position, clamped into the text (a line ends at '\n').</summary>
        public int Offset(Position p)
        {
            var starts = LineStarts();
            if (p.Line < 0) return 0;
            if (p.Line >= starts.Length) return Text.Length;
            var start = starts[p.Line];
            var end = p.Line + 1 < starts.Length ? starts[p.Line + 1] - 1 : Text.Length;
            return start + Math.Clamp(p.Character, 0, end - start);
        }

        public Position PositionOf(int offset)
        {
            var starts = LineStarts();
            offset = Math.Clamp(offset, 0, Text.Length);
            var i = Array.BinarySearch(starts, offset);
            if (i < 0) i = ~i - 1;
            return new Position(i, offset - starts[i]);
        }
    }

    private readonly JsonRpcDispatcher _rpc;
    private readonly Dictionary<string, OpenDocument> _open = new(StringComparer.Ordinal);
    private readonly LintCache _cache = new();
    private readonly Dictionary<string, string> _published = new(StringComparer.Ordinal);
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);
    private string? _root;
    private bool _initialized, _shutdown, _dirty;
    private (string Text, DocLintConfig Config)? _config;
    private DocLintConfig _currentConfig = DocLintConfig.Default;
    private Dictionary<string, List<Finding>> _findings = new(StringComparer.Ordinal);
    private Dictionary<string, List<Finding>>? _lastGood;
    private CheckResult? _result;

    public LanguageServer(Stream input, Stream output, Limits? limits = null)
    {
        Limits = limits ?? Limits.Default;
        _rpc = new JsonRpcDispatcher(new JsonRpcStream(input, output))
        {
            OnRequest = Request,
            OnNotification = Notification,
            HasIdleWork = () => _dirty,
            Idle = JudgeAndPublish,
        };
    }

    public Limits Limits { get; }
    /// <summary>How long the input must be quiet before the documents are judged again (a burst of changes is judged once).</summary>
    public TimeSpan Debounce { get => _rpc.Quiet; set => _rpc.Quiet = value; }
    /// <summary>The reuse counters of the pipeline (benchmarks read them).</summary>
    public LintCache Cache => _cache;

    /// <summary>Serves until <c>exit</c> or the end of the input: 0 after <c>shutdown</c>, else 1 (CONTRACT §10).</summary>
    public int Run()
    {
        _rpc.Run();
        return _shutdown ? 0 : 1;
    }

    private JsonNode? Request(string method, JsonNode? parameters, CancellationToken cancel)
    {
        if (method == "initialize")
        {
            var p = parameters?.Deserialize(LspJson.Default.InitializeParams);
            _root = RootOf(p);
            _initialized = true;
            var result = new InitializeResult(
                new ServerCapabilities(new TextDocumentSyncOptions(true, 2, new SaveOptions(false)), true,
                    new CodeActionOptions(new[] { "quickfix", FixAllKind })),
                new ServerInfo("doclint", DocLintInfo.Version));
            return JsonSerializer.SerializeToNode(result, LspJson.Default.InitializeResult);
        }
        if (!_initialized) throw new JsonRpcException(JsonRpcErrors.ServerNotInitialized, "the server is not initialized");
        if (_shutdown) throw new JsonRpcException(JsonRpcErrors.InvalidRequest, "the server is shut down");
        switch (method)
        {
            case "shutdown":
                _shutdown = true;
                return null;
            case "textDocument/hover":
                cancel.ThrowIfCancellationRequested();
                return HoverAt(parameters!.Deserialize(LspJson.Default.TextDocumentPositionParams)!) is { } hover
                    ? JsonSerializer.SerializeToNode(hover, LspJson.Default.Hover)
                    : null;
            case "textDocument/codeAction":
                cancel.ThrowIfCancellationRequested();
                return JsonSerializer.SerializeToNode(CodeActions(parameters!.Deserialize(LspJson.Default.CodeActionParams)!), LspJson.Default.IReadOnlyListCodeAction);
            default:
                throw new JsonRpcException(JsonRpcErrors.MethodNotFound, $"unknown method '{method}'");
        }
    }

    private bool Notification(string method, JsonNode? parameters)
    {
        switch (method)
        {
            case "exit":
                return false;
            case "initialized":
                return true;
            case "textDocument/didOpen":
            {
                var p = parameters!.Deserialize(LspJson.Default.DidOpenParams)!;
                var d = p.TextDocument;
                _open[d.Uri] = new OpenDocument(d.Uri, PathOf(d.Uri), d.Version, d.Text);
                Touch(d.Uri);
                return true;
            }
            case "textDocument/didChange":
            {
                var p = parameters!.Deserialize(LspJson.Default.DidChangeParams)!;
                if (!_open.TryGetValue(p.TextDocument.Uri, out var doc)) return true;
                foreach (var change in p.ContentChanges)
                {
                    if (change.Range == null) { doc.Replace(change.Text); continue; }
                    var start = doc.Offset(change.Range.Start);
                    var end = Math.Max(start, doc.Offset(change.Range.End));
                    doc.Replace(string.Concat(doc.Text.AsSpan(0, start), change.Text, doc.Text.AsSpan(end)));
                }
                if (p.TextDocument.Version is { } v) doc.Version = v;
                Touch(doc.Uri);
                return true;
            }
            case "textDocument/didSave":
            {
                // The saved text is on disk now and still the buffer's: judge again (another file may have been saved with it).
                var p = parameters!.Deserialize(LspJson.Default.DidSaveParams)!;
                Touch(p.TextDocument.Uri);
                return true;
            }
            case "textDocument/didClose":
            {
                var p = parameters!.Deserialize(LspJson.Default.DidCloseParams)!;
                if (_open.Remove(p.TextDocument.Uri, out var closed))
                {
                    _published.Remove(closed.Uri);
                    if (closed.Path != null) Publish(closed.Uri, null, Array.Empty<Diagnostic>());
                    _dirty = true; // its unsaved text no longer counts: the disk's does
                }
                return true;
            }
            default:
                return true; // other notifications ($/setTrace, workspace/didChangeConfiguration…) need nothing
        }
    }

    private void Touch(string uri)
    {
        _changed.Add(uri);
        _dirty = true;
    }

    private string RootOf(InitializeParams? p)
    {
        var folder = p?.WorkspaceFolders?.FirstOrDefault()?.Uri is { } w ? LocalPath(w)
            : p?.RootUri is { } r ? LocalPath(r)
            : p?.RootPath ?? Directory.GetCurrentDirectory();
        folder = Path.GetFullPath(folder ?? Directory.GetCurrentDirectory());
        return Directory.Exists(folder) ? Project.DiscoverRoot(folder) ?? folder : Directory.GetCurrentDirectory();
    }

    private static string? LocalPath(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var u) && u.IsFile ? u.LocalPath : null;

    /// <summary>The repository-relative path of a file URI inside the root; null otherwise (such a document is never judged).</summary>
    private string? PathOf(string uri)
    {
        if (_root == null || LocalPath(uri) is not { } local) return null;
        var rel = new Workspace(_root).ToRelative(local);
        return string.IsNullOrEmpty(rel) ? null : Workspace.NormalizeRelative(rel);
    }

    private DocLintConfig ParseConfig(string path, string text)
    {
        if (_config is { } c && c.Text == text) return c.Config;
        var config = DocLintConfig.Parse(path, text);
        _config = (text, config);
        return config;
    }

    /// <summary>Judges every open document now if anything changed since the last judgement.</summary>
    private void EnsureJudged()
    {
        if (_dirty) JudgeAndPublish();
    }

    private void JudgeAndPublish()
    {
        _dirty = false;
        if (_root == null) return;
        try { Judge(); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"doclint lsp: internal error: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
            return;
        }
        foreach (var doc in _open.Values)
        {
            if (doc.Path == null) continue;
            var diagnostics = (_findings.GetValueOrDefault(doc.Path) ?? new List<Finding>()).Select(f => ToDiagnostic(f, doc)).ToList();
            var signature = JsonSerializer.Serialize(new PublishDiagnosticsParams(doc.Uri, null, diagnostics), LspJson.Default.PublishDiagnosticsParams);
            if (!_changed.Contains(doc.Uri) && _published.TryGetValue(doc.Uri, out var last) && last == signature) continue;
            _published[doc.Uri] = signature;
            Publish(doc.Uri, doc.Version, diagnostics);
        }
        _changed.Clear();
    }

    private void Judge()
    {
        var overlay = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var doc in _open.Values) if (doc.Path != null) overlay[doc.Path] = doc.Text;
        var ws = new Workspace(_root!, Limits, overlay);
        Project project;
        try { project = Project.AtRoot(ws, ParseConfig); }
        catch (ConfigException e)
        {
            // The config cannot be read: its errors on .doclint.yml, and the last judgement kept for everything else.
            var findings = e.Errors.Select(ConfigFinding).ToList();
            _findings = new Dictionary<string, List<Finding>>(_findings, StringComparer.Ordinal) { [Project.ConfigFileName] = findings };
            return;
        }
        _currentConfig = project.Config;
        var result = Linter.Run(project, new CheckOptions { Cache = _cache });
        _result = result;
        var byPath = result.Findings.GroupBy(f => f.Span.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        if (!result.Model.RootUnreadable) _lastGood = byPath;
        else if (_lastGood != null)
        {
            // The CI file cannot be read (a buffer mid-edit): the CI files get their ci-parse findings; every other
            // document keeps its last good judgement, and says why it is not judged again.
            var ci = result.Model.Composer.RootPath;
            var ciFiles = result.Model.Composer.LoadedFiles.Select(f => f.Path).Append(ci).ToHashSet(StringComparer.Ordinal);
            var kept = new Dictionary<string, List<Finding>>(StringComparer.Ordinal);
            foreach (var (path, findings) in byPath) if (ciFiles.Contains(path)) kept[path] = findings;
            foreach (var doc in _open.Values)
            {
                if (doc.Path == null || ciFiles.Contains(doc.Path)) continue;
                var last = _lastGood.GetValueOrDefault(doc.Path) ?? new List<Finding>();
                kept[doc.Path] = last.Prepend(new Finding(RuleSet.CiParse.Id, Severity.Info,
                    $"{ci} cannot be read (see its ci-parse finding): this document keeps its judgement from the last readable version",
                    SourceSpan.FileStart(doc.Path), "lsp:ci-unreadable")).ToList();
            }
            byPath = kept;
        }
        _findings = byPath;
    }

    private static Finding ConfigFinding(string error)
    {
        // "path:line:column: message" (ConfigException's form).
        var parts = error.Split(':', 4);
        if (parts.Length == 4 && int.TryParse(parts[1], out var line) && int.TryParse(parts[2], out var column))
            return new Finding("config", Severity.Error, parts[3].Trim(), SourceSpan.At(Project.ConfigFileName, line, column), "config");
        return new Finding("config", Severity.Error, error, SourceSpan.FileStart(Project.ConfigFileName), "config");
    }

    private void Publish(string uri, int? version, IReadOnlyList<Diagnostic> diagnostics) =>
        _rpc.Notify("textDocument/publishDiagnostics",
            JsonSerializer.SerializeToNode(new PublishDiagnosticsParams(uri, version, diagnostics), LspJson.Default.PublishDiagnosticsParams));

    private static LspRange RangeOf(SourceSpan s)
    {
        var start = new Position(Math.Max(0, s.Line - 1), Math.Max(0, s.Column - 1));
        var end = new Position(Math.Max(0, s.EndLine - 1), Math.Max(0, s.EndColumn - 1));
        if (end.Line < start.Line || (end.Line == start.Line && end.Character < start.Character)) end = start;
        return new LspRange(start, end);
    }

    /// <summary>CONTRACT §10: code = rule ID, source doclint; a link to the rule's page only when a docs URL is configured.</summary>
    private Diagnostic ToDiagnostic(Finding f, OpenDocument doc) =>
        new(RangeOf(f.Span), f.Severity switch { Severity.Error => 1, Severity.Warning => 2, _ => 3 }, f.RuleId, "doclint", f.Message)
        {
            CodeDescription = DocLintInfo.RuleHelpUri(_currentConfig.DocsUrl, f.RuleId) is { } uri ? new CodeDescription(uri) : null,
        };

    private const string FixAllKind = "source.fixAll.doclint";

    private IReadOnlyList<CodeAction> CodeActions(CodeActionParams p)
    {
        EnsureJudged();
        if (!_open.TryGetValue(p.TextDocument.Uri, out var doc) || doc.Path == null) return Array.Empty<CodeAction>();
        var findings = _findings.GetValueOrDefault(doc.Path) ?? new List<Finding>();
        var only = p.Context?.Only;
        bool Wanted(string kind) => only == null || only.Count == 0 || only.Any(o => kind == o || kind.StartsWith(o + ".", StringComparison.Ordinal));
        var actions = new List<CodeAction>();
        var markdown = doc.Path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || doc.Path.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase)
            ? _result?.Docs.Documents.FirstOrDefault(d => d.Path == doc.Path && d.Text == doc.Text) ?? MarkdownDocument.TryParse(new SourceText(doc.Path, doc.Text, false, Array.Empty<byte>()), out _)
            : null;
        var yaml = markdown == null && (doc.Path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || doc.Path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase));
        foreach (var f in findings)
        {
            if (f.Span.EndLine - 1 < p.Range.Start.Line || f.Span.Line - 1 > p.Range.End.Line) continue;
            var diagnostic = ToDiagnostic(f, doc);
            if (f.Edit is { } edit && Applies(edit, doc) && Wanted("quickfix"))
                actions.Add(new CodeAction($"Fix: {f.Suggestion ?? $"replace {edit.Expected} with {edit.Replacement}"} [{f.RuleId}]", "quickfix", new[] { diagnostic },
                    Edit(doc, new[] { ToLspEdit(edit) })) { IsPreferred = true });
            if ((markdown != null || yaml) && Wanted("quickfix") && DisableEdits.For(f, doc.Text, markdown, _currentConfig) is { } inserts)
            {
                var what = inserts.Count > 1 ? "this block" : "this line";
                actions.Add(new CodeAction($"Disable {f.RuleId} for {what}", "quickfix", new[] { diagnostic },
                    Edit(doc, inserts.Select(i => new LspTextEdit(new LspRange(doc.PositionOf(i.Offset), doc.PositionOf(i.Offset)), i.Text)).ToList())));
            }
        }
        if (Wanted(FixAllKind))
        {
            var all = Fixer.Select(findings).SelectMany(g => g.Edits).Where(e => Applies(e, doc)).ToList();
            if (all.Count > 0)
                actions.Add(new CodeAction($"Fix all DocLint findings in this file ({all.Count})", FixAllKind, null, Edit(doc, all.Select(ToLspEdit).ToList())));
        }
        return actions;
    }

    /// <summary>True when the edit's expected text is what the buffer holds there now (a stale edit is never offered).</summary>
    private static bool Applies(TextEdit edit, OpenDocument doc) =>
        edit.Path == doc.Path && edit.Offset >= 0 && edit.Offset + edit.Length <= doc.Text.Length
        && string.CompareOrdinal(doc.Text, edit.Offset, edit.Expected, 0, edit.Length) == 0;

    private static LspTextEdit ToLspEdit(TextEdit e) => new(RangeOf(e.Range), e.Replacement);

    private static WorkspaceEdit Edit(OpenDocument doc, IReadOnlyList<LspTextEdit> edits) =>
        new(new Dictionary<string, IReadOnlyList<LspTextEdit>> { [doc.Uri] = edits });

    private Hover? HoverAt(TextDocumentPositionParams p)
    {
        EnsureJudged();
        if (!_open.TryGetValue(p.TextDocument.Uri, out var doc) || doc.Path == null || _result is not { } result) return null;
        var offset = doc.Offset(p.Position);
        var md = result.Docs.Documents.FirstOrDefault(d => d.Path == doc.Path);
        if (md != null)
        {
            if (EditorHover.InvocationAt(md, result.Model.Config.Inputs, offset) is not { } hit) return null;
            return new Hover(new MarkupContent("markdown", EditorHover.ForInvocation(result.Model, hit.Invocation)),
                new LspRange(doc.PositionOf(hit.Start), doc.PositionOf(hit.End)));
        }
        if (EditorHover.OptionAt(result.Model, doc.Path, p.Position.Line + 1, p.Position.Character + 1) is { } option)
            return new Hover(new MarkupContent("markdown", EditorHover.ForOption(result.Model, result.Docs, option.Input, option.Value)), RangeOf(option.Span));
        return null;
    }
}
