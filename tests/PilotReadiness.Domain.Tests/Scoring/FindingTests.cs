using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Domain.Tests.Builders;

namespace PilotReadiness.Domain.Tests.Scoring;

public class FindingTests
{
    [Fact]
    public void Score_FullyReadyAnswers_HaveNoFindings()
    {
        Assert.Empty(AnswersBuilder.Ready().Score().Findings);
    }

    [Fact]
    public void Score_NoAnswers_ListsGateFindingsFirstNoGoBeforeNotReadyThenByGain()
    {
        var findings = AnswersBuilder.Empty().Score().Findings;

        Assert.Equal(
            [
                "gate:pilot-theatre",                // caps at no-go
                "gate:no-production-owner",          // caps at not-ready, gain 7.0
                "gate:users-not-involved",           // caps at not-ready, gain 6.0
                "gate:blocker-unanswered",           // caps at not-ready, gain 0 (the systems question carries no points)
                "gate:production-under-budgeted",    // caps at go-with-conditions
            ],
            findings.Take(5).Select(f => f.Rule));
        Assert.Equal([5.0m, 7.0m, 6.0m, 0m, 1.5m], findings.Take(5).Select(f => f.Gain));
        Assert.All(findings.Take(5), f => Assert.Equal(Severity.Critical, f.Severity));
        Assert.All(findings.Skip(5), f => Assert.NotEqual(Severity.Critical, f.Severity));
    }

    [Fact]
    public void Score_NoAnswers_QuestionFindingsAreOrderedByGainThenQuestionnaireOrder()
    {
        var findings = AnswersBuilder.Empty().Score().Findings.Skip(5).ToList();
        var order = AnswersBuilder.V1.Questions.Select(q => q.Key).ToList();

        Assert.Equal(
            ["question:commitment.purpose", "question:commitment.budget-status", "question:after-demo.quality-reviewer", "question:after-demo.escalation-path"],
            findings.Take(4).Select(f => f.Rule));
        for (var i = 1; i < findings.Count; i++)
        {
            var before = findings[i - 1];
            var after = findings[i];
            Assert.True(
                before.Gain > after.Gain ||
                (before.Gain == after.Gain && order.IndexOf(before.QuestionKey!) < order.IndexOf(after.QuestionKey!)),
                $"{before.Rule} ({before.Gain}) should not come before {after.Rule} ({after.Gain}).");
        }
    }

    [Fact]
    public void Score_GateFindings_ComeBeforeQuestionFindingsWithLargerGain()
    {
        // The budget gate's finding gains nothing (the production budget is answered) but still comes first.
        var findings = AnswersBuilder.Ready()
            .With(QuestionKeys.ProductionBudget, 1m)
            .Without("commitment.purpose")
            .Score()
            .Findings;

        Assert.Equal(["gate:production-under-budgeted", "question:commitment.purpose"], findings.Select(f => f.Rule));
        Assert.Equal([0m, 5.0m], findings.Select(f => f.Gain));
    }

    [Fact]
    public void Score_NoGoGateWithSmallerGain_ComesBeforeNotReadyGateWithLargerGain()
    {
        var findings = AnswersBuilder.Ready()
            .Without(QuestionKeys.WhatThen)
            .Without(QuestionKeys.ProductionOwner)
            .Score()
            .Findings;

        Assert.Equal(["gate:pilot-theatre", "gate:no-production-owner"], findings.Select(f => f.Rule));
        Assert.Equal([5.0m, 7.0m], findings.Select(f => f.Gain));
    }

    [Fact]
    public void Score_ExampleAnswers_ListFindingsWhatToFixFirst()
    {
        var findings = AnswersBuilder.Example().Score().Findings;

        Assert.Equal(
            [
                ("gate:users-not-involved", 3.0m, Severity.Critical),
                ("gate:production-under-budgeted", 0m, Severity.Critical),
                ("question:after-demo.quality-reviewer", 5.0m, Severity.Major),
                ("question:after-demo.escalation-path", 5.0m, Severity.Major),
                ("question:integration.volume-tested", 4.5m, Severity.Major),
                ("question:commitment.purpose", 3.0m, Severity.Major),
                ("question:commitment.budget-status", 3.0m, Severity.Major),
                ("question:commitment.executive-sponsor", 3.0m, Severity.Major),
                ("question:involvement.real-inputs", 3.0m, Severity.Major),
                ("question:integration.state", 2.3m, Severity.Minor),
                ("question:ownership.quality-monitoring", 2.3m, Severity.Minor),
                ("question:ownership.improvement-budget", 2.3m, Severity.Minor),
                ("question:workflow.edge-cases", 1.5m, Severity.Minor),
                ("question:workflow.easier-than-workaround", 1.5m, Severity.Minor),
                ("question:after-demo.review-cadence", 1.4m, Severity.Minor),
                ("question:workflow.change-plan", 0.7m, Severity.Minor),
            ],
            findings.Select(f => (f.Rule, f.Gain, f.Severity)));
    }

