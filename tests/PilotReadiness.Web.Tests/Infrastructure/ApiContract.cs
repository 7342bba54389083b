using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace PilotReadiness.Web.Tests.Infrastructure;

/// <summary>One operation of the OpenAPI document: its method, its path template and what it declares.</summary>
public sealed record ApiOperation(string Method, string PathTemplate, OpenApiOperation Operation)
{
    public string Name => Operation.OperationId ?? $"{Method} {PathTemplate}";

    public IReadOnlyList<IOpenApiParameter> Parameters => [.. Operation.Parameters ?? []];

    public bool NeedsSignIn => Operation.Security is { Count: > 0 } security && security.Any(r => r.Count > 0);
}

/// <summary>
/// The app's OpenAPI document, read with Microsoft.OpenApi, and the check that a response is one the document
/// declares: the status is declared for the operation, a body comes with a declared content type, and a JSON body
/// has the declared schema's shape.
/// </summary>
public sealed partial class ApiContract(OpenApiDocument document)
{
    public OpenApiDocument Document { get; } = document;

    public IReadOnlyList<ApiOperation> Operations { get; } =
    [
        .. (document.Paths ?? []).SelectMany(path => (path.Value.Operations ?? [])
            .Select(op => new ApiOperation(op.Key.Method.ToUpperInvariant(), path.Key, op.Value))),
    ];

