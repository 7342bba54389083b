using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Domain.Tests.Builders;

namespace PilotReadiness.Domain.Tests.Scoring;

public class GateTests
{
    private const string PilotTheatre = "pilot-theatre";
    private const string NoProductionOwner = "no-production-owner";
    private const string IntegrationNotBudgeted = "integration-not-budgeted";
    private const string UsersNotInvolved = "users-not-involved";
    private const string ProductionUnderBudgeted = "production-under-budgeted";
    private const string BlockerUnanswered = "blocker-unanswered";

    [Fact]
    public void Score_ReadyAnswers_TriggerNoGateAndGiveGo()
    {
        var result = AnswersBuilder.Ready().Score();

        Assert.Empty(result.Gates);
        Assert.False(result.PilotTheatre);
        Assert.Equal(100, result.Overall);
        Assert.Equal(Verdict.Go, result.ScoreVerdict);
        Assert.Equal(Verdict.Go, result.Verdict);
    }

    [Fact]
    public void ScoringModel_V1_HasTheFiveNamedGates()
    {
        Assert.Equal(
            [PilotTheatre, NoProductionOwner, IntegrationNotBudgeted, UsersNotInvolved, ProductionUnderBudgeted],
            ScoringModel.V1.GateKeys);
    }

    [Fact]
    public void Score_NoAnswerToWhatThen_CapsVerdictAtNoGoAndFlagsPilotTheatre()
    {
        var result = AnswersBuilder.Ready().Without(QuestionKeys.WhatThen).Score();

        var gate = Assert.Single(result.Gates);
        Assert.Equal(PilotTheatre, gate.Key);
        Assert.Equal(SectionKeys.Commitment, gate.SectionKey);
        Assert.Equal(Verdict.NoGo, gate.Cap);
        Assert.Contains("Pilot theatre", gate.Message, StringComparison.Ordinal);
        Assert.True(result.PilotTheatre);
        Assert.Equal(95, result.Overall);
        Assert.Equal(Verdict.Go, result.ScoreVerdict);
        Assert.Equal(Verdict.NoGo, result.Verdict);
    }

    [Fact]
    public void Score_WhatThenAnswered_IsNotPilotTheatre()
    {
        var result = AnswersBuilder.Empty().With(QuestionKeys.WhatThen, "Roll it out to the claims team.").Score();

        Assert.False(result.PilotTheatre);
        Assert.DoesNotContain(result.Gates, g => g.Key == PilotTheatre);
    }

    [Fact]
    public void Score_NoProductionOwner_CapsVerdictAtNotReady()
    {
        var result = AnswersBuilder.Ready().Without(QuestionKeys.ProductionOwner).Score();

        var gate = Assert.Single(result.Gates);
        Assert.Equal(NoProductionOwner, gate.Key);
        Assert.Equal(SectionKeys.AfterDemo, gate.SectionKey);
        Assert.Equal(Verdict.NotReady, gate.Cap);
        Assert.Equal(93, result.Overall);
        Assert.Equal(Verdict.Go, result.ScoreVerdict);
        Assert.Equal(Verdict.NotReady, result.Verdict);
        Assert.False(result.PilotTheatre);
    }

    [Theory]
    [InlineData("crm", "no")]
    [InlineData("crm", null)]
    [InlineData("crm,erp,identity", "no")]
    [InlineData("other", null)]
    [InlineData("data-platform", "no")]
    public void Score_LiveSystemsListedWithoutIntegrationBudget_CapsVerdictAtNotReady(string systems, string? budgeted)
    {
        var result = AnswersBuilder.Ready()
            .With(QuestionKeys.IntegrationSystems, systems)
            .With(QuestionKeys.IntegrationBudgeted, budgeted)
            .Score();

        var gate = Assert.Single(result.Gates);
        Assert.Equal(IntegrationNotBudgeted, gate.Key);
        Assert.Equal(SectionKeys.Integration, gate.SectionKey);
        Assert.Equal(Verdict.NotReady, gate.Cap);
        Assert.Equal(Verdict.NotReady, result.Verdict);
    }

    [Theory]
    [InlineData("none", "no")]
    [InlineData("none", null)]
    [InlineData("none", "yes")]
    [InlineData("crm", "yes")]
    [InlineData("crm,ticketing,erp,data-platform,identity,other", "yes")]
    public void Score_NoLiveSystemOrIntegrationBudgeted_DoesNotTriggerIntegrationGate(string systems, string? budgeted)
    {
        var result = AnswersBuilder.Ready()
            .With(QuestionKeys.IntegrationSystems, systems)
            .With(QuestionKeys.IntegrationBudgeted, budgeted)
            .Score();

        Assert.DoesNotContain(result.Gates, g => g.Key == IntegrationNotBudgeted);
        Assert.Empty(result.Gates);
    }

