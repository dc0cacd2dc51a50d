using System.Text;

namespace DocLint.Parse.GitLab.Expressions;

internal enum Re2Status { Valid, Invalid, Unsupported }

/// <summary>Result of parsing an RE2 pattern: its tree, or why RE2 (or DocLint) rejects it.</summary>
internal sealed record Re2ParseResult(Re2Status Status, string? Error, Re2Node? Root, int CaptureCount)
{
    public static Re2ParseResult Fail(Re2Status status, string error) => new(status, error, null, 0);
}

internal abstract class Re2Node
{
    public int Depth { get; init; } = 1;
}

internal sealed class Re2Literal(int rune) : Re2Node { public int Rune { get; } = rune; }
internal sealed class Re2Class(CodePointSet set) : Re2Node { public CodePointSet Set { get; } = set; }
internal sealed class Re2Empty : Re2Node { }
internal sealed class Re2AnyByte : Re2Node { }

internal enum Re2AssertionKind { BeginLine, EndLine, BeginText, EndText, WordBoundary, NoWordBoundary }
internal sealed class Re2Assertion(Re2AssertionKind kind) : Re2Node { public Re2AssertionKind Kind { get; } = kind; }

internal sealed class Re2Concat(IReadOnlyList<Re2Node> items) : Re2Node { public IReadOnlyList<Re2Node> Items { get; } = items; }
internal sealed class Re2Alternate(IReadOnlyList<Re2Node> items) : Re2Node { public IReadOnlyList<Re2Node> Items { get; } = items; }
internal sealed class Re2Group(Re2Node sub, bool capture) : Re2Node { public Re2Node Sub { get; } = sub; public bool Capture { get; } = capture; }

/// <summary><c>x*</c>, <c>x+</c>, <c>x?</c>, <c>x{n,m}</c>; <see cref="Max"/> is -1 when unbounded.</summary>
internal sealed class Re2Repeat(Re2Node sub, int min, int max, bool counted) : Re2Node
{
    public Re2Node Sub { get; } = sub;
    public int Min { get; } = min;
    public int Max { get; } = max;
    public bool Counted { get; } = counted;
}

/// <summary>
/// A parser for RE2's syntax as the re2 gem configures it for GitLab (<c>RE2::Regexp.new(pattern)</c> with default options:
/// Perl-like syntax, UTF-8). It follows google/re2 <c>re2/parse.cc</c> closely, including what RE2 rejects
/// (backreferences, lookaround, <c>\Z</c>, possessive/stacked repetition, repeat counts above 1000, ...), so that
/// "is this a valid regex?" gets RE2's answer: that decides between a regex match and GitLab's substring fallback.
/// </summary>
/// <remarks>
/// Not modelled: RE2's compiled-program size limit (max_mem 8 MiB: "pattern too large - compile failed"), which only very
/// large repetitions of big classes reach (e.g. <c>(\pL{100}){10}</c>); DocLint accepts those. Unicode script classes
/// (<c>\p{Greek}</c>) are recognised but reported as unsupported, because .NET has no script data. Case folding uses
/// .NET's simple case mappings (plus U+017F), which match RE2's CaseFolding.txt orbits for practical purposes.
/// </remarks>
internal sealed class Re2Parser
{
    [Flags]
    private enum Flags
    {
        None = 0,
        FoldCase = 1,   // (?i)
        OneLine = 2,    // default; (?m) clears it: ^ and $ match at line boundaries
        DotNL = 4,      // (?s)
        NonGreedy = 8,  // (?U) (irrelevant for "is there a match")
    }

    private sealed class Frame(Flags savedFlags, bool capture)
    {
        public List<List<Re2Node>> Alternatives { get; } = [new List<Re2Node>()];
        public Flags SavedFlags { get; } = savedFlags;
        public bool Capture { get; } = capture;
    }

    private sealed class ParseFailure(Re2Status status, string message) : Exception(message)
    {
        public Re2Status Status { get; } = status;
    }

    /// <summary>RE2's kMaxRepeat.</summary>
    private const int MaxRepeat = 1000;

    /// <summary>Nesting guard (Go's regexp/syntax uses the same bound; it also keeps DocLint's recursion shallow).</summary>
    private const int MaxDepth = 1000;

    private readonly string _p;
    private int _pos;
    private Flags _flags = Flags.OneLine;
    private int _captures;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly List<Frame> _stack = new();

    private Re2Parser(string pattern)
    {
        _p = pattern;
        _stack.Add(new Frame(_flags, capture: false));
    }

    public static Re2ParseResult Parse(string pattern)
    {
        var parser = new Re2Parser(pattern);
        try
        {
            var root = parser.Run();
            return new Re2ParseResult(Re2Status.Valid, null, root, parser._captures);
        }
        catch (ParseFailure f)
        {
            return Re2ParseResult.Fail(f.Status, f.Message);
        }
    }

    private List<Re2Node> Current => _stack[^1].Alternatives[^1];

    private static ParseFailure Invalid(string code, string arg) => new(Re2Status.Invalid, arg.Length == 0 ? code : $"{code}: {arg}");

