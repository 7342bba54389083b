using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Domain.Tests.Builders;

namespace PilotReadiness.Domain.Tests.Scoring;

public class SectionScoreTests
{
    public static TheoryData<string, string[], int> SectionCases => new()
    {
        // commitment: evaluate 10 + requested 10 + date 10 + (no executive sponsor) 0 + what-then 25 = 55 of 100
        {
            SectionKeys.Commitment,
            ["commitment.purpose=evaluate", "commitment.budget-status=requested", "commitment.rollout-date=2026-06-30", "commitment.what-then=Adopt it."],
            55
        },
        // involvement: team 15 + consulted 15 + sponsor 20 + good output yes 20 + real inputs no 0 (+ daily users, no points) = 70
        {
            SectionKeys.Involvement,
            ["involvement.using-team=Claims", "involvement.daily-users=25", "involvement.level=consulted", "involvement.team-sponsor=Sam", "involvement.defined-good-output=yes", "involvement.real-inputs=no"],
            70
        },
        // involvement: only "informed" 5
        { SectionKeys.Involvement, ["involvement.level=informed"], 5 },
        // after-demo: owner 35 + quarterly 8 = 43
        { SectionKeys.AfterDemo, ["after-demo.production-owner=Priya", "after-demo.review-cadence=quarterly"], 43 },
        // after-demo: weekly earns the same as monthly, 15
        { SectionKeys.AfterDemo, ["after-demo.review-cadence=weekly"], 15 },
        // integration: systems 0 + designed 15 + budgeted 25 + prototype 5 + production 10 + volume no 0 = 55
        {
            SectionKeys.Integration,
            ["integration.systems=crm,erp", "integration.state=designed", "integration.budgeted=yes", "integration.prototype-cost=100", "integration.production-budget=100", "integration.volume-tested=no"],
            55
        },
        // integration: not-needed 30 + volume yes 30 = 60
        { SectionKeys.Integration, ["integration.systems=none", "integration.state=not-needed", "integration.volume-tested=yes"], 60 },
        // workflow: mapped yes 30 + project-team 15 + about-the-same 10 + drafted 8 = 63
        {
            SectionKeys.Workflow,
            ["workflow.mapped-with-users=yes", "workflow.edge-cases=project-team", "workflow.easier-than-workaround=about-the-same", "workflow.change-plan=drafted"],
            63
        },
        // workflow: harder earns nothing, like unknown
        { SectionKeys.Workflow, ["workflow.easier-than-workaround=harder", "workflow.edge-cases=none"], 0 },
        // ownership: spot checks 15 + failure handling 25 + unfunded 10 + run cost 20 = 70
        {
            SectionKeys.Ownership,
            ["ownership.quality-monitoring=spot-checks", "ownership.failure-handling=Fallback to manual queue.", "ownership.improvement-budget=unfunded", "ownership.run-cost=12000"],
            70
        },
        // ownership: scheduled review 25 = 25
        { SectionKeys.Ownership, ["ownership.quality-monitoring=scheduled-review"], 25 },
    };

    [Theory]
    [MemberData(nameof(SectionCases))]
    public void Score_SectionWithKnownAnswers_GivesExactSectionScore(string sectionKey, string[] answers, int expected)
    {
        var builder = answers.Select(a => a.Split('=', 2)).Aggregate(AnswersBuilder.Empty(), (b, kv) => b.With(kv[0], kv[1]));

        var section = builder.Score().Section(sectionKey);

        Assert.Equal(expected, section.Score);
        Assert.Equal(expected, section.Earned);
        Assert.Equal(100, section.MaxPoints);
    }

    [Fact]
    public void Score_AllBestAnswers_GivesEverySectionOneHundred()
    {
        var result = AnswersBuilder.Ready().Score();

        Assert.All(result.Sections, s => Assert.Equal(100, s.Score));
        Assert.Equal(100, result.Overall);
    }

