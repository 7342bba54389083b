using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Decisions;

namespace PilotReadiness.Web.Reports;

/// <summary>Loads what the report of one assessment needs, for the API and the print page alike.</summary>
public static class ReportQuery
{
    /// <summary>
    /// The report of assessment <paramref name="id"/> as <paramref name="user"/> may see it, or null when it does not
    /// exist or is not theirs to read (both answer 404).
    /// </summary>
    public static async Task<ReportModel?> LoadAsync(
        AppDbContext db, IQuestionnaireCatalog catalog, ClaimsPrincipal user, Guid id, DateTimeOffset now, int staleAfterDays, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var assessment = await db.Assessments.AsNoTracking().VisibleTo(user).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null)
        {
            return null;
        }

        var decisions = await DecisionHistory.ForPilotAsync(db, assessment.PilotId, ct);
        var report = ReportBuilder.Build(assessment, assessment.VersionIn(catalog), assessment.Score(catalog, now), assessment.ClaimStates(now),
            ReportBuilder.Decisions(decisions, now.Day()), now, assessment.Revision, await OrganisationSettings.CurrencyAsync(db, ct), staleAfterDays);
        // A version that went live, or the current version of a pilot that did, carries the state after launch.
        var live = await db.LivePilots.AsNoTracking().AsSplitQuery().FirstOrDefaultAsync(
            l => l.PilotId == assessment.PilotId && (l.AssessmentId == assessment.Id || assessment.SupersededAt == null), ct);
        if (live is null)
        {
            return report;
        }

        var signals = await db.LiveSignals.AsNoTracking().Where(s => s.PilotId == live.PilotId).OrderBy(s => s.Date).ToListAsync(ct);
        return report with { AfterLaunch = ReportBuilder.AfterLaunch(live, live.Evaluate(signals, now.Day())) };
    }
}
