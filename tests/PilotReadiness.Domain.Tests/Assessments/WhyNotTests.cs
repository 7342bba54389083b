using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Tests.Builders;

namespace PilotReadiness.Domain.Tests.Assessments;

/// <summary>
/// <see cref="Assessment.WhyNot"/> is the one place that says which change an assessment's state allows; pages and API
/// ask it, and the changes themselves refuse with the same message.
/// </summary>
public class WhyNotTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 4, 9, 0, 0, TimeSpan.Zero);

    public enum State
    {
        Draft,
        Submitted,
        Superseded,
    }

    private static Assessment In(State state)
    {
        var questionnaire = ShippedQuestionnaires.Catalog.Current.Questionnaire;
        var assessment = new Assessment(new AssessmentDetails("Pilot", "Unit", "Sponsor", null), ShippedQuestionnaires.Catalog.Get(questionnaire.Version), "owner", Now);
        assessment.SetAnswers(ShippedQuestionnaires.Catalog, AnswersBuilder.Ready(questionnaire.Version).Build()
            .ToDictionary(a => a.Key, a => (PilotReadiness.Domain.Answers.Answer?)a.Value, StringComparer.Ordinal), Now);
        if (state != State.Draft)
        {
            assessment.Submit(ShippedQuestionnaires.Catalog, Now);
        }

        if (state == State.Superseded)
        {
            _ = assessment.Reassess(ShippedQuestionnaires.Catalog, Now);
        }

        return assessment;
    }

    [Theory]
    [InlineData(State.Draft, AssessmentAction.ChangeAnswers, null)]
    [InlineData(State.Draft, AssessmentAction.ChangeDetails, null)]
    [InlineData(State.Draft, AssessmentAction.Submit, null)]
    [InlineData(State.Draft, AssessmentAction.Reopen, RefusalKind.WrongState)]
    [InlineData(State.Draft, AssessmentAction.Reassess, RefusalKind.WrongState)]
    [InlineData(State.Draft, AssessmentAction.RecordDecision, RefusalKind.WrongState)]
    [InlineData(State.Draft, AssessmentAction.RequestConfirmation, null)]
    [InlineData(State.Draft, AssessmentAction.ManageCollaborators, null)]
    [InlineData(State.Draft, AssessmentAction.MarkConditionMet, null)]
    [InlineData(State.Submitted, AssessmentAction.ChangeAnswers, RefusalKind.WrongState)]
    [InlineData(State.Submitted, AssessmentAction.ChangeDetails, RefusalKind.WrongState)]
    [InlineData(State.Submitted, AssessmentAction.Submit, RefusalKind.WrongState)]
    [InlineData(State.Submitted, AssessmentAction.Reopen, null)]
    [InlineData(State.Submitted, AssessmentAction.Reassess, null)]
    [InlineData(State.Submitted, AssessmentAction.RecordDecision, null)]
    [InlineData(State.Submitted, AssessmentAction.RequestConfirmation, null)]
    [InlineData(State.Submitted, AssessmentAction.RespondToConfirmation, null)]
    [InlineData(State.Superseded, AssessmentAction.ChangeAnswers, RefusalKind.Superseded)]
    [InlineData(State.Superseded, AssessmentAction.Reopen, RefusalKind.Superseded)]
    [InlineData(State.Superseded, AssessmentAction.Reassess, RefusalKind.Superseded)]
    [InlineData(State.Superseded, AssessmentAction.RecordDecision, RefusalKind.Superseded)]
    [InlineData(State.Superseded, AssessmentAction.RequestConfirmation, RefusalKind.Superseded)]
    [InlineData(State.Superseded, AssessmentAction.RespondToConfirmation, RefusalKind.Superseded)]
    [InlineData(State.Superseded, AssessmentAction.ManageCollaborators, RefusalKind.Superseded)]
    [InlineData(State.Superseded, AssessmentAction.MarkConditionMet, RefusalKind.Superseded)]
    public void WhyNot_SaysWhichChangesTheStateAllows(State state, AssessmentAction action, RefusalKind? refused)
    {
        Assert.Equal(refused, In(state).WhyNot(action)?.Kind);
    }

    [Fact]
    public void WhyNot_SupersededComesBeforeTheStatus_AndNamesTheVersion()
    {
        var refusal = In(State.Superseded).WhyNot(AssessmentAction.Submit);

        Assert.Equal(RefusalKind.Superseded, refusal?.Kind);
        Assert.StartsWith("This is version 1, kept read-only", refusal?.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(State.Submitted, AssessmentAction.Submit)]
    [InlineData(State.Draft, AssessmentAction.Reopen)]
    [InlineData(State.Draft, AssessmentAction.Reassess)]
    [InlineData(State.Submitted, AssessmentAction.ChangeAnswers)]
    [InlineData(State.Superseded, AssessmentAction.Reopen)]
    public void TheChangeItself_RefusesWithTheSameMessage(State state, AssessmentAction action)
    {
        var assessment = In(state);
        var expected = assessment.WhyNot(action)!;

        var thrown = Assert.Throws<RefusedException>(() =>
        {
            switch (action)
            {
                case AssessmentAction.Submit: assessment.Submit(ShippedQuestionnaires.Catalog, Now); break;
                case AssessmentAction.Reopen: assessment.Reopen(ShippedQuestionnaires.Catalog, Now); break;
                case AssessmentAction.Reassess: assessment.Reassess(ShippedQuestionnaires.Catalog, Now); break;
                default: assessment.SetAnswers(ShippedQuestionnaires.Catalog, new Dictionary<string, PilotReadiness.Domain.Answers.Answer?>(), Now); break;
            }
        });

        Assert.Equal(expected, thrown.Refusal);
    }

    [Fact]
    public void DecisionRecord_OnADraft_RefusesWithTheAssessmentsMessage()
    {
        var draft = In(State.Draft);

        var thrown = Assert.Throws<RefusedException>(() => Decision.Record(draft, ShippedQuestionnaires.Catalog, null, DecisionOutcome.Go, "Because.", null, [], "r", "Reviewer", Now));

        Assert.Equal(draft.WhyNot(AssessmentAction.RecordDecision), thrown.Refusal);
    }
}