    [Theory]
    [InlineData("commitment.purpose", "evaluate", 3.0, Severity.Major)] // 15 of 25 points missing × 20/100
    [InlineData("commitment.purpose", "explore", 5.0, Severity.Major)]
    [InlineData("involvement.real-inputs", "no", 3.0, Severity.Major)]
    [InlineData("after-demo.review-cadence", "quarterly", 1.4, Severity.Minor)] // 7 × 20/100
    [InlineData("integration.state", "designed", 2.3, Severity.Minor)] // 15 × 15/100 = 2.25, rounded half away from zero
    [InlineData("integration.volume-tested", "no", 4.5, Severity.Major)]
    [InlineData("workflow.change-plan", "drafted", 0.7, Severity.Minor)]
    [InlineData("workflow.easier-than-workaround", "harder", 2.5, Severity.Minor)]
    [InlineData("ownership.improvement-budget", "unfunded", 2.3, Severity.Minor)] // 15 × 15/100 = 2.25
    [InlineData("ownership.quality-monitoring", "none", 4.5, Severity.Major)]
    public void Score_AnswerBelowMaximum_GivesFindingWithGainAndSeverity(string key, string answer, double gain, Severity severity)
    {
        var result = AnswersBuilder.Ready().With(key, answer).Score();

        var finding = Assert.Single(result.Findings);
        Assert.Equal("question:" + key, finding.Rule);
        Assert.Equal(key, finding.QuestionKey);
        Assert.Equal(AnswersBuilder.V1.GetQuestion(key).SectionKey, finding.SectionKey);
        Assert.Equal((decimal)gain, finding.Gain);
        Assert.Equal(severity, finding.Severity);
        Assert.Equal(AnswersBuilder.V1.GetQuestion(key).Action, finding.Action);
        Assert.Contains("which earns", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("commitment.rollout-date", 2.0)]
    [InlineData("commitment.executive-sponsor", 3.0)]
    [InlineData("involvement.using-team", 3.0)]
    [InlineData("after-demo.escalation-path", 5.0)]
    [InlineData(QuestionKeys.PrototypeCost, 0.8)] // 5 × 15/100 = 0.75, rounded half away from zero
    [InlineData("ownership.failure-handling", 3.8)]
    [InlineData("ownership.run-cost", 3.0)]
    public void Score_UnansweredQuestion_GivesNotAnsweredFinding(string key, double gain)
    {
        var findings = AnswersBuilder.Ready().Without(key).Score().Findings;

        var finding = Assert.Single(findings, f => f.Rule == "question:" + key);
        Assert.StartsWith("Not answered:", finding.Message, StringComparison.Ordinal);
        Assert.Equal((decimal)gain, finding.Gain);
    }

    [Fact]
    public void Score_NoLiveSystemAndIntegrationNotBudgeted_IsAQuestionFindingNotAGate()
    {
        var result = AnswersBuilder.Ready()
            .With(QuestionKeys.IntegrationSystems, "none")
            .With(QuestionKeys.IntegrationBudgeted, false)
            .Score();

        Assert.Empty(result.Gates);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("question:" + QuestionKeys.IntegrationBudgeted, finding.Rule);
        Assert.Equal(3.8m, finding.Gain);
        Assert.Equal(Severity.Major, finding.Severity);
    }

    [Fact]
    public void Score_GatedQuestion_HasOnlyTheGateFinding()
    {
        var result = AnswersBuilder.Ready().With(QuestionKeys.InvolvementLevel, "consulted").Score();

        var finding = Assert.Single(result.Findings);
        Assert.Equal("gate:users-not-involved", finding.Rule);
        Assert.Equal(QuestionKeys.InvolvementLevel, finding.QuestionKey);
        Assert.Equal(3.0m, finding.Gain); // 15 of 30 points missing × 20/100
    }

    [Fact]
    public void Score_NoAnswers_EveryFindingHasAnActionAndMessage()
    {
        var findings = AnswersBuilder.Empty().Score().Findings;

        Assert.All(findings, f =>
        {
            Assert.False(string.IsNullOrWhiteSpace(f.Action));
            Assert.False(string.IsNullOrWhiteSpace(f.Message));
            Assert.NotNull(f.QuestionKey);
            Assert.Equal(AnswersBuilder.V1.GetQuestion(f.QuestionKey!).Action, f.Action);
        });
    }

    [Fact]
    public void Score_NoAnswers_EveryScoredQuestionHasExactlyOneFinding()
    {
        var findings = AnswersBuilder.Empty().Score().Findings;

        foreach (var question in AnswersBuilder.V1.Questions.Where(q => q.IsScored))
        {
            Assert.Single(findings, f => f.QuestionKey == question.Key);
        }

        // The only unscored question with a finding is the blocker integration.systems.
        Assert.Equal(
            [QuestionKeys.IntegrationSystems],
            AnswersBuilder.V1.Questions.Where(q => !q.IsScored && findings.Any(f => f.QuestionKey == q.Key)).Select(q => q.Key));
    }
}
