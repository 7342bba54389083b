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

    /// <summary>The domain's field errors against the form's fields (<c>signals[0].date</c> becomes <c>Input.Signals[0].Date</c>).</summary>
    public static void AddErrors(this ModelStateDictionary modelState, IEnumerable<PilotReadiness.Domain.FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var error in errors)
        {
            modelState.AddModelError(Key(error.Field), error.Message);
        }
    }

    /// <summary>The form key of a field the domain names in camelCase: <c>businessUnit</c> is <c>Input.BusinessUnit</c>.</summary>
    public static string Key(string field)
    {
        ArgumentException.ThrowIfNullOrEmpty(field);
        return "Input." + string.Join('.', field.Split('.').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
    }
}
