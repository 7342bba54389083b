using System.Linq.Expressions;

namespace PilotReadiness.Web.Outbox;

/// <summary>Where an outbox message stands; the admin Outbox page filters by it.</summary>
public enum OutboxState
{
    /// <summary>Not tried yet: waits for its time and the next sender run.</summary>
    Waiting,

    /// <summary>An instance has claimed it and is sending it now (or stopped while doing so, until the claim times out).</summary>
    Sending,

    /// <summary>Tried and failed; tried again after a back-off.</summary>
    Retrying,

    Sent,

    /// <summary>Failed every attempt; an admin may try it again from the Outbox page.</summary>
    Failed,
}

/// <summary>
/// One email the app sends on its own initiative (a reminder, an escalation), written in the same save as the change
/// or the scan that causes it and sent later by <see cref="OutboxSender"/>. (Kind, Key, Recipient) is unique, so the
/// same reminder is enqueued once however many times, or on however many instances, it is produced.
/// </summary>
public sealed class OutboxMessage
{
    public const int KindMaxLength = 64;
    public const int KeyMaxLength = 200;
    public const int RecipientMaxLength = 256;
    public const int SubjectMaxLength = 300;
    public const int ClaimedByMaxLength = 200;
    public const int ErrorMaxLength = 2000;

    private OutboxMessage(string kind, string key, string recipient, string subject, string textBody, string htmlBody,
        DateTimeOffset dueAt, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        Kind = kind;
        Key = key;
        Recipient = recipient;
        Subject = subject;
        TextBody = textBody;
        HtmlBody = htmlBody;
        DueAt = dueAt;
        CreatedAt = now;
        NextAttemptAt = now;
    }

    // For EF Core.
    private OutboxMessage()
    {
        Kind = Key = Recipient = Subject = TextBody = HtmlBody = "";
    }

    public Guid Id { get; private set; }

    /// <summary>What sort of email it is, e.g. <c>condition-due</c>; the Outbox page filters by it.</summary>
    public string Kind { get; private set; }

    /// <summary>What the email is about and for which date, e.g. a condition's id and due date; unique per kind and recipient.</summary>
    public string Key { get; private set; }

    /// <summary>One email address, in lower case.</summary>
    public string Recipient { get; private set; }

    public string Subject { get; private set; }

    public string TextBody { get; private set; }

    /// <summary>Built by the source with every user-typed value HTML-encoded.</summary>
    public string HtmlBody { get; private set; }

    /// <summary>When the reminder fell due (e.g. seven days before the condition's date); it is sent from then on.</summary>
    public DateTimeOffset DueAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The sender run that holds the message while it sends it; cleared when an attempt fails.</summary>
    public string? ClaimedBy { get; private set; }

    public DateTimeOffset? ClaimedAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>Attempts started, counted when the message is claimed (so an instance that stops mid-send used one).</summary>
    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>Not sent before this time: the creation time, then the back-off after each failure.</summary>
    public DateTimeOffset NextAttemptAt { get; private set; }

    /// <summary>When the sender gave up (the attempts ran out); cleared by an admin's retry.</summary>
    public DateTimeOffset? FailedAt { get; private set; }

    /// <summary>Where the message stands, by the same rules as <see cref="InState"/> (one definition, compiled once).</summary>
    public OutboxState State => Compiled.First(s => s.Test(this)).State;

    /// <summary>The messages in <paramref name="state"/>, as a filter the database runs.</summary>
    public static Expression<Func<OutboxMessage, bool>> InState(OutboxState state) => state switch
    {
        OutboxState.Sent => m => m.SentAt != null,
        OutboxState.Failed => m => m.SentAt == null && m.FailedAt != null,
        OutboxState.Sending => m => m.SentAt == null && m.FailedAt == null && m.ClaimedAt != null,
        OutboxState.Retrying => m => m.SentAt == null && m.FailedAt == null && m.ClaimedAt == null && m.Attempts > 0,
        OutboxState.Waiting => m => m.SentAt == null && m.FailedAt == null && m.ClaimedAt == null && m.Attempts == 0,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    private static readonly (OutboxState State, Func<OutboxMessage, bool> Test)[] Compiled =
        [.. Enum.GetValues<OutboxState>().Select(s => (s, InState(s).Compile()))];

    /// <summary>
    /// A message for one recipient; a subject longer than <see cref="SubjectMaxLength"/> is shortened. Throws
    /// <see cref="ArgumentException"/> when a part is missing or the kind or key is too long: the sources build these from
    /// data the app already checked, so that is a programming error, not bad input.
    /// </summary>
    public static OutboxMessage Create(string kind, string key, string recipient, string subject, string textBody, string htmlBody,
        DateTimeOffset dueAt, DateTimeOffset now)
    {
        Require(kind, nameof(kind), KindMaxLength);
        Require(key, nameof(key), KeyMaxLength);
        Require(recipient, nameof(recipient), RecipientMaxLength);
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentException.ThrowIfNullOrWhiteSpace(textBody);
        ArgumentException.ThrowIfNullOrWhiteSpace(htmlBody);
        if (!recipient.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{recipient}' is not an email address.", nameof(recipient));
        }

        subject = subject.Trim();
        if (subject.Length > SubjectMaxLength)
        {
            subject = subject[..(SubjectMaxLength - 1)] + "…";
        }

        return new OutboxMessage(kind, key, NormalizeRecipient(recipient), subject, textBody, htmlBody, dueAt, now);
    }

    /// <summary>How a recipient is stored and compared: trimmed, in lower case.</summary>
    public static string NormalizeRecipient(string recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        return recipient.Trim().ToLowerInvariant();
    }

    /// <summary>
    /// The back-off before attempt <paramref name="attempts"/> + 1: <paramref name="baseDelay"/> doubled after each
    /// failed attempt, never more than <paramref name="maxDelay"/>.
    /// </summary>
    public static TimeSpan Backoff(int attempts, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var doublings = Math.Clamp(attempts - 1, 0, 30);
        var delay = baseDelay * Math.Pow(2, doublings);
        return delay > maxDelay ? maxDelay : delay;
    }

    private static void Require(string value, string name, int maxLength)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        if (value.Trim().Length > maxLength)
        {
            throw new ArgumentException($"{name} is longer than {maxLength} characters.", name);
        }
    }
}
