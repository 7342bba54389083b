namespace PilotReadiness.Domain.Assessments;

public enum ConfirmationStatus
{
    Pending,
    Confirmed,
    Declined,
}

/// <summary>
/// A request to the person a sponsor named for a role (production owner, quality reviewer, in-team sponsor, system
/// owner) to confirm or decline it. It answers through a single-use link; only the hash of the link's token is kept.
/// </summary>
public sealed class Confirmation
{
    public const int EmailMaxLength = 256;
    public const int CommentMaxLength = 1000;

    internal Confirmation(string questionKey, string personName, string email, string tokenHash, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        Id = Guid.CreateVersion7(now);
        QuestionKey = questionKey;
        PersonName = personName;
        Email = email;
        TokenHash = tokenHash;
        RequestedAt = now;
        ExpiresAt = expiresAt;
        Status = ConfirmationStatus.Pending;
    }

    // For EF Core.
    private Confirmation()
    {
        QuestionKey = PersonName = Email = TokenHash = "";
    }

    public Guid Id { get; private set; }

    public string QuestionKey { get; private set; }

    /// <summary>The name given in the answer when the request was sent; a later, different name is a new claim.</summary>
    public string PersonName { get; private set; }

    public string Email { get; private set; }

    public string TokenHash { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public ConfirmationStatus Status { get; private set; }

    public DateTimeOffset? RespondedAt { get; private set; }

    public string? Comment { get; private set; }

    /// <summary>
    /// An answered request (confirmed or declined) copied into the next version of the assessment. Its link cannot be
    /// used (the stored hash is not the hash of any token), and it keeps who answered, how and when.
    /// </summary>
    internal Confirmation CarriedOver(DateTimeOffset now) => new(QuestionKey, PersonName, Email, "carried-" + Guid.CreateVersion7(now).ToString("N"), RequestedAt, ExpiresAt)
    {
        Status = Status,
        RespondedAt = RespondedAt,
        Comment = Comment,
    };

    public bool CanRespond(DateTimeOffset now) => Status == ConfirmationStatus.Pending && now < ExpiresAt;

    internal void Respond(bool confirmed, string? comment, DateTimeOffset now)
    {
        if (!CanRespond(now))
        {
            throw new InvalidOperationException("This confirmation link has been used or has expired.");
        }

        Status = confirmed ? ConfirmationStatus.Confirmed : ConfirmationStatus.Declined;
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        RespondedAt = now;
    }
}

/// <summary>Where the claim "this person holds this role" stands, for the name currently given in the answer.</summary>
public enum ClaimState
{
    NotRequested,
    Pending,
    Expired,
    Confirmed,
    Declined,
}

public static class ClaimStateNames
{
    public static string ToKey(this ClaimState state) => state switch
    {
        ClaimState.NotRequested => "not-requested",
        ClaimState.Pending => "pending",
        ClaimState.Expired => "expired",
        ClaimState.Confirmed => "confirmed",
        ClaimState.Declined => "declined",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown claim state."),
    };
}
