using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Outcomes;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.Live;

/// <summary>An outcome as the API reads it (JSON) and the outcome page builds it from its form.</summary>
public sealed record OutcomeInput
{
    /// <summary><c>in-daily-use</c>, <c>stalled</c>, <c>rolled-back</c>, <c>stopped-before-launch</c> or <c>retired</c>.</summary>
    public string? Kind { get; init; }

    /// <summary>The day the outcome was known, as <c>yyyy-MM-dd</c>; text, so that a wrong one gets a field message.</summary>
    public string? Date { get; init; }

    public string? Note { get; init; }

    public static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}

/// <summary>
/// The shape an outcome must have to be read: a date that is a date. Which outcome, which date and how long a note
/// are the domain's rules (<see cref="PilotOutcome.Check"/>), asked by <see cref="Outcomes.RecordAsync"/> once the door
/// has loaded the pilot, because they depend on whether and when it went live.
/// </summary>
public sealed class OutcomeInputValidator : AbstractValidator<OutcomeInput>
{
    public OutcomeInputValidator() =>
        RuleFor(x => x.Date).Must(d => string.IsNullOrWhiteSpace(d) || OutcomeInput.ParseDate(d) is not null)
            .WithMessage("Give the date as YYYY-MM-DD, for example 2026-03-02.");
}

/// <summary>Recording and reading a pilot's outcomes, for the outcome page and the API alike.</summary>
public static class Outcomes
{
    /// <summary>
    /// Records the outcome on a target let through <see cref="LiveAccess"/> (added to the change), superseding the
    /// pilot's current one; the domain's field errors instead when the input is wrong.
    /// </summary>
    public static async Task<(PilotOutcome? Outcome, IReadOnlyList<FieldError> Errors)> RecordAsync(
        AppDbContext db, LiveTarget target, OutcomeInput input, string byId, string byName, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(input);
        var kind = OutcomeNames.FromKey(input.Kind);
        var date = OutcomeInput.ParseDate(input.Date);
        var errors = PilotOutcome.Check(kind, date, input.Note, target.Live, now.Day());
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var previous = await db.PilotOutcomes.FirstOrDefaultAsync(o => o.PilotId == target.Current.PilotId && o.SupersededAt == null, ct);
        var outcome = PilotOutcome.Record(target.Current, target.Live, previous, kind, date, input.Note, byId, byName, now);
        db.PilotOutcomes.Add(outcome);
        return (outcome, []);
    }

    /// <summary>
    /// How many outcomes the pilot has had (they are never deleted, so it only grows): what a reviewer read before
    /// recording a new one, checked by <see cref="LiveAccess"/> as the precondition of <c>RecordOutcome</c>.
    /// </summary>
    public static Task<int> RevisionAsync(AppDbContext db, Guid pilotId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.PilotOutcomes.CountAsync(o => o.PilotId == pilotId, ct);
    }

    /// <summary>The pilot's outcomes, newest first.</summary>
    public static async Task<IReadOnlyList<PilotOutcome>> ForPilotAsync(AppDbContext db, Guid pilotId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.PilotOutcomes.AsNoTracking().Where(o => o.PilotId == pilotId).OrderByDescending(o => o.RecordedAt).ToListAsync(ct);
    }

    /// <summary>
    /// Whether the monitoring model suggests recording the pilot as stalled today: live, monitored, decaying at each of
    /// its last period ends (<see cref="Domain.Live.MonitoringModel.StalledPeriods"/>), and not already recorded so.
    /// </summary>
    public static async Task<bool> SuggestStalledAsync(LiveAccess access, LiveTarget target, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(target);
        if (target.Live is not { Ended: false } live || live.Outcome == OutcomeKind.Stalled)
        {
            return false;
        }

        return live.Evaluate(await access.SignalsAsync(live.PilotId, ct), today).SuggestStalled;
    }
}
