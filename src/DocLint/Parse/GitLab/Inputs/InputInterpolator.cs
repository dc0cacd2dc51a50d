using System.Collections;
using System.Runtime.CompilerServices;
using DocLint.Findings;
using DocLint.Load;
using DocLint.Parse.GitLab.Expressions;
using DocLint.Parse.Yaml;
using static DocLint.Parse.GitLab.Inputs.InputSemantics;

namespace DocLint.Parse.GitLab.Inputs;

/// <summary>
/// The values of a file's inputs for one pipeline. <see cref="Unresolved"/> holds the declared inputs that have no
/// value because of a problem already reported (a missing mandatory input, a value GitLab rejects, a broken
/// declaration, a default chosen by <c>rules</c>); <see cref="InputInterpolator.Interpolate"/> leaves references to
/// them as written instead of reporting them again.
/// </summary>
public sealed class ResolvedInputs : IReadOnlyDictionary<string, InputValue>
{
    private readonly Dictionary<string, InputValue> _values;

    internal ResolvedInputs(Dictionary<string, InputValue> values, HashSet<string> unresolved, bool declared)
    {
        _values = values;
        Unresolved = unresolved;
        Declared = declared;
    }

    public IReadOnlySet<string> Unresolved { get; }

    /// <summary>False when the file has no <c>spec</c> header: GitLab does not interpolate such a file at all.</summary>
    public bool Declared { get; }

    public InputValue this[string key] => _values[key];
    public IEnumerable<string> Keys => _values.Keys;
    public IEnumerable<InputValue> Values => _values.Values;
    public int Count => _values.Count;
    public bool ContainsKey(string key) => _values.ContainsKey(key);
    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out InputValue value) => _values.TryGetValue(key, out value);
    public IEnumerator<KeyValuePair<string, InputValue>> GetEnumerator() => _values.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// Resolves input values against <c>spec:inputs</c> and interpolates <c>$[[ inputs.NAME ]]</c> blocks, as GitLab's
/// <c>Interpolation::Interpolator</c>, <c>Template</c>, <c>Block</c>, <c>Access</c> and <c>FunctionsStack</c> do.
/// </summary>
public static class InputInterpolator
{
    /// <summary>GitLab's <c>Config::MAX_NODE_SIZE</c>: "A string containing an input must be less than 1 MB".</summary>
    public const int MaxStringBytes = 1024 * 1024;

    /// <summary>GitLab's <c>Access::MAX_ACCESS_BYTESIZE</c>: the <c>inputs.NAME</c> expression of a block is at most 1 KB.</summary>
    public const int MaxAccessBytes = 1024;

    /// <summary>GitLab's <c>Config::MAX_NODES</c>: the most nodes (aliases expanded) an interpolated file may have.</summary>
    public const int MaxNodes = 500_000;

    /// <summary>GitLab's <c>Template::MAX_BLOCKS</c>: the most distinct blocks in one file.</summary>
    public const int MaxBlocks = 10_000;

