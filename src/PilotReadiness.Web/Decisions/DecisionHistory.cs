using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;
using System.Security.Claims;

namespace PilotReadiness.Web.Decisions;

/// <summary>What the decisions page, the results page and the API share about a pilot's decisions.</summary>
public static class DecisionHistory
{
    /// <summary>Every decision about the pilot, over all its versions, newest first (read-only).</summary>
    public static async Task<List<Decision>> ForPilotAsync(AppDbContext db, Guid pilotId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Decisions.AsNoTracking().Where(d => d.PilotId == pilotId)
            .OrderByDescending(d => d.DecidedAt).ThenByDescending(d => d.Revision).ThenByDescending(d => d.Id).ToListAsync(ct);
    }

    /// <summary>The pilot's current decision, tracked so that recording a new one can supersede it.</summary>
    public static Task<Decision?> CurrentAsync(AppDbContext db, Guid pilotId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Decisions.Current().FirstOrDefaultAsync(d => d.PilotId == pilotId, ct);
    }

    /// <summary>Who is deciding: their display name, or their sign-in name when they have none.</summary>
    public static Task<string> DeciderNameAsync(AppDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        UserNames.DisplayNameAsync(db, user, ct, "A reviewer");
}
