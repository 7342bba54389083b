using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Web.Data;

/// <summary>An audit row as a person reads it.</summary>
public sealed record HistoryLine(DateTimeOffset At, string Actor, string Kind, string What, string? From, string? To);

public static class AuditText
{
    /// <summary>An assessment's audit trail as people read it, newest first; shared by the history page and the API.</summary>
    public static async Task<IReadOnlyList<HistoryLine>> HistoryAsync(AppDbContext db, IQuestionnaireCatalog catalog, Assessment assessment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(assessment);
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.AssessmentId == assessment.Id)
            .OrderByDescending(e => e.Id).ToListAsync(ct);
        var userIds = entries.Where(e => e.Kind.StartsWith("collaborator", StringComparison.Ordinal))
            .Select(e => e.Subject).OfType<string>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName + " (" + u.Email + ")", ct);
        return [.. entries.Select(e => Describe(catalog.Get(assessment.QuestionnaireVersion).Questionnaire, e, names))];
    }

    public static HistoryLine Describe(Questionnaire questionnaire, AuditEntry entry, IReadOnlyDictionary<string, string> userNames)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(userNames);
        var kind = ChangeKindNames.FromKey(entry.Kind);
        var question = entry.Subject is null ? null : questionnaire.FindQuestion(entry.Subject);
        string? Answer(string? stored) => stored is null ? null : question is null ? stored : question.Describe(question.Decode(stored));
        string Person(string? id) => id is null ? "someone" : userNames.GetValueOrDefault(id, id);
        var (what, from, to) = kind switch
        {
            ChangeKind.Created => ("Started the assessment", null, entry.NewValue),
            ChangeKind.DetailsChanged => ("Changed the title, business unit, sponsor or description", entry.OldValue, entry.NewValue),
            ChangeKind.AnswerSet => ($"Answered \"{question?.Text ?? entry.Subject}\"", Answer(entry.OldValue), Answer(entry.NewValue)),
            ChangeKind.AnswerCleared => ($"Cleared \"{question?.Text ?? entry.Subject}\"", Answer(entry.OldValue), null),
            ChangeKind.Submitted => ("Submitted for review", null, null),
            ChangeKind.Reopened => ("Re-opened as a draft", null, null),
            ChangeKind.CollaboratorAdded => ($"Added {Person(entry.Subject)} as a collaborator", null, null),
            ChangeKind.CollaboratorRemoved => ($"Removed {Person(entry.Subject)} as a collaborator", null, null),
            ChangeKind.ConfirmationRequested => ($"Asked the person named in \"{question?.Text ?? entry.Subject}\" to confirm", null, entry.NewValue),
            ChangeKind.ConfirmationConfirmed => ($"Confirmed the role in \"{question?.Text ?? entry.Subject}\"", null, entry.NewValue),
            ChangeKind.ConfirmationDeclined => ($"Declined the role in \"{question?.Text ?? entry.Subject}\"", null, entry.NewValue),
            ChangeKind.Reassessed => ("Started a re-assessment; this version is now read-only", null, entry.NewValue),
            ChangeKind.DecisionRecorded => ($"Recorded the decision: {DecisionNames.FromKey(entry.Subject)?.ToLabel() ?? entry.Subject}", null, entry.NewValue),
            ChangeKind.ConditionMet => ("Marked a condition of the decision met", null, entry.NewValue),
            ChangeKind.QuestionnaireMoved => ("Moved to the current questionnaire and scoring model", entry.OldValue, entry.NewValue),
            ChangeKind.MarkedNotApplicable => ($"Marked \"{question?.Text ?? entry.Subject}\" not applicable", null, entry.NewValue),
            ChangeKind.NotApplicableCleared => ($"Took back \"not applicable\" on \"{question?.Text ?? entry.Subject}\"", entry.OldValue, null),
            ChangeKind.WaiverRequested => ($"Asked for a waiver of the gate \"{GateSetNames.LabelOf(entry.Subject ?? "")}\"", null, entry.NewValue),
            ChangeKind.WaiverApproved => ($"Approved the waiver of the gate \"{GateSetNames.LabelOf(entry.Subject ?? "")}\"", null, entry.NewValue),
            ChangeKind.WaiverRefused => ($"Refused the waiver of the gate \"{GateSetNames.LabelOf(entry.Subject ?? "")}\"", null, entry.NewValue),
            ChangeKind.WaiverLapsed => ($"The waiver of the gate \"{GateSetNames.LabelOf(entry.Subject ?? "")}\" lapsed; the gate caps the verdict again", null, entry.NewValue),
            _ => (entry.Kind, entry.OldValue, entry.NewValue),
        };
        return new HistoryLine(entry.At, entry.ActorName, entry.Kind, what, from, to);
    }
}
