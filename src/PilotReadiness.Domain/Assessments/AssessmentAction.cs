namespace PilotReadiness.Domain.Assessments;

/// <summary>
/// The changes that can be made to an assessment. <see cref="Assessment.WhyNot"/> says, for each, whether the
/// assessment's state allows it now; the application decides who may ask for it.
/// </summary>
public enum AssessmentAction
{
    ChangeAnswers,
    ChangeDetails,
    Submit,
    Reopen,
    Reassess,
    RequestConfirmation,
    RespondToConfirmation,
    ManageCollaborators,
    RecordDecision,
    MarkConditionMet,
}
