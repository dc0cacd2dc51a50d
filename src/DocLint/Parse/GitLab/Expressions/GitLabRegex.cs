using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace DocLint.Parse.GitLab.Expressions;

/// <summary>
/// Model of <c>Gitlab::UntrustedRegexp</c> as built by <c>Gitlab::UntrustedRegexp::RubySyntax.fabricate!</c>: an RE2
/// regex, matched here by <see cref="Re2Program"/>, a Pike VM over the parsed RE2 tree (linear time, like RE2), or, for
/// a regex too large for it, .NET's linear-time <c>NonBacktracking</c> engine.
/// </summary>
internal sealed class GitLabRegex
{
    private static readonly RegexOptions DotNetOptions =
        RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.Multiline;

    private static readonly RegexOptions BacktrackingOptions = DotNetOptions & ~RegexOptions.NonBacktracking;

    private static readonly BoundedCache<string, Compilation> Compilations = new(1024);
    private static readonly BoundedCache<(string Pattern, long Ticks), Regex> Instances = new(512);

    /// <summary>
    /// RubySyntax::PATTERN = <c>%r{^/(?&lt;regexp&gt;.*)/(?&lt;flags&gt;[ismU]*)$}</c>. Ruby's <c>^</c>/<c>$</c> are line anchors
    /// and <c>.</c> stops at <c>\n</c>; .NET with <c>Multiline</c> behaves the same (leftmost match, greedy <c>.*</c>).
    /// </summary>
    private static readonly Regex RubySyntaxPattern = new(@"^/(?<regexp>.*)/(?<flags>[ismU]*)$",
        RegexOptions.Multiline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(10));

    private GitLabRegex(string source, string dotNetPattern, bool neverMatches, bool matchesEmpty, AstralMap? astral, Re2Program? program)
    {
        _program = program;
        Source = source;
        DotNetPattern = dotNetPattern;
        NeverMatches = neverMatches;
        _matchesEmpty = matchesEmpty;
        _astral = astral;
    }

    private readonly bool _matchesEmpty;
    private readonly AstralMap? _astral;
    /// <summary>The Pike VM that matches, when the program is small enough (nearly always); else .NET's engines.</summary>
    private readonly Re2Program? _program;

    /// <summary>Whether matching runs on DocLint's own RE2 program (<see cref="Re2Program"/>).</summary>
    internal bool UsesProgram => _program != null;

    /// <summary>What GitLab hands to RE2: the body, prefixed with <c>(?flags)</c> when flags are present.</summary>
    public string Source { get; }

    public string DotNetPattern { get; }

    /// <summary>Whether matching runs on the linear-time NonBacktracking engine (rather than the fallback for huge automata).</summary>
    public bool UsesNonBacktracking => (GetInstance(DotNetPattern, Regex.InfiniteMatchTimeout).Options & RegexOptions.NonBacktracking) != 0;

    /// <summary>
    /// <c>UntrustedRegexp#scan</c> uses <c>RE2::Regexp.new('(' + source + ')')</c> when the regex has no capture group. If that
    /// wrapped pattern is invalid (only possible with an unterminated <c>\Q</c>), every scan comes back empty.
    /// </summary>
    public bool NeverMatches { get; }

    internal sealed record Compilation(Re2Status Status, string? Error, GitLabRegex? Regex);

    /// <summary><c>RubySyntax.fabricate!</c>: parse <c>/body/flags</c> (after GitLab's <c>\/</c> → <c>/</c> substitution, done by the caller).</summary>
    public static Compilation Fabricate(string value)
    {
        Match m;
        try
        {
            m = RubySyntaxPattern.Match(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return new Compilation(Re2Status.Unsupported, "value too large to inspect", null);
        }
        if (!m.Success) return new Compilation(Re2Status.Invalid, "not a regular expression enclosed in /", null);
        var flags = m.Groups["flags"].Value;
        var body = m.Groups["regexp"].Value;
        return Compile(flags.Length > 0 ? $"(?{flags}){body}" : body);
    }

    /// <summary>Compiles an RE2 source (cached, thread-safe).</summary>
    public static Compilation Compile(string re2Source) => Compilations.GetOrAdd(re2Source, CompileUncached);

    private static Compilation CompileUncached(string source)
    {
        var parsed = Re2Parser.Parse(source);
        if (parsed.Status != Re2Status.Valid) return new Compilation(parsed.Status, parsed.Error, null);

        bool neverMatches = parsed.CaptureCount == 0 && Re2Parser.Parse("(" + source + ")").Status != Re2Status.Valid;
        string pattern;
        AstralMap? astral;
        try
        {
            pattern = Re2ToDotNet.Emit(parsed.Root!, out astral);
            // Make sure .NET reads the translation (the cheap backtracking parser; the matcher is built on first use).
            _ = new Regex(pattern, BacktrackingOptions);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or InvalidOperationException or InsufficientExecutionStackException)
        {
            return new Compilation(Re2Status.Unsupported, $"DocLint cannot evaluate this regular expression: {e.Message}", null);
        }
        return new Compilation(Re2Status.Valid, null, new GitLabRegex(source, pattern, neverMatches, Re2ToDotNet.MatchesEmptyText(parsed.Root!), astral,
            Re2Program.TryCompile(parsed.Root!)));
    }

    private static Regex GetInstance(string pattern, TimeSpan timeout) =>
        Instances.GetOrAdd((pattern, timeout.Ticks), k => Construct(k.Pattern, TimeSpan.FromTicks(k.Ticks)));

    private static Regex Construct(string pattern, TimeSpan timeout)
    {
        try
        {
            return new Regex(pattern, DotNetOptions, timeout);
        }
        catch (NotSupportedException)
        {
            // NonBacktracking refuses automata above 10,000 nodes (e.g. ((a|b)(c|d)...(s|t)){1000}). The translation only uses regular
            // constructs, so the backtracking engine gives the same match/no-match answer; only its worst-case time
            // differs, which the caller's timeout bounds.
            return new Regex(pattern, BacktrackingOptions, timeout);
        }
    }

    /// <summary><c>regexp.scan(text).present?</c>: is there at least one match anywhere in <paramref name="text"/>?
    /// Matched by <see cref="Re2Program"/> (linear, RE2 semantics); a regex too large for it goes to .NET.</summary>
    /// <exception cref="RegexMatchTimeoutException">the match took longer than <paramref name="timeout"/>.</exception>
    public bool IsMatch(string text, TimeSpan timeout)
    {
        if (NeverMatches) return false;
        // Unset variables are "" (nil.to_s); GitLab's validation also evaluates with no variables. No engine needed for that.
        if (text.Length == 0) return _matchesEmpty;
        if (_program != null) return _program.IsMatch(text, timeout);
        return IsMatchWithDotNet(text, timeout);
    }

    /// <summary>The same question answered by .NET's engine on <see cref="DotNetPattern"/> (the fallback; tests compare both).</summary>
    internal bool IsMatchWithDotNet(string text, TimeSpan timeout)
    {
        if (NeverMatches) return false;
        if (text.Length == 0) return _matchesEmpty;
        return GetInstance(DotNetPattern, timeout).IsMatch(AstralMap.Transform(text, _astral));
    }
}

/// <summary>A small thread-safe cache that forgets everything when it grows past its capacity.</summary>
internal sealed class BoundedCache<TKey, TValue>(int capacity) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _items = new();

    public int Count => _items.Count;

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> factory)
    {
        if (_items.TryGetValue(key, out var v)) return v;
        var value = factory(key);
        if (_items.Count >= capacity) _items.Clear();
        return _items.GetOrAdd(key, value);
    }
}
