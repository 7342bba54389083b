using PilotReadiness.Web.Data;
using PilotReadiness.Web.Outbox;

namespace PilotReadiness.Web.Reminders;

/// <summary>What one reminder scan did.</summary>
public sealed record ReminderScanRun(int Due, int Enqueued, int FailedSources);

/// <summary>
/// Asks every registered <see cref="IReminderSource"/> what is due now and enqueues it in the outbox, skipping reminders
/// already there. Each source is saved on its own, so one that fails does not hold back the others. Run by the
/// clustered <see cref="Scheduling.ReminderScanJob"/> (one instance at a time), and directly by tests.
/// </summary>
public sealed class ReminderScan(AppDbContext db, IEnumerable<IReminderSource> sources, TimeProvider time, ILogger<ReminderScan> logger)
{
    public async Task<ReminderScanRun> RunAsync(CancellationToken cancellationToken)
    {
        int due = 0, enqueued = 0, failed = 0;
        foreach (var source in sources)
        {
            var now = time.GetUtcNow();
            try
            {
                var reminders = await source.DueAsync(now, cancellationToken);
                due += reminders.Count;
                enqueued += (await db.EnqueueAsync(reminders, now, cancellationToken)).Count;
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                failed++;
                logger.LogError(e, "Reminder source {Source} failed; the others were still scanned", source.GetType().Name);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        if (enqueued > 0 || failed > 0)
        {
            logger.LogInformation("Reminder scan: {Due} reminders due, {Enqueued} emails enqueued, {Failed} sources failed", due, enqueued, failed);
        }

        return new ReminderScanRun(due, enqueued, failed);
    }
}
