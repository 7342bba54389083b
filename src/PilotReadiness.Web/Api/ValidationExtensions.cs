using System.Text.Json;
using FluentValidation.Results;

namespace PilotReadiness.Web.Api;

public static class ValidationExtensions
{
    /// <summary>Validation errors keyed by the JSON (camelCase) field name, as the API's clients send them.</summary>
    public static Dictionary<string, string[]> ToApiErrors(this ValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Errors
            .GroupBy(e => JsonNamingPolicy.CamelCase.ConvertName(e.PropertyName), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray(), StringComparer.Ordinal);
    }
}