    private string From(int start) => _p[start.._pos];

    private Re2Node Run()
    {
        int n = _p.Length;
        int lastUnaryStart = -1; // start of the previous token if it was a repetition operator
        while (_pos < n)
        {
            int isUnaryStart = -1;
            char c = _p[_pos];
            switch (c)
            {
                case '(':
                    if (_pos + 1 < n && _p[_pos + 1] == '?')
                    {
                        ParsePerlFlags();
                        break;
                    }
                    OpenGroup(capture: true, name: null);
                    _pos++;
                    break;

                case '|':
                    _stack[^1].Alternatives.Add(new List<Re2Node>());
                    _pos++;
                    break;

                case ')':
                    CloseGroup();
                    _pos++;
                    break;

                case '^':
                    Push(new Re2Assertion(_flags.HasFlag(Flags.OneLine) ? Re2AssertionKind.BeginText : Re2AssertionKind.BeginLine));
                    _pos++;
                    break;

                case '$':
                    // RE2: without (?m), $ is \z (not Perl's "before a final \n").
                    Push(new Re2Assertion(_flags.HasFlag(Flags.OneLine) ? Re2AssertionKind.EndText : Re2AssertionKind.EndLine));
                    _pos++;
                    break;

                case '.':
                    Push(_flags.HasFlag(Flags.DotNL)
                        ? new Re2Class(CodePointSet.Of((0, CodePointSet.MaxRune)))
                        : new Re2Class(CodePointSet.Of((0, '\n' - 1), ('\n' + 1, CodePointSet.MaxRune))));
                    _pos++;
                    break;

                case '[':
                    Push(new Re2Class(ParseCharClass()));
                    break;

                case '*':
                case '+':
                case '?':
                {
                    int opStart = _pos;
                    _pos++;
                    if (_pos < n && _p[_pos] == '?') _pos++; // non-greedy
                    if (lastUnaryStart >= 0)
                        throw Invalid("bad repetition operator", _p[lastUnaryStart.._pos]);
                    var (min, max) = c switch { '*' => (0, -1), '+' => (1, -1), _ => (0, 1) };
                    PushRepeat(min, max, counted: false, From(opStart));
                    isUnaryStart = opStart;
                    break;
                }

                case '{':
                {
                    int opStart = _pos;
                    if (!MaybeParseRepetition(out int lo, out int hi))
                    {
                        PushLiteral('{'); // not a valid {n,m}: a literal brace
                        _pos++;
                        break;
                    }
                    if (_pos < n && _p[_pos] == '?') _pos++;
                    if (lastUnaryStart >= 0)
                        throw Invalid("bad repetition operator", _p[lastUnaryStart.._pos]);
                    var op = From(opStart);
                    if ((hi != -1 && hi < lo) || lo > MaxRepeat || hi > MaxRepeat)
                        throw Invalid("invalid repetition size", op);
                    PushRepeat(lo, hi, counted: true, op);
                    isUnaryStart = opStart;
                    break;
                }

                case '\\':
                    ParseBackslash();
                    break;

                default:
                    PushLiteral(ReadRune());
                    break;
            }
            lastUnaryStart = isUnaryStart;
        }

        if (_stack.Count > 1) throw Invalid("missing )", _p);
        return BuildAlternation(_stack[0].Alternatives);
    }

    private void Push(Re2Node node) => Current.Add(node);

    private void PushLiteral(int rune)
    {
        if (_flags.HasFlag(Flags.FoldCase))
        {
            var orbit = UnicodeTables.FoldOrbit(rune);
            if (orbit.Count > 0)
            {
                var set = CodePointSet.Of((rune, rune));
                foreach (var r in orbit) set.Add(r, r);
                Push(new Re2Class(set));
                return;
            }
        }
        Push(new Re2Literal(rune));
    }

    private void PushRepeat(int min, int max, bool counted, string op)
    {
        var cur = Current;
        if (cur.Count == 0) throw Invalid("missing argument to repetition operator", op);
        var sub = cur[^1];
        if (sub.Depth >= MaxDepth) throw new ParseFailure(Re2Status.Invalid, "expression nests too deeply");
        var rep = new Re2Repeat(sub, min, max, counted) { Depth = sub.Depth + 1 };
        cur[^1] = rep;
        if (counted && (min >= 2 || max >= 2) && RepetitionBudget(rep, MaxRepeat) == 0)
            throw Invalid("invalid repetition size", op);
    }

    /// <summary>RE2's RepetitionWalker: nested counted repetitions may not multiply beyond 1000 copies.</summary>
    private static int RepetitionBudget(Re2Node node, int arg)
    {
        if (node is Re2Repeat { Counted: true } r)
        {
            int m = r.Max < 0 ? r.Min : r.Max;
            if (m > 0) arg /= m;
        }
        int result = arg;
        foreach (var child in Children(node))
            result = Math.Min(result, RepetitionBudget(child, arg));
        return result;
    }

