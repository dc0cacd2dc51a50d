using System.Collections.Concurrent;
using DocLint.Findings;
using DocLint.Parse.GitLab;
using DocLint.Parse.GitLab.Expressions;
using DocLint.Parse.Yaml;

namespace DocLint.Evaluate;

/// <summary>The outcome of a <c>rules:</c> list: the first rule that matched, if any.</summary>
public sealed record RuleMatch(YMapping? Rule, string When, IReadOnlyList<CiVariable> Variables)
{
    public bool Matched => Rule != null;
}

/// <summary>
/// Evaluates GitLab <c>rules:</c> lists (job, workflow and include rules): first match wins; <c>if</c> uses the
/// full expression language; <c>changes</c> is always true (DocLint has no diff); <c>exists</c> looks at the
/// repository's files. Expressions are parsed once and cached; a parse error is a <c>ci-parse</c> finding at the
/// <c>if:</c> and the rule never matches.
/// </summary>
public sealed class RuleMatcher
{
    private readonly ConcurrentDictionary<string, (RuleExpression? Expr, ExpressionError? Error)> _parsed = new(StringComparer.Ordinal);
    private readonly Func<string, bool> _exists;
    private readonly TimeSpan _regexTimeout;
    private readonly TimeSpan _regexBudget;
    private long _spentTicks;
    private readonly ConcurrentDictionary<string, Finding> _timedOut = new(StringComparer.Ordinal);

    /// <param name="regexTimeout">Limit for each regular-expression match.</param>
    /// <param name="regexBudget">Limit for all expression evaluation (with its regex matches) of this matcher, one run, together; once it is spent,
    /// an expression that needs a regular expression is not evaluated (a finding) and does not match.</param>
    public RuleMatcher(Func<string, bool> exists, TimeSpan regexTimeout, TimeSpan? regexBudget = null)
    {
        _exists = exists;
        _regexTimeout = regexTimeout;
        _regexBudget = regexBudget ?? Load.Limits.Default.RegexBudget;
    }

    private TimeSpan Remaining => _regexBudget - TimeSpan.FromTicks(Interlocked.Read(ref _spentTicks));

    /// <summary>The per-match timeout, shortened to what is left of the budget (at least one millisecond).</summary>
    private TimeSpan NextTimeout => Remaining < _regexTimeout ? TimeSpan.FromMilliseconds(Math.Max(1, Remaining.TotalMilliseconds)) : _regexTimeout;

    private T Timed<T>(Func<T> work)
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        try { return work(); }
        finally { Interlocked.Add(ref _spentTicks, System.Diagnostics.Stopwatch.GetElapsedTime(start).Ticks); }
    }

    public (RuleExpression? Expr, ExpressionError? Error) Parse(string text) =>
        _parsed.GetOrAdd(text, t =>
        {
            if (!RuleExpression.TryParse(t, RuleExpressionOptions.Default with { ValidationRegexTimeout = NextTimeout }, out var e, out var err))
                return (null, err);
            Interlocked.Add(ref _spentTicks, e!.ValidationTime.Ticks);
            return (e, null);
        });

    /// <summary>Evaluates one <c>if:</c> node; reports parse errors and regex timeouts into <paramref name="findings"/>.</summary>
    public bool EvaluateIf(YNode ifNode, IVariableScope scope, ICollection<Finding> findings)
    {
        if (ifNode is not YScalar s)
        {
            findings.Add(new Finding(CiFile.ParseRule, Severity.Error, "rules:if must be a string expression", ifNode.Span, "if-type"));
            return false;
        }
        var (expr, error) = Parse(s.Value);
        if (expr == null)
        {
            var col = s.Start.Column + (s.Style is ScalarStyle.Plain ? 0 : 1) + Math.Max(0, error!.Offset);
            var span = s.Start.Line > 0 && s.End.Line == s.Start.Line && !s.Value.Contains('\n')
                ? new SourceSpan(s.File, s.Start.Line, col, s.Start.Line, col)
                : s.Span;
            findings.Add(new Finding(CiFile.ParseRule, Severity.Error,
                $"GitLab rejects this rules:if expression `{Shorten(s.Value)}`: {error!.Message}", span, $"if:{s.Value}"));
            return false;
        }
        if (_timedOut.TryGetValue(s.Value, out var earlier))
        {
            findings.Add(earlier with { Span = s.Span });
            return false;
        }
        if (Remaining <= TimeSpan.Zero && (s.Value.Contains("=~", StringComparison.Ordinal) || s.Value.Contains("!~", StringComparison.Ordinal)))
        {
            findings.Add(new Finding(CiFile.ParseRule, Severity.Error,
                $"rules:if `{Shorten(s.Value)}` was not evaluated: the regular expressions of this run took more than {_regexBudget.TotalSeconds:0.#} s in all (a hostile pattern?), so DocLint evaluates no more of them",
                s.Span, $"if-budget:{s.Value}"));
            return false;
        }
        try
        {
            var timeout = NextTimeout;
            return Timed(() => expr.Evaluate(scope, timeout));
        }
        catch (ExpressionTimeoutException e)
        {
            // Once timed out, never again: the same hostile pattern would cost the same time in every scenario.
            var finding = new Finding(CiFile.ParseRule, Severity.Error,
                $"rules:if `{Shorten(s.Value)}` was not evaluated: its regular expression did not finish within {e.Timeout.TotalMilliseconds:0} ms (DocLint's limit per match; GitLab's RE2 runs in linear time, so the pattern is most likely hostile)",
                s.Span, $"if-timeout:{s.Value}");
            _timedOut.TryAdd(s.Value, finding);
            findings.Add(finding);
            return false;
        }
        catch (ExpressionEvaluationException e)
        {
            // GitLab itself raises for these values: pipeline creation fails.
            findings.Add(new Finding(CiFile.ParseRule, Severity.Error,
                $"rules:if `{Shorten(s.Value)}` cannot be evaluated: {e.Message}", s.Span, $"if-eval:{s.Value}"));
            return false;
        }
    }

    /// <summary>First-match evaluation of a rules list. <paramref name="defaultWhen"/> is the job's own <c>when</c>.</summary>
    public RuleMatch Match(YNode? rules, IVariableScope scope, string defaultWhen, ICollection<Finding> findings)
    {
        foreach (var item in YTree.Flatten(rules))
        {
            if (item is not YMapping rule)
            {
                findings.Add(new Finding(CiFile.ParseRule, Severity.Error, "each rules: entry must be a mapping (if:, when:, ...)", item.Span, "rule-type"));
                continue;
            }
            if (rule["if"] is { } ifNode && !EvaluateIf(ifNode, scope, findings)) continue;
            if (rule["exists"] is { } exists && !ExistsMatches(exists)) continue;
            var when = YTree.Text(rule["when"]) ?? defaultWhen;
            return new RuleMatch(rule, when, CiVariables.Read(rule["variables"]));
        }
        return new RuleMatch(null, "never", Array.Empty<CiVariable>());
    }

    private bool ExistsMatches(YNode exists)
    {
        var node = exists is YMapping m ? m["paths"] : exists;
        var patterns = node is YSequence seq ? seq.Items.Select(YTree.Text) : new[] { YTree.Text(node) };
        return patterns.Any(p => p != null && _exists(p));
    }

    internal static string Shorten(string s) => s.Length <= 120 ? s.ReplaceLineEndings(" ") : s[..117].ReplaceLineEndings(" ") + "...";
}
