using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace DocLint.Parse.GitLab.Expressions;

/// <summary>
/// An RE2 regex compiled to a Thompson NFA and matched with a Pike VM, the way RE2 itself guarantees linear time: every
/// text position is visited once, with at most one thread per instruction. It only answers "is there a match anywhere"
/// (<c>scan(text).present?</c>), which is all <c>=~</c> needs, over code points, with RE2's semantics (ASCII <c>\b</c>;
/// <c>^</c>/<c>$</c> as the parser resolved them from the flags).
/// </summary>
/// <remarks>
/// Why not .NET's <c>NonBacktracking</c> engine: it is linear too, but building its automaton JIT-compiles a few hundred
/// generic methods on first use, which made up a quarter of a pre-push check's start-up. This matcher is plain code that
/// is compiled ahead of time with the rest. Programs over <see cref="MaxInstructions"/> (large counted repetitions) are not built; the
/// caller falls back to .NET.
/// </remarks>
internal sealed class Re2Program
{
    public const int MaxInstructions = 20_000;

    private enum Op : byte { Rune, Set, Any, Split, Jmp, Assert, Match }

    private readonly Op[] _op;
    private readonly int[] _x; // Rune: the code point; Split/Jmp: the first target
    private readonly int[] _y; // Split: the second target
    private readonly CodePointSet?[] _set;
    private readonly Re2AssertionKind[] _kind;

    private Re2Program(Builder b)
    {
        _op = b.Ops.ToArray();
        _x = b.X.ToArray();
        _y = b.Y.ToArray();
        _set = b.Sets.ToArray();
        _kind = b.Kinds.ToArray();
    }

    public int Length => _op.Length;

    /// <summary>The program for <paramref name="root"/>, or null when it would exceed <see cref="MaxInstructions"/>.</summary>
    public static Re2Program? TryCompile(Re2Node root)
    {
        var b = new Builder();
        try
        {
            b.Emit(root);
            b.Add(Op.Match);
        }
        catch (Exception e) when (e is ProgramTooLarge or InsufficientExecutionStackException)
        {
            return null;
        }
        return new Re2Program(b);
    }

    private sealed class ProgramTooLarge : Exception;

    private sealed class Builder
    {
        public readonly List<Op> Ops = new();
        public readonly List<int> X = new();
        public readonly List<int> Y = new();
        public readonly List<CodePointSet?> Sets = new();
        public readonly List<Re2AssertionKind> Kinds = new();

        public int Add(Op op, int x = 0, int y = 0, CodePointSet? set = null, Re2AssertionKind kind = default)
        {
            if (Ops.Count >= MaxInstructions) throw new ProgramTooLarge();
            Ops.Add(op);
            X.Add(x);
            Y.Add(y);
            Sets.Add(set);
            Kinds.Add(kind);
            return Ops.Count - 1;
        }

        public void Emit(Re2Node node)
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
            switch (node)
            {
                case Re2Literal lit: Add(Op.Rune, lit.Rune); break;
                case Re2Class cls: Add(Op.Set, set: cls.Set); break;
                case Re2Empty: break;
                case Re2AnyByte: Add(Op.Any); break;
                case Re2Assertion a: Add(Op.Assert, kind: a.Kind); break;
                case Re2Group g: Emit(g.Sub); break;
                case Re2Concat c:
                    foreach (var item in c.Items) Emit(item);
                    break;
                case Re2Alternate alt:
                {
                    // split L1, next; L1: a1; jmp end; next: split L2, next'; ... last: an
                    var jumps = new List<int>();
                    for (var i = 0; i < alt.Items.Count; i++)
                    {
                        if (i == alt.Items.Count - 1)
                        {
                            Emit(alt.Items[i]);
                            break;
                        }
                        var split = Add(Op.Split);
                        X[split] = Ops.Count;
                        Emit(alt.Items[i]);
                        jumps.Add(Add(Op.Jmp));
                        Y[split] = Ops.Count;
                    }
                    foreach (var j in jumps) X[j] = Ops.Count;
                    break;
                }
                case Re2Repeat r:
                    EmitRepeat(r.Sub, r.Min, r.Max);
                    break;
                default:
                    throw new InvalidOperationException($"unexpected RE2 node {node.GetType().Name}");
            }
        }