    /// <summary>
    /// The value of every declared input for one pipeline: the given value converted to the input's type, or its
    /// default. Reports an undeclared given input, a mandatory input without a value, a value of the wrong type, a
    /// value that is not among the options and a string that does not match the regex (checked on the value as
    /// given, before any variable expansion). Problems in the declarations themselves are reported by
    /// <see cref="InputSpecReader.Read"/>, once.
    /// </summary>
    /// <param name="specs">The file's declarations.</param>
    /// <param name="given">The given values (<c>include:inputs</c>, or the pipeline's inputs).</param>
    /// <param name="whereGiven">Where the values are given (the include entry, or the root file), for findings about a
    /// value without a node of its own and about missing inputs.</param>
    /// <param name="findings">Receives a <c>ci-parse</c> finding for each problem.</param>
    /// <param name="limits">Unused today; kept for symmetry with <see cref="Interpolate"/>.</param>
    public static ResolvedInputs Resolve(InputSpecSet specs, IReadOnlyDictionary<string, InputValue> given, SourceSpan whereGiven,
        ICollection<Finding> findings, Limits? limits = null)
    {
        var values = new Dictionary<string, InputValue>(StringComparer.Ordinal);
        var unresolved = new HashSet<string>(StringComparer.Ordinal);
        if (!specs.Declared)
        {
            if (given.Count > 0)
                Report(findings, whereGiven,
                    $"inputs {string.Join(", ", given.Keys.Select(k => $"`{k}`"))} are given, but the file declares no `spec:inputs`; " +
                    "GitLab rejects them (given inputs not defined in the `spec` section of the included configuration file)",
                    "inputs:undeclared");
            return new ResolvedInputs(values, unresolved, declared: false);
        }

        foreach (var (name, value) in given)
        {
            if (specs.Inputs.ContainsKey(name)) continue;
            var declared = specs.Ordered.Count == 0 ? "no inputs" : string.Join(", ", specs.Ordered.Select(s => $"`{s.Name}`"));
            Report(findings, value.KeyNode?.Span ?? value.Node?.Span ?? whereGiven,
                $"unexpected input `{name}`: the file declares {declared}; GitLab rejects unknown inputs",
                $"input:{name}:unexpected");
        }

        foreach (var spec in specs.Ordered)
        {
            var name = spec.Name;
            if (!spec.IsValid)
            {
                unresolved.Add(name);
                continue;
            }
            given.TryGetValue(name, out var value);
            if (value is null || value.IsNull)
            {
                if (spec.Default is not null)
                {
                    if (spec.DefaultValue is { } dv) values[name] = dv;
                    else unresolved.Add(name);
                }
                else if (spec.HasDefaultThroughRules)
                {
                    unresolved.Add(name); // GitLab picks the default through `rules`, which DocLint does not evaluate
                }
                else
                {
                    Report(findings, whereGiven,
                        $"input `{name}` is mandatory (it has no `default`) and no value is given for it; GitLab refuses to create the pipeline " +
                        "(required value has not been provided)",
                        $"input:{name}:missing");
                    unresolved.Add(name);
                }
                continue;
            }

            var span = value.Node?.Span ?? whereGiven;
            if (value.Value is null && value.Node is { ExpandedSize: > RValues.MaxValueNodes } huge)
            {
                Report(findings, span,
                    $"the value of input `{name}` expands to {huge.ExpandedSize} YAML nodes; DocLint evaluates values of at most {RValues.MaxValueNodes}",
                    $"input:{name}:size");
                unresolved.Add(name);
                continue;
            }
            var raw = value.ToRValue();
            if (!TryCoerce(spec.Type, raw, out var coerced))
            {
                Report(findings, span,
                    $"input `{name}` is given {RValues.Quote(raw)}, which is not {Article(spec.Type)}; GitLab expects {Article(spec.Type)} " +
                    $"(provided value is not {Article(spec.Type)})",
                    $"input:{name}:type");
                unresolved.Add(name);
                continue;
            }
            var ok = true;
            if (spec.OptionRValues is { } options && spec.Type is InputType.String or InputType.Number && !InOptions(spec.Type, coerced, options))
            {
                Report(findings, span,
                    $"input `{name}` is given {RValues.Quote(coerced)}, which is not one of its options: " +
                    $"{string.Join(", ", options.Select(o => RValues.Quote(o)))}",
                    $"input:{name}:options");
                ok = false;
            }
            if (spec.CompiledRegex is { } regex)
            {
                switch (MatchesRegex(regex, coerced.ToS()))
                {
                    case false:
                        Report(findings, span,
                            $"input `{name}` is given {RValues.Quote(coerced)}, which does not match its regex `{spec.Regex}` " +
                            "(GitLab checks the value as given, before variables are expanded)",
                            $"input:{name}:regex");
                        ok = false;
                        break;
                    case null:
                        Report(findings, span,
                            $"the value of input `{name}` could not be checked against its regex `{spec.Regex}` within the time limit",
                            $"input:{name}:regex");
                        ok = false;
                        break;
                }
            }
            if (ok) values[name] = ToInputValue(spec.Type, coerced, value.Node);
            else unresolved.Add(name);
        }
        return new ResolvedInputs(values, unresolved, declared: true);
    }