    private static IEnumerable<Re2Node> Children(Re2Node node) => node switch
    {
        Re2Repeat r => [r.Sub],
        Re2Group g => [g.Sub],
        Re2Concat c => c.Items,
        Re2Alternate a => a.Items,
        _ => [],
    };

    private void OpenGroup(bool capture, string? name)
    {
        if (_stack.Count >= MaxDepth) throw new ParseFailure(Re2Status.Invalid, "expression nests too deeply");
        if (capture)
        {
            _captures++;
            if (name != null && !_names.Add(name)) throw Invalid("invalid named capture group", name);
        }
        _stack.Add(new Frame(_flags, capture));
    }

    private void CloseGroup()
    {
        if (_stack.Count == 1) throw Invalid("unexpected )", _p);
        var frame = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        _flags = frame.SavedFlags;
        var body = BuildAlternation(frame.Alternatives);
        Push(new Re2Group(body, frame.Capture) { Depth = body.Depth + 1 });
    }

    private static Re2Node BuildAlternation(List<List<Re2Node>> alternatives)
    {
        var items = alternatives.Select(BuildConcat).ToList();
        return items.Count == 1 ? items[0] : new Re2Alternate(items) { Depth = items.Max(i => i.Depth) + 1 };
    }

    private static Re2Node BuildConcat(List<Re2Node> items) => items.Count switch
    {
        0 => new Re2Empty(),
        1 => items[0],
        _ => new Re2Concat(items.ToArray()) { Depth = items.Max(i => i.Depth) + 1 },
    };

    // ---- lexing helpers -------------------------------------------------

    private int ReadRune()
    {
        char c = _p[_pos++];
        if (char.IsHighSurrogate(c) && _pos < _p.Length && char.IsLowSurrogate(_p[_pos]))
            return char.ConvertToUtf32(c, _p[_pos++]);
        return c;
    }

