using DocLint.Findings;
using DocLint.Load;
using DocLint.Parse.Yaml;
using static DocLint.Parse.GitLab.Inputs.InputSemantics;

namespace DocLint.Parse.GitLab.Inputs;

/// <summary>
/// Reads <c>spec:inputs</c> declarations and reports what GitLab rejects in them. Mirrors GitLab's
/// <c>Gitlab::Ci::Config::Header::Input</c> with <c>Entry::BaseInput</c> (allowed keys, <c>type</c> values,
/// <c>description</c>/<c>regex</c>/<c>options</c> types, at most 50 options, no null options, <c>rules</c> exclusive with
/// <c>options</c> and <c>default</c>) and <c>Ci::Inputs::Builder</c>/<c>*Input</c> (default coerced to the type, regex on
/// strings only, options on strings and numbers only).
/// </summary>
public static class InputSpecReader
{
    /// <summary>GitLab's <c>ALLOWED_OPTIONS_LIMIT</c>.</summary>
    public const int MaxOptions = 50;

    /// <summary>"A pipeline can take up to 20 inputs" (GitLab docs, pipeline inputs of the root <c>.gitlab-ci.yml</c>).</summary>
    public const int MaxPipelineInputs = 20;

    /// <summary>The keys an input declaration may have (<c>rules</c> since GitLab 18.7).</summary>
    public static IReadOnlyList<string> AllowedKeys { get; } = ["default", "description", "options", "regex", "type", "rules"];

    private static readonly string AllowedKeysText = "default, description, options, regex, type and rules";

    /// <summary>
    /// Reads the <c>spec</c> header of a file: null when the file has none (it is then not interpolated at all);
    /// a header without <c>inputs</c> declares no inputs, so every <c>$[[ inputs.X ]]</c> in the file is unknown.
    /// </summary>
    public static InputSpecSet ReadSpec(YNode? specNode, ICollection<Finding> findings, bool isPipeline = true, Limits? limits = null)
    {
        if (specNode is null) return InputSpecSet.None;
        var inputs = (specNode as YMapping)?["inputs"];
        return inputs is null
            ? new InputSpecSet(new Dictionary<string, InputSpec>(StringComparer.Ordinal), null)
            : Read(inputs, findings, isPipeline, limits);
    }

    /// <summary>Reads the value of <c>spec:inputs</c>.</summary>
    /// <param name="inputsNode">The value of <c>spec:inputs</c>; null when the file has no such header.</param>
    /// <param name="findings">Receives a <c>ci-parse</c> finding for each problem.</param>
    /// <param name="isPipeline">True for the root pipeline file, whose inputs are pipeline inputs and limited to
    /// <see cref="MaxPipelineInputs"/>; false for included files, which GitLab does not limit that way.</param>
    /// <param name="limits">Resource limits (the regex timeout).</param>
    public static InputSpecSet Read(YNode? inputsNode, ICollection<Finding> findings, bool isPipeline = true, Limits? limits = null)
    {
        limits ??= Limits.Default;
        var empty = new Dictionary<string, InputSpec>(StringComparer.Ordinal);
        if (inputsNode is null) return InputSpecSet.None;
        if (inputsNode is YScalar s && RValues.FromScalar(s) is RNull) return new InputSpecSet(empty, null);
        if (inputsNode is not YMapping map)
        {
            Report(findings, inputsNode,
                $"`spec:inputs` is {RValues.DescribeNode(inputsNode)}; GitLab expects a mapping of input names to their declarations",
                "inputs:header");
            return new InputSpecSet(empty, null);
        }

        var ordered = new List<InputSpec>(map.Count);
        foreach (var entry in map.Entries)
        {
            var spec = ReadOne(entry.Key, entry.Value, findings, limits);
            empty[spec.Name] = spec;
            ordered.Add(spec);
        }
        if (isPipeline && map.Count > MaxPipelineInputs)
        {
            Report(findings, map.Entries[MaxPipelineInputs].Key,
                $"the pipeline declares {map.Count} inputs in `spec:inputs`; GitLab accepts at most {MaxPipelineInputs} pipeline inputs " +
                $"(`{map.Entries[MaxPipelineInputs].Key.Value}` is number {MaxPipelineInputs + 1})",
                "inputs:count");
        }
        return new InputSpecSet(empty, map) { Ordered = ordered };
    }

