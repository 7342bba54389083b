using PilotReadiness.Domain.Questionnaires;

namespace PilotReadiness.Domain.Assessments;

/// <summary>What a sponsor says about the pilot before the questions: title, business unit, sponsor, description.</summary>
public sealed record AssessmentDetails
{
    public AssessmentDetails(string title, string businessUnit, string sponsor, string? description)
    {
        Title = Required(title, nameof(title), "a title", Limits.TitleMaxLength);
        BusinessUnit = Required(businessUnit, nameof(businessUnit), "a business unit", Limits.BusinessUnitMaxLength);
        Sponsor = Required(sponsor, nameof(sponsor), "the sponsor's name", Limits.SponsorMaxLength);
        Description = string.IsNullOrWhiteSpace(description) ? "" : description.Trim();
        if (!TextRules.IsClean(Description, multiline: true))
        {
            throw new ArgumentException(TextRules.InvalidCharactersMessage, nameof(description));
        }

        if (Description.Length > Limits.DescriptionMaxLength)
        {
            throw new ArgumentException($"Keep the description to {Limits.DescriptionMaxLength} characters or fewer.", nameof(description));
        }
    }

    public string Title { get; }

    public string BusinessUnit { get; }

    public string Sponsor { get; }

    public string Description { get; }

    private static string Required(string value, string name, string what, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"Enter {what}.", name);
        }

        if (!TextRules.IsClean(value, multiline: false))
        {
            throw new ArgumentException(TextRules.InvalidCharactersMessage, name);
        }

        var trimmed = value.Trim();
        return trimmed.Length <= maxLength
            ? trimmed
            : throw new ArgumentException($"Keep {what} to {maxLength} characters or fewer.", name);
    }
}
