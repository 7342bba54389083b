namespace PilotReadiness.Web.Reminders;

/// <summary>
/// One email the app sends on its own initiative, to one or more people: what a <see cref="IReminderSource"/> produces
/// and what <see cref="Outbox.OutboxEnqueue.Enqueue"/> writes as one outbox row per recipient.
/// </summary>
/// <param name="Kind">What sort of email, e.g. <c>condition-due</c> (at most 64 characters); the Outbox page filters by it.</param>
/// <param name="Key">
/// What it is about and for which date, e.g. <c>{conditionId}/2026-12-01</c> (at most 200 characters). The same kind, key
/// and recipient is sent once, ever: put the date or period in the key when the same subject should be reminded of again.
/// </param>
/// <param name="Recipients">Email addresses; each gets its own copy (and its own row).</param>
/// <param name="Subject">The email's subject line.</param>
/// <param name="TextBody">The plain-text body.</param>
/// <param name="HtmlBody">The HTML body, with every user-typed value HTML-encoded.</param>
/// <param name="DueAt">When the reminder fell due; shown on the Outbox page.</param>
public sealed record Reminder(
    string Kind,
    string Key,
    IReadOnlyList<string> Recipients,
    string Subject,
    string TextBody,
    string HtmlBody,
    DateTimeOffset DueAt);

/// <summary>
/// Produces the reminders that are due at a moment. The reminder scan (<see cref="ReminderScan"/>) asks every registered
/// source once per <c>Scheduler:ReminderScanSeconds</c>, on one instance at a time, and enqueues what they return; a
/// reminder already enqueued (same kind, key and recipient) is skipped, so a source simply returns everything that is
/// due now, every time, without remembering what it sent. See docs/after-launch.md, "Reminders and the outbox".
/// </summary>
public interface IReminderSource
{
    /// <summary>Everything due at <paramref name="now"/> (the app's clock). Reads only; the scan saves.</summary>
    Task<IReadOnlyList<Reminder>> DueAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
