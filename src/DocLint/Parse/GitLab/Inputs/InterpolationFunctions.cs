using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;
using DocLint.Parse.GitLab.Expressions;

namespace DocLint.Parse.GitLab.Inputs;

/// <summary>
/// The functions of an interpolation block (<c>$[[ inputs.x | fn | fn ]]</c>), as GitLab's
/// <c>Interpolation::FunctionsStack</c> and <c>Interpolation::Functions::*</c> define them: <c>truncate(offset,length)</c>,
/// <c>expand_vars</c>, <c>posix_escape</c> and <c>split('separator')</c>. Each takes a string and fails on any other type.
/// </summary>
internal abstract class InterpolationFunction
{
    public const int MaxFunctions = 3;

    public abstract string Name { get; }

    /// <summary>The value, or null with <paramref name="error"/> set (GitLab's message after "error in `NAME` function: ").</summary>
    public abstract RValue? Execute(RValue input, IVariableScope scope, out string? error);

    // Ruby's \s in these patterns is [ \t\r\n\f\v]; \d is ASCII.
    private const string Sp = @"[ \t\r\n\f\v]*";
    private static readonly Regex TruncatePattern =
        new($@"\Atruncate\({Sp}(?<offset>[0-9]+){Sp},{Sp}(?<length>[0-9]+){Sp}\)?\z", RegexOptions.CultureInvariant);
    private static readonly Regex SplitPattern = new(@"\Asplit\('(?<separator>[^']*)'\)\z", RegexOptions.CultureInvariant);

    public static string Supported => "expand_vars, truncate(offset,length), posix_escape, split('separator')";

    /// <summary>The function an expression names, or null (GitLab: "no function matching `expr`").</summary>
    public static InterpolationFunction? Match(string expression)
    {
        if (expression == "expand_vars") return ExpandVars.Instance;
        if (expression == "posix_escape") return PosixEscape.Instance;
        // GitLab's truncate pattern leaves the closing parenthesis optional: `truncate(1,2` is accepted.
        var m = TruncatePattern.Match(expression);
        if (m.Success) return new Truncate(ToInt(m.Groups["offset"].Value), ToInt(m.Groups["length"].Value));
        m = SplitPattern.Match(expression);
        if (m.Success) return new Split(m.Groups["separator"].Value);
        return null;
    }

    private static int ToInt(string digits) =>
        BigInteger.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v <= int.MaxValue ? (int)v : int.MaxValue;

    protected string NotAString(RValue input) =>
        $"invalid input type: {Name} can only be used with string inputs, not {RValues.Describe(input)}";

    private sealed class Truncate(int offset, int length) : InterpolationFunction
    {
        public override string Name => "truncate";

        public override RValue? Execute(RValue input, IVariableScope scope, out string? error)
        {
            error = null;
            if (input is not RStr s)
            {
                error = NotAString(input);
                return null;
            }
            return new RStr(Slice(s.Value, offset, length));
        }

        /// <summary>Ruby <c>str[offset, length].to_s</c>, counting characters (code points), not UTF-16 units.</summary>
        private static string Slice(string s, int offset, int length)
        {
            if (!s.Any(char.IsSurrogate))
            {
                if (offset > s.Length) return "";
                return s.Substring(offset, (int)Math.Min(length, (long)s.Length - offset));
            }
            var runes = s.EnumerateRunes().ToArray();
            if (offset > runes.Length) return "";
            var count = (int)Math.Min(length, (long)runes.Length - offset);
            var sb = new StringBuilder();
            for (var i = offset; i < offset + count; i++) sb.Append(runes[i].ToString());
            return sb.ToString();
        }
    }

    private sealed class ExpandVars : InterpolationFunction
    {
        public static readonly ExpandVars Instance = new();
        public override string Name => "expand_vars";

        public override RValue? Execute(RValue input, IVariableScope scope, out string? error)
        {
            error = null;
            if (input is not RStr s)
            {
                error = NotAString(input);
                return null;
            }
            return new RStr(ExpandExisting(s.Value, scope));
        }

