namespace DocLint.Parse.GitLab.Inputs;

/// <summary>One <c>$[[ ... ]]</c> block found in a string: where it is and where its data is.</summary>
internal readonly record struct BlockMatch(int Start, int Length, int DataStart, int DataLength)
{
    public string Text(string s) => s.Substring(Start, Length);
    public string Data(string s) => s.Substring(DataStart, DataLength);
}

/// <summary>
/// Finds interpolation blocks exactly as GitLab's <c>Interpolation::Template::BLOCK_REGEXP</c> does
/// (<c>\$\[\[\s*(?&lt;data&gt;\S{1}.*?\S{1})\s*\]\]</c>, RE2, scanned left to right without overlap), in linear time.
/// RE2's <c>\s</c> is <c>[\t\n\f\r ]</c> and its <c>.</c> does not match a newline, so the data has at least two
/// characters, starts and ends with a non-space and holds no newline, while the spaces around it may. Text that does
/// not match (an unclosed <c>$[[ inputs.x</c>, a one-character <c>$[[ x ]]</c>) is not a block and is left alone.
/// </summary>
internal static class BlockScanner
{
    public const string Prefix = "$[[";

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\f' or '\r';

    public static List<BlockMatch> Scan(string s)
    {
        var result = new List<BlockMatch>();
        // Both searches below only move forward, so the whole scan is linear in the length of s.
        var close = -2;     // the last "]]" found (-1: none at or after where it was searched from)
        var newline = -2;   // the last '\n' found (-1: none)
        var from = 0;
        while (true)
        {
            var start = s.IndexOf(Prefix, from, StringComparison.Ordinal);
            if (start < 0) return result;
            var d = start + 3;
            while (d < s.Length && IsSpace(s[d])) d++;
            // data = s[d..e] with e >= d + 1 and s[e] not a space, followed by spaces and "]]" at `close`;
            // the lazy .*? takes the first such e, which belongs to the first "]]" at or after d + 2 that
            // is not preceded only by spaces back to d.
            var searchFrom = d + 2;
            int e;
            while (true)
            {
                if (close != -1 && close < searchFrom)
                    close = searchFrom <= s.Length ? s.IndexOf("]]", searchFrom, StringComparison.Ordinal) : -1;
                if (close < 0) return result; // no "]]" left, so no block can start here or later
                e = close - 1;
                while (e > d && IsSpace(s[e])) e--;
                if (e >= d + 1) break;
                searchFrom = close + 1;
            }
            // The data holds no newline; if the first candidate has one, every longer one has it too.
            if (newline != -1 && newline < d) newline = s.IndexOf('\n', d);
            if (newline < 0 || newline > e)
            {
                result.Add(new BlockMatch(start, close + 2 - start, d, e - d + 1));
                from = close + 2;
            }
            else
            {
                from = start + 1;
            }
        }
    }
}
