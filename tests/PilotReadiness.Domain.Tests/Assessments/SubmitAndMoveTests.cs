using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Domain.Tests.Builders;

namespace PilotReadiness.Domain.Tests.Assessments;

/// <summary>
/// Blockers block: an assessment is submitted only when every question required to proceed has an answer that counts.
/// Versions never change silently: a draft moves to the current questionnaire by a recorded change, and a submitted
/// version keeps the one that scored it.
/// </summary>
public class SubmitAndMoveTests
{
    private static readonly DateTimeOffset Created = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Created.AddHours(1);
    private static readonly DateTimeOffset Latest = Created.AddHours(2);

    private static Dictionary<string, Answer?> Changes(AnswerSet answers) =>
        answers.ToDictionary(kv => kv.Key, kv => (Answer?)kv.Value, StringComparer.Ordinal);

    private static Assessment Draft(int version, AnswersBuilder? answers = null)
    {
        var questionnaire = ShippedQuestionnaires.Catalog.Get(version).Questionnaire;
        var assessment = new Assessment(new AssessmentDetails("Claims triage assistant", "Claims", "Dana Whitfield", null), ShippedQuestionnaires.Catalog.Get(questionnaire.Version), "owner", Created);
        assessment.SetAnswers(ShippedQuestionnaires.Catalog, Changes((answers ?? AnswersBuilder.Ready(version)).Build()), Created);
        return assessment;
    }

    [Fact]
    public void Submit_OneAnswerOfThirty_IsRefusedNamingEveryRequiredQuestion()
    {
        var assessment = Draft(2, AnswersBuilder.Empty(2).With("commitment.purpose", "de-risk"));
        var version = assessment.Version;

        var blockers = assessment.SubmitBlockers(ShippedQuestionnaires.Catalog);
        var refused = Assert.ThrowsAny<InvalidOperationException>(() => assessment.Submit(ShippedQuestionnaires.Catalog, Later));

        Assert.Equal(
            [
                QuestionKeys.Adoption, QuestionKeys.IntegrationBuilt, QuestionKeys.WhatThenOwner, QuestionKeys.SuccessCriteria,
                QuestionKeys.InvolvementLevel, QuestionKeys.ProductionOwner, QuestionKeys.IntegrationSystems,
            ],
            blockers.Select(b => b.QuestionKey));
        Assert.All(blockers, b => Assert.Equal("Not answered yet.", b.Reason));
        Assert.StartsWith("7 questions required to proceed need a real answer first", refused.Message, StringComparison.Ordinal);
        Assert.Equal(refused.Message, assessment.WhyNotSubmit(ShippedQuestionnaires.Catalog));
        Assert.Equal(AssessmentStatus.Draft, assessment.Status);
        Assert.Equal(version, assessment.Version);
    }

    [Theory]
    [InlineData(QuestionKeys.Adoption, "tbd", "placeholder")]
    [InlineData(QuestionKeys.SuccessCriteria, "We'll see how it goes.", "puts the answer off")]
    [InlineData(QuestionKeys.WhatThenOwner, "Head of Ops", "role")]
    [InlineData(QuestionKeys.ProductionOwner, "IT Service Desk (to be confirmed)", "placeholder")]
    public void Submit_ARequiredQuestionWithANonAnswer_IsRefusedWithTheReason(string key, string nonAnswer, string reason)
    {
        var assessment = Draft(2, AnswersBuilder.Ready(2).With(key, nonAnswer));

        var blocker = Assert.Single(assessment.SubmitBlockers(ShippedQuestionnaires.Catalog));

        Assert.Equal(key, blocker.QuestionKey);
        Assert.Contains(reason, blocker.Reason, StringComparison.Ordinal);
        Assert.ThrowsAny<InvalidOperationException>(() => assessment.Submit(ShippedQuestionnaires.Catalog, Later));
    }

    [Fact]
    public void Submit_AProductionOwnerWhoDeclined_IsRefusedUntilSomeoneElseIsNamed()
    {
        var assessment = Draft(2);
        var request = assessment.RequestConfirmation(ShippedQuestionnaires.Catalog, QuestionKeys.ProductionOwner, "sofia@example.com", "hash", Created, TimeSpan.FromDays(14));
        assessment.RespondToConfirmation(ShippedQuestionnaires.Catalog, request.Id, confirmed: false, "Not me.", Later);

        Assert.Contains("declined", Assert.Single(assessment.SubmitBlockers(ShippedQuestionnaires.Catalog)).Reason, StringComparison.Ordinal);

        assessment.SetAnswers(ShippedQuestionnaires.Catalog, new Dictionary<string, Answer?>
        {
            [QuestionKeys.ProductionOwner] = new TextAnswer("Dana Ito"),
            [QuestionKeys.WhatThenOwner] = new TextAnswer("Dana Ito"),
        }, Later);
        assessment.Submit(ShippedQuestionnaires.Catalog, Latest);
        Assert.Equal(AssessmentStatus.Submitted, assessment.Status);
    }