    [Fact]
    public void Score_NoAnswers_GivesEverySectionZero()
    {
        var result = AnswersBuilder.Empty().Score();

        Assert.All(result.Sections, s => Assert.Equal(0, s.Score));
        Assert.Equal(0, result.Overall);
    }

    [Fact]
    public void Score_Sections_AreTheSixInFixedOrderWithWeights20_20_20_15_10_15()
    {
        var result = AnswersBuilder.Empty().Score();

        Assert.Equal(SectionKeys.All, result.Sections.Select(s => s.Key));
        Assert.Equal([20, 20, 20, 15, 10, 15], result.Sections.Select(s => s.Weight));
    }

    public static TheoryData<string[], int> OverallCases => new()
    {
        // Only one section empty: overall = 100 − that section's weight.
        { [SectionKeys.Commitment], 80 },
        { [SectionKeys.Involvement], 80 },
        { [SectionKeys.AfterDemo], 80 },
        { [SectionKeys.Integration], 85 },
        { [SectionKeys.Workflow], 90 },
        { [SectionKeys.Ownership], 85 },
        { [SectionKeys.Workflow, SectionKeys.Ownership], 75 },
        { [SectionKeys.Commitment, SectionKeys.Involvement, SectionKeys.AfterDemo], 40 },
        { [SectionKeys.Commitment, SectionKeys.Involvement, SectionKeys.AfterDemo, SectionKeys.Integration, SectionKeys.Ownership], 10 },
    };

    [Theory]
    [MemberData(nameof(OverallCases))]
    public void Score_OverallIsWeightedMeanOfSectionScores(string[] emptySections, int expected)
    {
        var result = emptySections.Aggregate(AnswersBuilder.Ready(), (b, s) => b.WithoutSection(s)).Score();

        Assert.Equal(expected, result.Overall);
        Assert.Equal(expected, WeightedMean(result));
    }

    [Fact]
    public void Score_ExampleAnswers_OverallIsWeightedMeanOfSectionScores()
    {
        // commitment 55, involvement 70, after-demo 43, integration 55, workflow 63, ownership 70:
        // (20×55 + 20×70 + 20×43 + 15×55 + 10×63 + 15×70) / 100 = (1100 + 1400 + 860 + 825 + 630 + 1050) / 100 = 58.65 → 59
        var result = AnswersBuilder.Example().Score();

        Assert.Equal([55, 70, 43, 55, 63, 70], result.Sections.Select(s => s.Score));
        Assert.Equal(59, result.Overall);
        Assert.Equal(Verdict.GoWithConditions, result.ScoreVerdict);
        Assert.Equal(["users-not-involved", "production-under-budgeted"], result.Gates.Select(g => g.Key));
        Assert.Equal(Verdict.NotReady, result.Verdict);
    }

    [Theory]
    [InlineData("about-the-same", 99)] // workflow 85 → (9000 + 850) / 100 = 98.5 → 99
    [InlineData("unknown", 98)] // workflow 75 → (9000 + 750) / 100 = 97.5 → 98
    [InlineData("easier", 100)]
    public void Score_OverallHalfway_RoundsHalfAwayFromZero(string easier, int expected)
    {
        var result = AnswersBuilder.Ready().With("workflow.easier-than-workaround", easier).Score();

        Assert.Equal(expected, result.Overall);
    }

    [Fact]
    public void Score_SectionPoints_RoundToNearestWholeScoreHalfAwayFromZero()
    {
        // A small questionnaire whose commitment section is worth 8 points: 1 point → 12.5 → 13; 3 points → 37.5 → 38.
        var questionnaire = SmallQuestionnaire.Build();
        var one = ScoringModel.V1.Score(questionnaire, new AnswerSet([KeyValuePair.Create("commitment.one", (Answer)new YesNoAnswer(true))]));
        var three = ScoringModel.V1.Score(questionnaire, new AnswerSet(
        [
            KeyValuePair.Create("commitment.one", (Answer)new YesNoAnswer(true)),
            KeyValuePair.Create("commitment.two", (Answer)new YesNoAnswer(true)),
        ]));

        Assert.Equal(13, one.Section(SectionKeys.Commitment).Score);
        Assert.Equal(1, one.Section(SectionKeys.Commitment).Earned);
        Assert.Equal(8, one.Section(SectionKeys.Commitment).MaxPoints);
        Assert.Equal(38, three.Section(SectionKeys.Commitment).Score);
    }

