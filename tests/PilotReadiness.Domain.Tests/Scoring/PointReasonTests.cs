using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Domain.Tests.Builders;

namespace PilotReadiness.Domain.Tests.Scoring;

public class PointReasonTests
{
    public static TheoryData<string> AnswerSets => ["ready", "empty", "mixed"];

    [Theory]
    [MemberData(nameof(AnswerSets))]
    public void Score_GivesOnePointReasonPerQuestionInQuestionnaireOrder(string name)
    {
        var result = Build(name).Score();

        var reasons = result.Sections.SelectMany(s => s.Reasons).ToList();
        Assert.Equal(AnswersBuilder.V1.Questions.Select(q => q.Key), reasons.Select(r => r.QuestionKey));
        Assert.All(result.Sections, s => Assert.All(s.Reasons, r => Assert.Equal(s.Key, r.SectionKey)));
    }

    [Theory]
    [MemberData(nameof(AnswerSets))]
    public void Score_PointReasons_EarnAtMostTheirMaximumAndAddUpToTheSection(string name)
    {
        var result = Build(name).Score();

        foreach (var section in result.Sections)
        {
            Assert.All(section.Reasons, r =>
            {
                Assert.InRange(r.Earned, 0, r.Max);
                Assert.Equal(AnswersBuilder.V1.GetQuestion(r.QuestionKey).MaxPoints, r.Max);
                Assert.False(string.IsNullOrWhiteSpace(r.Reason));
            });
            Assert.Equal(section.Earned, section.Reasons.Sum(r => r.Earned));
            Assert.Equal(section.MaxPoints, section.Reasons.Sum(r => r.Max));
        }
    }

    [Theory]
    [InlineData("commitment.purpose", "evaluate", "option-points", 10, 25, "Evaluating a use case we may adopt")]
    [InlineData("involvement.defined-good-output", "no", "option-points", 0, 20, "No")]
    [InlineData("integration.systems", "erp,crm", "option-points", 0, 0, "CRM, ERP")]
    [InlineData("commitment.rollout-date", "2026-06-30", "answered-points", 10, 10, "30 June 2026")]
    [InlineData("ownership.run-cost", "12,500.5", "answered-points", 20, 20, "12,500.5")]
    [InlineData("after-demo.production-owner", "  Priya  ", "answered-points", 35, 35, "Priya")]
    [InlineData("involvement.daily-users", "40", "no-points", 0, 0, "40")]
    [InlineData("ownership.failure-handling", null, "answered-points", 0, 25, "Not answered")]
    [InlineData("commitment.purpose", null, "option-points", 0, 25, "Not answered")]
    public void Score_PointReason_NamesRulePointsAndAnswer(string key, string? input, string rule, int earned, int max, string answer)
    {
        var reason = AnswersBuilder.Empty().With(key, input).Score().Sections
            .SelectMany(s => s.Reasons)
            .Single(r => r.QuestionKey == key);

        Assert.Equal(rule, reason.Rule);
        Assert.Equal(earned, reason.Earned);
        Assert.Equal(max, reason.Max);
        Assert.Equal(answer, reason.Answer);
    }

    [Fact]
    public void Score_PointReasonSentences_SayWhy()
    {
        var reasons = AnswersBuilder.Empty()
            .With("commitment.purpose", "evaluate")
            .With("commitment.rollout-date", "2026-06-30")
            .With("involvement.daily-users", "40")
            .Score().Sections.SelectMany(s => s.Reasons).ToDictionary(r => r.QuestionKey);

        Assert.Equal("\"Evaluating a use case we may adopt\" earns 10 of 25 points.", reasons["commitment.purpose"].Reason);
        Assert.Equal("Answered, which earns all 10 points.", reasons["commitment.rollout-date"].Reason);
        Assert.Equal("Recorded for context; carries no points.", reasons["involvement.daily-users"].Reason);
        Assert.Equal("Not answered, so 0 of 15 points.", reasons["commitment.executive-sponsor"].Reason);
    }

    [Theory]
    [MemberData(nameof(AnswerSets))]
    public void Score_Result_IsStampedWithQuestionnaireVersion1AndModelVersion1(string name)
    {
        var result = Build(name).Score();

        Assert.Equal(1, result.QuestionnaireVersion);
        Assert.Equal("1", result.ModelVersion);
    }

    private static AnswersBuilder Build(string name) => name switch
    {
        "ready" => AnswersBuilder.Ready(),
        "empty" => AnswersBuilder.Empty(),
        "mixed" => AnswersBuilder.Ready()
            .WithoutSection(SectionKeys.Workflow)
            .With("commitment.purpose", "evaluate")
            .With(QuestionKeys.InvolvementLevel, "informed")
            .With(QuestionKeys.ProductionBudget, 10m)
            .Without(QuestionKeys.ProductionOwner),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown answer set."),
    };
}
