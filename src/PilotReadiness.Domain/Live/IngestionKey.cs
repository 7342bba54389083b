namespace PilotReadiness.Domain.Live;

/// <summary>
/// A key the production system uses to post a live pilot's daily figures, and nothing else. Shown once when it is
/// issued; only its hash and a short prefix (to tell keys apart) are kept. Issuing a new key revokes the old one.
/// </summary>
public sealed class IngestionKey
{
    /// <summary>Every key starts with this, so it can be recognised (and found by secret scanners).</summary>
    public const string Marker = "prk_";

    public const int PrefixLength = 12;

    internal IngestionKey(Guid pilotId, string hash, string prefix, string issuedBy, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        PilotId = pilotId;
        Hash = hash;
        Prefix = prefix;
        IssuedBy = issuedBy;
        IssuedAt = now;
    }

    // For EF Core.
    private IngestionKey()
    {
        Hash = Prefix = IssuedBy = "";
    }

    public Guid Id { get; private set; }

    public Guid PilotId { get; private set; }

    /// <summary>SHA-256 of the whole key, hex.</summary>
    public string Hash { get; private set; }

    /// <summary>The key's first characters, shown so people can tell which key a system uses.</summary>
    public string Prefix { get; private set; }

    public string IssuedBy { get; private set; }

    public DateTimeOffset IssuedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public string? RevokedBy { get; private set; }

    public DateTimeOffset? LastUsedAt { get; private set; }

    public bool IsActive => RevokedAt is null;

    internal void Revoke(string by, DateTimeOffset now)
    {
        RevokedAt = now;
        RevokedBy = by;
    }

    /// <summary>Notes that the key was used; at most once a day per key, so posting does not rewrite it each time.</summary>
    public void NoteUsed(DateTimeOffset now)
    {
        if (LastUsedAt is null || LastUsedAt.Value.Day() != now.Day())
        {
            LastUsedAt = now;
        }
    }
}
