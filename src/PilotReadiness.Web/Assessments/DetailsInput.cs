using FluentValidation;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;

namespace PilotReadiness.Web.Assessments;

/// <summary>What a sponsor types to start an assessment; used by the "new assessment" page and the API alike.</summary>
public sealed record DetailsInput
{
    public string? Title { get; init; }

    public string? BusinessUnit { get; init; }

    public string? Sponsor { get; init; }

    public string? Description { get; init; }

    /// <summary>Call only after <see cref="DetailsInputValidator"/> passed.</summary>
    public AssessmentDetails ToDetails() => new(Title!, BusinessUnit!, Sponsor!, Description);

    public static DetailsInput From(Assessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        return new() { Title = assessment.Title, BusinessUnit = assessment.BusinessUnit, Sponsor = assessment.Sponsor, Description = assessment.Description };
    }
}

public sealed class DetailsInputValidator : AbstractValidator<DetailsInput>
{
    public DetailsInputValidator()
    {
        RuleFor(x => x.Title).NotEmpty().WithMessage("Enter a title for the pilot.")
            .MaximumLength(Limits.TitleMaxLength).WithMessage($"Keep the title to {Limits.TitleMaxLength} characters or fewer.");
        RuleFor(x => x.BusinessUnit).NotEmpty().WithMessage("Enter the business unit that runs the pilot.")
            .MaximumLength(Limits.BusinessUnitMaxLength).WithMessage($"Keep the business unit to {Limits.BusinessUnitMaxLength} characters or fewer.");
        RuleFor(x => x.Sponsor).NotEmpty().WithMessage("Enter the sponsor's name.")
            .MaximumLength(Limits.SponsorMaxLength).WithMessage($"Keep the sponsor's name to {Limits.SponsorMaxLength} characters or fewer.");
        RuleFor(x => x.Description).MaximumLength(Limits.DescriptionMaxLength)
            .WithMessage($"Keep the description to {Limits.DescriptionMaxLength} characters or fewer.");
        RuleFor(x => x.Title).Must(v => TextRules.IsClean(v, multiline: false)).WithMessage(TextRules.InvalidCharactersMessage);
        RuleFor(x => x.BusinessUnit).Must(v => TextRules.IsClean(v, multiline: false)).WithMessage(TextRules.InvalidCharactersMessage);
        RuleFor(x => x.Sponsor).Must(v => TextRules.IsClean(v, multiline: false)).WithMessage(TextRules.InvalidCharactersMessage);
        RuleFor(x => x.Description).Must(v => TextRules.IsClean(v, multiline: true)).WithMessage(TextRules.InvalidCharactersMessage);
    }
}
