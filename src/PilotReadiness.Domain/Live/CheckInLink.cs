namespace PilotReadiness.Domain.Live;

/// <summary>
/// A single-use link emailed to the production owner so they can file a check-in without an account. Only the hash
/// of its token is kept. It works until it is used or expires; a newer link replaces it.
/// </summary>
public sealed class CheckInLink
{
    public static readonly TimeSpan ValidFor = TimeSpan.FromDays(21);

    internal CheckInLink(Guid pilotId, DateOnly due, string email, string tokenHash, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        PilotId = pilotId;
        DueDate = due;
        Email = email;
        TokenHash = tokenHash;
        SentAt = now;
        ExpiresAt = now + ValidFor;
    }

    // For EF Core.
    private CheckInLink()
    {
        Email = TokenHash = "";
    }

    public Guid Id { get; private set; }

    public Guid PilotId { get; private set; }

    /// <summary>The due date of the check-in it was sent for.</summary>
    public DateOnly DueDate { get; private set; }

    public string Email { get; private set; }

    public string TokenHash { get; private set; }

    public DateTimeOffset SentAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? UsedAt { get; private set; }

    public bool IsUsable(DateTimeOffset now) => UsedAt is null && now < ExpiresAt;

    internal void Use(DateTimeOffset now) => UsedAt = now;

    internal void Expire(DateTimeOffset now)
    {
        if (ExpiresAt > now)
        {
            ExpiresAt = now;
        }
    }
}