        /// <summary>
        /// GitLab's <c>ExpandVariables.expand_existing</c>: replaces <c>$VAR</c>, <c>${VAR}</c> and <c>%VAR%</c> with the
        /// variable's value in one pass (a value's own references are not expanded again) and leaves references to
        /// undefined variables as written.
        /// </summary>
        internal static string ExpandExisting(string value, IVariableScope scope)
        {
            if (value.IndexOf('$') < 0 && value.IndexOf('%') < 0) return value;
            var sb = new StringBuilder(value.Length);
            var i = 0;
            while (i < value.Length)
            {
                var c = value[i];
                if (c is '$' or '%' && TryReference(value, i, out var name, out var end))
                {
                    sb.Append(scope.Get(name) ?? value[i..end]);
                    i = end;
                    continue;
                }
                sb.Append(c);
                i++;
            }
            return sb.ToString();
        }

        // VARIABLES_REGEXP = /\$([a-zA-Z_][a-zA-Z0-9_]*)|\${\g<1>}|%\g<1>%/
        private static bool TryReference(string s, int at, out string name, out int end)
        {
            name = "";
            end = at;
            if (s[at] == '$')
            {
                var n = NameEnd(s, at + 1);
                if (n > at + 1)
                {
                    name = s[(at + 1)..n];
                    end = n;
                    return true;
                }
                if (at + 1 < s.Length && s[at + 1] == '{')
                {
                    n = NameEnd(s, at + 2);
                    if (n > at + 2 && n < s.Length && s[n] == '}')
                    {
                        name = s[(at + 2)..n];
                        end = n + 1;
                        return true;
                    }
                }
                return false;
            }
            var m = NameEnd(s, at + 1);
            if (m > at + 1 && m < s.Length && s[m] == '%')
            {
                name = s[(at + 1)..m];
                end = m + 1;
                return true;
            }
            return false;
        }

        private static int NameEnd(string s, int from)
        {
            if (from >= s.Length || !(char.IsAsciiLetter(s[from]) || s[from] == '_')) return from;
            var i = from + 1;
            while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == '_')) i++;
            return i;
        }
    }

    private sealed class PosixEscape : InterpolationFunction
    {
        public static readonly PosixEscape Instance = new();
        public override string Name => "posix_escape";

        public override RValue? Execute(RValue input, IVariableScope scope, out string? error)
        {
            error = null;
            if (input is not RStr s)
            {
                error = NotAString(input);
                return null;
            }
            return new RStr(ShellEscape(s.Value));
        }

        /// <summary>
        /// Ruby's <c>Shellwords.shellescape</c>: <c>''</c> for an empty string, a backslash before every character
        /// outside <c>[A-Za-z0-9_\-.,:+/@\n]</c> (multibyte characters included), and a newline as <c>'\n'</c>.
        /// </summary>
        internal static string ShellEscape(string s)
        {
            if (s.Length == 0) return "''";
            var sb = new StringBuilder(s.Length * 2);
            for (var i = 0; i < s.Length; i++)
            {
                var c = s[i];
                if (c == '\n')
                {
                    sb.Append("'\n'");
                    continue;
                }
                if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ',' or ':' or '+' or '/' or '@'))
                    sb.Append('\\');
                sb.Append(c);
                if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) sb.Append(s[++i]);
            }
            return sb.ToString();
        }
    }

    private sealed class Split(string separator) : InterpolationFunction
    {
        public override string Name => "split";

        public override RValue? Execute(RValue input, IVariableScope scope, out string? error)
        {
            error = null;
            if (input is not RStr s)
            {
                error = NotAString(input);
                return null;
            }
            if (separator.Length == 0)
            {
                error = "invalid argument: separator cannot be empty";
                return null;
            }
            // Ruby's split(" ") splits on runs of any whitespace; other separators are literal.
            var parts = separator == " "
                ? s.Value.Split([' ', '\t', '\n', '\v', '\f', '\r'], StringSplitOptions.None)
                : s.Value.Split(separator, StringSplitOptions.None);
            return new RArray(parts.Select(RubyText.Strip).Where(p => p.Length > 0).Select(p => (RValue)new RStr(p)).ToArray());
        }
    }
}