    /// <summary>
    /// Returns <paramref name="content"/> with every <c>$[[ inputs.NAME ]]</c> and <c>$[[ inputs.NAME | fn | fn ]]</c>
    /// block replaced. A scalar that is exactly one block becomes the input's typed value (a plain boolean or number,
    /// a sequence for an array, a quoted string); a block inside a longer string is replaced by the value as text.
    /// GitLab interpolates mapping keys too, and leaves <c>!reference</c> tags and <c>$[[ matrix.X ]]</c> alone.
    /// A file without a <c>spec</c> header is not interpolated at all (GitLab's <c>Interpolator#interpolate!</c>
    /// returns its content as is), which <see cref="ResolvedInputs.Declared"/> tells.
    /// Subtrees without <c>$[[</c> are returned as they are (the same node instances), so shared alias nodes stay
    /// shared and the work is proportional to the distinct nodes, whatever the expanded size.
    /// </summary>
    /// <remarks>
    /// Deviation: GitLab stops at the first problem and fails the whole file; DocLint reports every bad block, leaves
    /// it as written, and interpolates the rest.
    /// </remarks>
    public static YNode Interpolate(YNode content, IReadOnlyDictionary<string, InputValue> values, IVariableScope expandVarsScope,
        ICollection<Finding> findings, Limits limits)
    {
        if (values is ResolvedInputs { Declared: false }) return content;
        // GitLab visits every node of a file with a header, blocks or not, and fails past MAX_NODES.
        if (content.ExpandedSize > MaxNodes)
        {
            Report(findings, content,
                $"the file expands to {content.ExpandedSize} YAML nodes (aliases counted each time they are used); " +
                $"GitLab interpolates inputs only in files of at most {MaxNodes} nodes (config too large)",
                "interpolation:nodes");
            return content;
        }
        var info = NodeInfo.Of(content);
        if (!info.HasBlockPrefix && !info.HasOversized) return content;
        if (info.HasOversized && FindOversized(content, 0) is { } big)
        {
            Report(findings, big,
                "this string is larger than 1 MB; GitLab refuses to interpolate inputs in a file holding such a string (config node too large)",
                "interpolation:node-size");
            return content;
        }

        var run = new Run(values, expandVarsScope, findings, limits);
        var result = run.Walk(content, 0);
        if (!ReferenceEquals(result, content) && result.ExpandedSize > limits.MaxYamlExpandedNodes)
        {
            Report(findings, content,
                $"after interpolating inputs the file expands to more than {limits.MaxYamlExpandedNodes} YAML nodes; it was not evaluated further",
                "interpolation:expanded");
            return content;
        }
        return result;
    }

    private static YScalar? FindOversized(YNode node, int depth)
    {
        if (depth > 4096) return null;
        switch (node)
        {
            case YScalar s:
                return RubyText.ByteSizeExceeds(s.Value, MaxStringBytes) ? s : null;
            case YSequence q when NodeInfo.Of(q).HasOversized:
                foreach (var i in q.Items)
                    if (FindOversized(i, depth + 1) is { } found) return found;
                return null;
            case YMapping m when NodeInfo.Of(m).HasOversized:
                foreach (var e in m.Entries)
                {
                    if (RubyText.ByteSizeExceeds(e.Key.Value, MaxStringBytes)) return e.Key;
                    if (FindOversized(e.Value, depth + 1) is { } found) return found;
                }
                return null;
            default:
                return null;
        }
    }

    /// <summary>Per-collection facts about a subtree, cached for the life of the (immutable) node.</summary>
    private sealed class NodeInfo
    {
        private static readonly ConditionalWeakTable<YNode, NodeInfo> Cache = new();
        private static readonly NodeInfo Nothing = new(false, false);
        private static readonly NodeInfo Prefix = new(true, false);
        private static readonly NodeInfo Oversized = new(false, true);
        private static readonly NodeInfo Both = new(true, true);

        private NodeInfo(bool prefix, bool oversized)
        {
            HasBlockPrefix = prefix;
            HasOversized = oversized;
        }

        /// <summary>Some string (value or key) in the subtree contains <c>$[[</c>.</summary>
        public bool HasBlockPrefix { get; }

        /// <summary>Some string in the subtree is larger than <see cref="MaxStringBytes"/>.</summary>
        public bool HasOversized { get; }

        public static NodeInfo Of(YNode node) => Of(node, 0);

        private static NodeInfo Make(bool prefix, bool oversized) =>
            prefix ? (oversized ? Both : Prefix) : (oversized ? Oversized : Nothing);

