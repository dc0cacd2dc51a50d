using DocLint.Load;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using CoreScalarStyle = YamlDotNet.Core.ScalarStyle;

namespace DocLint.Parse.Yaml;

/// <summary>The documents of one YAML file, or the first error that stopped reading it.</summary>
public sealed record YamlLoadResult(string Path, IReadOnlyList<YNode> Documents, string? Error, Mark ErrorMark)
{
    public bool Ok => Error == null;
}

/// <summary>
/// Builds positioned <see cref="YNode"/> trees from YamlDotNet's event stream with an explicit stack, so that
/// nesting depth and alias expansion are bounded (YamlDotNet's YamlStream recurses and expands without limit).
/// Merge keys follow Ruby's Psych, which GitLab uses: <c>&lt;&lt;</c> merges in place, so a key written after it
/// overrides the merged value and a key written before it is overwritten; in a list of merges the first wins.
/// </summary>
public static class YamlLoader
{
    private sealed class Frame
    {
        public required bool IsMapping;
        public required Mark Start;
        public required string? Tag;
        public required string? Anchor;
        public readonly List<YNode> Items = new();
    }

    private sealed class StopException(string message, Mark mark) : Exception(message)
    {
        public Mark Mark { get; } = mark;
    }

    public static YamlLoadResult Load(string path, string text, Limits? limits = null)
    {
        limits ??= Limits.Default;
        var documents = new List<YNode>();
        var anchors = new Dictionary<string, YNode>(StringComparer.Ordinal);
        var stack = new List<Frame>();
        YNode? root = null;
        var last = new Mark(1, 1);
        var lines = LineMap.Build(text);
        Mark ToMark(YamlDotNet.Core.Mark m) => lines.Map(m);
        try
        {
            var parser = new Parser(new StringReader(text));
            while (parser.MoveNext())
            {
                var ev = parser.Current!;
                last = ToMark(ev.End);
                switch (ev)
                {
                    case DocumentStart:
                        anchors.Clear();
                        root = null;
                        break;
                    case DocumentEnd:
                        documents.Add(root ?? new YScalar("", ScalarStyle.Plain, path, ToMark(ev.Start), ToMark(ev.End)));
                        break;
                    case Scalar s:
                    {
                        var node = new YScalar(s.Value, Style(s.Style), path, ToMark(s.Start), ToMark(s.End), TagOf(s.Tag));
                        Complete(node, s.Anchor.IsEmpty ? null : s.Anchor.Value);
                        break;
                    }
                    case AnchorAlias a:
                    {
                        if (!anchors.TryGetValue(a.Value.Value, out var target))
                            throw new StopException($"unknown alias '*{a.Value.Value}' (no anchor '&{a.Value.Value}' before it)", ToMark(a.Start));
                        Complete(target, null);
                        break;
                    }
                    case SequenceStart ss:
                        Push(new Frame { IsMapping = false, Start = ToMark(ss.Start), Tag = TagOf(ss.Tag), Anchor = ss.Anchor.IsEmpty ? null : ss.Anchor.Value });
                        break;
                    case MappingStart ms:
                        Push(new Frame { IsMapping = true, Start = ToMark(ms.Start), Tag = TagOf(ms.Tag), Anchor = ms.Anchor.IsEmpty ? null : ms.Anchor.Value });
                        break;
                    case SequenceEnd:
                    case MappingEnd:
                    {
                        var frame = stack[^1];
                        stack.RemoveAt(stack.Count - 1);
                        var end = ToMark(ev.End);
                        YNode node = frame.IsMapping
                            ? BuildMapping(frame, path, end)
                            : new YSequence(frame.Items.ToArray(), path, frame.Start, end, frame.Tag);
                        Complete(node, frame.Anchor);
                        break;
                    }
                }
            }
        }
        catch (StopException e)
        {
            return new YamlLoadResult(path, documents, e.Message, e.Mark);
        }
        catch (YamlException e)
        {
            return new YamlLoadResult(path, documents, Clean(e.Message), ToMark(e.Start));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or NullReferenceException or FormatException or OverflowException)
        {
            // YamlDotNet's scanner throws these on some malformed input; the position is the last event read.
            return new YamlLoadResult(path, documents, "malformed YAML after this point", last);
        }
        return new YamlLoadResult(path, documents, null, Mark.None);

        void Push(Frame f)
        {
            if (stack.Count >= limits.MaxYamlDepth)
                throw new StopException($"YAML nesting is deeper than {limits.MaxYamlDepth} levels", f.Start);
            stack.Add(f);
        }

        void Complete(YNode node, string? anchor)
        {
            if (node.ExpandedSize > limits.MaxYamlExpandedNodes)
                throw new StopException(
                    $"YAML aliases expand to more than {limits.MaxYamlExpandedNodes} nodes (alias bomb); the file was not evaluated",
                    node.Start == Mark.None ? new Mark(1, 1) : node.Start);
            if (anchor != null) anchors[anchor] = node;
            if (stack.Count == 0) root = node;
            else stack[^1].Items.Add(node);
        }
    }

