using System.Globalization;
using DocLint.Parse.Yaml;

namespace DocLint.Parse.GitLab.Inputs;

public enum InputType { String, Boolean, Number, Array }

/// <summary>A value given to (or defaulted for) a <c>spec:inputs</c> input.</summary>
/// <remarks>
/// <see cref="Text"/> is the value as text: a string as is, <c>true</c>/<c>false</c>, a number as Ruby prints it, an
/// array as JSON (the way GitLab takes array inputs from the UI and the API). <see cref="Node"/> is the YAML node the
/// value was written as (an <c>include:inputs</c> entry or a <c>default</c>), when there is one; for an array it is the
/// sequence.
/// </remarks>
public sealed record InputValue(InputType Type, string Text, YNode? Node = null)
{
    public static InputValue Of(string s) => new(InputType.String, s);
    public static InputValue Of(bool b) => new(InputType.Boolean, b ? "true" : "false");
    public static InputValue Of(double d) => new(InputType.Number, d.ToString(CultureInfo.InvariantCulture));
    public static InputValue Of(long n) => new(InputType.Number, n.ToString(CultureInfo.InvariantCulture));

    /// <summary>An array input of strings.</summary>
    public static InputValue OfArray(params string[] items) =>
        new(InputType.Array, RValues.ToJson(new RArray(items.Select(i => (RValue)new RStr(i)).ToArray())));

    /// <summary>An array input given as JSON text (as the Run pipeline form and the API take it).</summary>
    public static InputValue OfJson(string json) => new(InputType.Array, json);

    /// <summary>
    /// A value written in YAML (an <c>include:inputs</c> entry), typed the way Psych loads it: plain <c>true</c> is a
    /// boolean, plain <c>42</c> a number, a sequence an array, anything quoted a string.
    /// </summary>
    public static InputValue FromNode(YNode node, YScalar? key = null)
    {
        // Too large to convert: left to InputInterpolator.Resolve, which reports it.
        if (node.ExpandedSize > RValues.MaxValueNodes)
            return new InputValue(node is YSequence ? InputType.Array : InputType.String, "", node) { KeyNode = key };
        var v = RValues.FromYaml(node);
        return From(v, node) with { KeyNode = key };
    }

    internal static InputValue From(RValue v, YNode? node) => v switch
    {
        RBool or RInt or RFloat => new InputValue(v is RBool ? InputType.Boolean : InputType.Number, v.ToS(), node) { Value = v },
        RArray => new InputValue(InputType.Array, RValues.ToJson(v), node) { Value = v },
        _ => new InputValue(InputType.String, v.ToS(), node) { Value = v },
    };

    /// <summary>The key the value was given under (<c>include:inputs:NAME</c>), for findings about it.</summary>
    public YScalar? KeyNode { get; init; }

    /// <summary>True when the value is a YAML null: GitLab treats such an input as not given (<c>param.nil?</c>).</summary>
    public bool IsNull => Value is RNull || (Value is null && Node is YScalar s && RValues.FromScalar(s) is RNull);

    /// <summary>The value as Ruby sees it, when known (set for values read from YAML and for resolved values).</summary>
    internal RValue? Value { get; init; }

    /// <summary>The value as Ruby sees it: from <see cref="Value"/>, else the node, else <see cref="Type"/> and <see cref="Text"/>.</summary>
    internal RValue ToRValue()
    {
        if (Value is not null) return Value;
        if (Node is not null) return RValues.FromYaml(Node);
        return Type switch
        {
            InputType.Boolean => Text.Trim().ToLowerInvariant() switch
            {
                "true" => new RBool(true),
                "false" => new RBool(false),
                _ => new RStr(Text),
            },
            InputType.Number => RValues.TryParseJson(Text) is { IsNumeric: true } n ? n : new RStr(Text),
            InputType.Array => RValues.TryParseJson(Text) is RArray a ? a : new RStr(Text),
            _ => new RStr(Text),
        };
    }

    /// <summary>The value as JSON-ish text for reports: strings as is, booleans and numbers as literals.</summary>
    public override string ToString() => Text;
}
