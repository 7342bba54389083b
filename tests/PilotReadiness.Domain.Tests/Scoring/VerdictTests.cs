using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Domain.Tests.Scoring;

public class VerdictTests
{
    [Theory]
    [InlineData(100, Verdict.Go)]
    [InlineData(75, Verdict.Go)]
    [InlineData(74, Verdict.GoWithConditions)]
    [InlineData(55, Verdict.GoWithConditions)]
    [InlineData(54, Verdict.NotReady)]
    [InlineData(35, Verdict.NotReady)]
    [InlineData(34, Verdict.NoGo)]
    [InlineData(0, Verdict.NoGo)]
    public void VerdictForScore_AtThresholdBoundaries_GivesExpectedVerdict(int overall, Verdict expected)
    {
        Assert.Equal(expected, ScoringModel.V1.VerdictForScore(overall));
    }

    [Fact]
    public void ScoringModel_V1_HasThresholds75_55_35AndProductionMultipleThree()
    {
        var model = ScoringModel.V1;

        Assert.Equal(75, model.GoAt);
        Assert.Equal(55, model.ConditionsAt);
        Assert.Equal(35, model.NotReadyAt);
        Assert.Equal(3m, model.ProductionMultiple);
        Assert.Equal("1", model.Version);
        Assert.Same(model, ShippedQuestionnaires.Catalog.Get(1).Model);
        Assert.False(model.JudgesAnswers);
    }

    [Fact]
    public void ScoringModel_V2_KeepsTheThresholdsJudgesAnswersAndIsCurrent()
    {
        var model = ScoringModel.V2;

        Assert.Equal((75, 55, 35, 3m), (model.GoAt, model.ConditionsAt, model.NotReadyAt, model.ProductionMultiple));
        Assert.Equal("2", model.Version);
        Assert.True(model.JudgesAnswers);
        Assert.Same(model, ScoringModel.V2);
        Assert.Same(model, ShippedQuestionnaires.Catalog.Get(2).Model);
        Assert.Null(ShippedQuestionnaires.Catalog.Find(3));
        Assert.Equal(ScoringModel.V1.GateKeys, model.GateKeys);
    }

    [Fact]
    public void Score_AnswersOfAnotherQuestionnaireVersion_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => ScoringModel.V1.Score(ShippedQuestionnaires.Catalog.Get(2).Questionnaire, AnswerSet.Empty));
        Assert.Throws<ArgumentException>(() => ScoringModel.V2.Score(ShippedQuestionnaires.Catalog.Get(1).Questionnaire, AnswerSet.Empty));
    }

    [Theory]
    [InlineData(Verdict.NoGo, Verdict.Go, Verdict.NoGo)]
    [InlineData(Verdict.Go, Verdict.NotReady, Verdict.NotReady)]
    [InlineData(Verdict.GoWithConditions, Verdict.GoWithConditions, Verdict.GoWithConditions)]
    public void Min_GivesTheWorseVerdict(Verdict a, Verdict b, Verdict expected)
    {
        Assert.Equal(expected, VerdictNames.Min(a, b));
        Assert.Equal(expected, VerdictNames.Min(b, a));
    }

    [Theory]
    [InlineData(Verdict.Go, "go")]
    [InlineData(Verdict.GoWithConditions, "go-with-conditions")]
    [InlineData(Verdict.NotReady, "not-ready")]
    [InlineData(Verdict.NoGo, "no-go")]
    public void VerdictKey_RoundTrips(Verdict verdict, string key)
    {
        Assert.Equal(key, verdict.ToKey());
        Assert.Equal(verdict, VerdictNames.FromKey(key));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Go")]
    [InlineData("maybe")]
    public void VerdictFromKey_UnknownKey_IsNull(string? key)
    {
        Assert.Null(VerdictNames.FromKey(key));
    }
}
