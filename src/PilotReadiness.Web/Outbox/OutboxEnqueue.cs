using Microsoft.EntityFrameworkCore;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Reminders;

namespace PilotReadiness.Web.Outbox;

/// <summary>
/// Writing reminders to the outbox: rows added to the caller's unit of work, so they are saved (or not) with the change
/// that causes them, in the same <c>SaveChanges</c>.
/// </summary>
public static class OutboxEnqueue
{
    /// <summary>
    /// Adds one outbox row per recipient of each reminder to <paramref name="db"/>, skipping any (kind, key, recipient)
    /// already in the outbox or already added. Nothing is saved: the caller's <c>SaveChangesAsync</c> writes the rows with
    /// its own changes, in one transaction. Returns the rows added.
    /// </summary>
    /// <remarks>
    /// Another instance may enqueue the same reminder between this check and the save; the unique index then refuses the
    /// save, and <see cref="AppDbContext.SaveChangesAsync(bool, CancellationToken)"/> drops the duplicate rows and saves
    /// the rest again (see <see cref="ForgetDuplicatesAsync"/>).
    /// </remarks>
    public static async Task<IReadOnlyList<OutboxMessage>> EnqueueAsync(
        this AppDbContext db, IReadOnlyCollection<Reminder> reminders, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(reminders);
        var messages = reminders
            .SelectMany(r => r.Recipients.Select(to => OutboxMessage.Create(r.Kind, r.Key, to, r.Subject, r.TextBody, r.HtmlBody, r.DueAt, now)))
            .DistinctBy(Identity)
            .ToList();
        if (messages.Count == 0)
        {
            return [];
        }

        var known = await KnownAsync(db, messages, cancellationToken);
        known.UnionWith(db.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added).Select(e => Identity(e.Entity)));
        var added = messages.Where(m => !known.Contains(Identity(m))).ToList();
        db.OutboxMessages.AddRange(added);
        return added;
    }

    /// <summary>
    /// After a save broke a unique index: detaches the added outbox rows whose (kind, key, recipient) is in the database
    /// by now (another instance enqueued them first). True when there were any, so the save can be tried again without them.
    /// </summary>
    internal static async Task<bool> ForgetDuplicatesAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var added = db.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added).ToList();
        if (added.Count == 0)
        {
            return false;
        }

        var known = await KnownAsync(db, [.. added.Select(e => e.Entity)], cancellationToken);
        var duplicates = added.Where(e => known.Contains(Identity(e.Entity))).ToList();
        duplicates.ForEach(e => e.State = EntityState.Detached);
        return duplicates.Count > 0;
    }

    private static async Task<HashSet<(string, string, string)>> KnownAsync(AppDbContext db, IReadOnlyList<OutboxMessage> messages, CancellationToken ct)
    {
        var keys = messages.Select(m => m.Key).Distinct().ToList();
        var rows = await db.OutboxMessages.AsNoTracking().Where(m => keys.Contains(m.Key))
            .Select(m => new { m.Kind, m.Key, m.Recipient }).ToListAsync(ct);
        return [.. rows.Select(r => (r.Kind, r.Key, r.Recipient))];
    }

    private static (string, string, string) Identity(OutboxMessage message) => (message.Kind, message.Key, message.Recipient);
}
