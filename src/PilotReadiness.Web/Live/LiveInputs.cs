using System.Globalization;
using FluentValidation;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Live;
using PilotReadiness.Domain.Outcomes;

namespace PilotReadiness.Web.Live;

/// <summary>A monitoring plan as the API reads it (JSON); the go-live and plan pages build it from their forms.</summary>
public sealed record PlanInput
{
    public DateOnly? GoLiveDate { get; init; }

    public string? UsingTeam { get; init; }

    public int? EligibleUsers { get; init; }

    public int? TargetShare { get; init; }

    public int? CadenceWeeks { get; init; }

    public string? OwnerName { get; init; }

    public string? OwnerEmail { get; init; }

    public string? ReviewerName { get; init; }

    public string? ReviewerEmail { get; init; }

    public string? GoodOutput { get; init; }

    public int? AcceptableShare { get; init; }

    public PlanDraft ToDraft() => new(GoLiveDate, UsingTeam, EligibleUsers, TargetShare, CadenceWeeks, OwnerName, OwnerEmail,
        ReviewerName, ReviewerEmail, GoodOutput, AcceptableShare);

    public static PlanInput From(PlanDraft plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new()
        {
            GoLiveDate = plan.GoLiveDate,
            UsingTeam = plan.UsingTeam,
            EligibleUsers = plan.EligibleUsers,
            TargetShare = plan.TargetShare,
            CadenceWeeks = plan.CadenceWeeks,
            OwnerName = plan.OwnerName,
            OwnerEmail = plan.OwnerEmail,
            ReviewerName = plan.ReviewerName,
            ReviewerEmail = plan.ReviewerEmail,
            GoodOutput = plan.GoodOutput,
            AcceptableShare = plan.AcceptableShare,
        };
    }
}

/// <summary>A check-in as the API reads it (JSON); the check-in pages build it from their forms.</summary>
public sealed record CheckInInput
{
    public int? ActiveUsers { get; init; }

    public int? CasesHandled { get; init; }

    public int? CasesEscalated { get; init; }

    public int? CasesOverridden { get; init; }

    public int? QualityReviewed { get; init; }

    public int? QualityMet { get; init; }

    public int? Incidents { get; init; }

    public string? IncidentNote { get; init; }

    /// <summary><c>none</c>, <c>some</c> or <c>widespread</c>.</summary>
    public string? Workarounds { get; init; }

    public string? WorkaroundNote { get; init; }

    /// <summary><c>still-owner</c>, <c>handing-over</c> or <c>left</c>.</summary>
    public string? Ownership { get; init; }

    public string? Successor { get; init; }

    public bool? ImprovementDone { get; init; }

    public string? ImprovementNote { get; init; }

    public string? Blockers { get; init; }

    /// <summary>The answers as the domain reads them; an unknown key reads as missing (the validator reports it first).</summary>
    public CheckInForm ToForm() => new()
    {
        ActiveUsers = ActiveUsers,
        CasesHandled = CasesHandled,
        CasesEscalated = CasesEscalated,
        CasesOverridden = CasesOverridden,
        QualityReviewed = QualityReviewed,
        QualityMet = QualityMet,
        Incidents = Incidents,
        IncidentNote = IncidentNote,
        Workarounds = LiveNames.WorkaroundsFromKey(Workarounds),
        WorkaroundNote = WorkaroundNote,
        Ownership = LiveNames.OwnershipFromKey(Ownership),
        Successor = Successor,
        ImprovementDone = ImprovementDone,
        ImprovementNote = ImprovementNote,
        Blockers = Blockers,
    };

    public static CheckInInput From(CheckInForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return new()
        {
            ActiveUsers = form.ActiveUsers,
            CasesHandled = form.CasesHandled,
            CasesEscalated = form.CasesEscalated,
            CasesOverridden = form.CasesOverridden,
            QualityReviewed = form.QualityReviewed,
            QualityMet = form.QualityMet,
            Incidents = form.Incidents,
            IncidentNote = form.IncidentNote,
            Workarounds = form.Workarounds?.ToKey(),
            WorkaroundNote = form.WorkaroundNote,
            Ownership = form.Ownership?.ToKey(),
            Successor = form.Successor,
            ImprovementDone = form.ImprovementDone,
            ImprovementNote = form.ImprovementNote,
            Blockers = form.Blockers,
        };
    }
}

/// <summary>
/// Asks the domain (<see cref="CheckIn.Check"/>) for every rule a check-in must meet, so all problems come at once with
/// the domain's words. A choice given with an unknown key reads as missing, and gets the message that lists the keys.
/// </summary>
public sealed class CheckInInputValidator : AbstractValidator<CheckInInput>
{
    public CheckInInputValidator() =>
        RuleFor(x => x).Custom((input, context) =>
        {
            foreach (var error in CheckIn.Check(input.ToForm()))
            {
                context.AddFailure(error.Field, error.Message);
            }
        });
}

/// <summary>A batch of daily figures as the production system posts it.</summary>
public sealed record SignalBatchInput
{
    public IReadOnlyList<SignalInput?>? Signals { get; init; }

    public IReadOnlyList<SignalDraft?>? ToDrafts() => Signals?.Select(s => s is null ? null
        : new SignalDraft(s.Date, s.ActiveUsers, s.CasesHandled, s.CasesEscalated, s.CasesOverridden, s.Errors)).ToList();
}

/// <summary>One day's figures.</summary>
public sealed record SignalInput(DateOnly? Date, int? ActiveUsers, int? CasesHandled, int? CasesEscalated, int? CasesOverridden, int? Errors);

/// <summary>
/// Form fields arrive as text: reads whole numbers and dates, and says what is wrong with those that are not, against
/// the field (camelCase) the domain would name.
/// </summary>
public sealed class FormReader
{
    private readonly List<FieldError> _errors = [];

    public IReadOnlyList<FieldError> Errors => _errors;

    public int? Number(string? text, string field, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        _errors.Add(new FieldError(field, $"Give {what} as a whole number, for example 12."));
        return null;
    }

    public DateOnly? Date(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        _errors.Add(new FieldError(field, "Give the date as YYYY-MM-DD, for example 2026-03-02."));
        return null;
    }

    public static bool? YesNo(string? text) => text switch
    {
        "yes" => true,
        "no" => false,
        _ => null,
    };

    public static string? YesNo(bool? value) => value switch
    {
        true => "yes",
        false => "no",
        _ => null,
    };

    /// <summary>An outcome's kind from its key, for the page's radio buttons (the domain says when it is missing).</summary>
    public static OutcomeKind? Outcome(string? key) => OutcomeNames.FromKey(key);
}