    [Fact]
    public void Score_LiveSystemsNotBudgeted_NamesTheSystemsInTheMessage()
    {
        var result = AnswersBuilder.Ready()
            .With(QuestionKeys.IntegrationSystems, "erp,crm")
            .With(QuestionKeys.IntegrationBudgeted, false)
            .Score();

        var gate = Assert.Single(result.Gates);
        Assert.Contains("CRM, ERP", gate.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-yet")]
    [InlineData("informed")]
    [InlineData("consulted")]
    [InlineData(null)]
    public void Score_DailyUsersBelowInvolved_CapsVerdictAtNotReady(string? level)
    {
        var result = AnswersBuilder.Ready().With(QuestionKeys.InvolvementLevel, level).Score();

        var gate = Assert.Single(result.Gates);
        Assert.Equal(UsersNotInvolved, gate.Key);
        Assert.Equal(SectionKeys.Involvement, gate.SectionKey);
        Assert.Equal(Verdict.NotReady, gate.Cap);
        Assert.Equal(Verdict.NotReady, result.Verdict);
    }

    [Fact]
    public void Score_DailyUsersInvolved_DoesNotTriggerUsersGate()
    {
        var result = AnswersBuilder.Empty().With(QuestionKeys.InvolvementLevel, "involved").Score();

        Assert.DoesNotContain(result.Gates, g => g.Key == UsersNotInvolved);
    }

    [Theory]
    [InlineData(100, 299)]
    [InlineData(100, 299.99)]
    [InlineData(100, 0)]
    [InlineData(50_000, 100_000)]
    [InlineData(0.01, 0.02)]
    public void Score_ProductionBudgetUnderThreeTimesPrototypeCost_CapsVerdictAtGoWithConditions(double prototype, double production)
    {
        var result = AnswersBuilder.Ready()
            .With(QuestionKeys.PrototypeCost, (decimal)prototype)
            .With(QuestionKeys.ProductionBudget, (decimal)production)
            .Score();

        var gate = Assert.Single(result.Gates);
        Assert.Equal(ProductionUnderBudgeted, gate.Key);
        Assert.Equal(SectionKeys.Integration, gate.SectionKey);
        Assert.Equal(Verdict.GoWithConditions, gate.Cap);
        Assert.Contains("under-budgeted", gate.Message, StringComparison.Ordinal);
        Assert.Equal(100, result.Overall);
        Assert.Equal(Verdict.Go, result.ScoreVerdict);
        Assert.Equal(Verdict.GoWithConditions, result.Verdict);
    }

    [Theory]
    [InlineData(100, 300)]
    [InlineData(100, 300.01)]
    [InlineData(100, 500)]
    [InlineData(33.33, 99.99)]
    [InlineData(0, 1000)]
    public void Score_ProductionBudgetAtLeastThreeTimesPrototypeCost_PassesTheBudgetGate(double prototype, double production)
    {
        var result = AnswersBuilder.Ready()
            .With(QuestionKeys.PrototypeCost, (decimal)prototype)
            .With(QuestionKeys.ProductionBudget, (decimal)production)
            .Score();

        Assert.Empty(result.Gates);
        Assert.Equal(Verdict.Go, result.Verdict);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(100, 0)]
    public void Score_NoProductionBudget_TriggersBudgetGateEvenForAFreePrototype(double prototype, double production)
    {
        var result = AnswersBuilder.Ready()
            .With(QuestionKeys.PrototypeCost, (decimal)prototype)
            .With(QuestionKeys.ProductionBudget, (decimal)production)
            .Score();

        var gate = Assert.Single(result.Gates);
        Assert.Equal("production-under-budgeted", gate.Key);
        Assert.Equal(Verdict.GoWithConditions, result.Verdict);
    }

    [Theory]
    [InlineData(null, 300.0)]
    [InlineData(100.0, null)]
    [InlineData(null, null)]
    public void Score_PrototypeCostOrProductionBudgetMissing_TriggersBudgetGate(double? prototype, double? production)
    {
        var result = AnswersBuilder.Ready()
            .WithAmount(QuestionKeys.PrototypeCost, (decimal?)prototype)
            .WithAmount(QuestionKeys.ProductionBudget, (decimal?)production)
            .Score();

        var gate = Assert.Single(result.Gates);
        Assert.Equal(ProductionUnderBudgeted, gate.Key);
        Assert.Equal(Verdict.GoWithConditions, gate.Cap);
        Assert.Contains("missing", gate.Message, StringComparison.Ordinal);
        Assert.Equal(Verdict.GoWithConditions, result.Verdict);
    }

    [Fact]
    public void Score_ProductionUnderBudgeted_StatesTheRatioRoundedDown()
    {
        var result = AnswersBuilder.Ready()
            .With(QuestionKeys.PrototypeCost, 100m)
            .With(QuestionKeys.ProductionBudget, 299m)
            .Score();

        Assert.Contains("2.9× the prototype cost", Assert.Single(result.Gates).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_LiveSystemsUnanswered_BlocksAsUnansweredBlocker()
    {
        var result = AnswersBuilder.Ready().Without(QuestionKeys.IntegrationSystems).Score();

        var gate = Assert.Single(result.Gates);
        Assert.Equal(BlockerUnanswered, gate.Key);
        Assert.Equal(SectionKeys.Integration, gate.SectionKey);
        Assert.Equal(Verdict.NotReady, gate.Cap);
        Assert.Equal(Verdict.NotReady, result.Verdict);
        Assert.Equal(100, result.Overall);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(QuestionKeys.IntegrationSystems, finding.QuestionKey);
        Assert.Equal("gate:" + BlockerUnanswered, finding.Rule);
    }

    [Theory]
    [InlineData(QuestionKeys.WhatThen, PilotTheatre)]
    [InlineData(QuestionKeys.ProductionOwner, NoProductionOwner)]
    [InlineData(QuestionKeys.InvolvementLevel, UsersNotInvolved)]
    public void Score_UnansweredBlockerCoveredByNamedGate_IsNotReportedTwice(string questionKey, string gateKey)
    {
        var result = AnswersBuilder.Ready().Without(questionKey).Score();

        var gate = Assert.Single(result.Gates);
        Assert.Equal(gateKey, gate.Key);
        Assert.Single(result.Findings, f => f.QuestionKey == questionKey);
    }

    [Fact]
    public void Score_EveryBlockerQuestionUnanswered_IsGated()
    {
        var blockers = AnswersBuilder.V1.Questions.Where(q => q.Blocker).Select(q => q.Key).ToList();
        var result = blockers.Aggregate(AnswersBuilder.Ready(), (b, key) => b.Without(key)).Score();

        Assert.Equal(
            [QuestionKeys.WhatThen, QuestionKeys.InvolvementLevel, QuestionKeys.ProductionOwner, QuestionKeys.IntegrationSystems],
            blockers);
        foreach (var key in blockers)
        {
            Assert.Contains(result.Findings, f => f.QuestionKey == key && f.Severity == Severity.Critical);
        }
    }

    [Fact]
    public void Score_EmptyAnswers_TriggerEveryGateThatAMissingAnswerCanTrigger()
    {
        var result = AnswersBuilder.Empty().Score();

        Assert.Equal(
            [PilotTheatre, NoProductionOwner, UsersNotInvolved, ProductionUnderBudgeted, BlockerUnanswered],
            result.Gates.Select(g => g.Key));
        Assert.True(result.PilotTheatre);
        Assert.Equal(0, result.Overall);
        Assert.Equal(Verdict.NoGo, result.Verdict);
    }

    [Fact]
    public void Score_SeveralGates_VerdictIsTheLowestCap()
    {
        var result = AnswersBuilder.Ready()
            .Without(QuestionKeys.ProductionOwner)
            .Without(QuestionKeys.ProductionBudget)
            .Score();

        Assert.Equal([NoProductionOwner, ProductionUnderBudgeted], result.Gates.Select(g => g.Key));
        Assert.Equal(Verdict.NotReady, result.Verdict);
    }

    [Fact]
    public void Score_GateCapAboveScoreVerdict_LeavesTheScoreVerdict()
    {
        // Low score (not ready) with only a go-with-conditions gate: the gate does not raise the verdict.
        var result = AnswersBuilder.Ready()
            .WithoutSection(SectionKeys.Workflow)
            .WithoutSection(SectionKeys.Ownership)
            .With("commitment.purpose", "explore")
            .With("commitment.budget-status", "none")
            .Without("after-demo.quality-reviewer")
            .Without("after-demo.escalation-path")
            .Without("after-demo.review-cadence")
            .Without(QuestionKeys.ProductionBudget)
            .Score();

        // commitment 50, involvement 100, after-demo 35, integration 90, workflow 0, ownership 0:
        // (20×50 + 20×100 + 20×35 + 15×90) / 100 = 50.5, rounded to 51.
        Assert.Equal(51, result.Overall);
        Assert.Equal([ProductionUnderBudgeted], result.Gates.Select(g => g.Key));
        Assert.Equal(Verdict.NotReady, result.ScoreVerdict);
        Assert.Equal(Verdict.NotReady, result.Verdict);
    }

    [Fact]
    public void Score_GateAction_IsTheGatedQuestionsAction()
    {
        var result = AnswersBuilder.Empty().Score();
        var questionnaire = AnswersBuilder.V1;

        Assert.Equal(questionnaire.GetQuestion(QuestionKeys.WhatThen).Action, result.Gates.Single(g => g.Key == PilotTheatre).Action);
        Assert.Equal(questionnaire.GetQuestion(QuestionKeys.ProductionOwner).Action, result.Gates.Single(g => g.Key == NoProductionOwner).Action);
        Assert.Equal(questionnaire.GetQuestion(QuestionKeys.InvolvementLevel).Action, result.Gates.Single(g => g.Key == UsersNotInvolved).Action);
        Assert.Equal(questionnaire.GetQuestion(QuestionKeys.ProductionBudget).Action, result.Gates.Single(g => g.Key == ProductionUnderBudgeted).Action);
        Assert.Equal(questionnaire.GetQuestion(QuestionKeys.IntegrationSystems).Action, result.Gates.Single(g => g.Key == BlockerUnanswered).Action);
    }
}