    private static InputSpec ReadOne(YScalar key, YNode value, ICollection<Finding> findings, Limits limits)
    {
        var name = key.Value;
        if (value is YScalar vs && RValues.FromScalar(vs) is RNull)
            return new InputSpec(name, InputType.String, null, null, null, null, key, null);
        if (value is not YMapping m)
        {
            Report(findings, value,
                $"input `{name}` is declared as {RValues.DescribeNode(value)}; GitLab expects a mapping with {AllowedKeysText} (or nothing)",
                $"input:{name}:declaration");
            return new InputSpec(name, InputType.String, null, null, null, null, key, null) { IsValid = false };
        }

        var valid = true;
        foreach (var e in m.Entries)
        {
            if (!AllowedKeys.Contains(e.Key.Value))
                Report(findings, e.Key, $"input `{name}` has an unknown key `{e.Key.Value}`; GitLab allows only {AllowedKeysText}",
                    $"input:{name}:key:{e.Key.Value}");
        }

        // type
        var type = InputType.String;
        if (m.Entry("type") is { } typeEntry)
        {
            RValue tv = typeEntry.Value is YScalar ts ? RValues.FromScalar(ts) : new RStr(RValues.DescribeNode(typeEntry.Value));
            switch (tv is RNull ? null : tv.ToS())
            {
                case "string": type = InputType.String; break;
                case "number": type = InputType.Number; break;
                case "boolean": type = InputType.Boolean; break;
                case "array": type = InputType.Array; break;
                case var other:
                    Report(findings, typeEntry.Value,
                        other is null
                            ? $"input `{name}` has an empty `type`; GitLab expects one of string, number, boolean, array"
                            : $"input `{name}` has type {RValues.Quote(tv)}; GitLab expects one of string, number, boolean, array",
                        $"input:{name}:type");
                    valid = false;
                    break;
            }
        }

        // description: GitLab's AlphanumericValidator accepts a String, Symbol or Integer (nil allowed)
        string? description = null;
        if (m.Entry("description") is { } descEntry)
        {
            var dv = descEntry.Value is YScalar ds ? RValues.FromScalar(ds) : null;
            if (dv is RStr or RInt or ROther) description = dv.ToS();
            else if (dv is not RNull)
                Report(findings, descEntry.Value,
                    $"input `{name}` has a `description` that is {RValues.DescribeNode(descEntry.Value)}; GitLab requires text",
                    $"input:{name}:description");
        }

        // regex
        string? regex = null;
        System.Text.RegularExpressions.Regex? compiled = null;
        if (m.Entry("regex") is { } regexEntry)
        {
            var rv = regexEntry.Value is YScalar rsc ? RValues.FromScalar(rsc) : null;
            if (rv is RStr rs)
            {
                regex = rs.Value;
                compiled = TryCompileRe2(regex, limits.RegexTimeout, out var error);
                if (compiled is null)
                    Report(findings, regexEntry.Value,
                        $"input `{name}` has a `regex` that is not a valid RE2 regular expression ({error}); GitLab rejects it as an invalid regular expression",
                        $"input:{name}:regex");
            }
            else
            {
                Report(findings, regexEntry.Value,
                    $"input `{name}` has a `regex` that is {RValues.DescribeNode(regexEntry.Value)}; GitLab expects the regular expression as a string (without / delimiters)",
                    $"input:{name}:regex");
            }
            if (type != InputType.String && valid)
            {
                Report(findings, regexEntry.Key,
                    $"input `{name}` is of type {TypeName(type)} and has a `regex`; GitLab allows `regex` only on string inputs",
                    $"input:{name}:regex-type");
                compiled = null;
            }
        }

        // options
        IReadOnlyList<YNode>? options = null;
        List<RValue>? optionValues = null;
        if (m.Entry("options") is { } optEntry)
        {
            if (optEntry.Value is YSequence big && big.ExpandedSize > RValues.MaxValueNodes)
            {
                Report(findings, optEntry.Key,
                    $"the options of input `{name}` expand to {big.ExpandedSize} YAML nodes; DocLint evaluates at most {RValues.MaxValueNodes}",
                    $"input:{name}:options-size");
            }
            else if (optEntry.Value is YSequence seq)
            {
                options = seq.Items;
                optionValues = new List<RValue>(seq.Items.Count);
                if (seq.Items.Count > MaxOptions)
                    Report(findings, optEntry.Key,
                        $"input `{name}` has {seq.Items.Count} options; GitLab allows at most {MaxOptions} options per input",
                        $"input:{name}:options-count");
                var typeOk = type is InputType.String or InputType.Number;
                if (!typeOk && valid)
                    Report(findings, optEntry.Key,
                        $"input `{name}` is of type {TypeName(type)} and has `options`; GitLab allows `options` only on string and number inputs",
                        $"input:{name}:options-type");
                foreach (var item in seq.Items)
                {
                    var ov = RValues.FromYaml(item);
                    if (ov is RNull)
                    {
                        Report(findings, item, $"input `{name}` has an empty (null) option; GitLab rejects null values in `options`",
                            $"input:{name}:options-null");
                        continue;
                    }
                    optionValues.Add(ov);
                    if (!typeOk || !valid) continue;
                    if (type == InputType.Number && !ov.IsNumeric)
                        Report(findings, item,
                            $"option {RValues.Quote(ov)} of number input `{name}` is {RValues.Describe(ov)}; every option must be a number",
                            $"input:{name}:option-type");
                    else if (type == InputType.String && ov is RArray or RHash)
                        Report(findings, item,
                            $"option {RValues.Quote(ov)} of string input `{name}` is {RValues.Describe(ov)}; every option must be a string",
                            $"input:{name}:option-type");
                }
                if (!typeOk) optionValues = null;
            }
            else if (!(optEntry.Value is YScalar os && RValues.FromScalar(os) is RNull))
            {
                Report(findings, optEntry.Value,
                    $"input `{name}` has `options` that are {RValues.DescribeNode(optEntry.Value)}; GitLab expects a list",
                    $"input:{name}:options");
            }
        }

        // rules (GitLab 18.7): not evaluated by DocLint, but they decide whether the input is mandatory
        var hasRules = m.ContainsKey("rules");
        var defaultThroughRules = false;
        if (m.Entry("rules") is { } re)
        {
            foreach (var other in new[] { "options", "default" })
            {
                if (m.ContainsKey(other))
                    Report(findings, re.Key, $"input `{name}` has both `rules` and `{other}`; GitLab does not allow them together (set `{other}` in the rules)",
                        $"input:{name}:rules");
            }
            if (re.Value is YSequence rules)
                defaultThroughRules = rules.Items.Any(r => r is YMapping rm && (rm.ContainsKey("default") || !rm.ContainsKey("if")));
        }

        // default
        var def = m["default"];
        InputValue? defaultValue = null;
        bool? inOptions = null;
        if (def is not null && valid && def.ExpandedSize > RValues.MaxValueNodes)
        {
            Report(findings, def,
                $"the default of input `{name}` expands to {def.ExpandedSize} YAML nodes; DocLint evaluates values of at most {RValues.MaxValueNodes}",
                $"input:{name}:default-size");
        }
        else if (def is not null && valid)
        {
            var raw = RValues.FromYaml(def);
            if (!TryCoerce(type, raw, out var coerced))
            {
                Report(findings, def,
                    $"the default {RValues.Quote(raw)} of input `{name}` is not {Article(type)}; GitLab rejects the pipeline (default value is not {Article(type)})",
                    $"input:{name}:default");
            }
            else
            {
                if (compiled is not null && regex is not null)
                {
                    switch (MatchesRegex(compiled, coerced.ToS()))
                    {
                        case false:
                            Report(findings, def,
                                $"the default {RValues.Quote(coerced)} of input `{name}` does not match its regex `{regex}`; GitLab rejects the pipeline",
                                $"input:{name}:default-regex");
                            break;
                        case null:
                            Report(findings, def,
                                $"the default of input `{name}` could not be checked against its regex `{regex}` within {limits.RegexTimeout.TotalMilliseconds} ms",
                                $"input:{name}:default-regex");
                            break;
                    }
                }
                defaultValue = ToInputValue(type, coerced, def);
                if (optionValues is not null) inOptions = InOptions(type, coerced, optionValues);
            }
        }

        return new InputSpec(name, type, def, options, regex, description, key, m)
        {
            IsValid = valid,
            DefaultValue = defaultValue,
            DefaultInOptions = inOptions,
            HasRules = hasRules,
            HasDefaultThroughRules = defaultThroughRules,
            CompiledRegex = compiled,
            OptionRValues = optionValues,
            OptionValues = optionValues?.Select(o => TryCoerce(type, o, out var c) ? ToInputValue(type, c, null) : InputValue.Of(o.ToS())).ToArray(),
        };
    }
}
