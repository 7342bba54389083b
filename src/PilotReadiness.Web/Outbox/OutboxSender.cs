using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Email;
using PilotReadiness.Web.Scheduling;

namespace PilotReadiness.Web.Outbox;

/// <summary>The outbox sender's settings (<c>Outbox:*</c>).</summary>
public sealed class OutboxOptions
{
    /// <summary>Attempts before a message is marked failed (an admin may retry it from the Outbox page).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed attempt; it doubles after each further one.</summary>
    public int RetryBaseSeconds { get; set; } = 60;

    /// <summary>The longest wait between two attempts.</summary>
    public int RetryMaxSeconds { get; set; } = 3600;

    /// <summary>
    /// How long a claim holds: a message claimed longer ago and still not sent (its instance stopped) is released and
    /// sent by the next run, on any instance. Keep it well above the SMTP client's timeout (MailKit: 2 minutes), or a
    /// slow send may be claimed again and go out twice.
    /// </summary>
    public int ClaimTimeoutSeconds { get; set; } = 300;

    /// <summary>The most messages one sender run sends.</summary>
    public int BatchSize { get; set; } = 50;

    internal TimeSpan ClaimTimeout => TimeSpan.FromSeconds(ClaimTimeoutSeconds);

    internal bool IsValid => MaxAttempts >= 1 && RetryBaseSeconds >= 1 && RetryMaxSeconds >= RetryBaseSeconds
        && ClaimTimeoutSeconds >= 10 && BatchSize >= 1;
}

/// <summary>What one sender run did.</summary>
public sealed record OutboxRun(int Sent, int Failed, int Released);