    [Fact]
    public void Score_WeightsNotSummingToHundred_DividesByTheTotalWeight()
    {
        // Weights 3/1/1/1/1/1 (total 8): commitment at 38 (3 of 8 points), the rest at 0 → 3×38 / 8 = 14.25 → 14.
        var questionnaire = SmallQuestionnaire.Build();
        var result = ScoringModel.V1.Score(questionnaire, new AnswerSet(
        [
            KeyValuePair.Create("commitment.one", (Answer)new YesNoAnswer(true)),
            KeyValuePair.Create("commitment.two", (Answer)new YesNoAnswer(true)),
        ]));

        Assert.Equal(8, questionnaire.TotalWeight);
        Assert.Equal(14, result.Overall);
    }

    private static int WeightedMean(ScoreResult result) =>
        (int)Math.Round(result.Sections.Sum(s => (decimal)s.Weight * s.Score) / result.Sections.Sum(s => s.Weight), MidpointRounding.AwayFromZero);

    /// <summary>A made-up questionnaire with odd point totals and weights, to see rounding the v1 totals never need.</summary>
    private static class SmallQuestionnaire
    {
        private static Option[] YesEarns(int points) => [new("yes", "Yes", points), new("no", "No", 0)];

        public static Questionnaire Build() => new(1,
        [
            new Section(SectionKeys.Commitment, "Commitment", "Commitment.", 3,
            [
                Question("commitment.one", QuestionType.YesNo, YesEarns(1)),
                Question("commitment.two", QuestionType.YesNo, YesEarns(2)),
                Question("commitment.three", QuestionType.YesNo, YesEarns(5)),
                Question(QuestionKeys.WhatThen, QuestionType.Text, answeredPoints: 0, blocker: true),
            ]),
            new Section(SectionKeys.Involvement, "Involvement", "Involvement.", 1,
            [
                Question(QuestionKeys.InvolvementLevel, QuestionType.Choice,
                    [new("not-yet", "Not yet", 0), new(QuestionKeys.InvolvedLevel, "Involved", 1)], blocker: true),
            ]),
            new Section(SectionKeys.AfterDemo, "After the demo", "After the demo.", 1,
            [
                Question(QuestionKeys.ProductionOwner, QuestionType.Person, answeredPoints: 1, blocker: true),
            ]),
            new Section(SectionKeys.Integration, "Integration", "Integration.", 1,
            [
                Question(QuestionKeys.IntegrationSystems, QuestionType.MultiSelect,
                    [new(QuestionKeys.NoLiveSystem, "None", 0, exclusive: true), new("crm", "CRM", 0)], blocker: true),
                Question(QuestionKeys.IntegrationBudgeted, QuestionType.YesNo, YesEarns(1)),
                Question(QuestionKeys.PrototypeCost, QuestionType.Money, answeredPoints: 1),
                Question(QuestionKeys.ProductionBudget, QuestionType.Money, answeredPoints: 1),
            ]),
            new Section(SectionKeys.Workflow, "Workflow", "Workflow.", 1,
            [
                Question("workflow.one", QuestionType.YesNo, YesEarns(1)),
            ]),
            new Section(SectionKeys.Ownership, "Ownership", "Ownership.", 1,
            [
                Question("ownership.one", QuestionType.YesNo, YesEarns(1)),
            ]),
        ]);

        private static Question Question(string key, QuestionType type, IReadOnlyList<Option>? options = null, int answeredPoints = 0, bool blocker = false) =>
            new(key, type, "Question " + key + "?", "Why " + key + " matters.", "Do " + key + ".", options, answeredPoints, blocker);
    }
}
