using System.Text;
using System.Text.RegularExpressions;

namespace DocLint.Parse.GitLab.Expressions;

internal enum ValueKind { Nil, String, True, False, Regex }

/// <summary>A Ruby value as GitLab's lexemes produce them: <c>nil</c>, a String, <c>true</c>/<c>false</c>, or an UntrustedRegexp.</summary>
internal readonly record struct RubyValue(ValueKind Kind, string? Text = null, GitLabRegex? Regex = null)
{
    public static readonly RubyValue Nil = new(ValueKind.Nil);
    public static readonly RubyValue True = new(ValueKind.True);
    public static readonly RubyValue False = new(ValueKind.False);

    public static RubyValue Of(bool b) => b ? True : False;
    public static RubyValue Of(string? s) => s is null ? Nil : new RubyValue(ValueKind.String, s);

    /// <summary>Ruby truthiness (used by <c>&amp;&amp;</c> and <c>||</c>): everything but nil and false, including "".</summary>
    public bool IsTruthy => Kind is not (ValueKind.Nil or ValueKind.False);

    /// <summary>
    /// ActiveSupport <c>present?</c> (statement.rb <c>truthful?</c> is <c>evaluate.present?</c>): false for nil, false, and
    /// blank strings, i.e. empty or only whitespace (<c>/\A[[:space:]]*\z/</c>, Unicode White_Space).
    /// </summary>
    public bool IsPresent => Kind switch
    {
        ValueKind.Nil or ValueKind.False => false,
        ValueKind.String => !string.IsNullOrWhiteSpace(Text),
        _ => true,
    };

    /// <summary>
    /// Ruby <c>to_s</c>, used for the left side of <c>=~</c>. For an UntrustedRegexp Ruby prints the object's class and
    /// memory address ("#&lt;Gitlab::UntrustedRegexp:0x...&gt;"); the address is not reproducible, so a zero address stands in.
    /// </summary>
    public string ToRubyString() => Kind switch
    {
        ValueKind.Nil => "",
        ValueKind.True => "true",
        ValueKind.False => "false",
        ValueKind.String => Text!,
        _ => "#<Gitlab::UntrustedRegexp:0x0000000000000000>",
    };
}

internal abstract class ExprNode(int offset)
{
    /// <summary>Offset of the node's own token (the operator for binary nodes).</summary>
    public int Offset { get; } = offset;

    /// <summary>Smallest token offset in the subtree.</summary>
    public virtual int Start => Offset;
}

internal sealed class VariableNode(int offset, string name) : ExprNode(offset) { public string Name { get; } = name; }
internal sealed class StringNode(int offset, string value) : ExprNode(offset) { public string Value { get; } = value; }
internal sealed class NullNode(int offset) : ExprNode(offset) { }
internal sealed class BooleanNode(int offset, bool value) : ExprNode(offset) { public bool Value { get; } = value; }

internal sealed class PatternNode(int offset, string value, GitLabRegex regex) : ExprNode(offset)
{
    /// <summary>The token after GitLab's <c>\/</c> → <c>/</c> substitution, slashes and flags included (Pattern#value).</summary>
    public string Value { get; } = value;

    public GitLabRegex Regex { get; } = regex;
}

internal enum BinaryOp { Equals, NotEquals, Matches, NotMatches, And, Or }

internal sealed class BinaryNode(int offset, BinaryOp op, ExprNode left, ExprNode right) : ExprNode(offset)
{
    public BinaryOp Op { get; } = op;
    public ExprNode Left { get; } = left;
    public ExprNode Right { get; } = right;
    public override int Start { get; } = Math.Min(offset, Math.Min(left.Start, right.Start));

    public static string OperatorText(BinaryOp op) => op switch
    {
        BinaryOp.Equals => "==",
        BinaryOp.NotEquals => "!=",
        BinaryOp.Matches => "=~",
        BinaryOp.NotMatches => "!~",
        BinaryOp.And => "&&",
        _ => "||",
    };

    /// <summary>Lexeme#name: the class name, underscored.</summary>
    public static string RubyName(BinaryOp op) => op switch
    {
        BinaryOp.Equals => "equals",
        BinaryOp.NotEquals => "not_equals",
        BinaryOp.Matches => "matches",
        BinaryOp.NotMatches => "not_matches",
        BinaryOp.And => "and",
        _ => "or",
    };
}

