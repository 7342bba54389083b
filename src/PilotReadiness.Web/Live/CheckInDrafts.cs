using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Live;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.Live;

/// <summary>The check-in a live pilot's owner is filling in, kept as they type (signed in or through the link alike).</summary>
public static class CheckInDrafts
{
    public static async Task<CheckInForm?> FindAsync(AppDbContext db, Guid pilotId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return (await db.CheckInDrafts.AsNoTracking().FirstOrDefaultAsync(d => d.PilotId == pilotId, ct))?.Form;
    }

    /// <summary>Keeps <paramref name="form"/> as the pilot's draft (to be saved with the change); the domain's field errors otherwise.</summary>
    public static async Task<IReadOnlyList<FieldError>> KeepAsync(AppDbContext db, Guid pilotId, CheckInForm form, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var errors = CheckIn.CheckDraft(form);
        if (errors.Count > 0)
        {
            return errors;
        }

        var draft = await db.CheckInDrafts.FirstOrDefaultAsync(d => d.PilotId == pilotId, ct);
        if (draft is null)
        {
            db.CheckInDrafts.Add(new CheckInDraft(pilotId, form, now));
        }
        else
        {
            draft.Keep(form, now);
        }

        return [];
    }

    /// <summary>Forgets the draft once its check-in is filed (saved with the change).</summary>
    public static async Task ClearAsync(AppDbContext db, Guid pilotId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.CheckInDrafts.FirstOrDefaultAsync(d => d.PilotId == pilotId, ct) is { } draft)
        {
            db.CheckInDrafts.Remove(draft);
        }
    }
}
