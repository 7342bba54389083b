using System.Globalization;
using FluentValidation;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Web.Decisions;

/// <summary>
/// What a reviewer sends to record a decision; the API reads it from JSON and the decide page builds it from its form
/// (leaving out condition rows that were left blank). <see cref="DecisionInputValidator"/> checks it; the domain checks
/// the same rules again when the decision is recorded.
/// </summary>
public sealed record DecisionInput
{
    /// <summary><c>go</c>, <c>go-with-conditions</c> or <c>no-go</c>.</summary>
    public string? Outcome { get; init; }

    public string? Rationale { get; init; }

    public string? KillCriteria { get; init; }

    public IReadOnlyList<ConditionInput?>? Conditions { get; init; }

    /// <summary>
    /// For a decision above the recommendation: why it goes ahead despite each gate it accepts, keyed by gate key
    /// (which gates need one is the domain's rule, <see cref="Decision.GatesAccepted"/>). Empty reasons are left out.
    /// </summary>
    public IReadOnlyDictionary<string, string?>? GateReasons { get; init; }

    /// <summary>Call only after <see cref="DecisionInputValidator"/> passed.</summary>
    public DecisionOutcome ParsedOutcome => DecisionNames.FromKey(Outcome) ?? throw new InvalidOperationException("Validate the input first.");

    /// <summary>Call only after <see cref="DecisionInputValidator"/> passed.</summary>
    public IReadOnlyList<ConditionDraft> ToDrafts() =>
        [.. (Conditions ?? []).Select(c => new ConditionDraft(c!.Description!, c.Owner!, ConditionInput.ParseDate(c.DueDate)!.Value, c.Gate))];

    /// <summary>The reasons given, without the empty ones.</summary>
    public IReadOnlyDictionary<string, string> GivenReasons() =>
        (GateReasons ?? new Dictionary<string, string?>()).Where(r => !string.IsNullOrWhiteSpace(r.Value))
            .ToDictionary(r => r.Key, r => r.Value!, StringComparer.Ordinal);
}

/// <summary>One condition of a conditional go: what must be true, who answers for it, and by when (yyyy-MM-dd).</summary>
public sealed record ConditionInput
{
    public string? Description { get; init; }

    public string? Owner { get; init; }

    /// <summary>A date as <c>yyyy-MM-dd</c>, as a date field sends it; text so that a wrong one gets a field message.</summary>
    public string? DueDate { get; init; }

    /// <summary>Optional: the key of the gate this condition is meant to clear (one triggered on the assessment).</summary>
    public string? Gate { get; init; }

    /// <summary>Nothing typed in any of the three fields: a form row left empty (a gate chosen alone does not count).</summary>
    public bool IsBlank => string.IsNullOrWhiteSpace(Description) && string.IsNullOrWhiteSpace(Owner) && string.IsNullOrWhiteSpace(DueDate);

    public static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}

public sealed class DecisionInputValidator : AbstractValidator<DecisionInput>
{
    public DecisionInputValidator(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        RuleFor(x => x.Outcome).Must(o => DecisionNames.FromKey(o) is not null)
            .WithMessage("Choose the decision: go, go-with-conditions or no-go.");
        RuleFor(x => x.Rationale).NotEmpty().WithMessage("Give the reason for the decision.")
            .Must(v => Trimmed(v) <= Decision.RationaleMaxLength).WithMessage($"Keep the rationale to {Decision.RationaleMaxLength} characters or fewer.")
            .Must(v => TextRules.IsClean(v, multiline: true)).WithMessage(TextRules.InvalidCharactersMessage);
        RuleFor(x => x.KillCriteria)
            .Must(v => Trimmed(v) <= Decision.KillCriteriaMaxLength).WithMessage($"Keep the kill criteria to {Decision.KillCriteriaMaxLength} characters or fewer.")
            .Must(v => TextRules.IsClean(v, multiline: true)).WithMessage(TextRules.InvalidCharactersMessage);
        RuleFor(x => x.GateReasons).Must(r => r is null || r.Count <= GateSetNames.All.Count)
            .WithMessage("Give at most one reason per gate.");
        RuleForEach(x => x.GateReasons).ChildRules(reason =>
        {
            reason.RuleFor(r => r.Key).Must(k => k.Length <= 40).WithMessage("Name a gate by its key, e.g. pilot-theatre.");
            reason.RuleFor(r => r.Value).Must(v => Trimmed(v) <= Decision.GateReasonMaxLength)
                .WithMessage($"Keep each gate's reason to {Decision.GateReasonMaxLength} characters or fewer.")
                .Must(v => TextRules.IsClean(v, multiline: true)).WithMessage(TextRules.InvalidCharactersMessage);
        }).OverridePropertyName("gateReasons");

        When(x => x.Outcome == DecisionOutcome.GoWithConditions.ToKey(), () =>
        {
            RuleFor(x => x.Conditions).Must(c => c is { Count: > 0 })
                .WithMessage("A go with conditions needs at least one condition: what must be true, who answers for it, and by when.")
                .Must(c => c is null || c.Count <= Decision.MaxConditions)
                .WithMessage($"Keep to {Decision.MaxConditions} conditions or fewer.");
            RuleForEach(x => x.Conditions).NotNull().WithMessage("Describe the condition, its owner and its due date.")
                .SetValidator(new ConditionInputValidator(time)!);
        }).Otherwise(() =>
        {
            RuleFor(x => x.Conditions).Must(c => c is null || c.Count == 0)
                .When(x => DecisionNames.FromKey(x.Outcome) is not null)
                .WithMessage("Only a go with conditions has conditions. Remove them, or choose go with conditions.");
        });
    }

    private static int Trimmed(string? value) => value?.Trim().Length ?? 0;
}

public sealed class ConditionInputValidator : AbstractValidator<ConditionInput>
{
    public ConditionInputValidator(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        RuleFor(x => x.Description).NotEmpty().WithMessage("Describe what must be true.")
            .Must(v => (v?.Trim().Length ?? 0) <= Decision.ConditionMaxLength)
            .WithMessage($"Keep the condition to {Decision.ConditionMaxLength} characters or fewer.")
            .Must(v => TextRules.IsClean(v, multiline: false)).WithMessage("Keep the condition to one line of plain text.");
        RuleFor(x => x.Owner).NotEmpty().WithMessage("Name who answers for the condition.")
            .Must(v => (v?.Trim().Length ?? 0) <= Limits.PersonMaxLength)
            .WithMessage($"Keep the owner's name to {Limits.PersonMaxLength} characters or fewer.")
            .Must(v => TextRules.IsClean(v, multiline: false)).WithMessage("Keep the owner's name to one line of plain text.");
        RuleFor(x => x.DueDate).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Give the date by which the condition must be met.")
            .Must(v => ConditionInput.ParseDate(v) is not null).WithMessage("Give the due date as a date, for example 2027-06-30.")
            .Must(v => ConditionInput.ParseDate(v) >= DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime))
            .WithMessage("The due date cannot be in the past.")
            .Must(v => ConditionInput.ParseDate(v) <= Limits.DateMax)
            .WithMessage($"Give a due date before {Limits.DateMax.Year + 1}.");
        RuleFor(x => x.Gate).Must(g => g is null || g.Length <= 40).WithMessage("Name the gate by its key, e.g. pilot-theatre, or leave it out.");
    }
}