        private static NodeInfo OfString(string s) =>
            Make(s.Contains(BlockScanner.Prefix, StringComparison.Ordinal), RubyText.ByteSizeExceeds(s, MaxStringBytes));

        private static NodeInfo Of(YNode node, int depth)
        {
            // Scalars are cheap to inspect and numerous, so only collections are cached.
            if (node is YScalar s) return OfString(s.Value);
            if (Cache.TryGetValue(node, out var cached)) return cached;
            if (depth > 4096) return Prefix; // conservative; the walk itself stops at its depth limit
            bool prefix = false, oversized = false;
            switch (node)
            {
                // GitLab loads `!reference [...]` as a Reference object, which interpolation does not enter.
                case YSequence { IsReference: true }:
                    break;
                case YSequence q:
                    foreach (var i in q.Items)
                    {
                        var x = Of(i, depth + 1);
                        prefix |= x.HasBlockPrefix;
                        oversized |= x.HasOversized;
                    }
                    break;
                case YMapping m:
                    foreach (var e in m.Entries)
                    {
                        var k = OfString(e.Key.Value);
                        var v = Of(e.Value, depth + 1);
                        prefix |= k.HasBlockPrefix || v.HasBlockPrefix;
                        oversized |= k.HasOversized || v.HasOversized;
                    }
                    break;
            }
            var info = Make(prefix, oversized);
            Cache.AddOrUpdate(node, info);
            return info;
        }
    }

    /// <summary>One evaluated block, shared by every occurrence of the same block text (GitLab caches them too).</summary>
    private sealed class Block
    {
        public RValue? Value;
        public bool Passthrough;   // $[[ matrix.X ]]: left for parallel:matrix
        public bool Silent;        // refers to an input already reported as unresolved
        public string? Error;
        public string ErrorKey = "";
    }

    private sealed class Run(IReadOnlyDictionary<string, InputValue> values, IVariableScope scope, ICollection<Finding> findings, Limits limits)
    {
        private readonly Dictionary<YNode, YNode> _memo = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<string, Block> _blocks = new(StringComparer.Ordinal);
        private readonly Dictionary<string, RValue> _rvalues = new(StringComparer.Ordinal);
        private readonly int _maxDepth = Math.Max(limits.MaxYamlDepth, 100) + 16;
        private long _created; // nodes built for whole-value arrays and mappings, bounded like the loader's expansion
        private bool _stopped;

        public YNode Walk(YNode node, int depth)
        {
            if (_stopped || !NodeInfo.Of(node).HasBlockPrefix) return node;
            if (_memo.TryGetValue(node, out var done)) return done;
            if (depth > _maxDepth)
            {
                Report(findings, node, $"the file nests deeper than {_maxDepth} levels; inputs were not interpolated below this point",
                    "interpolation:depth");
                _stopped = true;
                return node;
            }
            var result = node switch
            {
                YScalar s => InterpolateScalar(s, isKey: false),
                YSequence q => WalkSequence(q, depth),
                YMapping m => WalkMapping(m, depth),
                _ => node,
            };
            _memo[node] = result;
            return result;
        }

        private YNode WalkSequence(YSequence q, int depth)
        {
            YNode[]? changed = null;
            for (var i = 0; i < q.Items.Count; i++)
            {
                var item = q.Items[i];
                var r = Walk(item, depth + 1);
                if (ReferenceEquals(r, item)) continue;
                changed ??= q.Items.ToArray();
                changed[i] = r;
            }
            return changed is null ? q : new YSequence(changed, q.File, q.Start, q.End, q.Tag);
        }

        private YNode WalkMapping(YMapping m, int depth)
        {
            YEntry[]? changed = null;
            for (var i = 0; i < m.Entries.Count; i++)
            {
                var e = m.Entries[i];
                var key = e.Key.Value.Contains(BlockScanner.Prefix, StringComparison.Ordinal) && !_stopped
                    ? (YScalar)InterpolateScalar(e.Key, isKey: true)
                    : e.Key;
                var value = Walk(e.Value, depth + 1);
                if (ReferenceEquals(key, e.Key) && ReferenceEquals(value, e.Value)) continue;
                changed ??= m.Entries.ToArray();
                changed[i] = new YEntry(key, value);
            }
            // A key that interpolates to an existing key replaces its value in place, as Ruby's Hash#[]= does.
            return changed is null ? m : new YMapping(changed, m.File, m.Start, m.End, m.Tag);
        }