/// <summary>
/// Sends the outbox's due messages through <see cref="IEmailSender"/>, one at a time: claim (an atomic conditional update,
/// so two instances never hold the same message), send, mark sent. A failed attempt is tried again after a back-off that
/// doubles each time, up to <see cref="OutboxOptions.MaxAttempts"/>; a claim older than
/// <see cref="OutboxOptions.ClaimTimeoutSeconds"/> (its instance stopped mid-send) is released and sent again.
/// Delivery is at least once: see docs/operations.md, "Outbox".
/// </summary>
public sealed class OutboxSender(
    AppDbContext db, IEmailSender email, IEnumerable<IOutboxLinks> links, IOptions<OutboxOptions> options, AppInstance instance,
    TimeProvider time, ILogger<OutboxSender> logger)
{
    public const string AbandonedError = "The instance that claimed it stopped before it finished (";

    private OutboxOptions Settings => options.Value;

    /// <summary>Releases stale claims, then sends due messages until none is left or the batch is full.</summary>
    public async Task<OutboxRun> SendDueAsync(CancellationToken cancellationToken)
    {
        var released = await ReleaseStaleClaimsAsync(cancellationToken);
        int sent = 0, failed = 0;
        for (var i = 0; i < Settings.BatchSize; i++)
        {
            var claimed = await ClaimNextAsync(cancellationToken);
            if (claimed is null)
            {
                break;
            }

            if (await SendClaimedAsync(claimed, cancellationToken))
            {
                sent++;
            }
            else
            {
                failed++;
            }
        }

        if (sent + failed + released > 0)
        {
            logger.LogInformation("Outbox run on {Instance}: {Sent} sent, {Failed} failed, {Released} stale claims released",
                instance.Id, sent, failed, released);
        }

        return new OutboxRun(sent, failed, released);
    }

    /// <summary>
    /// Claims the next due message for this run: null when none is due. The claim is a conditional update that only
    /// succeeds on a message nobody holds, so of two instances racing for one message exactly one gets it.
    /// </summary>
    public async Task<Claimed?> ClaimNextAsync(CancellationToken cancellationToken)
    {
        for (var race = 0; race < 10; race++)
        {
            var now = time.GetUtcNow();
            var id = await db.OutboxMessages.Where(Due(now)).OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
                .Select(m => (Guid?)m.Id).FirstOrDefaultAsync(cancellationToken);
            if (id is null)
            {
                return null;
            }

            var claim = $"{instance.Id}/{Guid.NewGuid():N}";
            var won = await db.OutboxMessages.Where(m => m.Id == id).Where(Due(now)).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.ClaimedBy, claim)
                .SetProperty(m => m.ClaimedAt, now)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
            if (won == 1)
            {
                var message = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken);
                return new Claimed(message, claim);
            }

            // Another instance claimed it between the read and the update: look for the next one.
        }

        return null;
    }

    /// <summary>
    /// Sends a claimed message and records the outcome; false when the attempt failed. Stopping (cancellation) while
    /// sending leaves the claim in place: it times out and the message is sent again by whichever instance runs next.
    /// </summary>
    public async Task<bool> SendClaimedAsync(Claimed claimed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        var message = claimed.Message;
        try
        {
            var (text, html) = (message.TextBody, message.HtmlBody);
            foreach (var filler in links)
            {
                (text, html) = await filler.FillAsync(message, text, html, cancellationToken);
            }

            await email.SendAsync(new EmailMessage(message.Recipient, message.Subject, text, html), cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            await RecordFailureAsync(claimed, e);
            return false;
        }

        // Recorded even while the app stops: the email went, so it must not be sent again.
        var now = time.GetUtcNow();
        var marked = await db.OutboxMessages.Where(m => m.Id == message.Id && m.ClaimedBy == claimed.ClaimedBy)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, now), CancellationToken.None);
        if (marked == 0)
        {
            logger.LogWarning("Outbox message {Id} ({Kind} {Key} to {Recipient}) was sent after its claim timed out; it may have gone twice",
                message.Id, message.Kind, message.Key, message.Recipient);
        }

        return true;
    }

    private async Task RecordFailureAsync(Claimed claimed, Exception error)
    {
        var message = claimed.Message;
        var now = time.GetUtcNow();
        var giveUp = message.Attempts >= Settings.MaxAttempts;
        var next = now + OutboxMessage.Backoff(message.Attempts, TimeSpan.FromSeconds(Settings.RetryBaseSeconds), TimeSpan.FromSeconds(Settings.RetryMaxSeconds));
        var text = $"{error.GetType().Name}: {error.Message}";
        text = text.Length > OutboxMessage.ErrorMaxLength ? text[..OutboxMessage.ErrorMaxLength] : text;
        await db.OutboxMessages.Where(m => m.Id == message.Id && m.ClaimedBy == claimed.ClaimedBy).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.ClaimedBy, (string?)null)
            .SetProperty(m => m.ClaimedAt, (DateTimeOffset?)null)
            .SetProperty(m => m.LastError, text)
            .SetProperty(m => m.NextAttemptAt, next)
            .SetProperty(m => m.FailedAt, giveUp ? now : null), CancellationToken.None);
        if (giveUp)
        {
            logger.LogError(error, "Outbox message {Id} ({Kind} {Key} to {Recipient}) failed {Attempts} times and will not be tried again",
                message.Id, message.Kind, message.Key, message.Recipient, message.Attempts);
        }
        else
        {
            logger.LogWarning(error, "Outbox message {Id} ({Kind} to {Recipient}) failed attempt {Attempts}; next attempt at {Next}",
                message.Id, message.Kind, message.Recipient, message.Attempts, next);
        }
    }

    /// <summary>
    /// Releases the claims older than the claim timeout: their instance stopped between claiming and sending (or marking
    /// sent). Each goes back in line, or is marked failed when its attempts have run out.
    /// </summary>
    private async Task<int> ReleaseStaleClaimsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var staleBefore = now - Settings.ClaimTimeout;
        var max = Settings.MaxAttempts;
        return await db.OutboxMessages
            .Where(m => m.SentAt == null && m.FailedAt == null && m.ClaimedAt != null && m.ClaimedAt < staleBefore)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LastError, m => AbandonedError + m.ClaimedBy + ").")
                .SetProperty(m => m.FailedAt, m => m.Attempts >= max ? now : null)
                .SetProperty(m => m.ClaimedBy, (string?)null)
                .SetProperty(m => m.ClaimedAt, (DateTimeOffset?)null), cancellationToken);
    }

    /// <summary>Waiting or retrying, and its time has come.</summary>
    private static Expression<Func<OutboxMessage, bool>> Due(DateTimeOffset now) =>
        m => m.SentAt == null && m.FailedAt == null && m.ClaimedAt == null && m.NextAttemptAt <= now;

    /// <summary>A message this run holds, and the claim that proves it.</summary>
    public sealed record Claimed(OutboxMessage Message, string ClaimedBy);
}