        private void EmitRepeat(Re2Node sub, int min, int max)
        {
            if (max == -1)
            {
                if (min == 0)
                {
                    // L: split body, end; body; jmp L
                    var split = Add(Op.Split);
                    X[split] = Ops.Count;
                    Emit(sub);
                    Add(Op.Jmp, split);
                    Y[split] = Ops.Count;
                    return;
                }
                for (var i = 0; i < min - 1; i++) Emit(sub);
                // L: body; split L, end
                var start = Ops.Count;
                Emit(sub);
                var loop = Add(Op.Split, start);
                Y[loop] = Ops.Count;
                return;
            }
            for (var i = 0; i < min; i++) Emit(sub);
            // (sub(sub(sub)?)?)? for the optional copies: each split skips to the end.
            var skips = new List<int>();
            for (var i = min; i < max; i++)
            {
                var split = Add(Op.Split);
                X[split] = Ops.Count;
                skips.Add(split);
                Emit(sub);
            }
            foreach (var s in skips) Y[s] = Ops.Count;
        }
    }

    /// <summary>Whether the regex matches somewhere in <paramref name="text"/>.</summary>
    /// <exception cref="RegexMatchTimeoutException">the match took longer than <paramref name="timeout"/>.</exception>
    public bool IsMatch(string text, TimeSpan timeout)
    {
        var runes = Decode(text);
        var n = runes.Length;
        var m = _op.Length;
        var clist = new SparseSet(m);
        var nlist = new SparseSet(m);
        var stack = new int[2 * m + 2]; // one start, then at most two pushes per instruction added
        var clock = timeout == Regex.InfiniteMatchTimeout ? null : Stopwatch.StartNew();

        for (var pos = 0; pos <= n; pos++)
        {
            if (clock != null && (pos & 1023) == 1023 && clock.Elapsed > timeout)
                throw new RegexMatchTimeoutException(text.Length > 200 ? text[..200] : text, "(RE2 program)", timeout);
            var prev = pos > 0 ? runes[pos - 1] : -1;
            var cur = pos < n ? runes[pos] : -1;
            // Unanchored search: a new thread starts at every position.
            if (AddThread(clist, 0, prev, cur, stack)) return true;
            if (pos == n) break;
            var next = pos + 1 < n ? runes[pos + 1] : -1;
            for (var i = 0; i < clist.Count; i++)
            {
                var pc = clist.Dense[i];
                var step = _op[pc] switch
                {
                    Op.Rune => cur == _x[pc],
                    Op.Set => cur >= 0 && _set[pc]!.Contains(cur),
                    Op.Any => true,
                    _ => false,
                };
                if (step && AddThread(nlist, pc + 1, cur, next, stack)) return true;
            }
            (clist, nlist) = (nlist, clist);
            nlist.Clear();
        }
        return false;
    }

    /// <summary>Adds <paramref name="pc"/> and everything reachable from it without reading a character to
    /// <paramref name="list"/>, at a position between <paramref name="prev"/> and <paramref name="cur"/> (-1: the text's
    /// edge). True when that reaches <see cref="Op.Match"/>.</summary>
    private bool AddThread(SparseSet list, int pc, int prev, int cur, int[] stack)
    {
        var sp = 0;
        stack[sp++] = pc;
        while (sp > 0)
        {
            pc = stack[--sp];
            if (!list.Add(pc)) continue;
            switch (_op[pc])
            {
                case Op.Match:
                    return true;
                case Op.Jmp:
                    stack[sp++] = _x[pc];
                    break;
                case Op.Split:
                    stack[sp++] = _y[pc];
                    stack[sp++] = _x[pc];
                    break;
                case Op.Assert:
                    if (Holds(_kind[pc], prev, cur)) stack[sp++] = pc + 1;
                    break;
            }
        }
        return false;
    }

    private static bool Holds(Re2AssertionKind kind, int prev, int cur) => kind switch
    {
        Re2AssertionKind.BeginText => prev == -1,
        Re2AssertionKind.EndText => cur == -1,
        Re2AssertionKind.BeginLine => prev == -1 || prev == '\n',
        Re2AssertionKind.EndLine => cur == -1 || cur == '\n',
        Re2AssertionKind.WordBoundary => IsWord(prev) != IsWord(cur),
        _ => IsWord(prev) == IsWord(cur),
    };

    /// <summary>RE2's word characters are ASCII: [0-9A-Za-z_].</summary>
    private static bool IsWord(int c) => c is >= '0' and <= '9' or >= 'A' and <= 'Z' or >= 'a' and <= 'z' or '_';

    /// <summary>The text's code points; an unpaired surrogate (invalid UTF-8 to RE2) becomes -2, which nothing but
    /// <c>\C</c> matches.</summary>
    private static int[] Decode(string text)
    {
        var runes = new int[text.Length];
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                runes[count++] = char.ConvertToUtf32(c, text[i + 1]);
                i++;
            }
            else runes[count++] = char.IsSurrogate(c) ? -2 : c;
        }
        return count == runes.Length ? runes : runes[..count];
    }

    /// <summary>A set of instruction indexes with O(1) add, membership and clear (Briggs and Torczon).</summary>
    private sealed class SparseSet(int capacity)
    {
        public readonly int[] Dense = new int[capacity];
        private readonly int[] _sparse = new int[capacity];
        public int Count;

        public bool Add(int v)
        {
            var i = _sparse[v];
            if (i < Count && Dense[i] == v) return false;
            _sparse[v] = Count;
            Dense[Count++] = v;
            return true;
        }

        public void Clear() => Count = 0;
    }
}
