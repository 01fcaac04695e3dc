using System.Text.Json;
using Json.Schema;

namespace GoBootCheck.Tests.TestSupport;

/// <summary>
/// Validates SARIF logs against the vendored OASIS SARIF 2.1.0 schema (TestData/Sarif, see its README) with
/// JsonSchema.Net. Every test that writes a SARIF log reads it back through <see cref="Parse"/>.
/// </summary>
public static class SarifSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(Load);

    /// <summary>Asserts that <paramref name="log"/> is valid SARIF 2.1.0 and returns it parsed.</summary>
    public static JsonElement Parse(byte[] log)
    {
        using var document = JsonDocument.Parse(log);
        AssertValid(document.RootElement);
        return document.RootElement.Clone();
    }

    /// <summary>Reads the file at <paramref name="path"/>, asserts it is valid SARIF 2.1.0 and returns it parsed.</summary>
    public static JsonElement ParseFile(string path) => Parse(File.ReadAllBytes(path));

    /// <summary>Fails with every schema violation (instance location and message) if <paramref name="log"/> is not valid.</summary>
    public static void AssertValid(JsonElement log)
    {
        var results = Schema.Value.Evaluate(log, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (results.IsValid) return;
        var errors = (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .Distinct()
            .Take(20);
        Assert.Fail("the SARIF log does not validate against the SARIF 2.1.0 schema:\n" + string.Join('\n', errors));
    }

    private static JsonSchema Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "TestData", "Sarif", "sarif-schema-2.1.0.json");
        string text = File.ReadAllText(path)
            .Replace("\"$schema\": \"http://json-schema.org/draft-04/schema#\"", "\"$schema\": \"https://json-schema.org/draft/2020-12/schema\"", StringComparison.Ordinal)
            .Replace("\"id\": \"https://docs.oasis-open.org/", "\"$id\": \"https://docs.oasis-open.org/", StringComparison.Ordinal);
        if (!text.Contains("draft/2020-12", StringComparison.Ordinal) || !text.Contains("\"$id\"", StringComparison.Ordinal))
            throw new InvalidOperationException($"{path} is not the vendored draft-04 SARIF schema this loader expects");
        return JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }
}
