using System.Globalization;
using FluentValidation;
using PilotReadiness.Domain.Assessments;

namespace PilotReadiness.Web.Waivers;

/// <summary>A sponsor's request for a waiver: the gate (its key, e.g. <c>pilot-theatre</c>) and why.</summary>
public sealed record WaiverRequestInput(string? Gate, string? Reason);

/// <summary>A reviewer's approval: the waiver's last day (<c>yyyy-MM-dd</c>, after today) and an optional note.</summary>
public sealed record WaiverApprovalInput(string? Until, string? Note)
{
    public static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}

/// <summary>A reviewer's refusal: the note saying why.</summary>
public sealed record WaiverRefusalInput(string? Note);

/// <summary>Shape only: a gate key that could be one. Which gates may be waived, and the reason's rules, are the domain's.</summary>
public sealed class WaiverRequestInputValidator : AbstractValidator<WaiverRequestInput>
{
    public WaiverRequestInputValidator()
    {
        RuleFor(x => x.Gate).NotEmpty().WithMessage("Choose the gate to waive.")
            .MaximumLength(40).WithMessage("Name the gate by its key, e.g. pilot-theatre.");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("Say why the gate should not hold this pilot back for now.");
    }
}

/// <summary>Shape only: the last day is a date; that it is in the future is the domain's rule (<see cref="Assessment.CheckWaiverDecision"/>).</summary>
public sealed class WaiverApprovalInputValidator : AbstractValidator<WaiverApprovalInput>
{
    public WaiverApprovalInputValidator()
    {
        RuleFor(x => x.Until).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Give the waiver's last day.")
            .Must(v => WaiverApprovalInput.ParseDate(v) is not null).WithMessage("Give the waiver's last day as a date, for example 2027-06-30.");
    }
}

public sealed class WaiverRefusalInputValidator : AbstractValidator<WaiverRefusalInput>
{
    public WaiverRefusalInputValidator() =>
        RuleFor(x => x.Note).NotEmpty().WithMessage("Say why the waiver is refused.");
}
