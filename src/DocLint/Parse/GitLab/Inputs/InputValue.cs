using System.Globalization;
using DocLint.Parse.Yaml;

namespace DocLint.Parse.GitLab.Inputs;

public enum InputType { String, Boolean, Number, Array }

/// <summary>A value given to (or defaulted for) a <c>spec:inputs</c> input.</summary>
public sealed record InputValue(InputType Type, string Text, YNode? Node = null)
{
    public static InputValue Of(string s) => new(InputType.String, s);
    public static InputValue Of(bool b) => new(InputType.Boolean, b ? "true" : "false");
    public static InputValue Of(double d) => new(InputType.Number, d.ToString(CultureInfo.InvariantCulture));

    /// <summary>The value as JSON-ish text for reports: strings as is, booleans and numbers as literals.</summary>
    public override string ToString() => Text;
}
