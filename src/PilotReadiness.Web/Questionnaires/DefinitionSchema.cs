using System.Text.Json;
using Json.Schema;
using PilotReadiness.Domain;

namespace PilotReadiness.Web.Questionnaires;

/// <summary>
/// The JSON Schema of a questionnaire version's file, as the app publishes it (<c>GET /api/questionnaires/schema</c>), and
/// the check of a file against it: every place the file breaks the schema, by its JSON path.
/// </summary>
public static class DefinitionSchema
{
    /// <summary>The most a file may weigh; a questionnaire is a few dozen kilobytes.</summary>
    public const int MaxBytes = 1024 * 1024;

    public static string Text { get; } = ReadText();

    private static readonly JsonSchema Schema = JsonSchema.FromText(Text);

    /// <summary>Every problem of <paramref name="json"/> against the schema; empty when it conforms.</summary>
    public static IReadOnlyList<FieldError> Validate(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonElement node;
        try
        {
            using var document = JsonDocument.Parse(json);
            node = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return [new FieldError("", $"This is not JSON: {e.Message}")];
        }

        var result = Schema.Evaluate(node, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }

        var errors = (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => new FieldError(Path(d.InstanceLocation.ToString()), Message(e.Value))))
            .Distinct()
            .ToList();
        return errors.Count > 0 ? errors : [new FieldError("", "The file does not match the questionnaire schema.")];
    }

    /// <summary>The validator's message, in the app's words where it has a plainer one.</summary>
    private static string Message(string message) =>
        message.Contains("false schema", StringComparison.Ordinal) ? "This field is not part of a questionnaire file; remove it." : message;

    /// <summary>A JSON Pointer (<c>/sections/0/weight</c>) as the path the domain's messages use (<c>sections[0].weight</c>).</summary>
    private static string Path(string pointer)
    {
        var parts = pointer.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var path = "";
        foreach (var part in parts)
        {
            path += int.TryParse(part, out _) ? $"[{part}]" : (path.Length == 0 ? part : "." + part);
        }

        return path;
    }

    private static string ReadText()
    {
        using var stream = typeof(DefinitionSchema).Assembly.GetManifestResourceStream("PilotReadiness.Web.questionnaire.schema.json")
            ?? throw new InvalidOperationException("The questionnaire schema is not embedded in the app.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
