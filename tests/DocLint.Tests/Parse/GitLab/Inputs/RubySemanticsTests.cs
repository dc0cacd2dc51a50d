using System.Numerics;
using DocLint.Parse.GitLab.Expressions;
using DocLint.Parse.GitLab.Inputs;
using DocLint.Parse.Yaml;

namespace DocLint.Tests.Parse.GitLab.Inputs;

/// <summary>The Ruby and Psych behaviours GitLab's interpolation output depends on.</summary>
public class RubySemanticsTests
{
    [Theory]
    [InlineData("", "nil")]
    [InlineData("~", "nil")]
    [InlineData("null", "nil")]
    [InlineData("NuLl", "nil")]
    [InlineData("true", "true")]
    [InlineData("Yes", "true")]
    [InlineData("ON", "true")]
    [InlineData("off", "false")]
    [InlineData("n", "\"n\"")]
    [InlineData("y", "\"y\"")]
    [InlineData("42", "42")]
    [InlineData("-17", "-17")]
    [InlineData("1_000", "1000")]
    [InlineData("0x1F", "31")]
    [InlineData("017", "15")]
    [InlineData("0b101", "5")]
    [InlineData("08", "\"08\"")]
    [InlineData("1:30", "5400")]      // Psych multiplies by 60 ** (e - 2).abs, assuming h:m:s
    [InlineData("1:02:03", "3723")]
    [InlineData("1.5", "1.5")]
    [InlineData("1.", "1.0")]
    [InlineData(".5", "0.5")]
    [InlineData("1.0e+3", "1000.0")]
    [InlineData("1e3", "\"1e3\"")]           // Psych's float pattern needs a dot
    [InlineData(".inf", "Infinity")]
    [InlineData("-.inf", "-Infinity")]
    [InlineData("2024-01-31", "2024-01-31")]
    [InlineData("foo", "\"foo\"")]
    [InlineData("truely", "\"truely\"")]
    [InlineData("$[[ inputs.x ]]", "\"$[[ inputs.x ]]\"")]
    public void Plain_scalars_resolve_as_Psych_does(string plain, string inspect)
    {
        Assert.Equal(inspect, PsychScalar.Tokenize(plain).Inspect());
    }