        private YNode InterpolateScalar(YScalar s, bool isKey)
        {
            var text = s.Value;
            if (text.IndexOf(BlockScanner.Prefix, StringComparison.Ordinal) < 0) return s;
            var matches = BlockScanner.Scan(text);
            if (matches.Count == 0) return s;

            var blocks = new Block[matches.Count];
            var leaveAsWritten = false;
            for (var i = 0; i < matches.Count; i++)
            {
                var blockText = matches[i].Text(text);
                if (!_blocks.TryGetValue(blockText, out var block))
                {
                    if (_blocks.Count >= MaxBlocks)
                    {
                        Report(findings, s,
                            $"the file has more than {MaxBlocks} distinct `$[[ ]]` blocks; GitLab stops interpolating (too many interpolation blocks)",
                            "interpolation:blocks");
                        _stopped = true;
                        return s;
                    }
                    block = Evaluate(blockText, matches[i].Data(text));
                    _blocks[blockText] = block;
                }
                blocks[i] = block;
                if (block.Error is not null)
                {
                    Report(findings, BlockSpan(s, matches[i]), block.Error, block.ErrorKey);
                    leaveAsWritten = true;
                }
                else if (block.Silent)
                {
                    leaveAsWritten = true;
                }
            }
            if (leaveAsWritten) return s;

            // Template#used_inside_a_string?: more than one block, or a block shorter than the string
            if (matches.Count == 1 && matches[0].Length == text.Length)
            {
                var block = blocks[0];
                if (block.Passthrough) return s;
                var value = block.Value!;
                if (!isKey && value is RArray or RHash)
                {
                    // Each use of an array input builds its own nodes (they carry the use's position), so an
                    // array used at many places is bounded here as alias expansion is bounded in the loader.
                    _created += RValues.CountNodes(value, limits.MaxYamlExpandedNodes);
                    if (_created > limits.MaxYamlExpandedNodes)
                    {
                        Report(findings, s,
                            $"interpolating array inputs would create more than {limits.MaxYamlExpandedNodes} YAML nodes; inputs were not interpolated further",
                            "interpolation:expanded");
                        _stopped = true;
                        return s;
                    }
                }
                if (!isKey) return RValues.ToNode(value, s);
                return YScalar.Synthetic(value.ToS(), s, value is RStr ? ScalarStyle.DoubleQuoted : ScalarStyle.Plain);
            }

            // Template#interpolate_string_node!: node.gsub(block, value.to_s) for each block, in order
            var result = text;
            for (var i = 0; i < matches.Count; i++)
            {
                if (blocks[i].Passthrough) continue;
                var next = RubyText.GsubLiteral(result, matches[i].Text(text), blocks[i].Value!.ToS(), MaxStringBytes);
                if (next is null)
                {
                    Report(findings, s, "interpolating inputs makes this string larger than 1 MB; it was left as written",
                        "interpolation:size");
                    return s;
                }
                result = next;
            }
            return YScalar.Synthetic(result, s);
        }

