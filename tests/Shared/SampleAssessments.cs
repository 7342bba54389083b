using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;

namespace PilotReadiness.Tests.Shared;

/// <summary>
/// The sample assessment the report tests and the report benchmark share (compiled into both projects): the shared
/// weak example answers (<see cref="ExampleAnswers.Weak"/>) with the named people at every stage of confirming.
/// </summary>
internal static class SampleAssessments
{
    public const string Title = "Claims triage assistant for José Ñúñez's team";
    public const string Sponsor = "Zoë Łukasiewicz";
    public const string Description = "Suggests a category and a priority for each incoming motor claim, so that handlers start with the urgent ones.";

    /// <summary>An assessment of the current questionnaire with these answers (the weak set unless told), owned by "owner-1".</summary>
    public static Assessment Weak(
        DateTimeOffset now, IReadOnlyDictionary<string, string[]>? answers = null, string title = Title, string sponsor = Sponsor, string? description = null)
    {
        var questionnaire = ShippedQuestionnaires.Catalog.Current.Questionnaire;
        var assessment = new Assessment(new AssessmentDetails(title, "Claims & Customer Care", sponsor, description ?? Description),
            ShippedQuestionnaires.Catalog.Current, "owner-1", now.AddDays(-30));
        var read = ExampleAnswers.Read(questionnaire, answers ?? ExampleAnswers.Weak(questionnaire.Version));
        assessment.SetAnswers(ShippedQuestionnaires.Catalog, read.ToDictionary(a => a.Key, a => (Answer?)a.Value, StringComparer.Ordinal), now.AddDays(-20));
        return assessment;
    }

    /// <summary>
    /// The weak assessment with the named people at every stage: the owner confirmed with a comment, the team sponsor
    /// declined, the quality reviewer not yet answered, the system owner's request expired.
    /// </summary>
    public static Assessment WithConfirmations(DateTimeOffset now)
    {
        var assessment = Weak(now);
        var owner = assessment.RequestConfirmation(ShippedQuestionnaires.Catalog, QuestionKeys.ProductionOwner, "jose@example.com", "hash-1", now.AddDays(-10), TimeSpan.FromDays(14));
        assessment.RespondToConfirmation(ShippedQuestionnaires.Catalog, owner.Id, confirmed: true, "Glad to, from April; Zoë Łukasiewicz keeps the budget.", now.AddDays(-8));
        var sponsor = assessment.RequestConfirmation(ShippedQuestionnaires.Catalog, QuestionKeys.TeamSponsor, "marek@example.com", "hash-2", now.AddDays(-10), TimeSpan.FromDays(14));
        assessment.RespondToConfirmation(ShippedQuestionnaires.Catalog, sponsor.Id, confirmed: false, "I am moving to another team in January.", now.AddDays(-9));
        assessment.RequestConfirmation(ShippedQuestionnaires.Catalog, QuestionKeys.QualityReviewer, "daniel@example.com", "hash-3", now.AddDays(-2), TimeSpan.FromDays(14));
        assessment.RequestConfirmation(ShippedQuestionnaires.Catalog, QuestionKeys.SystemOwner, "ingrid@example.com", "hash-4", now.AddDays(-20), TimeSpan.FromDays(14));
        return assessment;
    }
}