    private static YMapping BuildMapping(Frame frame, string path, Mark end)
    {
        var entries = new List<YEntry>(frame.Items.Count / 2);
        for (var i = 0; i + 1 < frame.Items.Count; i += 2)
        {
            var keyNode = frame.Items[i];
            var value = frame.Items[i + 1];
            if (keyNode is not YScalar key)
                throw new StopException("a mapping key must be a plain value, not a list or a mapping", keyNode.Start);
            if (key.Value == "<<" && key.Style == ScalarStyle.Plain && key.Tag is null or "tag:yaml.org,2002:merge")
            {
                switch (value)
                {
                    case YMapping m:
                        entries.AddRange(m.Entries);
                        continue;
                    case YSequence seq when seq.Items.All(x => x is YMapping):
                    {
                        // Psych: h = {}; list.reverse_each { |v| h.merge!(v) }; hash.merge!(h)
                        var merged = new YMapping(seq.Items.Reverse().Cast<YMapping>().SelectMany(m => m.Entries), path, seq.Start, seq.End);
                        entries.AddRange(merged.Entries);
                        continue;
                    }
                }
            }
            entries.Add(new YEntry(key, value));
        }
        return new YMapping(entries, path, frame.Start, end, frame.Tag);
    }

    private static string? TagOf(TagName tag) => tag.IsEmpty || tag.IsNonSpecific ? null : tag.Value;

    /// <summary>
    /// Places YamlDotNet's marks from their character index: YAML (and YamlDotNet) also breaks lines at a lone
    /// <c>\r</c>, NEL, U+2028 and U+2029, and puts the end of input one line past the last line of a file that does
    /// not end with a line break, while DocLint's positions, like an editor's, count lines ending in <c>\n</c> and
    /// always lie inside the file.
    /// </summary>
    private sealed class LineMap(int[] starts, int length)
    {
        public static LineMap Build(string text)
        {
            var list = new List<int> { 0 };
            for (var i = 0; i < text.Length; i++)
                if (text[i] == '\n') list.Add(i + 1);
            return new LineMap(list.ToArray(), text.Length);
        }

        public Mark Map(YamlDotNet.Core.Mark m)
        {
            if (m.Line <= 0) return new Mark((int)m.Line, (int)m.Column);
            var index = (int)Math.Clamp(m.Index, 0, length);
            var line = Array.BinarySearch(starts, index);
            if (line < 0) line = ~line - 1;
            return new Mark(line + 1, index - starts[line] + 1);
        }
    }

    private static ScalarStyle Style(CoreScalarStyle s) => s switch
    {
        CoreScalarStyle.SingleQuoted => ScalarStyle.SingleQuoted,
        CoreScalarStyle.DoubleQuoted => ScalarStyle.DoubleQuoted,
        CoreScalarStyle.Literal => ScalarStyle.Literal,
        CoreScalarStyle.Folded => ScalarStyle.Folded,
        _ => ScalarStyle.Plain,
    };

    /// <summary>YamlDotNet prefixes messages with "(Line: 1, Col: 2, Idx: 3) - (…): "; the finding carries the position itself.</summary>
    private static string Clean(string message)
    {
        var i = message.LastIndexOf("): ", StringComparison.Ordinal);
        var text = i >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message[(i + 3)..] : message;
        return text.Replace('\n', ' ').Replace('\r', ' ').Trim();
    }
}
