using DocLint.Load;

namespace DocLint.Parse.Markdown;

/// <summary>
/// Parsed docs by path, reused while the text is the same (the language server's runs after an edit parse only the
/// edited doc). Holds only the docs of the last load: a doc no longer loaded is dropped.
/// </summary>
public sealed class DocCache
{
    private Dictionary<string, MarkdownDocument> _docs = new(StringComparer.Ordinal);
    private Dictionary<string, MarkdownDocument> _next = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public int Reused { get; private set; }
    public int Parsed { get; private set; }

    /// <summary>The cached doc for exactly this text, or null.</summary>
    internal MarkdownDocument? Get(SourceText source)
    {
        lock (_gate)
        {
            if (!_docs.TryGetValue(source.Path, out var doc) || !string.Equals(doc.Text, source.Text, StringComparison.Ordinal)) return null;
            Reused++;
            _next[source.Path] = doc;
            return doc;
        }
    }

    internal void Put(MarkdownDocument doc)
    {
        lock (_gate)
        {
            Parsed++;
            _next[doc.Path] = doc;
        }
    }

    /// <summary>Ends a load: what it did not use is dropped.</summary>
    internal void Swap()
    {
        lock (_gate)
        {
            _docs = _next;
            _next = new Dictionary<string, MarkdownDocument>(StringComparer.Ordinal);
        }
    }
}
