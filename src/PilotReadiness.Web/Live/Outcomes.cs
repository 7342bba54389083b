using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Outcomes;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.Live;

/// <summary>Recording a pilot's outcome, for the outcome page and the API alike.</summary>
public static class Outcomes
{
    /// <summary>
    /// Records the outcome on a target let through <see cref="LiveAccess"/> (added to the change), superseding the
    /// pilot's current one; the domain's field errors instead when the input is wrong.
    /// </summary>
    public static async Task<(PilotOutcome? Outcome, IReadOnlyList<FieldError> Errors)> RecordAsync(
        AppDbContext db, LiveTarget target, string? kindKey, DateOnly? date, string? note, string byId, string byName, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(target);
        var kind = OutcomeNames.FromKey(kindKey);
        var errors = PilotOutcome.Check(kind, date, note, target.Live, now.Day());
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var previous = await db.PilotOutcomes.FirstOrDefaultAsync(o => o.PilotId == target.Current.PilotId && o.SupersededAt == null, ct);
        var outcome = PilotOutcome.Record(target.Current, target.Live, previous, kind, date, note, byId, byName, now);
        db.PilotOutcomes.Add(outcome);
        return (outcome, []);
    }

    /// <summary>The pilot's outcomes, newest first.</summary>
    public static async Task<IReadOnlyList<PilotOutcome>> ForPilotAsync(AppDbContext db, Guid pilotId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.PilotOutcomes.AsNoTracking().Where(o => o.PilotId == pilotId).OrderByDescending(o => o.RecordedAt).ToListAsync(ct);
    }
}
