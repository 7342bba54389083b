using System.Globalization;
using System.Text.Json.Serialization;
using FluentValidation;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Web.Decisions;

/// <summary>
/// What a reviewer sends to record a decision; the API reads it from JSON and the decide page builds it from its form
/// (leaving out condition rows that were left blank). <see cref="DecisionInputValidator"/> checks it, asking the domain
/// for the rules of a decision.
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
    [JsonIgnore]
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
    [JsonIgnore]
    public bool IsBlank => string.IsNullOrWhiteSpace(Description) && string.IsNullOrWhiteSpace(Owner) && string.IsNullOrWhiteSpace(DueDate);

    public static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}

/// <summary>
/// Checks the shape a reviewer's input must have to be read (a known outcome, dates that are dates), then asks the
/// domain (<see cref="Decision.Check"/>) for every rule a decision must meet, so all problems are reported at once,
/// each with the domain's one message.
/// </summary>
public sealed class DecisionInputValidator : AbstractValidator<DecisionInput>
{
    public DecisionInputValidator(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        RuleFor(x => x.Outcome).Must(o => DecisionNames.FromKey(o) is not null)
            .WithMessage("Choose the decision: go, go-with-conditions or no-go.");
        RuleForEach(x => x.Conditions).ChildRules(condition =>
            {
                condition.RuleFor(c => c!.DueDate).Cascade(CascadeMode.Stop)
                    .NotEmpty().WithMessage("Give the date by which the condition must be met.")
                    .Must(v => ConditionInput.ParseDate(v) is not null).WithMessage("Give the due date as a date, for example 2027-06-30.");
                condition.RuleFor(c => c!.Gate).Must(g => g is null || g.Length <= 40)
                    .WithMessage("Name the gate by its key, e.g. pilot-theatre, or leave it out.");
            })
            .When(x => x.Conditions is not null);
        RuleFor(x => x.GateReasons).Must(r => r is null || r.Count <= GateSetNames.All.Count)
            .WithMessage("Give at most one reason per gate.");
        RuleForEach(x => x.GateReasons).ChildRules(reason =>
                reason.RuleFor(r => r.Key).Must(k => k.Length <= 40).WithMessage("Name a gate by its key, e.g. pilot-theatre."))
            .OverridePropertyName("gateReasons");
        RuleFor(x => x).Custom((input, context) =>
        {
            if (DecisionNames.FromKey(input.Outcome) is not { } outcome)
            {
                return;
            }

            var today = time.Today();
            // A due date that is not a date is reported above; the domain is asked about the rest of the row.
            var drafts = (input.Conditions ?? []).Select(c => c is null ? null
                : new ConditionDraft(c.Description ?? "", c.Owner ?? "", ConditionInput.ParseDate(c.DueDate) ?? today, c.Gate)).ToList();
            // Without the assessment's score the domain checks the reasons' text; which gates need one, when recording.
            foreach (var error in Decision.Check(outcome, input.Rationale, input.KillCriteria, drafts, today, gateReasons: input.GivenReasons()))
            {
                context.AddFailure(error.Field, error.Message);
            }
        });
    }
}
