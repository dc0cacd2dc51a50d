using System.Text.RegularExpressions;
using DocLint.Findings;
using DocLint.Parse.Yaml;

namespace DocLint.Parse.GitLab.Inputs;

/// <summary>
/// The parts of GitLab's <c>Ci::Inputs::*Input</c> classes shared by declarations (defaults) and given values:
/// coercion to the declared type, the options check and the regex check.
/// </summary>
internal static class InputSemantics
{
    public const string RuleId = "ci-parse";

    public static void Report(ICollection<Finding> findings, SourceSpan span, string message, string key) =>
        findings.Add(new Finding(RuleId, Severity.Error, message, span, key));

    public static void Report(ICollection<Finding> findings, YNode node, string message, string key) =>
        Report(findings, node.Span, message, key);

    public static string TypeName(InputType t) => t switch
    {
        InputType.Boolean => "boolean",
        InputType.Number => "number",
        InputType.Array => "array",
        _ => "string",
    };

    public static string Article(InputType t) => t == InputType.Array ? "an array" : "a " + TypeName(t);

    /// <summary>
    /// GitLab's <c>coerced_value</c> and <c>validate_type</c>: a string input takes any value as <c>value.to_s</c>;
    /// the other types parse <c>value.to_s</c> as JSON (Oj), keep the original value when that fails, and then
    /// require a boolean, a number or an array. So <c>"true"</c> is a valid boolean and <c>"42"</c> a valid number.
    /// </summary>
    public static bool TryCoerce(InputType type, RValue raw, out RValue coerced)
    {
        if (type == InputType.String)
        {
            coerced = raw is RStr ? raw : new RStr(raw.ToS());
            return true;
        }
        coerced = raw is RNull ? raw : RValues.TryParseJson(raw.ToS()) ?? raw;
        return type switch
        {
            InputType.Boolean => coerced is RBool,
            InputType.Number => coerced.IsNumeric,
            _ => coerced is RArray,
        };
    }

    /// <summary>
    /// GitLab's <c>validate_options</c>: a string input compares with <c>options.map(&amp;:to_s)</c>, a number input
    /// with <c>options.include?</c> (Ruby <c>==</c>, so 1 equals 1.0). Other types cannot have options.
    /// </summary>
    public static bool InOptions(InputType type, RValue value, IReadOnlyList<RValue> options)
    {
        foreach (var o in options)
        {
            if (type == InputType.String ? o.ToS() == value.ToS() : RValues.RubyEquals(o, value)) return true;
        }
        return false;
    }

    /// <summary>
    /// GitLab's <c>validate_regex</c> (<c>Gitlab::UntrustedRegexp#match?</c>, an unanchored RE2 search, empty strings
    /// allowed). Returns null when the match could not finish within the time limit.
    /// </summary>
    public static bool? MatchesRegex(Regex regex, string value)
    {
        try
        {
            return regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    /// <summary>
    /// Compiles a <c>regex</c> the way RE2 reads it, with .NET's non-backtracking engine (linear time, like RE2).
    /// Python-style named groups, which RE2 accepts, are rewritten; constructs RE2 lacks (backreferences,
    /// lookaround) are rejected by the non-backtracking engine as RE2 rejects them.
    /// </summary>
    /// <remarks>Deviation: .NET's <c>\d</c>, <c>\w</c> and <c>\s</c> are Unicode-aware where RE2's are ASCII, and
    /// <c>$</c> also matches before a final newline.</remarks>
    public static Regex? TryCompileRe2(string pattern, TimeSpan timeout, out string? error)
    {
        error = null;
        if (pattern.Length > 64 * 1024)
        {
            error = "the pattern is longer than 64 KB";
            return null;
        }
        try
        {
            return new Regex(pattern.Replace("(?P<", "(?<"), RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, timeout);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or InvalidOperationException or OutOfMemoryException)
        {
            error = e.Message;
            return null;
        }
    }

    public static InputValue ToInputValue(InputType type, RValue coerced, YNode? node) =>
        type == InputType.String
            ? new InputValue(InputType.String, coerced.ToS(), node) { Value = coerced }
            : InputValue.From(coerced, node);
}
