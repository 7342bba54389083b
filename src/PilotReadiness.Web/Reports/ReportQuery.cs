using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.Reports;

/// <summary>Loads what the report of one assessment needs, for the API and the print page alike.</summary>
public static class ReportQuery
{
    /// <summary>
    /// The report of assessment <paramref name="id"/> as <paramref name="user"/> may see it, or null when it does not
    /// exist or is not theirs to read (both answer 404).
    /// </summary>
    public static async Task<ReportModel?> LoadAsync(AppDbContext db, ClaimsPrincipal user, Guid id, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var assessment = await db.Assessments.AsNoTracking().VisibleTo(user).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null)
        {
            return null;
        }

        // Leadership's decisions are not recorded yet: the report says so ("No decision recorded yet").
        return ReportBuilder.Build(assessment, assessment.Score(now), assessment.ClaimStates(now), decisions: [], now);
    }
}