/// <summary>
/// Evaluation cannot give GitLab's answer: GitLab raises a Ruby exception other than an expression error (e.g. NoMethodError),
/// or a value holds a regex DocLint cannot evaluate. <see cref="Offset"/> is the operator's position.
/// </summary>
internal sealed class EvaluationAbort(ExpressionEvaluationFailure failure, string message, int offset) : Exception(message)
{
    public ExpressionEvaluationFailure Failure { get; } = failure;
    public int Offset { get; } = offset;
}

/// <summary>
/// Evaluates a tree exactly like the lexemes' <c>evaluate</c> methods, without recursion (so arbitrarily deep trees are fine).
/// </summary>
internal sealed class ExpressionEvaluator(string expressionText, IVariableScope scope, TimeSpan timeout)
{
    public RubyValue Evaluate(ExprNode root)
    {
        var work = new Stack<(ExprNode Node, int State)>();
        var values = new Stack<RubyValue>();
        work.Push((root, 0));
        while (work.Count > 0)
        {
            var (node, state) = work.Pop();
            switch (node)
            {
                case VariableNode v:
                    // lexeme/variable.rb: variables[@name] (nil when undefined).
                    values.Push(RubyValue.Of(scope.Get(v.Name)));
                    break;
                case StringNode s:
                    values.Push(RubyValue.Of(s.Value));
                    break;
                case NullNode:
                    values.Push(RubyValue.Nil);
                    break;
                case BooleanNode b:
                    values.Push(RubyValue.Of(b.Value));
                    break;
                case PatternNode p:
                    values.Push(new RubyValue(ValueKind.Regex, Regex: p.Regex));
                    break;
                case BinaryNode bin when state == 0:
                    work.Push((bin, 1));
                    work.Push((bin.Left, 0));
                    break;
                case BinaryNode { Op: BinaryOp.And } bin:
                    // and.rb: @left.evaluate && @right.evaluate (Ruby short-circuit; "" is truthy)
                    if (values.Peek().IsTruthy)
                    {
                        values.Pop();
                        work.Push((bin.Right, 0));
                    }
                    break;
                case BinaryNode { Op: BinaryOp.Or } bin:
                    // or.rb: @left.evaluate || @right.evaluate
                    if (!values.Peek().IsTruthy)
                    {
                        values.Pop();
                        work.Push((bin.Right, 0));
                    }
                    break;
                case BinaryNode bin when state == 1:
                    work.Push((bin, 2));
                    work.Push((bin.Right, 0));
                    break;
                case BinaryNode bin:
                {
                    var right = values.Pop();
                    var left = values.Pop();
                    values.Push(Apply(bin, left, right));
                    break;
                }
                default:
                    throw new InvalidOperationException($"unexpected node {node.GetType().Name}");
            }
        }
        return values.Pop();
    }

