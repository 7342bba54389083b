using FluentValidation;
using PilotReadiness.Domain.Assessments;

namespace PilotReadiness.Web.Assessments;

/// <summary>What a sponsor types to start an assessment or change its details; used by the pages and the API alike.</summary>
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

/// <summary>Asks the domain (<see cref="AssessmentDetails.Check"/>) for every problem with the details, each against its field.</summary>
public sealed class DetailsInputValidator : AbstractValidator<DetailsInput>
{
    public DetailsInputValidator() =>
        RuleFor(x => x).Custom((input, context) =>
        {
            foreach (var error in AssessmentDetails.Check(input.Title, input.BusinessUnit, input.Sponsor, input.Description))
            {
                context.AddFailure(error.Field, error.Message);
            }
        });
}
