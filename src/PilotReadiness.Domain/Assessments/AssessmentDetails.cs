using PilotReadiness.Domain.Questionnaires;

namespace PilotReadiness.Domain.Assessments;

/// <summary>What a sponsor says about the pilot before the questions: title, business unit, sponsor, description.</summary>
public sealed record AssessmentDetails
{
    /// <summary>Trims the text; throws <see cref="FieldErrorsException"/> with every problem <see cref="Check"/> finds.</summary>
    public AssessmentDetails(string title, string businessUnit, string sponsor, string? description)
    {
        FieldErrorsException.ThrowIfAny(Check(title, businessUnit, sponsor, description));
        Title = title.Trim();
        BusinessUnit = businessUnit.Trim();
        Sponsor = sponsor.Trim();
        Description = description?.Trim() ?? "";
    }

    public string Title { get; }

    public string BusinessUnit { get; }

    public string Sponsor { get; }

    public string Description { get; }

    /// <summary>Every problem with these details, against its field (lengths count the trimmed text); empty when they are fine.</summary>
    public static IReadOnlyList<FieldError> Check(string? title, string? businessUnit, string? sponsor, string? description)
    {
        var errors = new List<FieldError>();
        Line(title, "title", "Enter a title for the pilot.", "the title", Limits.TitleMaxLength);
        Line(businessUnit, "businessUnit", "Enter the business unit that runs the pilot.", "the business unit", Limits.BusinessUnitMaxLength);
        Line(sponsor, "sponsor", "Enter the sponsor's name.", "the sponsor's name", Limits.SponsorMaxLength);
        if (!TextRules.IsClean(description, multiline: true))
        {
            errors.Add(new FieldError("description", TextRules.InvalidCharactersMessage));
        }
        else if ((description?.Trim().Length ?? 0) > Limits.DescriptionMaxLength)
        {
            errors.Add(new FieldError("description", $"Keep the description to {Limits.DescriptionMaxLength} characters or fewer."));
        }

        return errors;

        void Line(string? value, string field, string missing, string what, int maxLength)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add(new FieldError(field, missing));
            }
            else if (!TextRules.IsClean(value, multiline: false))
            {
                errors.Add(new FieldError(field, TextRules.InvalidCharactersMessage));
            }
            else if (value.Trim().Length > maxLength)
            {
                errors.Add(new FieldError(field, $"Keep {what} to {maxLength} characters or fewer."));
            }
        }
    }
}
