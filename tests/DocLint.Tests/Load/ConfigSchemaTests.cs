using System.Diagnostics;
using DocLint.Load;
using DocLint.Parse.Yaml;
using DocLint.Rules;
using DocLint.Tests.Peers;
using DocLint.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace DocLint.Tests.Load;

/// <summary>
/// The schema files themselves: valid JSON Schemas (NJsonSchema loads them, ajv compiles them as draft-07), complete
/// (every key of CONTRACT §4 described, no key left open), embedded as they are on disk, satisfied by the embedded
/// default; and DocLint's validator (JsonSchema.Net) agrees with NJsonSchema (the oracle, test-only) and with ajv.
/// </summary>
public class ConfigSchemaTests
{
    /// <summary>The rule IDs of CONTRACT §5.</summary>
    private static readonly string[] ContractRuleIds =
    {
        "ci-parse", "input-surface", "action-vocabulary", "project-options", "confirm-gate", "single-routing",
        "fanout-catalogue", "legacy-invoke", "signal-contract", "composition", "docs-action-name", "docs-invocation",
        "docs-generated", "docs-coverage", "train-order", "train-coverage", "playbook-steps", "unused-suppression",
    };

    /// <summary>The keys of CONTRACT §4.</summary>
    private static readonly string[] ContractKeys =
    {
        "ci", "catalogue", "defaultBranch", "inputs", "allSelector", "releaseBranch", "actions", "placeholderActions",
        "obsoleteJobNames", "composition", "docs", "requiredDocs", "playbooks", "rules", "unsuppressible",
        "docsUrl", // issue 13: rule links only to where the user publishes the docs
    };

    private static string SchemaPath(string name) => Path.Combine(RepoPaths.Root, "schema", name);

    private static Task<JsonSchema> Load(string name) => JsonSchema.FromFileAsync(SchemaPath(name));

    private static YNode Yaml(string text)
    {
        var r = YamlLoader.Load(".doclint.yml", text);
        Assert.True(r.Ok, r.Error);
        return r.Documents.Count == 0 ? YMapping.Empty(".doclint.yml") : r.Documents[0];
    }

    [Theory]
    [InlineData(SchemaCheck.ConfigSchemaName)]
    [InlineData(SchemaCheck.CatalogueSchemaName)]
    public async Task Each_schema_is_a_json_schema_nJsonSchema_loads_and_the_library_embeds_unchanged(string name)
    {
        var schema = await Load(name);
        Assert.Equal("http://json-schema.org/draft-07/schema#", schema.SchemaVersion);
        Assert.Equal(JsonObjectType.Object, schema.Type);
        Assert.False(schema.AllowAdditionalProperties);
        var embedded = name == SchemaCheck.ConfigSchemaName ? SchemaCheck.Config : SchemaCheck.Catalogue;
        Assert.Equal(File.ReadAllText(SchemaPath(name)), embedded.Text);
        // Every object in the schema is closed and every property described, so editors can explain each key.
        var open = new List<string>();
        Walk(JObject.Parse(File.ReadAllText(SchemaPath(name))), "#", open);
        Assert.Empty(open);
    }

    private static void Walk(JObject node, string at, List<string> problems)
    {
        if (node["properties"] is JObject props)
        {
            if (node["additionalProperties"]?.Type != JTokenType.Boolean || node.Value<bool>("additionalProperties"))
                problems.Add($"{at}: additionalProperties is not false");
            foreach (var p in props.Properties())
            {
                var child = (JObject)p.Value;
                if (string.IsNullOrWhiteSpace(child.Value<string>("description"))) problems.Add($"{at}/properties/{p.Name}: no description");
                Walk(child, $"{at}/properties/{p.Name}", problems);
            }
        }
        if (node["items"] is JObject items) Walk(items, at + "/items", problems);
        if (node["definitions"] is JObject defs)
            foreach (var d in defs.Properties()) Walk((JObject)d.Value, $"{at}/definitions/{d.Name}", problems);
    }