    /// <summary>RE2's ParseInteger: decimal, no leading zeros, below 10^8.</summary>
    private static bool ParseInteger(string s, ref int i, out int value)
    {
        value = 0;
        if (i >= s.Length || !char.IsAsciiDigit(s[i])) return false;
        if (i + 1 < s.Length && s[i] == '0' && char.IsAsciiDigit(s[i + 1])) return false;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            if (value >= 100_000_000) return false;
            value = value * 10 + (s[i] - '0');
            i++;
        }
        return true;
    }

    /// <summary><c>{n}</c>, <c>{n,}</c>, <c>{n,m}</c>; anything else (e.g. <c>{,n}</c>) is a literal brace. Advances only on success.</summary>
    private bool MaybeParseRepetition(out int lo, out int hi)
    {
        lo = hi = 0;
        int i = _pos + 1;
        if (!ParseInteger(_p, ref i, out lo)) return false;
        if (i >= _p.Length) return false;
        if (_p[i] == ',')
        {
            i++;
            if (i >= _p.Length) return false;
            if (_p[i] == '}') hi = -1;
            else if (!ParseInteger(_p, ref i, out hi)) return false;
        }
        else
        {
            hi = lo;
        }
        if (i >= _p.Length || _p[i] != '}') return false;
        _pos = i + 1;
        return true;
    }

    private void ParsePerlFlags()
    {
        int start = _pos; // at "(?"
        int n = _p.Length;
        int t = _pos + 2;

        // Lookaround: (?= (?! (?<= (?<!
        if ((t < n && (_p[t] == '=' || _p[t] == '!')) || (t + 1 < n && _p[t] == '<' && (_p[t + 1] == '=' || _p[t + 1] == '!')))
        {
            int len = _p[t] == '<' ? 4 : 3;
            throw Invalid("invalid perl operator (lookaround is not supported by RE2)", _p.Substring(start, Math.Min(len, n - start)));
        }

        // Named captures: (?P<name>re) and (?<name>re).
        if ((t + 1 < n && _p[t] == 'P' && _p[t + 1] == '<') || (t < n && _p[t] == '<'))
        {
            int begin = _p[t] == 'P' ? t + 2 : t + 1;
            int end = _p.IndexOf('>', t);
            if (end < 0) throw Invalid("invalid named capture group", _p[start..]);
            var name = _p[begin..end];
            if (!IsValidCaptureName(name)) throw Invalid("invalid named capture group", _p[start..(end + 1)]);
            OpenGroup(capture: true, name);
            _pos = end + 1;
            return;
        }

        bool negated = false, sawFlag = false;
        var nflags = _flags;
        int i = t;
        while (true)
        {
            if (i >= n) throw Invalid("invalid perl operator", _p[start..i]);
            char c = _p[i++];
            switch (c)
            {
                case 'i':
                    sawFlag = true;
                    nflags = negated ? nflags & ~Flags.FoldCase : nflags | Flags.FoldCase;
                    continue;
                case 'm': // opposite of OneLine
                    sawFlag = true;
                    nflags = negated ? nflags | Flags.OneLine : nflags & ~Flags.OneLine;
                    continue;
                case 's':
                    sawFlag = true;
                    nflags = negated ? nflags & ~Flags.DotNL : nflags | Flags.DotNL;
                    continue;
                case 'U':
                    sawFlag = true;
                    nflags = negated ? nflags & ~Flags.NonGreedy : nflags | Flags.NonGreedy;
                    continue;
                case '-':
                    if (negated) throw Invalid("invalid perl operator", _p[start..i]);
                    negated = true;
                    sawFlag = false;
                    continue;
                case ':':
                    OpenGroup(capture: false, name: null); // remembers the flags in effect before this group
                    break;
                case ')':
                    break;
                default:
                    throw Invalid("invalid perl operator", _p[start..i]);
            }
            break;
        }
        if (negated && !sawFlag) throw Invalid("invalid perl operator", _p[start..i]);
        _flags = nflags;
        _pos = i;
    }

    private static bool IsValidCaptureName(string name)
    {
        if (name.Length == 0) return false;
        for (int i = 0; i < name.Length; i++)
        {
            int cp = name[i];
            if (char.IsHighSurrogate(name[i]) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
                cp = char.ConvertToUtf32(name[i], name[++i]);
            if (!UnicodeTables.IsCaptureNameRune(cp)) return false;
        }
        return true;
    }

    private void ParseBackslash()
    {
        int n = _p.Length;
        if (_pos + 1 < n)
        {
            char d = _p[_pos + 1];
            switch (d)
            {
                case 'b':
                    Push(new Re2Assertion(Re2AssertionKind.WordBoundary));
                    _pos += 2;
                    return;
                case 'B':
                    Push(new Re2Assertion(Re2AssertionKind.NoWordBoundary));
                    _pos += 2;
                    return;
                case 'A':
                    Push(new Re2Assertion(Re2AssertionKind.BeginText));
                    _pos += 2;
                    return;
                case 'z':
                    Push(new Re2Assertion(Re2AssertionKind.EndText));
                    _pos += 2;
                    return;
                case 'C':
                    Push(new Re2AnyByte());
                    _pos += 2;
                    return;
                case 'Q':
                    _pos += 2;
                    while (_pos < n)
                    {
                        if (_pos + 1 < n && _p[_pos] == '\\' && _p[_pos + 1] == 'E')
                        {
                            _pos += 2;
                            break;
                        }
                        PushLiteral(ReadRune());
                    }
                    return;
                case 'p':
                case 'P':
                {
                    var set = new CodePointSet();
                    ParseUnicodeGroup(set);
                    Push(new Re2Class(set));
                    return;
                }
            }
            var perl = PerlGroup(d);
            if (perl != null)
            {
                var set = new CodePointSet();
                AddGroup(set, perl.Value.Set, perl.Value.Sign);
                Push(new Re2Class(set));
                _pos += 2;
                return;
            }
        }
        PushLiteral(ParseEscape());
    }

    /// <summary>RE2's ParseEscape: a single escaped character, or "invalid escape sequence".</summary>
    private int ParseEscape()
    {
        int begin = _pos;
        int n = _p.Length;
        if (_pos + 1 >= n) throw Invalid("trailing \\", "");
        _pos++;
        int c = ReadRune();
        switch (c)
        {
            case >= '1' and <= '7':
                // A single non-zero digit is a backreference: not supported.
                if (_pos >= n || _p[_pos] < '0' || _p[_pos] > '7') break;
                goto case '0';
            case '0':
            {
                int code = c - '0';
                for (int k = 0; k < 2 && _pos < n && _p[_pos] >= '0' && _p[_pos] <= '7'; k++)
                    code = code * 8 + (_p[_pos++] - '0');
                return code;
            }
            case 'x':
            {
                if (_pos >= n) break;
                int c1 = ReadRune();
                if (c1 == '{')
                {
                    int nhex = 0, code = 0;
                    if (_pos >= n) break;
                    c1 = ReadRune();
                    while (IsHex(c1))
                    {
                        nhex++;
                        code = code * 16 + HexValue(c1);
                        if (code > CodePointSet.MaxRune) goto bad;
                        if (_pos >= n) goto bad;
                        c1 = ReadRune();
                    }
                    if (c1 != '}' || nhex == 0) break;
                    return code;
                }
                if (_pos >= n) break;
                int c2 = ReadRune();
                if (!IsHex(c1) || !IsHex(c2)) break;
                return HexValue(c1) * 16 + HexValue(c2);
            }
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'a': return '\a';
            case 'f': return '\f';
            case 'v': return '\v';
            default:
                // Escaped ASCII punctuation (and space, and '_') is itself; \q, \Z, \e, \1 etc. are errors.
                if (c < 0x80 && !char.IsAsciiLetter((char)c) && !char.IsAsciiDigit((char)c)) return c;
                break;
        }
    bad:
        throw Invalid("invalid escape sequence", From(begin));
    }

    private static bool IsHex(int c) => c < 0x80 && char.IsAsciiHexDigit((char)c);
    private static int HexValue(int c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private void ParseUnicodeGroup(CodePointSet target)
    {
        int start = _pos;
        int sign = _p[_pos + 1] == 'P' ? -1 : +1;
        _pos += 2;
        if (_pos >= _p.Length) throw Invalid("invalid character class range", From(start));
        string name;
        int c = ReadRune();
        if (c != '{')
        {
            name = char.ConvertFromUtf32(c);
        }
        else
        {
            int end = _p.IndexOf('}', _pos);
            if (end < 0) throw Invalid("invalid character class range", _p[start..]);
            name = _p[_pos..end];
            _pos = end + 1;
        }
        var seq = From(start);
        if (name.StartsWith('^'))
        {
            sign = -sign;
            name = name[1..];
        }
        switch (UnicodeTables.TryGetGroup(name, out var set))
        {
            case UnicodeTables.GroupLookup.Found:
                AddGroup(target, set!, sign);
                return;
            case UnicodeTables.GroupLookup.Script:
                throw new ParseFailure(Re2Status.Unsupported, $"Unicode script class {seq} is valid RE2 but DocLint cannot evaluate script classes");
            default:
                throw Invalid("invalid character class range", seq);
        }
    }

    /// <summary>RE2's AddUGroup: with case folding, a negated group excludes the fold-equivalents of its members too.</summary>
    private void AddGroup(CodePointSet target, CodePointSet positive, int sign)
    {
        bool fold = _flags.HasFlag(Flags.FoldCase);
        var s = positive.Clone();
        if (fold) s.AddCaseFolds();
        if (sign < 0) s.Negate();
        target.AddSet(s);
    }

    private static (CodePointSet Set, int Sign)? PerlGroup(char c) => c switch
    {
        'd' => (Digits, +1),
        'D' => (Digits, -1),
        's' => (PerlSpace, +1),
        'S' => (PerlSpace, -1),
        'w' => (Word, +1),
        'W' => (Word, -1),
        _ => null,
    };

    // RE2's Perl classes are ASCII-only (unlike .NET's \d \s \w).
    private static readonly CodePointSet Digits = CodePointSet.Of(('0', '9'));
    private static readonly CodePointSet PerlSpace = CodePointSet.Of(('\t', '\n'), ('\f', '\r'), (' ', ' '));
    private static readonly CodePointSet Word = CodePointSet.Of(('0', '9'), ('A', 'Z'), ('a', 'z'), ('_', '_'));

    private static readonly Dictionary<string, CodePointSet> PosixGroups = new(StringComparer.Ordinal)
    {
        ["alnum"] = CodePointSet.Of(('0', '9'), ('A', 'Z'), ('a', 'z')),
        ["alpha"] = CodePointSet.Of(('A', 'Z'), ('a', 'z')),
        ["ascii"] = CodePointSet.Of((0, 0x7F)),
        ["blank"] = CodePointSet.Of(('\t', '\t'), (' ', ' ')),
        ["cntrl"] = CodePointSet.Of((0, 0x1F), (0x7F, 0x7F)),
        ["digit"] = CodePointSet.Of(('0', '9')),
        ["graph"] = CodePointSet.Of(('!', '~')),
        ["lower"] = CodePointSet.Of(('a', 'z')),
        ["print"] = CodePointSet.Of((' ', '~')),
        ["punct"] = CodePointSet.Of(('!', '/'), (':', '@'), ('[', '`'), ('{', '~')),
        ["space"] = CodePointSet.Of(('\t', '\r'), (' ', ' ')),
        ["upper"] = CodePointSet.Of(('A', 'Z')),
        ["word"] = CodePointSet.Of(('0', '9'), ('A', 'Z'), ('a', 'z'), ('_', '_')),
        ["xdigit"] = CodePointSet.Of(('0', '9'), ('A', 'F'), ('a', 'f')),
    };

    private CodePointSet ParseCharClass()
    {
        int classStart = _pos;
        int n = _p.Length;
        var cc = new CodePointSet();
        _pos++; // '['
        bool negated = false;
        if (_pos < n && _p[_pos] == '^')
        {
            _pos++;
            negated = true;
        }
        bool first = true; // ']' is a literal as the first character
        bool fold = _flags.HasFlag(Flags.FoldCase);
        while (_pos < n && (_p[_pos] != ']' || first))
        {
            // Perl mode: '-' is allowed anywhere.
            first = false;

            // [:alpha:] and [:^alpha:]
            if (n - _pos > 2 && _p[_pos] == '[' && _p[_pos + 1] == ':')
            {
                int q = _p.IndexOf(":]", _pos + 2, StringComparison.Ordinal);
                if (q >= 0)
                {
                    var full = _p[_pos..(q + 2)];
                    var name = full[2..^2];
                    int sign = +1;
                    if (name.StartsWith('^'))
                    {
                        sign = -1;
                        name = name[1..];
                    }
                    if (!PosixGroups.TryGetValue(name, out var g)) throw Invalid("invalid character class range", full);
                    AddGroup(cc, g, sign);
                    _pos = q + 2;
                    continue;
                }
            }

            if (n - _pos > 2 && _p[_pos] == '\\' && (_p[_pos + 1] == 'p' || _p[_pos + 1] == 'P'))
            {
                ParseUnicodeGroup(cc);
                continue;
            }

            if (n - _pos >= 2 && _p[_pos] == '\\' && PerlGroup(_p[_pos + 1]) is { } perl)
            {
                AddGroup(cc, perl.Set, perl.Sign);
                _pos += 2;
                continue;
            }

            int rangeStart = _pos;
            int lo = ParseClassCharacter(classStart);
            int hi = lo;
            if (n - _pos >= 2 && _p[_pos] == '-' && _p[_pos + 1] != ']')
            {
                _pos++;
                hi = ParseClassCharacter(classStart);
                if (hi < lo) throw Invalid("invalid character class range", From(rangeStart));
            }
            var range = CodePointSet.Of((lo, hi));
            if (fold) range.AddCaseFolds();
            cc.AddSet(range);
        }
        if (_pos >= n) throw Invalid("missing ]", _p[classStart..]);
        _pos++; // ']'
        if (negated) cc.Negate();
        return cc;
    }

    private int ParseClassCharacter(int classStart)
    {
        if (_pos >= _p.Length) throw Invalid("missing ]", _p[classStart..]);
        if (_p[_pos] == '\\') return ParseEscape();
        return ReadRune();
    }
}

/// <summary>
/// How code points above U+FFFF reach the .NET pattern: the astral plane is split into the classes the regex's character
/// sets cannot tell apart, each class gets one stand-in code unit (an unpaired high surrogate, which never occurs in
/// well-formed text), and the input's surrogate pairs are replaced by their stand-ins before matching (<see cref="Transform"/>).
/// A code point is then one code unit for .NET, as it is one character for RE2.
/// </summary>
internal sealed class AstralMap
{
    /// <summary>Stand-in for an unpaired surrogate in the input: RE2 never sees one (invalid UTF-8), and no class contains it.</summary>
    public const char LoneSurrogate = '\uDFFF';

    public const int MaxClasses = 1024; // stand-ins U+D800..U+DBFF

    private readonly int[] _los;
    private readonly int[] _his;
    private readonly char[] _units;

    private AstralMap(int[] los, int[] his, char[] units)
    {
        _los = los;
        _his = his;
        _units = units;
    }

    /// <summary>Builds the partition for <paramref name="sets"/>; <paramref name="standIns"/> gets each set's stand-in units.</summary>
    public static AstralMap? Build(IReadOnlyList<CodePointSet> sets, out Dictionary<CodePointSet, List<char>> standIns)
    {
        standIns = new Dictionary<CodePointSet, List<char>>(ReferenceEqualityComparer.Instance);
        var astralSets = sets.Where(st => st.Ranges.Count > 0 && st.Ranges[^1].Hi >= 0x10000).ToList();
        if (astralSets.Count == 0) return null;

        var bounds = new SortedSet<int> { 0x10000, CodePointSet.MaxRune + 1 };
        foreach (var set in astralSets)
        {
            foreach (var (lo, hi) in set.Ranges)
            {
                if (hi < 0x10000) continue;
                bounds.Add(Math.Max(lo, 0x10000));
                bounds.Add(hi + 1);
            }
        }

        var classOf = new Dictionary<string, char>(StringComparer.Ordinal);
        var los = new List<int>();
        var his = new List<int>();
        var units = new List<char>();
        var b = bounds.ToArray();
        var members = new List<int>();
        for (int i = 0; i + 1 < b.Length; i++)
        {
            int lo = b[i], hi = b[i + 1] - 1;
            members.Clear();
            for (int k = 0; k < astralSets.Count; k++)
            {
                if (astralSets[k].Contains(lo)) members.Add(k);
            }
            var key = string.Join(',', members);
            if (!classOf.TryGetValue(key, out var unit))
            {
                if (classOf.Count >= MaxClasses) throw new NotSupportedException("too many distinct classes of characters above U+FFFF");
                unit = (char)(0xD800 + classOf.Count);
                classOf[key] = unit;
                foreach (var k in members)
                {
                    if (!standIns.TryGetValue(astralSets[k], out var list)) standIns[astralSets[k]] = list = new List<char>();
                    list.Add(unit);
                }
            }
            if (units.Count > 0 && units[^1] == unit && his[^1] + 1 == lo)
            {
                his[^1] = hi;
            }
            else
            {
                los.Add(lo);
                his.Add(hi);
                units.Add(unit);
            }
        }
        return new AstralMap(los.ToArray(), his.ToArray(), units.ToArray());
    }

    /// <summary>Replaces each surrogate pair by its class's stand-in (and unpaired surrogates by <see cref="LoneSurrogate"/>).</summary>
    public static string Transform(string text, AstralMap? map)
    {
        int first = text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF');
        if (first < 0) return text;
        var sb = new StringBuilder(text.Length);
        sb.Append(text, 0, first);
        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            if (!char.IsSurrogate(c))
            {
                sb.Append(c);
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(map?.UnitFor(char.ConvertToUtf32(c, text[i + 1])) ?? LoneSurrogate);
                i++;
            }
            else
            {
                sb.Append(LoneSurrogate);
            }
        }
        return sb.ToString();
    }

    private char UnitFor(int cp)
    {
        int lo = 0, hi = _los.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (cp < _los[mid]) hi = mid - 1;
            else if (cp > _his[mid]) lo = mid + 1;
            else return _units[mid];
        }
        return LoneSurrogate; // not reached: the segments cover U+10000..U+10FFFF
    }
}

