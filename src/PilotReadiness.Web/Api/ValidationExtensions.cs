using System.Text.Json;
using FluentValidation.Results;

namespace PilotReadiness.Web.Api;

public static class ValidationExtensions
{
    /// <summary>
    /// Validation errors keyed by the JSON (camelCase) field name, as the API's clients send them; a nested field is
    /// named by its path, e.g. <c>conditions[0].dueDate</c>.
    /// </summary>
    public static Dictionary<string, string[]> ToApiErrors(this ValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Errors
            .GroupBy(e => ApiFieldName(e.PropertyName), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>A property path such as <c>Conditions[0].DueDate</c> as the JSON names it: <c>conditions[0].dueDate</c>.</summary>
    public static string ApiFieldName(string propertyPath) =>
        string.Join('.', (propertyPath ?? "").Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}