    [Fact]
    public void Submit_EveryRequiredQuestionReal_Submits_EvenWithOtherNonAnswers()
    {
        var assessment = Draft(2, AnswersBuilder.Ready(2).With("after-demo.escalation-path", "tbd"));

        Assert.Empty(assessment.SubmitBlockers(ShippedQuestionnaires.Catalog));
        assessment.Submit(ShippedQuestionnaires.Catalog, Later);

        Assert.Equal(AssessmentStatus.Submitted, assessment.Status);
        Assert.Equal("Only a draft can be submitted for review; this one is already submitted.", assessment.WhyNotSubmit(ShippedQuestionnaires.Catalog));
    }

    [Fact]
    public void NotCounted_GivesTheReasonForEachStoredNonAnswer()
    {
        var assessment = Draft(2, AnswersBuilder.Ready(2).With(QuestionKeys.Adoption, "tbd").With(QuestionKeys.QualityReviewer, "QA team"));

        var notCounted = assessment.NotCounted(ShippedQuestionnaires.Catalog);

        Assert.Equal([QuestionKeys.QualityReviewer, QuestionKeys.Adoption], notCounted.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("team", notCounted[QuestionKeys.QualityReviewer], StringComparison.Ordinal);
    }

    [Fact]
    public void RequestConfirmation_OfAPlaceholderOrATeam_IsRefused()
    {
        var assessment = Draft(2, AnswersBuilder.Ready(2).With(QuestionKeys.QualityReviewer, "QA team"));

        var refused = Assert.ThrowsAny<ArgumentException>(() =>
            assessment.RequestConfirmation(ShippedQuestionnaires.Catalog, QuestionKeys.QualityReviewer, "qa@example.com", "hash", Later, TimeSpan.FromDays(14)));

        Assert.Contains("names a team", refused.Message, StringComparison.Ordinal);
        Assert.Empty(assessment.Confirmations);
    }

    [Fact]
    public void MoveToCurrentQuestionnaire_AVersion1Draft_CarriesEveryAnswerAndRecordsTheChange()
    {
        var assessment = Draft(1);
        var answers = assessment.Answers.ToDictionary(a => a.QuestionKey, a => a.Value);
        var version = assessment.Version;
        assessment.TakeChanges();

        Assert.True(assessment.MoveToQuestionnaire(ShippedQuestionnaires.Catalog, ShippedQuestionnaires.Catalog.Current.Version, Later));

        Assert.Equal((2, "2"), (assessment.QuestionnaireVersion, assessment.ModelVersion));
        Assert.Equal(answers, assessment.Answers.ToDictionary(a => a.QuestionKey, a => a.Value));
        Assert.Equal(version + 1, assessment.Version);
        Assert.Equal(Later, assessment.UpdatedAt);
        var change = Assert.Single(assessment.TakeChanges());
        Assert.Equal(ChangeKind.QuestionnaireMoved, change.Kind);
        Assert.Equal("questionnaire 1, scoring model 1", change.OldValue);
        Assert.Equal("questionnaire 2, scoring model 2: 30 answers carried", change.NewValue);

        // Now scored by model 2: the new parts of "what do we do then" are empty, so pilot theatre holds.
        Assert.True(assessment.Readiness.PilotTheatre);
        Assert.Equal(assessment.Score(ShippedQuestionnaires.Catalog, Later).Verdict, assessment.Readiness.Verdict);
        Assert.False(assessment.MoveToQuestionnaire(ShippedQuestionnaires.Catalog, ShippedQuestionnaires.Catalog.Current.Version, Latest));
        Assert.Equal(version + 1, assessment.Version);
    }

    [Fact]
    public void MoveToCurrentQuestionnaire_ASubmittedVersion1_IsRefused_AndKeepsItsResult()
    {
        var assessment = Draft(1);
        assessment.Submit(ShippedQuestionnaires.Catalog, Later);
        var readiness = assessment.Readiness;

        Assert.ThrowsAny<InvalidOperationException>(() => assessment.MoveToQuestionnaire(ShippedQuestionnaires.Catalog, ShippedQuestionnaires.Catalog.Current.Version, Latest));

        Assert.Equal((1, "1"), (assessment.QuestionnaireVersion, assessment.ModelVersion));
        Assert.Equal(readiness, assessment.Readiness);
        Assert.Equal(100, readiness.Overall);
    }

    [Fact]
    public void Reopen_ASubmittedVersion1_BecomesADraftOnTheCurrentQuestionnaire()
    {
        var assessment = Draft(1);
        assessment.Submit(ShippedQuestionnaires.Catalog, Later);
        assessment.TakeChanges();

        assessment.Reopen(ShippedQuestionnaires.Catalog, Latest);

        Assert.Equal(AssessmentStatus.Draft, assessment.Status);
        Assert.Equal(ShippedQuestionnaires.Catalog.Current.Questionnaire.Version, assessment.QuestionnaireVersion);
        Assert.Equal(ScoringModel.V2.Version, assessment.ModelVersion);
        Assert.Equal([ChangeKind.Reopened, ChangeKind.QuestionnaireMoved], assessment.TakeChanges().Select(c => c.Kind));
    }
}