/// <summary>Translates an RE2 tree into an equivalent .NET pattern for <c>RegexOptions.NonBacktracking | Multiline</c>.</summary>
/// <remarks>
/// Only "is there a match anywhere" matters to GitLab (<c>scan(text).present?</c>), so greediness is irrelevant.
/// Character classes are emitted as explicit code-point ranges (RE2's ASCII <c>\d \s \w</c>, case folding done by the
/// parser); code points above U+FFFF go through an <see cref="AstralMap"/>, so no class needs surrogate pairs.
/// Every group this emits is a capturing group, on purpose: .NET 10 rewrites a non-capturing <c>(?:X|)</c> to <c>X?</c>
/// and then coalesces it with an enclosing loop incorrectly (both engines: <c>(?:a{1,2}|)+</c> and <c>(?:a{1,2}|){2}</c>
/// never match the empty string, <c>x(?:a{1,2}|)+</c> does not match "x"; apparently from dotnet/runtime#118087).
/// A capture between a loop and its body blocks that coalescing, and <c>IsMatch</c> never computes captures.
/// Known difference: <c>\b</c>/<c>\B</c> use .NET's Unicode word characters (RE2's are ASCII); they agree on ASCII text.
/// </remarks>
internal sealed class Re2ToDotNet
{
    private const string NeverMatch = @"[^\u0000-\uFFFF]";

