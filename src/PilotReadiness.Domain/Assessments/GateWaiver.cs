using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Domain.Assessments;

/// <summary>Where a waiver stands: asked for by a sponsor, then approved or refused by a reviewer.</summary>
public enum WaiverStatus
{
    Requested,
    Approved,
    Refused,
}

public static class WaiverStatusNames
{
    public static string ToKey(this WaiverStatus status) => status switch
    {
        WaiverStatus.Requested => "requested",
        WaiverStatus.Approved => "approved",
        WaiverStatus.Refused => "refused",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown waiver status."),
    };

    public static WaiverStatus FromKey(string key) => key switch
    {
        "requested" => WaiverStatus.Requested,
        "approved" => WaiverStatus.Approved,
        "refused" => WaiverStatus.Refused,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Unknown waiver status."),
    };
}

/// <summary>
/// A sponsor's request that a triggered gate stop capping the verdict for a while, and a reviewer's answer. Approved, it
/// holds until the end of <see cref="Until"/> (UTC): from <see cref="ExpiresAt"/> the gate caps again. Rows are never
/// deleted; a refused or lapsed waiver stays beside the assessment, and a new one can be asked for.
/// </summary>
public sealed class GateWaiver
{
    public const int ReasonMaxLength = 1000;

    internal GateWaiver(string gateKey, string reason, string requestedById, string requestedByName, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        GateKey = gateKey;
        Reason = reason;
        RequestedById = requestedById;
        RequestedByName = requestedByName;
        RequestedAt = now;
        Status = WaiverStatus.Requested;
    }

    // For EF Core.
    private GateWaiver()
    {
        GateKey = Reason = RequestedById = RequestedByName = "";
    }

    public Guid Id { get; private set; }

    public string GateKey { get; private set; }

    /// <summary>The sponsor's reason for asking.</summary>
    public string Reason { get; private set; }

    public string RequestedById { get; private set; }

    public string RequestedByName { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public WaiverStatus Status { get; private set; }

    public string? DecidedById { get; private set; }

    public string? DecidedByName { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>The reviewer's note: required to refuse, optional to approve.</summary>
    public string? Note { get; private set; }

    /// <summary>The last day (UTC) an approved waiver holds.</summary>
    public DateOnly? Until { get; private set; }

    /// <summary>When an approved waiver stops holding: the start of the day after <see cref="Until"/>, UTC.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    /// <summary>When the stored readiness was brought back after this waiver lapsed (the expiry job, or the next change).</summary>
    public DateTimeOffset? LapseRecordedAt { get; private set; }

    /// <summary>The gate's name as people read it.</summary>
    public string Label => GateSetNames.LabelOf(GateKey);

    /// <summary>Approved and not expired at <paramref name="now"/>: the gate does not cap the verdict.</summary>
    public bool HoldsAt(DateTimeOffset now) => Status == WaiverStatus.Approved && now < ExpiresAt;

    /// <summary>Approved, and expired at <paramref name="now"/>.</summary>
    public bool LapsedAt(DateTimeOffset now) => Status == WaiverStatus.Approved && now >= ExpiresAt;

    /// <summary>Asked for and not answered yet, or holding at <paramref name="now"/>: a second request for the gate waits.</summary>
    public bool IsOpenAt(DateTimeOffset now) => Status == WaiverStatus.Requested || HoldsAt(now);

    /// <summary>The moment a waiver approved until <paramref name="until"/> stops holding.</summary>
    public static DateTimeOffset ExpiryOf(DateOnly until) => new(until.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>Where it stands at <paramref name="now"/>, as people read it.</summary>
    public string Describe(DateTimeOffset now) => Status switch
    {
        WaiverStatus.Requested => "waiting for a reviewer",
        WaiverStatus.Refused => $"refused by {DecidedByName}",
        _ when HoldsAt(now) => $"waived by {DecidedByName} until {Until:d MMM yyyy}",
        _ => $"lapsed on {Until:d MMM yyyy} (waived by {DecidedByName})",
    };

    internal void Approve(string reviewerId, string reviewerName, DateOnly until, string? note, DateTimeOffset now)
    {
        Status = WaiverStatus.Approved;
        (DecidedById, DecidedByName, DecidedAt, Until, ExpiresAt, Note) = (reviewerId, reviewerName, now, until, ExpiryOf(until), note);
    }

    internal void Refuse(string reviewerId, string reviewerName, string note, DateTimeOffset now)
    {
        Status = WaiverStatus.Refused;
        (DecidedById, DecidedByName, DecidedAt, Note) = (reviewerId, reviewerName, now, note);
    }

    internal void RecordLapse(DateTimeOffset now) => LapseRecordedAt = now;

    /// <summary>A copy for the next version of the assessment (same gate, people, dates and state; a new id).</summary>
    internal GateWaiver CarriedOver(DateTimeOffset now)
    {
        var copy = (GateWaiver)MemberwiseClone();
        copy.Id = Guid.CreateVersion7(now);
        return copy;
    }
}

/// <summary>A triggered gate that a waiver holding at the moment of scoring stops from capping the verdict.</summary>
public sealed record WaivedGate(string GateKey, string WaivedBy, DateOnly Until, string Reason);

/// <summary>
/// The rule of waivers, in one place: which of a score's gates still cap its verdict at a moment, given the assessment's
/// waivers. Pure: the same score, waivers and moment give the same result.
/// </summary>
public static class GateWaivers
{
    /// <summary>Gates that cannot be waived, and why: an essential question is answered, not waived.</summary>
    public static string? WhyNotWaivable(string gateKey) => gateKey == Gates.BlockerUnanswered
        ? "An essential question must be answered; its gate cannot be waived."
        : null;

    /// <summary>
    /// <paramref name="score"/> with the waivers holding at <paramref name="now"/> applied: each waived gate stays in
    /// <see cref="ScoreResult.Gates"/> and is named in <see cref="ScoreResult.Waived"/>(); the verdict is the score's verdict
    /// capped by the other gates only. Waivers of gates the score did not trigger change nothing.
    /// </summary>
    public static ScoreResult Apply(ScoreResult score, IEnumerable<GateWaiver> waivers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(waivers);
        var triggered = score.Gates.Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var holding = waivers.Where(w => w.HoldsAt(now) && triggered.Contains(w.GateKey) && WhyNotWaivable(w.GateKey) is null)
            .GroupBy(w => w.GateKey, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(w => w.Until).First())
            .Select(w => new WaivedGate(w.GateKey, w.DecidedByName ?? "", w.Until!.Value, w.Reason))
            .ToList();
        if (holding.Count == 0)
        {
            return score;
        }

        var waived = holding.Select(w => w.GateKey).ToHashSet(StringComparer.Ordinal);
        var verdict = score.Gates.Where(g => !waived.Contains(g.Key)).Aggregate(score.ScoreVerdict, (v, g) => VerdictNames.Min(v, g.Cap));
        return score.WithWaivers(holding, verdict);
    }
}