        private Block Evaluate(string blockText, string data)
        {
            var block = new Block();
            // Block#evaluate!: data.split('|').map(&:strip) => access, *functions
            var parts = RubyText.Split(data, '|');
            for (var i = 0; i < parts.Count; i++) parts[i] = RubyText.Strip(parts[i]);
            var access = parts.Count > 0 ? parts[0] : "";
            var functions = parts.Skip(1).ToList();

            var context = access.Split('.')[0];
            if (context == "matrix")
            {
                block.Passthrough = true;
                return block;
            }

            // Access: split('.', 5), at least two parts, at most 1 KB
            var objects = RubyText.Split(access, '.', 5);
            var problems = new List<string>();
            if (objects.Count <= 1) problems.Add("invalid interpolation access pattern");
            if (RubyText.ByteSizeExceeds(access, MaxAccessBytes)) problems.Add("maximum interpolation expression size exceeded");
            if (problems.Count > 0)
            {
                return Fail(block, objects.Count <= 1
                    ? $"{Quote(blockText)} is not a valid input reference; GitLab expects `$[[ inputs.NAME ]]` ({string.Join(", ", problems)})"
                    : $"the expression in {Quote(blockText)} is longer than {MaxAccessBytes} bytes; GitLab rejects it ({string.Join(", ", problems)})",
                    "interpolation:access");
            }
            if (objects[0] != "inputs")
            {
                return Fail(block,
                    $"{Quote(blockText)} refers to `{objects[0]}`; GitLab interpolates only `inputs.NAME` here (unknown interpolation key: `{objects[0]}`)",
                    $"interpolation:{objects[0]}");
            }
            var name = objects[1];
            if (!values.ContainsKey(name))
            {
                if (values is ResolvedInputs r && r.Unresolved.Contains(name))
                {
                    block.Silent = true;
                    return block;
                }
                var declared = values is ResolvedInputs ri ? ri.Keys.Concat(ri.Unresolved) : values.Keys;
                var list = string.Join(", ", declared.OrderBy(k => k, StringComparer.Ordinal).Select(k => $"`{k}`"));
                return Fail(block,
                    $"{Quote(blockText)} refers to input `{name}`, which is not declared in `spec:inputs`" +
                    (list.Length > 0 ? $" (declared: {list})" : " (no inputs are declared)") +
                    $"; GitLab fails with unknown interpolation key: `{name}`",
                    $"input:{name}:unknown");
            }
            if (objects.Count > 2)
            {
                return Fail(block,
                    $"{Quote(blockText)} reads `{string.Join(".", objects.Skip(2))}` of input `{name}`; GitLab input values have no fields, use `$[[ inputs.{name} ]]`",
                    "interpolation:access");
            }
            if (functions.Count > InterpolationFunction.MaxFunctions)
            {
                return Fail(block,
                    $"{Quote(blockText)} applies {functions.Count} functions; GitLab allows at most {InterpolationFunction.MaxFunctions} in one block (too many functions in interpolation block)",
                    $"input:{name}:functions");
            }
            var stack = new List<InterpolationFunction>(functions.Count);
            var unknown = new List<string>();
            foreach (var f in functions)
            {
                if (InterpolationFunction.Match(f) is { } fn) stack.Add(fn);
                else unknown.Add(f);
            }
            if (unknown.Count > 0)
            {
                return Fail(block,
                    $"{Quote(blockText)}: {string.Join("; ", unknown.Select(u => $"no function matching `{u}`"))}; " +
                    $"GitLab offers {InterpolationFunction.Supported}",
                    $"input:{name}:function");
            }

            var value = ValueOf(name);
            foreach (var fn in stack)
            {
                var next = fn.Execute(value, scope, out var error);
                if (next is null)
                {
                    return Fail(block, $"{Quote(blockText)}: error in `{fn.Name}` function: {error} (input `{name}` is {RValues.Describe(value)})",
                        $"input:{name}:function");
                }
                value = next;
            }
            block.Value = value;
            return block;
        }

        private RValue ValueOf(string name)
        {
            if (!_rvalues.TryGetValue(name, out var v))
            {
                v = values[name].ToRValue();
                _rvalues[name] = v;
            }
            return v;
        }

        private static Block Fail(Block block, string message, string key)
        {
            block.Error = message;
            block.ErrorKey = key;
            return block;
        }

        private static string Quote(string blockText) => RValues.Quote(blockText);

        /// <summary>The block's own span when the scalar is on one line and written without escapes, else the scalar's.</summary>
        private static SourceSpan BlockSpan(YScalar s, BlockMatch m)
        {
            if (s.Start.Line > 0 && s.Start.Line == s.End.Line)
            {
                var width = s.End.Column - s.Start.Column;
                var offset = s.Style switch
                {
                    ScalarStyle.Plain when width == s.Value.Length => 0,
                    ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted when width == s.Value.Length + 2 => 1,
                    _ => -1,
                };
                if (offset >= 0)
                {
                    var column = s.Start.Column + offset + m.Start;
                    return new SourceSpan(s.File, s.Start.Line, column, s.Start.Line, column + m.Length);
                }
            }
            return s.Span;
        }
    }
}