    private readonly Dictionary<CodePointSet, List<char>> _standIns;
    private readonly Dictionary<int, CodePointSet> _astralLiterals;
    private readonly StringBuilder _sb = new();

    private Re2ToDotNet(Dictionary<CodePointSet, List<char>> standIns, Dictionary<int, CodePointSet> astralLiterals)
    {
        _standIns = standIns;
        _astralLiterals = astralLiterals;
    }

    /// <summary>Whether the regex finds a match in the empty text (every position is both start and end of text and of line).</summary>
    public static bool MatchesEmptyText(Re2Node node) => node switch
    {
        Re2Empty => true,
        Re2Assertion a => a.Kind != Re2AssertionKind.WordBoundary, // \b needs a word character on one side
        Re2Literal or Re2Class or Re2AnyByte => false,
        Re2Concat c => c.Items.All(MatchesEmptyText),
        Re2Alternate alt => alt.Items.Any(MatchesEmptyText),
        Re2Group g => MatchesEmptyText(g.Sub),
        Re2Repeat r => r.Min == 0 || MatchesEmptyText(r.Sub),
        _ => throw new InvalidOperationException($"unexpected RE2 node {node.GetType().Name}"),
    };

    /// <exception cref="NotSupportedException">the regex distinguishes more than <see cref="AstralMap.MaxClasses"/> classes of astral code points.</exception>
    public static string Emit(Re2Node root, out AstralMap? astral)
    {
        var sets = new List<CodePointSet>();
        var astralLiterals = new Dictionary<int, CodePointSet>();
        var stack = new Stack<Re2Node>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case Re2Class c:
                    sets.Add(c.Set);
                    break;
                case Re2Literal { Rune: > 0xFFFF } lit when !astralLiterals.ContainsKey(lit.Rune):
                    var single = CodePointSet.Of((lit.Rune, lit.Rune));
                    astralLiterals[lit.Rune] = single;
                    sets.Add(single);
                    break;
                case Re2Concat c:
                    foreach (var item in c.Items) stack.Push(item);
                    break;
                case Re2Alternate a:
                    foreach (var item in a.Items) stack.Push(item);
                    break;
                case Re2Group g:
                    stack.Push(g.Sub);
                    break;
                case Re2Repeat r:
                    stack.Push(r.Sub);
                    break;
            }
        }
        astral = AstralMap.Build(sets, out var standIns);
        var emitter = new Re2ToDotNet(standIns, astralLiterals);
        emitter.Emit(root);
        return emitter._sb.ToString();
    }

    private void Emit(Re2Node node)
    {
        var sb = _sb;
        switch (node)
        {
            case Re2Literal lit:
                EmitLiteral(lit.Rune);
                break;
            case Re2Class cls:
                EmitSet(cls.Set);
                break;
            case Re2Empty:
                sb.Append("()");
                break;
            case Re2AnyByte:
                sb.Append(@"[\u0000-\uFFFF]");
                break;
            case Re2Assertion a:
                sb.Append(a.Kind switch
                {
                    Re2AssertionKind.BeginLine => "^",
                    Re2AssertionKind.EndLine => "$",
                    Re2AssertionKind.BeginText => @"\A",
                    Re2AssertionKind.EndText => @"\z",
                    Re2AssertionKind.WordBoundary => @"\b",
                    _ => @"\B",
                });
                break;
            case Re2Concat c:
                foreach (var item in c.Items) Emit(item);
                break;
            case Re2Alternate alt:
            {
                // Single-character branches become one class, as RE2 does (parse.cc "collapse runs of single literals into
                // character classes"). This also keeps .NET from merging them itself: .NET 10 computes some unions wrongly,
                // e.g. ([\u0000-\u002F\u003A-\uD800\uE000-\uFFFF]|[\u0000-\u0040\u0042-\u0060\u0062-\uD800\uE000-\uFFFF])a
                // does not match "xa" in either engine.
                var singles = alt.Items.Where(i => i is Re2Literal or Re2Class).ToList();
                var others = singles.Count > 1 ? alt.Items.Where(i => i is not (Re2Literal or Re2Class)).ToList() : alt.Items.ToList();
                sb.Append('(');
                bool first = true;
                if (singles.Count > 1)
                {
                    var units = new List<(int Lo, int Hi)>();
                    foreach (var single in singles) CollectUnits(single, units);
                    WriteClass(units);
                    first = false;
                }
                foreach (var item in others)
                {
                    if (!first) sb.Append('|');
                    Emit(item);
                    first = false;
                }
                sb.Append(')');
                break;
            }
            case Re2Group g:
                sb.Append('(');
                Emit(g.Sub);
                sb.Append(')');
                break;
            case Re2Repeat r:
                if (r.Sub is Re2Literal or Re2Class or Re2AnyByte)
                {
                    Emit(r.Sub); // a single character class or unit
                }
                else
                {
                    sb.Append('(');
                    Emit(r.Sub);
                    sb.Append(')');
                }
                sb.Append((r.Min, r.Max) switch
                {
                    (0, -1) => "*",
                    (1, -1) => "+",
                    (0, 1) => "?",
                    (var min, -1) => $"{{{min},}}",
                    var (min, max) when min == max => $"{{{min}}}",
                    var (min, max) => $"{{{min},{max}}}",
                });
                break;
            default:
                throw new InvalidOperationException($"unexpected RE2 node {node.GetType().Name}");
        }
    }

    private void EmitLiteral(int rune)
    {
        if (rune > 0xFFFF) EmitSet(_astralLiterals[rune]);
        else if (rune is >= 0xD800 and <= 0xDFFF) _sb.Append(NeverMatch); // never occurs in UTF-8 text
        else if (char.IsAsciiLetterOrDigit((char)rune)) _sb.Append((char)rune);
        else AppendUnit((char)rune, _sb);
    }

    private static void AppendUnit(char c, StringBuilder sb) => sb.Append("\\u").Append(((int)c).ToString("X4"));

    private void EmitSet(CodePointSet set)
    {
        var units = new List<(int Lo, int Hi)>();
        CollectUnits(set, units);
        WriteClass(units);
    }

    /// <summary>The UTF-16 code units that stand for the members of a single-character node.</summary>
    private void CollectUnits(Re2Node single, List<(int Lo, int Hi)> units)
    {
        switch (single)
        {
            case Re2Class c:
                CollectUnits(c.Set, units);
                break;
            case Re2Literal { Rune: > 0xFFFF } lit:
                CollectUnits(_astralLiterals[lit.Rune], units);
                break;
            case Re2Literal { Rune: < 0xD800 or > 0xDFFF } lit:
                units.Add((lit.Rune, lit.Rune));
                break;
        }
    }

    private void CollectUnits(CodePointSet set, List<(int Lo, int Hi)> units)
    {
        foreach (var (lo, hi) in set.Ranges)
        {
            // BMP part without surrogates (astral code points are represented by their stand-ins).
            if (lo <= 0xD7FF) units.Add((lo, Math.Min(hi, 0xD7FF)));
            if (hi >= 0xE000 && lo <= 0xFFFF) units.Add((Math.Max(lo, 0xE000), Math.Min(hi, 0xFFFF)));
        }
        if (_standIns.TryGetValue(set, out var standIns))
        {
            foreach (var u in standIns) units.Add((u, u));
        }
    }

    private void WriteClass(List<(int Lo, int Hi)> units)
    {
        if (units.Count == 0)
        {
            _sb.Append(NeverMatch);
            return;
        }
        units.Sort((a, b) => a.Lo.CompareTo(b.Lo));
        _sb.Append('[');
        int i = 0;
        while (i < units.Count)
        {
            int lo = units[i].Lo, hi = units[i].Hi;
            while (i + 1 < units.Count && units[i + 1].Lo <= hi + 1) hi = Math.Max(hi, units[++i].Hi);
            AppendUnit((char)lo, _sb);
            if (hi > lo)
            {
                if (hi > lo + 1) _sb.Append('-');
                AppendUnit((char)hi, _sb);
            }
            i++;
        }
        _sb.Append(']');
    }
}