    /// <summary>
    /// The native build stubs JsonSchema.Net's module initializer and calls it through an UnsafeAccessor
    /// (ILLink.Substitutions.xml); that accessor must bind to the library's internal method, here on the JIT as well
    /// (a renamed method would throw MissingMethodException). HostileConfigTestsNative checks the native side.
    /// </summary>
    [Fact]
    public void JsonSchema_Net_initializer_is_reachable_for_the_native_build()
    {
        JsonSchemaLibrary.EnsureInitialized();
        Assert.NotNull(Json.Schema.MetaSchemas.Draft202012);
        Assert.NotEmpty(SchemaCheck.Catalogue.Validate(Yaml("projects: 1\n")));
    }

    [Fact]
    public async Task The_config_schema_has_exactly_the_contract_keys_and_rule_ids()
    {
        var schema = await Load(SchemaCheck.ConfigSchemaName);
        Assert.Equal(ContractKeys, schema.Properties.Keys);
        var rules = schema.Properties["rules"].ActualSchema;
        Assert.Equal(ContractRuleIds, rules.Properties.Keys);
        Assert.All(rules.Properties.Values, p => Assert.Equal(new object[] { "error", "warning", "info", "off" }, p.ActualSchema.Enumeration));
        Assert.Equal(ContractRuleIds, schema.Properties["unsuppressible"].Item!.ActualSchema.Enumeration.Cast<string>());
        // Every registered rule can be configured.
        Assert.All(RuleSet.All, r => Assert.Contains(r.Descriptor.Id, ContractRuleIds));
        var catalogue = await Load(SchemaCheck.CatalogueSchemaName);
        Assert.Equal(new[] { "projects" }, catalogue.RequiredProperties);
        Assert.Equal(new[] { "name", "path", "dependsOn" }, catalogue.Properties["projects"].Item!.ActualSchema.Properties.Keys);
    }

    [Fact]
    public async Task The_embedded_default_config_satisfies_the_schema()
    {
        var schema = await Load(SchemaCheck.ConfigSchemaName);
        var json = JsonProjection.Json(Yaml(DocLintConfig.DefaultText()));
        Assert.Empty(schema.Validate(json));
        Assert.Empty(SchemaCheck.Config.ValidateStrict(Yaml(DocLintConfig.DefaultText())));
        // The default parsed as a user config is the default.
        var again = DocLintConfig.Parse(".doclint.yml", DocLintConfig.DefaultText());
        Assert.Equal(DocLintConfig.Default.Actions.Select(a => a.Name), again.Actions.Select(a => a.Name));
    }

    /// <summary>The YAML 1.2 core schema's int and float forms (spec §10.3.2).</summary>
    private static readonly System.Text.RegularExpressions.Regex CoreNumber = new(
        @"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$");