    [Fact]
    public void Quoted_and_block_scalars_are_strings()
    {
        var doc = (YMapping)YamlLoader.Load("x.yml", "a: 'true'\nb: \"42\"\nc: |\n  yes\nd: !!str 7\n").Documents[0];
        foreach (var k in new[] { "a", "b", "c", "d" })
            Assert.IsType<RStr>(RValues.FromYaml(doc[k]!));
    }

    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(0.0, "0.0")]
    [InlineData(100.0, "100.0")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1e16, "1.0e+16")]
    [InlineData(1234567890123456.0, "1234567890123456.0")]
    [InlineData(123456789012345.6, "123456789012345.6")]
    [InlineData(1e20, "1.0e+20")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1.0e-05")]
    [InlineData(1.5e-7, "1.5e-07")]
    [InlineData(0.1, "0.1")]
    [InlineData(double.NaN, "NaN")]
    public void Floats_print_as_Ruby_Float_to_s(double value, string expected)
    {
        Assert.Equal(expected, RubyText.FloatToS(value));
    }

    [Fact]
    public void Ruby_float_boundaries_between_fixed_and_exponent_notation()
    {
        // Ruby prints fixed notation while the decimal exponent is < 16 (decpt <= DBL_DIG + 1).
        Assert.Equal("100000000000000.0", RubyText.FloatToS(1e14));
        Assert.Equal("1.0e+16", RubyText.FloatToS(1e16));
        Assert.Equal("0.001", RubyText.FloatToS(0.001));
    }

    [Fact]
    public void Arrays_and_strings_inspect_as_Ruby_3_3()
    {
        var v = new RArray([new RStr("a\"b\\c\n"), new RInt(new BigInteger(3)), new RBool(false), RValue.Null, new RFloat(2),
            new RStr("#{x} #$y #z \u0001"), new RHash([new(new RStr("k"), new RInt(1))])]);
        Assert.Equal("[\"a\\\"b\\\\c\\n\", 3, false, nil, 2.0, \"\\#{x} \\#$y #z \\u0001\", {\"k\"=>1}]", v.ToS());
    }

    [Theory]
    [InlineData("a", "a", "[X]", "[X]")]
    [InlineData("aXa", "X", @"\0\0", "aXXa")]
    [InlineData("aXa", "X", @"\&", "aXa")]
    [InlineData("aXb", "X", @"[\`]", "a[a]b")]
    [InlineData("aXb", "X", @"[\']", "a[b]b")]
    [InlineData("aXb", "X", @"\\", @"a\b")]
    [InlineData("aXb", "X", @"\1\k<n>\q", @"a\k<n>\qb")]
    [InlineData("aXbX", "X", @"\'", "abXb")] // the post-match of each occurrence, in the original string
    [InlineData("aXb", "X", @"end\", @"aend\b")]
    public void Gsub_expands_backreferences_in_a_string_replacement(string source, string pattern, string replacement, string expected)
    {
        Assert.Equal(expected, RubyText.GsubLiteral(source, pattern, replacement, 1000));
    }

    [Fact]
    public void Gsub_stops_at_the_size_limit()
    {
        Assert.Null(RubyText.GsubLiteral("XXXX", "X", "0123456789", 20));
        Assert.Equal("0123456789", RubyText.GsubLiteral("X", "X", "0123456789", 20));
    }

    [Fact]
    public void Split_follows_Ruby()
    {
        Assert.Equal(["a", "b", ""], RubyText.Split("a.b.", '.', 5));
        Assert.Equal(["a", "b.c.d.e.f"[..1], "c", "d", "e.f"], RubyText.Split("a.b.c.d.e.f", '.', 5));
        Assert.Empty(RubyText.Split("", '.', 5));
        Assert.Equal(["a", "", "b"], RubyText.Split("a||b||", '|'));
        Assert.Empty(RubyText.Split("||", '|'));
    }

    [Fact]
    public void Json_coercion_follows_Oj()
    {
        Assert.Equal(new RInt(42), RValues.TryParseJson(" 42 "));
        Assert.Equal(new RFloat(1000), RValues.TryParseJson("1e3"));
        Assert.IsType<RInt>(RValues.TryParseJson("123456789012345678901234567890"));
        Assert.Null(RValues.TryParseJson("01"));
        Assert.Null(RValues.TryParseJson("True"));
        Assert.Null(RValues.TryParseJson("[\"a\", nil]"));
        Assert.Equal("[\"a\", 1]", RValues.TryParseJson("[\"a\",1]")!.Inspect());
    }

    [Fact]
    public void Numbers_compare_across_integer_and_float()
    {
        Assert.True(RValues.RubyEquals(new RInt(2), new RFloat(2.0)));
        Assert.False(RValues.RubyEquals(new RInt(2), new RStr("2")));
        Assert.True(InputSemantics.InOptions(InputType.String, new RStr("2"), [new RInt(2)]));
        Assert.False(InputSemantics.InOptions(InputType.Number, new RStr("2"), [new RInt(2)]));
    }
}

public class InterpolationFunctionTests
{
    private static RValue Run(string expression, RValue input, IVariableScope? scope = null)
    {
        var fn = InterpolationFunction.Match(expression);
        Assert.NotNull(fn);
        var result = fn.Execute(input, scope ?? DictionaryScope.Empty, out var error);
        Assert.Null(error);
        return result!;
    }

    [Theory]
    [InlineData("truncate(3,5)", "0123456789", "34567")]
    [InlineData("truncate( 3 , 5 )", "0123456789", "34567")]
    [InlineData("truncate(0,0)", "abc", "")]
    [InlineData("truncate(3,1)", "abc", "")]   // offset == size: ""
    [InlineData("truncate(4,1)", "abc", "")]   // offset > size: nil.to_s
    [InlineData("truncate(1,99999999999999999999)", "abc", "bc")]
    [InlineData("truncate(1,2)", "a😀b", "😀b")] // characters, not UTF-16 units
    public void Truncate(string expression, string input, string expected)
    {
        Assert.Equal(expected, Run(expression, new RStr(input)).ToS());
    }

    [Theory]
    [InlineData("String with \" and ' and  blanks", "String\\ with\\ \\\"\\ and\\ \\'\\ and\\ \\ blanks")]
    [InlineData("file.txt; rm -rf /", "file.txt\\;\\ rm\\ -rf\\ /")]
    [InlineData("file_$(whoami).txt", "file_\\$\\(whoami\\).txt")]
    [InlineData("file.txt\nwget x", "file.txt'\n'wget\\ x")]
    [InlineData("", "''")]
    [InlineData("a,b:c+d/e@f", "a,b:c+d/e@f")]
    [InlineData("é😀", "\\é\\😀")]
    public void Posix_escape_is_Shellwords_shellescape(string input, string expected)
    {
        Assert.Equal(expected, Run("posix_escape", new RStr(input)).ToS());
    }

    [Fact]
    public void Expand_vars_replaces_defined_variables_once()
    {
        var scope = new DictionaryScope(new Dictionary<string, string> { ["A"] = "1", ["B_2"] = "$A", ["W"] = "w" });
        Assert.Equal("1 $A 1w %W 1-w ${ $ %", Run("expand_vars", new RStr("$A $B_2 ${A}w %W $A-%W% ${ $ %"), scope).ToS());
    }

    [Fact]
    public void Split_strips_and_drops_empty_parts()
    {
        Assert.Equal("[\"a\", \"b c\", \"d\"]", Run("split(',')", new RStr(" a ,b c,, d,")).ToS());
        Assert.Equal("[\"a\", \"b\"]", Run("split(' ')", new RStr(" a \t b ")).ToS());
    }

    [Theory]
    [InlineData("truncate")]
    [InlineData("truncate()")]
    [InlineData("truncate(1,2,3)")]
    [InlineData("Truncate(1,2)")]
    [InlineData("expand_vars()")]
    [InlineData("posix_escape(1)")]
    [InlineData("split(\",\")")]
    [InlineData("")]
    public void Unknown_function_expressions(string expression)
    {
        Assert.Null(InterpolationFunction.Match(expression));
    }

    [Fact]
    public void Functions_refuse_non_strings()
    {
        foreach (var expr in new[] { "truncate(0,1)", "expand_vars", "posix_escape", "split(',')" })
        {
            var fn = InterpolationFunction.Match(expr)!;
            Assert.Null(fn.Execute(new RBool(true), DictionaryScope.Empty, out var error));
            Assert.Contains("can only be used with string inputs", error);
        }
    }
}
