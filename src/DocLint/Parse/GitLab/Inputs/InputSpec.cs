using System.Text.RegularExpressions;
using DocLint.Parse.Yaml;

namespace DocLint.Parse.GitLab.Inputs;

/// <summary>One input declared under <c>spec:inputs</c>.</summary>
/// <param name="Name">The input's name (the key under <c>spec:inputs</c>).</param>
/// <param name="Type">The declared <c>type</c> (<c>string</c> when absent).</param>
/// <param name="Default">The <c>default</c> node; null when the input has none, i.e. it is mandatory. A written
/// <c>default:</c> with no value is a null scalar, not null: GitLab then treats the input as optional.</param>
/// <param name="Options">The <c>options</c> items, or null.</param>
/// <param name="Regex">The <c>regex</c> text, or null.</param>
/// <param name="Description">The <c>description</c>, or null.</param>
/// <param name="KeyNode">The key naming the input.</param>
/// <param name="Node">The input's mapping; null for the minimal <c>name:</c> form.</param>
public sealed record InputSpec(string Name, InputType Type, YNode? Default, IReadOnlyList<YNode>? Options,
    string? Regex, string? Description, YScalar KeyNode, YMapping? Node)
{
    /// <summary>An input without <c>default</c> (and without a rule giving one) must be given a value.</summary>
    public bool IsMandatory => Default is null && !HasDefaultThroughRules;

    /// <summary>False when the declaration itself is broken (reported by <see cref="InputSpecReader"/>); such an input
    /// is not resolved and references to it are left as written, without further findings.</summary>
    public bool IsValid { get; init; } = true;

    /// <summary>The default, converted to the input's type as GitLab does; null when there is none or it is invalid.</summary>
    public InputValue? DefaultValue { get; init; }

    /// <summary>
    /// Whether the default is one of the options: null when there is no default or no options. GitLab fails the
    /// pipeline when it is false; DocLint leaves that finding to the rule that owns option lists.
    /// </summary>
    public bool? DefaultInOptions { get; init; }

    /// <summary>The options as values of the input's type (for generating scenarios), or null.</summary>
    public IReadOnlyList<InputValue>? OptionValues { get; init; }

    /// <summary>The input has <c>rules</c> (GitLab 18.7: conditional options and default), which DocLint does not evaluate.</summary>
    public bool HasRules { get; init; }

    /// <summary>A rule gives a default (a rule with <c>default</c> or without <c>if</c>), so GitLab does not require the input.</summary>
    public bool HasDefaultThroughRules { get; init; }

    internal Regex? CompiledRegex { get; init; }
    internal IReadOnlyList<RValue>? OptionRValues { get; init; }
}

/// <summary>The inputs a file declares.</summary>
/// <param name="Inputs">The inputs by name.</param>
/// <param name="Header">The <c>spec:inputs</c> mapping; null when the file declares none or it is not a mapping.</param>
public sealed record InputSpecSet(IReadOnlyDictionary<string, InputSpec> Inputs, YMapping? Header)
{
    /// <summary>A file without a <c>spec:inputs</c> header.</summary>
    public static InputSpecSet None { get; } = new(new Dictionary<string, InputSpec>(), null) { Declared = false };

    /// <summary>True when the file has a <c>spec:inputs</c> header (even an empty or broken one).</summary>
    public bool Declared { get; init; } = true;

    /// <summary>The inputs in the order they are declared.</summary>
    public IReadOnlyList<InputSpec> Ordered
    {
        get => _ordered ??= Inputs.Values.ToArray();
        init => _ordered = value;
    }

    private IReadOnlyList<InputSpec>? _ordered;
}
