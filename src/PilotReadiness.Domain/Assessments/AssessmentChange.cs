namespace PilotReadiness.Domain.Assessments;

public enum ChangeKind
{
    Created,
    DetailsChanged,
    AnswerSet,
    AnswerCleared,
    Submitted,
    Reopened,
    CollaboratorAdded,
    CollaboratorRemoved,
    ConfirmationRequested,
    ConfirmationConfirmed,
    ConfirmationDeclined,
    Reassessed,
    DecisionRecorded,
    ConditionMet,
    QuestionnaireMoved,
    MarkedNotApplicable,
    NotApplicableCleared,
    EvidenceAdded,
    EvidenceRemoved,
    WaiverRequested,
    WaiverApproved,
    WaiverRefused,
    WaiverLapsed,
    WentLive,
    PlanChanged,
    CheckInFiled,
    CheckInCorrected,
    CheckInLinkSent,
    IngestionKeyIssued,
    IngestionKeyRevoked,
    OutcomeRecorded,
}

/// <summary>
/// One change an assessment went through, in the order it happened, including what happened to its pilot after
/// launch (go-live, plan, check-ins, keys, outcome). Old and new values are the stored (encoded) forms for answers, or
/// plain text for everything else. The application stores these as its audit trail.
/// </summary>
public sealed record AssessmentChange(ChangeKind Kind, DateTimeOffset At, string? Subject = null, string? OldValue = null, string? NewValue = null);

public static class ChangeKindNames
{
    public static string ToKey(this ChangeKind kind) => kind switch
    {
        ChangeKind.Created => "created",
        ChangeKind.DetailsChanged => "details-changed",
        ChangeKind.AnswerSet => "answer-set",
        ChangeKind.AnswerCleared => "answer-cleared",
        ChangeKind.Submitted => "submitted",
        ChangeKind.Reopened => "reopened",
        ChangeKind.CollaboratorAdded => "collaborator-added",
        ChangeKind.CollaboratorRemoved => "collaborator-removed",
        ChangeKind.ConfirmationRequested => "confirmation-requested",
        ChangeKind.ConfirmationConfirmed => "confirmation-confirmed",
        ChangeKind.ConfirmationDeclined => "confirmation-declined",
        ChangeKind.Reassessed => "reassessed",
        ChangeKind.DecisionRecorded => "decision-recorded",
        ChangeKind.ConditionMet => "condition-met",
        ChangeKind.QuestionnaireMoved => "questionnaire-moved",
        ChangeKind.MarkedNotApplicable => "marked-not-applicable",
        ChangeKind.NotApplicableCleared => "not-applicable-cleared",
        ChangeKind.EvidenceAdded => "evidence-added",
        ChangeKind.EvidenceRemoved => "evidence-removed",
        ChangeKind.WaiverRequested => "waiver-requested",
        ChangeKind.WaiverApproved => "waiver-approved",
        ChangeKind.WaiverRefused => "waiver-refused",
        ChangeKind.WaiverLapsed => "waiver-lapsed",
        ChangeKind.WentLive => "went-live",
        ChangeKind.PlanChanged => "plan-changed",
        ChangeKind.CheckInFiled => "check-in-filed",
        ChangeKind.CheckInCorrected => "check-in-corrected",
        ChangeKind.CheckInLinkSent => "check-in-link-sent",
        ChangeKind.IngestionKeyIssued => "ingestion-key-issued",
        ChangeKind.IngestionKeyRevoked => "ingestion-key-revoked",
        ChangeKind.OutcomeRecorded => "outcome-recorded",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown change."),
    };

    public static ChangeKind FromKey(string key) => Enum.GetValues<ChangeKind>().Single(k => k.ToKey() == key);
}
