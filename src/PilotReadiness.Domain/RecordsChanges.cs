using PilotReadiness.Domain.Assessments;

namespace PilotReadiness.Domain;

/// <summary>
/// Something whose changes go into an assessment's audit trail: the assessment itself, and what happens to the pilot
/// after launch (recorded against the version that went live).
/// </summary>
public interface IRecordsChanges
{
    /// <summary>The assessment version whose history the changes belong to.</summary>
    Guid AuditAssessmentId { get; }

    /// <summary>The changes made since the last call, oldest first, and forgets them.</summary>
    IReadOnlyList<AssessmentChange> TakeChanges();
}