    [Fact]
    public void Numbers_are_typed_as_the_yaml_1_2_core_schema_types_them()
    {
        foreach (var yes in new[] { "0", "-12", "+3", "0o17", "0x1F", "1.5", ".5", "5.", "1e3", "-2.5E-3", ".inf", "-.Inf", ".NaN" })
            Assert.True(JsonProjection.IsCoreNumber(yes), yes);
        foreach (var no in new[] { "", "-", ".", "1e", "0x", "0o8", "1_000", "1.2.3", "inf", "+.nan", "e3", "0b1", "12a" })
            Assert.False(JsonProjection.IsCoreNumber(no), no);
        var text = Gen.Elements("0", "1", "7", "8", "9", "a", "F", "x", "o", ".", "-", "+", "e", "E", "inf", "nan", "NaN", "_")
            .ListOf().Select(parts => string.Concat(parts));
        Prop.ForAll(text.ToArbitrary(), v => (JsonProjection.IsCoreNumber(v) == CoreNumber.IsMatch(v)).Label(v))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(3000).WithEndSize(8));
    }

    // ------------------------------------------------------------------ JsonSchema.Net ≡ NJsonSchema ≡ ajv

    private static readonly string[] AnyValue =
    {
        "null", "~", "7", "0x1F", "1.5", "true", "False", "off", "yes", "\"quoted\"", "''", "plain text", "[a, b]", "[1]", "[]",
        "{a: b}", "{}", "[null]", "!!str 12",
    };

    private static readonly Dictionary<string, string[]> ConfigValues = new()
    {
        ["ci"] = new[] { ".gitlab-ci.yml", "ci/root.yml" },
        ["catalogue"] = new[] { "ci", "catalogue.json" },
        ["defaultBranch"] = new[] { "main", "'2026'" },
        ["inputs"] = new[] { "{action: act}", "{project: p, confirm: c}", "{projet: p}", "{action: 1}" },
        ["allSelector"] = new[] { "everything" },
        ["releaseBranch"] = new[] { "release" },
        ["actions"] = new[] { "[{name: a, signal: SIG_A, legacyVariable: INVOKE_A, obsoleteNames: [b]}]", "[{name: a, signal: bad-sig}]", "[{signal: S}]", "[{name: a, obsoleteNames: [b, 3]}]", "[{name: a, extra: 1}]", "[{name: ''}]" },
        ["placeholderActions"] = new[] { "[rollback]", "[rollback, '']" },
        ["obsoleteJobNames"] = new[] { "[\"cut-off:{project}\"]" },
        ["composition"] = new[] { "{allowedIncludes: [a.yml]}", "{retiredFiles: x}", "{allowedIncludes: [], retiredFiles: [b.yml]}", "{other: []}" },
        ["docs"] = new[] { "[\"docs/**/*.md\"]" },
        ["requiredDocs"] = new[] { "[docs/a.md, docs/b.md]" },
        ["playbooks"] = new[] { "[\"train/*.md\"]" },
        ["rules"] = new[] { "{confirm-gate: off}", "{legacy-invoke: warning, composition: info}", "{confirm-gate: fatal}", "{confrm-gate: error}", "{ci-parse: false}" },
        ["unsuppressible"] = new[] { "[confirm-gate]", "[nope]", "[unused-suppression, ci-parse]" },
        ["bogus"] = new[] { "1" },
    };

    private static readonly Dictionary<string, string[]> CatalogueValues = new()
    {
        ["projects"] = new[]
        {
            "[{name: bf-a}]", "[{name: bf-a, path: g/bf-a, dependsOn: [bf-b]}]", "[{name: 1}]", "[{path: g/x}]", "[{name: a, dependsOn: b}]",
            "[{name: a, dependsOn: [1]}]", "[{name: a, owner: me}]", "[{name: a, path: ''}]", "[bf-a]",
        },
        ["owner"] = new[] { "me" },
    };

    private static Gen<string> Documents(Dictionary<string, string[]> values)
    {
        var entry = Gen.Elements(values.Keys.ToArray()).SelectMany(k =>
            Gen.Frequency((3, Gen.Elements(values[k])), (1, Gen.Elements(AnyValue))).Select(v => (k, v)));
        return Gen.Choose(0, 5).SelectMany(n => Gen.ArrayOf(entry, n))
            .Select(es => string.Concat(es.DistinctBy(e => e.k).Select(e => $"{e.k}: {e.v}\n")));
    }

    /// <summary>
    /// The differential oracle: NJsonSchema (test-only) and DocLint's JsonSchema.Net validation get the same generated
    /// documents, valid and broken, and must agree on valid/invalid; an invalid one always has at least one positioned
    /// error inside the document.
    /// </summary>
    private static void OracleAgrees(string schemaName, SchemaCheck check, Dictionary<string, string[]> values)
    {
        var oracle = Load(schemaName).GetAwaiter().GetResult();
        var seen = new bool[2];
        (bool Ok, string Why) Agrees(string text)
        {
            var node = Yaml(text);
            var ours = check.ValidateStrict(node);
            var theirs = oracle.Validate(JsonProjection.Json(node));
            seen[ours.Count == 0 ? 1 : 0] = true;
            var lines = text.Split('\n').Length;
            var placed = ours.All(p => p.Line >= 1 && p.Line <= lines && p.Column >= 1);
            return (ours.Count == 0 == (theirs.Count == 0) && placed,
                $"{text}\nJsonSchema.Net: {string.Join("; ", ours)}\nNJsonSchema: {string.Join("; ", theirs.Select(e => e.Kind + " " + e.Path))}");
        }
        Check.QuickThrowOnFailure(Prop.ForAll(Documents(values).ToArbitrary(), text => Agrees(text) is var (ok, why) ? ok.Label(why) : null!));
        // Every single-key document as well (a random run may draw no valid catalogue: it needs `projects` with a
        // valid list and nothing else), so both verdicts are always compared.
        foreach (var text in SingleKeyDocuments(values))
        {
            var (ok, why) = Agrees(text);
            Assert.True(ok, why);
        }
        Assert.True(seen[0] && seen[1], "the documents must include valid and invalid ones");
    }

    [Fact]
    public void JsonSchemaNet_and_the_nJsonSchema_oracle_agree_on_generated_configs() =>
        OracleAgrees(SchemaCheck.ConfigSchemaName, SchemaCheck.Config, ConfigValues);

    [Fact]
    public void JsonSchemaNet_and_the_nJsonSchema_oracle_agree_on_generated_catalogues() =>
        OracleAgrees(SchemaCheck.CatalogueSchemaName, SchemaCheck.Catalogue, CatalogueValues);

    /// <summary>Every single-key document of the value pools, plus the empty one.</summary>
    private static IEnumerable<string> SingleKeyDocuments(Dictionary<string, string[]> values) =>
        new[] { "{}\n" }.Concat(values.SelectMany(kv => kv.Value.Concat(AnyValue).Select(v => $"{kv.Key}: {v}\n")));

    [Theory]
    [InlineData(SchemaCheck.ConfigSchemaName)]
    [InlineData(SchemaCheck.CatalogueSchemaName)]
    public void Ajv_compiles_the_schema_as_draft_07_and_agrees_with_doclint_on_every_document(string name)
    {
        var node = GitLabCiLocal.NodePath;
        var peers = GitLabCiLocal.PeersDir;
        Assert.True(node != null && peers != null, $"the ajv peer cannot run: {GitLabCiLocal.MissingReason}");
        var ajv = Path.Combine(peers!, "node_modules", "ajv-cli", "dist", "index.js");
        Assert.True(File.Exists(ajv), $"ajv-cli is not installed in {peers}/node_modules (run: npm ci --prefix tests/peers --no-audit --no-fund)");

        var compiled = RunNode(node!, ajv, "compile", "-s", SchemaPath(name), "--spec=draft7", "--strict=true");
        Assert.True(compiled.Code == 0, compiled.Output);

        var check = name == SchemaCheck.ConfigSchemaName ? SchemaCheck.Config : SchemaCheck.Catalogue;
        var docs = SingleKeyDocuments(name == SchemaCheck.ConfigSchemaName ? ConfigValues : CatalogueValues).ToList();
        if (name == SchemaCheck.ConfigSchemaName) docs.Add(DocLintConfig.DefaultText());
        using var dir = new TempRepo();
        var expected = new Dictionary<string, bool>();
        for (var i = 0; i < docs.Count; i++)
        {
            var file = Path.Combine(dir.Root, $"doc{i:D3}.yml");
            File.WriteAllText(file, docs[i]);
            expected[file] = check.Validate(Yaml(docs[i])).Count == 0;
        }
        var run = RunNode(node!, ajv, "validate", "-s", SchemaPath(name), "--spec=draft7", "-d", Path.Combine(dir.Root, "*.yml"));
        var disagreements = new List<string>();
        foreach (var (file, valid) in expected)
        {
            var says = run.Output.Contains($"{file} valid") ? true : run.Output.Contains($"{file} invalid") ? false : (bool?)null;
            if (says != valid) disagreements.Add($"{Path.GetFileName(file)} ({File.ReadAllText(file).Trim()}): DocLint {(valid ? "valid" : "invalid")}, ajv {says?.ToString() ?? "silent"}");
        }
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements) + "\n" + run.Output);
        Assert.Contains(expected.Values, v => v);
        Assert.Contains(expected.Values, v => !v);
    }

    private static (int Code, string Output) RunNode(string node, params string[] args)
    {
        var psi = new ProcessStartInfo(node) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("ajv did not finish in 120 s");
        }
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}