    public static async Task<ApiContract> ReadAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync();
        var settings = new OpenApiReaderSettings();
        var result = await OpenApiDocument.LoadAsync(stream, "json", settings);
        var errors = result.Diagnostic?.Errors ?? [];
        Assert.True(result.Document is not null && errors.Count == 0,
            "The OpenAPI document could not be read: " + string.Join("; ", errors.Select(e => $"{e.Pointer}: {e.Message}")));
        return new ApiContract(result.Document!);
    }

    /// <summary>Every way the response departs from the document; empty when it conforms.</summary>
    public static IReadOnlyList<string> Violations(ApiOperation operation, int status, MediaTypeHeaderValue? contentType, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(body);
        var violations = new List<string>();
        if (status >= 500)
        {
            violations.Add($"server error {status}");
        }

        var responses = operation.Operation.Responses ?? [];
        var key = status.ToString(CultureInfo.InvariantCulture);
        if (!responses.TryGetValue(key, out var declared)
            && !responses.TryGetValue($"{key[0]}XX", out declared)
            && !responses.TryGetValue("default", out declared))
        {
            violations.Add($"status {status} is not declared (declared: {string.Join(", ", responses.Keys)})");
            return violations;
        }

        if (body.Length == 0)
        {
            return violations;
        }

        var media = contentType?.MediaType;
        var content = declared.Content ?? new Dictionary<string, OpenApiMediaType>();
        if (media is null || !content.TryGetValue(media, out var mediaType))
        {
            violations.Add($"status {status} came with a {media ?? "body without Content-Type"}, declared: {(content.Count == 0 ? "no body" : string.Join(", ", content.Keys))}");
            return violations;
        }

        if (mediaType.Schema is { } schema && (media == "application/json" || media.EndsWith("+json", StringComparison.Ordinal)))
        {
            JsonNode? json;
            try
            {
                json = JsonNode.Parse(body);
            }
            catch (JsonException e)
            {
                violations.Add($"status {status}: the {media} body is not JSON ({e.Message})");
                return violations;
            }

            Validate(schema, json, "$", violations);
        }

        return violations;
    }

    /// <summary>The JSON Schema (as OpenAPI 3.1 uses it) checks a response body needs; each failure names its path.</summary>
    private static void Validate(IOpenApiSchema schema, JsonNode? value, string path, List<string> violations)
    {
        if (violations.Count > 20)
        {
            return;
        }

        foreach (var part in schema.AllOf ?? [])
        {
            Validate(part, value, path, violations);
        }

        if (schema.OneOf is { Count: > 0 } oneOf && oneOf.Count(s => Conforms(s, value, path)) != 1)
        {
            violations.Add($"{path}: matches not exactly one of its oneOf schemas: {Excerpt(value)}");
        }

        if (schema.AnyOf is { Count: > 0 } anyOf && !anyOf.Any(s => Conforms(s, value, path)))
        {
            violations.Add($"{path}: matches none of its anyOf schemas: {Excerpt(value)}");
        }

        if (schema.Enum is { Count: > 0 } values && !values.Any(v => JsonNode.DeepEquals(v, value)))
        {
            violations.Add($"{path}: {Excerpt(value)} is not one of {string.Join(", ", values.Select(Excerpt))}");
        }

        if (schema.Type is not { } type)
        {
            return;
        }

        var kind = value?.GetValueKind() ?? JsonValueKind.Null;
        var allowed = kind switch
        {
            JsonValueKind.Null => type.HasFlag(JsonSchemaType.Null),
            JsonValueKind.String => type.HasFlag(JsonSchemaType.String),
            JsonValueKind.True or JsonValueKind.False => type.HasFlag(JsonSchemaType.Boolean),
            JsonValueKind.Number => type.HasFlag(JsonSchemaType.Number)
                || (type.HasFlag(JsonSchemaType.Integer) && decimal.TryParse(value!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n == decimal.Truncate(n)),
            JsonValueKind.Array => type.HasFlag(JsonSchemaType.Array),
            JsonValueKind.Object => type.HasFlag(JsonSchemaType.Object),
            _ => false,
        };
        if (!allowed)
        {
            violations.Add($"{path}: {kind} where the schema says {type}: {Excerpt(value)}");
            return;
        }

        switch (value)
        {
            case JsonObject obj:
                foreach (var required in schema.Required ?? new HashSet<string>())
                {
                    if (!obj.ContainsKey(required))
                    {
                        violations.Add($"{path}: the required '{required}' is missing");
                    }
                }

                foreach (var (name, property) in obj)
                {
                    if (schema.Properties?.TryGetValue(name, out var propertySchema) == true)
                    {
                        Validate(propertySchema, property, $"{path}.{name}", violations);
                    }
                    else if (schema.AdditionalProperties is { } additional)
                    {
                        Validate(additional, property, $"{path}.{name}", violations);
                    }
                    else if (!schema.AdditionalPropertiesAllowed)
                    {
                        violations.Add($"{path}: '{name}' is not a declared property");
                    }
                }

                break;
            case JsonArray array when schema.Items is { } items:
                for (var i = 0; i < array.Count; i++)
                {
                    Validate(items, array[i], $"{path}[{i}]", violations);
                }

                break;
            case JsonValue text when kind == JsonValueKind.String:
                var s = text.GetValue<string>();
                if (schema.Pattern is { } pattern && !Regex.IsMatch(s, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
                {
                    violations.Add($"{path}: \"{Excerpt(value)}\" does not match {pattern}");
                }

                if (!FormatHolds(schema.Format, s))
                {
                    violations.Add($"{path}: {Excerpt(value)} is not a {schema.Format}");
                }

                break;
        }
    }

    private static bool Conforms(IOpenApiSchema schema, JsonNode? value, string path)
    {
        var found = new List<string>();
        Validate(schema, value, path, found);
        return found.Count == 0;
    }

    private static bool FormatHolds(string? format, string value) => format switch
    {
        "uuid" => Guid.TryParse(value, out _),
        "date-time" => DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "date" => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        _ => true,
    };

    private static string Excerpt(JsonNode? value)
    {
        var text = value?.ToJsonString() ?? "null";
        return text.Length <= 80 ? text : text[..80] + "…";
    }

    /// <summary>A short, printable form of a body for a failure message.</summary>
    public static string Printable(byte[] body, int max = 300)
    {
        ArgumentNullException.ThrowIfNull(body);
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, max));
        return body.Length > max ? text + $"… ({body.Length} bytes)" : text;
    }
}
