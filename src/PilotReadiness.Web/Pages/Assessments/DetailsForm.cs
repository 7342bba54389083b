using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using PilotReadiness.Web.Assessments;

namespace PilotReadiness.Web.Pages.Assessments;

/// <summary>A page with the details form (title, business unit, sponsor, description): starting an assessment or changing them.</summary>
public interface IDetailsForm
{
    DetailsInput Input { get; }

    bool Invalid(string key);
}

/// <summary>What the details form's pages share: the fields' order for the error summary, and the validator's errors as form keys.</summary>
public static class DetailsForm
{
    /// <summary>The form's fields in page order, so the error summary reads in the same order.</summary>
    public static readonly IReadOnlyList<string> FieldOrder =
        [Key(nameof(DetailsInput.Title)), Key(nameof(DetailsInput.BusinessUnit)), Key(nameof(DetailsInput.Sponsor)), Key(nameof(DetailsInput.Description))];

    /// <summary>The form's error summary, in the fields' order.</summary>
    public static readonly ErrorSummary Summary = new(ErrorSummary.CheckTheseFields, ErrorSummary.ForKeys(FieldOrder));

    public static bool Invalid(this ModelStateDictionary modelState, string key)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        return modelState.GetFieldValidationState(key) == ModelValidationState.Invalid;
    }

    /// <summary>Puts each error against its field (the domain names them in camelCase: <c>businessUnit</c>).</summary>
    public static void AddErrors(this ModelStateDictionary modelState, ValidationResult validation)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(validation);
        foreach (var error in validation.Errors)
        {
            modelState.AddModelError(Key(error.PropertyName), error.ErrorMessage);
        }
    }

    private static string Key(string field) => $"Input.{char.ToUpperInvariant(field[0])}{field[1..]}";
}
