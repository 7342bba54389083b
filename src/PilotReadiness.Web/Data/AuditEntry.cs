namespace PilotReadiness.Web.Data;

/// <summary>
/// One row of an assessment's audit trail: what changed, from what to what, who did it and when. Written by
/// <see cref="AuditInterceptor"/> in the same save as the change; never updated or deleted.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; init; }

    public Guid AssessmentId { get; init; }

    public DateTimeOffset At { get; init; }

    /// <summary>The user's id, or "system" for changes made by the app itself (e.g. the demo data).</summary>
    public string ActorId { get; init; } = "";

    public string ActorName { get; init; } = "";

    /// <summary>A <see cref="Domain.Assessments.ChangeKind"/> key, e.g. <c>answer-set</c>.</summary>
    public string Kind { get; init; } = "";

    /// <summary>The question key, or the collaborator's user id, the change is about.</summary>
    public string? Subject { get; init; }

    public string? OldValue { get; init; }

    public string? NewValue { get; init; }
}
