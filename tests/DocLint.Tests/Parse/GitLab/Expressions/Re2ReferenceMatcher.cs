using DocLint.Parse.GitLab.Expressions;

namespace DocLint.Tests.Parse.GitLab.Expressions;

/// <summary>
/// A deliberately simple, independent oracle for "does the RE2 tree match anywhere in the text": it computes the set of
/// end positions reachable from each start position (sets, not backtracking, so loops terminate). It shares only the
/// parser with the production code, so it checks the .NET translation and the .NET engine underneath it.
/// </summary>
internal static class Re2ReferenceMatcher
{
    public static bool IsMatch(Re2Node root, string text)
    {
        // RE2 runs on UTF-8 code points: a match can only start at a code point boundary.
        for (int start = 0; start <= text.Length; start += start < text.Length && char.IsSurrogatePair(text, start) ? 2 : 1)
        {
            if (Ends(root, text, start).Count > 0) return true;
        }
        return false;
    }

    private static HashSet<int> Ends(Re2Node node, string text, int pos)
    {
        var result = new HashSet<int>();
        switch (node)
        {
            case Re2Empty:
                result.Add(pos);
                break;
            case Re2Literal lit:
                if (CodePointAt(text, pos, out int cp, out int len) && cp == lit.Rune) result.Add(pos + len);
                break;
            case Re2Class cls:
                if (CodePointAt(text, pos, out cp, out len) && cls.Set.Contains(cp)) result.Add(pos + len);
                break;
            case Re2AnyByte:
                if (pos < text.Length) result.Add(pos + 1);
                break;
            case Re2Assertion a:
                if (Holds(a.Kind, text, pos)) result.Add(pos);
                break;
            case Re2Group g:
                return Ends(g.Sub, text, pos);
            case Re2Alternate alt:
                foreach (var item in alt.Items) result.UnionWith(Ends(item, text, pos));
                break;
            case Re2Concat c:
            {
                var current = new HashSet<int> { pos };
                foreach (var item in c.Items)
                {
                    var next = new HashSet<int>();
                    foreach (var p in current) next.UnionWith(Ends(item, text, p));
                    current = next;
                    if (current.Count == 0) break;
                }
                return current;
            }
            case Re2Repeat r:
            {
                HashSet<int> Step(HashSet<int> from)
                {
                    var to = new HashSet<int>();
                    foreach (var p in from) to.UnionWith(Ends(r.Sub, text, p));
                    return to;
                }

                var current = new HashSet<int> { pos };
                for (int i = 1; i <= r.Min; i++) // mandatory iterations
                {
                    current = Step(current);
                    if (current.Count == 0) return result;
                }
                result.UnionWith(current);
                if (r.Max < 0)
                {
                    // Unbounded: everything reachable by further iterations (a plain closure over positions).
                    var visited = new HashSet<int>(current);
                    var frontier = current;
                    while (frontier.Count > 0)
                    {
                        var next = Step(frontier);
                        next.ExceptWith(visited);
                        visited.UnionWith(next);
                        result.UnionWith(next);
                        frontier = next;
                    }
                }
                else
                {
                    for (int i = r.Min + 1; i <= r.Max && current.Count > 0; i++)
                    {
                        current = Step(current);
                        result.UnionWith(current);
                    }
                }
                break;
            }
            default:
                throw new InvalidOperationException(node.GetType().Name);
        }
        return result;
    }

    private static bool CodePointAt(string text, int pos, out int cp, out int len)
    {
        cp = 0;
        len = 0;
        if (pos >= text.Length) return false;
        if (char.IsSurrogatePair(text, pos))
        {
            cp = char.ConvertToUtf32(text, pos);
            len = 2;
        }
        else
        {
            cp = text[pos];
            len = 1;
        }
        return true;
    }

    // RE2's \b uses ASCII word characters; the differential test only feeds ASCII text, where .NET agrees.
    private static bool IsWord(string text, int i) => i >= 0 && i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_');

    private static bool Holds(Re2AssertionKind kind, string text, int pos) => kind switch
    {
        Re2AssertionKind.BeginText => pos == 0,
        Re2AssertionKind.EndText => pos == text.Length,
        Re2AssertionKind.BeginLine => pos == 0 || text[pos - 1] == '\n',
        Re2AssertionKind.EndLine => pos == text.Length || text[pos] == '\n',
        Re2AssertionKind.WordBoundary => IsWord(text, pos - 1) != IsWord(text, pos),
        _ => IsWord(text, pos - 1) == IsWord(text, pos),
    };
}