    private RubyValue Apply(BinaryNode node, RubyValue left, RubyValue right) => node.Op switch
    {
        BinaryOp.Equals => RubyValue.Of(RubyEquals(left, right, node)),
        BinaryOp.NotEquals => RubyValue.Of(!RubyEquals(left, right, node)),
        BinaryOp.Matches => RubyValue.Of(Matches(left, right, node, negated: false)),
        BinaryOp.NotMatches => RubyValue.Of(Matches(left, right, node, negated: true)),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>Ruby <c>left == right</c> for the values an expression can produce.</summary>
    private static bool RubyEquals(RubyValue left, RubyValue right, BinaryNode node)
    {
        if (left.Kind == ValueKind.Regex)
        {
            // UntrustedRegexp#==(other) is `self.source == other.source`: anything but another regex raises NoMethodError.
            if (right.Kind != ValueKind.Regex)
                throw new EvaluationAbort(ExpressionEvaluationFailure.GitLabInternalError,
                    $"GitLab raises NoMethodError here: a regular expression compared with '{BinaryNode.OperatorText(node.Op)}' to a value that is not a regular expression (undefined method 'source')",
                    node.Offset);
            return left.Regex!.Source == right.Regex!.Source;
        }
        if (left.Kind != right.Kind) return false; // String#== with a non-string, nil == x, true == x ...
        return left.Kind != ValueKind.String || string.Equals(left.Text, right.Text, StringComparison.Ordinal);
    }

    /// <summary>matches.rb / not_matches.rb.</summary>
    private bool Matches(RubyValue left, RubyValue right, BinaryNode node, bool negated)
    {
        // `return false unless regexp` (not_matches: `return true unless regexp`): a nil/false right side.
        if (!right.IsTruthy) return negated;

        var text = left.ToRubyString(); // text.to_s: nil -> ""
        GitLabRegex? regex;
        string? substringHaystack = null;
        switch (right.Kind)
        {
            case ValueKind.Regex:
                regex = right.Regex;
                break;
            case ValueKind.String:
                // Pattern.build_and_evaluate: a string that is a valid /regex/flags becomes that regex (variables in it are
                // not expanded); otherwise the string itself is used and `string.scan(text)` is a substring search.
                regex = BuildAndEvaluate(right.Text!, node);
                if (regex is null) substringHaystack = right.Text!;
                break;
            default:
                // `true`: Pattern.build(true) calls true.gsub -> NoMethodError.
                throw new EvaluationAbort(ExpressionEvaluationFailure.GitLabInternalError,
                    $"GitLab raises NoMethodError here: the right side of '{BinaryNode.OperatorText(node.Op)}' is a boolean, not a string or regular expression",
                    node.Offset);
        }

        bool found;
        if (regex is null)
        {
            found = substringHaystack!.Contains(text, StringComparison.Ordinal);
        }
        else
        {
            try
            {
                found = regex.IsMatch(text, timeout);
            }
            catch (RegexMatchTimeoutException e)
            {
                throw new ExpressionTimeoutException(expressionText, regex.Source, timeout, e);
            }
        }
        return negated ? !found : found;
    }

    private GitLabRegex? BuildAndEvaluate(string data, BinaryNode node)
    {
        // Pattern#initialize: regexp.gsub(%r{\\/}, '/'), then RubySyntax.fabricate!
        var compiled = GitLabRegex.Fabricate(data.Replace("\\/", "/", StringComparison.Ordinal));
        return compiled.Status switch
        {
            Re2Status.Valid => compiled.Regex,
            Re2Status.Invalid => null,
            _ => throw new EvaluationAbort(ExpressionEvaluationFailure.Unsupported,
                $"the right side of '{BinaryNode.OperatorText(node.Op)}' holds {Describe(data)}: {compiled.Error}", node.Offset),
        };
    }

    private static string Describe(string data) => data.Length > 60 ? $"'{data[..60]}…'" : $"'{data}'";
}

/// <summary>Renders a tree the way GitLab's lexemes implement <c>inspect</c> (parser_spec.rb uses this format).</summary>
internal static class ExpressionInspector
{
    public static string Inspect(ExprNode root)
    {
        var sb = new StringBuilder();
        var work = new Stack<object>(); // ExprNode or string fragment
        work.Push(root);
        while (work.Count > 0)
        {
            switch (work.Pop())
            {
                case string s:
                    sb.Append(s);
                    break;
                case VariableNode v:
                    sb.Append('$').Append(v.Name);
                    break;
                case StringNode s:
                    sb.Append(RubyStringInspect(s.Value));
                    break;
                case NullNode:
                    sb.Append("null");
                    break;
                case BooleanNode b:
                    sb.Append(b.Value ? "true" : "false");
                    break;
                case PatternNode p:
                    // pattern.rb: "/#{value}/", where value is the whole token (slashes and flags included).
                    sb.Append('/').Append(p.Value).Append('/');
                    break;
                case BinaryNode bin:
                    sb.Append(BinaryNode.RubyName(bin.Op)).Append('(');
                    work.Push(")");
                    work.Push(bin.Right);
                    work.Push(", ");
                    work.Push(bin.Left);
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>Ruby's String#inspect for the characters that matter here.</summary>
    public static string RubyStringInspect(string value)
    {
        var sb = new StringBuilder("\"");
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                case '\f': sb.Append("\\f"); break;
                case '\v': sb.Append("\\v"); break;
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\u001B': sb.Append("\\e"); break;
                case '#' when i + 1 < value.Length && value[i + 1] is '{' or '$' or '@':
                    sb.Append("\\#");
                    break;
                default:
                    if (c < 0x20 || c == 0x7F) sb.Append("\\u").Append(((int)c).ToString("X4"));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }
}
