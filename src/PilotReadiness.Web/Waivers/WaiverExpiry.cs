using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Data;
using Quartz;

namespace PilotReadiness.Web.Waivers;

/// <summary>
/// Brings the stored readiness of assessments back when a waiver of one of their gates lapses: the verdict and the
/// portfolio's columns are capped by the gate again without anyone touching the assessment. Each assessment is changed
/// through the domain (<see cref="Assessment.RecordLapsedWaivers"/>) and saved with its concurrency check, so the lapse is
/// in the audit trail (by "system"); one that loses a race to a person's save is picked up by the next run.
/// </summary>
public sealed class WaiverExpiry(AppDbContext db, IQuestionnaireCatalog catalog, TimeProvider time, ILogger<WaiverExpiry> logger)
{
    /// <summary>
    /// Current assessments with an approved waiver expired at <paramref name="now"/> and not recorded yet: the database's
    /// side of <see cref="GateWaiver.LapsedAt"/> (a test ties the two together).
    /// </summary>
    public static IQueryable<Assessment> LapsedQuery(AppDbContext db, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        var approved = WaiverStatus.Approved;
        return db.Assessments.Current()
            .Where(a => a.Waivers.Any(w => w.Status == approved && w.ExpiresAt <= now && w.LapseRecordedAt == null));
    }

    /// <summary>Records every lapse due now; returns how many assessments were brought back.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var ids = await LapsedQuery(db, now).Select(a => a.Id).ToListAsync(ct);
        var done = 0;
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            var assessment = await db.Assessments.FirstAsync(a => a.Id == id, ct);
            if (assessment.RecordLapsedWaivers(catalog, now) == 0)
            {
                continue;
            }

            try
            {
                await db.SaveChangesAsync(ct);
                done++;
            }
            catch (DbUpdateException e) when (DbErrors.IsConflict(e))
            {
                logger.LogInformation("Assessment {AssessmentId} changed while its lapsed waivers were recorded; the next run records them", id);
            }
        }

        return done;
    }
}

/// <summary>Runs <see cref="WaiverExpiry"/>: lapsed waivers stop holding in the stored verdicts too.</summary>
public sealed class WaiverExpiryJob(WaiverExpiry expiry) : IJob
{
    public static readonly JobKey Key = new("waiver-expiry", "pilotreadiness");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await expiry.RunAsync(cancellationToken);
}
