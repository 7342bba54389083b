using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Domain.Tests.Builders;

namespace PilotReadiness.Domain.Tests.Questionnaires;

/// <summary>Questionnaire 2: every key of version 1 kept, the new questions and what each is worth.</summary>
public class QuestionnaireV2Tests
{
    private static Questionnaire V1 => ShippedQuestionnaires.Catalog.Get(1).Questionnaire;

    private static Questionnaire V2 => ShippedQuestionnaires.Catalog.Get(2).Questionnaire;

    [Fact]
    public void V2_KeepsEveryKeyAndTypeOfVersion1_SoADraftsAnswersCarryOver()
    {
        Assert.All(V1.Questions, q => Assert.Equal(q.Type, V2.GetQuestion(q.Key).Type));
        Assert.Equal([20, 20, 20, 15, 10, 15], V2.Sections.Select(s => s.Weight));
        Assert.All(V2.Sections, s => Assert.Equal(100, s.MaxPoints));
    }

    [Fact]
    public void V2_AddsTheQuestionsTheEssayAsks_WithTheirStableKeys()
    {
        var added = V2.Questions.Select(q => q.Key).Except(V1.Questions.Select(q => q.Key)).ToList();

        Assert.Equal(
            [
                "commitment.adoption", "commitment.integration-built", "commitment.what-then-owner", "commitment.success-criteria",
                "involvement.pilot-users", "after-demo.target-users", "after-demo.target-share",
                "integration.prototype-effort", "integration.production-effort",
                "workflow.pilot-edge-handling", "workflow.production-edge-handling",
            ],
            added);
    }

    [Fact]
    public void V2_RequiredToProceed_AreThePartsOfWhatThenTheUsersLevelTheOwnerAndTheLiveSystems()
    {
        Assert.Equal(
            [
                QuestionKeys.Adoption, QuestionKeys.IntegrationBuilt, QuestionKeys.WhatThenOwner, QuestionKeys.SuccessCriteria,
                QuestionKeys.InvolvementLevel, QuestionKeys.ProductionOwner, QuestionKeys.IntegrationSystems,
            ],
            V2.Questions.Where(q => q.Blocker).Select(q => q.Key));
        Assert.False(V2.GetQuestion(QuestionKeys.WhatThen).Blocker);
    }

    [Theory]
    [InlineData("involvement.using-team", 1, false)]
    [InlineData(QuestionKeys.Adoption, 3, false)]
    [InlineData(QuestionKeys.IntegrationBuilt, 3, false)]
    [InlineData(QuestionKeys.SuccessCriteria, 4, true)]
    [InlineData(QuestionKeys.WhatThen, 5, false)]
    [InlineData("after-demo.escalation-path", 5, false)]
    [InlineData("ownership.failure-handling", 5, false)]
    public void V2_TextQuestions_SayHowMuchARealAnswerNeeds(string key, int minWords, bool measurable)
    {
        var question = V2.GetQuestion(key);

        Assert.Equal(QuestionType.Text, question.Type);
        Assert.Equal((minWords, measurable), (question.MinWords, question.Measurable));
    }

    [Fact]
    public void V2_UsageTarget_IsANumberOfPeopleAndAPercentage()
    {
        Assert.Equal(QuestionType.Number, V2.GetQuestion(QuestionKeys.TargetUsers).Type);
        var share = V2.GetQuestion(QuestionKeys.TargetShare);
        Assert.Equal(100m, share.MaxValue);
        Assert.Null(share.Check(new NumberAnswer(100)));
        Assert.Equal("Enter a number no larger than 100.", share.Check(new NumberAnswer(101)));
    }

    [Fact]
    public void V2_NamedPeopleEarnEvenPoints_SoHalfWhileWaitingIsExact()
    {
        Assert.All(QuestionKeys.Claimable, key =>
        {
            var question = V2.GetQuestion(key);
            Assert.Equal(QuestionType.Person, question.Type);
            Assert.True(question.MaxPoints > 0 && question.MaxPoints % 2 == 0, $"{key}: {question.MaxPoints}");
        });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ExampleAnswers_ReadyAnswersEveryQuestionAtItsBest_AndWeakEveryQuestion(int version)
    {
        var questionnaire = ShippedQuestionnaires.Catalog.Get(version).Questionnaire;
        var ready = AnswersBuilder.Ready(version);
        var weak = AnswersBuilder.Weak(version);

        Assert.Equal(questionnaire.Questions.Select(q => q.Key).Order(StringComparer.Ordinal), ready.Build().Keys.Order(StringComparer.Ordinal));
        Assert.Equal(questionnaire.Questions.Select(q => q.Key).Order(StringComparer.Ordinal), weak.Build().Keys.Order(StringComparer.Ordinal));
        var best = ready.Score(ready.AllConfirmed());
        Assert.Equal((100, Verdict.Go), (best.Overall, best.Verdict));
        Assert.Empty(best.Findings);
        var poor = weak.Score();
        Assert.Equal(3, poor.Gates.Count);
        Assert.InRange(poor.Findings.Count, 15, 30);
        Assert.Empty(ShippedQuestionnaires.Catalog.Get(questionnaire.Version).Model.Count(questionnaire, weak.Build()).NotCounted);
    }
}
