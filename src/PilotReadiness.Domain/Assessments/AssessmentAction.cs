namespace PilotReadiness.Domain.Assessments;

/// <summary>
/// The changes that can be made to an assessment. <see cref="Assessment.WhyNot"/> says, for each, whether the
/// assessment's state allows it now; the application decides who may ask for it.
/// </summary>
public enum AssessmentAction
{
    ChangeAnswers,
    ChangeDetails,

    /// <summary>Adding or removing the evidence behind an answer: allowed when the answers may change.</summary>
    ChangeEvidence,
    Submit,
    Reopen,
    Reassess,
    RequestConfirmation,
    RespondToConfirmation,
    ManageCollaborators,
    RecordDecision,

    /// <summary>A sponsor asks for a waiver of a triggered gate: on a current, submitted assessment.</summary>
    RequestWaiver,

    /// <summary>A reviewer approves or refuses a waiver: on a current assessment.</summary>
    DecideWaiver,
    MarkConditionMet,
}
