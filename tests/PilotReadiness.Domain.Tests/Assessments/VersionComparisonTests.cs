using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Domain.Tests.Builders;

namespace PilotReadiness.Domain.Tests.Assessments;

public class VersionComparisonTests
{
    private static Questionnaire V1 => ShippedQuestionnaires.Catalog.Get(1).Questionnaire;

    private static ScoredVersion Scored(AnswersBuilder answers) => new(V1, answers.Build(), answers.Score());

    [Fact]
    public void Compare_TheWorkedExampleImproved_ListsTheChangedAnswersDeltasAndGates()
    {
        var before = AnswersBuilder.Example();
        var after = before
            .With(QuestionKeys.InvolvementLevel, "involved")      // clears users-not-involved
            .With(QuestionKeys.ProductionBudget, 400_000m)       // clears production-under-budgeted
            .With("after-demo.quality-reviewer", "Lee Chen")     // newly answered
            .Without("ownership.run-cost");                      // answer removed

        var comparison = VersionComparison.Compare(Scored(before), Scored(after));

        Assert.Equal(
            [
                ("involvement.level", AnswerChangeKind.Changed, "Consulted for their views", "Involved in design, testing and acceptance"),
                ("after-demo.quality-reviewer", AnswerChangeKind.Added, "Not answered", "Lee Chen"),
                ("integration.production-budget", AnswerChangeKind.Changed, "100,000", "400,000"),
                ("ownership.run-cost", AnswerChangeKind.Removed, "12,000", "Not answered"),
            ],
            comparison.Answers.Select(a => (a.QuestionKey, a.Kind, a.Before, a.After)));
        var level = comparison.Answers[0];
        Assert.Equal(SectionKeys.Involvement, level.SectionKey);
        Assert.Equal(V1.GetQuestion("involvement.level").Text, level.Question);

        Assert.Equal(59, comparison.OverallBefore);
        Assert.Equal(after.Score().Overall, comparison.OverallAfter);
        Assert.Equal(comparison.OverallAfter - 59, comparison.OverallDelta);
        Assert.Equal(Verdict.NotReady, comparison.VerdictBefore);
        Assert.Equal(after.Score().Verdict, comparison.VerdictAfter);
        Assert.Equal(SectionKeys.All, comparison.Sections.Select(s => s.Key));
        var involvement = comparison.Sections.Single(s => s.Key == SectionKeys.Involvement);
        Assert.Equal((70, after.Score().Section(SectionKeys.Involvement).Score), (involvement.Before, involvement.After));
        Assert.True(involvement.Delta > 0);
        Assert.Equal(0, comparison.Sections.Single(s => s.Key == SectionKeys.Commitment).Delta);
        Assert.True(comparison.Sections.Single(s => s.Key == SectionKeys.Ownership).Delta < 0);

        Assert.Empty(comparison.GatesOpened);
        Assert.Equal(["users-not-involved", "production-under-budgeted"], comparison.GatesClosed.Select(g => g.Key));
        Assert.True(comparison.HasChanges);
    }

    [Fact]
    public void Compare_RemovingWhatThen_OpensPilotTheatre()
    {
        var ready = AnswersBuilder.Ready();

        var comparison = VersionComparison.Compare(Scored(ready), Scored(ready.Without(QuestionKeys.WhatThen)));

        var opened = Assert.Single(comparison.GatesOpened);
        Assert.Equal("pilot-theatre", opened.Key);
        Assert.Empty(comparison.GatesClosed);
        Assert.Equal((Verdict.Go, Verdict.NoGo), (comparison.VerdictBefore, comparison.VerdictAfter));
        var change = Assert.Single(comparison.Answers);
        Assert.Equal(AnswerChangeKind.Removed, change.Kind);
        Assert.Equal("Not answered", change.After);
    }

    [Fact]
    public void Compare_UnansweredEssentialQuestions_AreOneGateEach()
    {
        // Essential questions whose absence is reported as "must be answered" (the others have a gate of their own).
        var blockers = V1.Questions.Where(q => q.Blocker)
            .Where(q => AnswersBuilder.Ready().Without(q.Key).Score().Gates.Any(g => g.Key == "blocker-unanswered"))
            .Select(q => q.Key).ToList();
        Assert.NotEmpty(blockers);
        var noneAnswered = blockers.Aggregate(AnswersBuilder.Ready(), (b, key) => b.Without(key));
        var oneAnswered = noneAnswered.With(blockers[0], AnswersBuilder.Ready().Build()[blockers[0]]);

        var comparison = VersionComparison.Compare(Scored(noneAnswered), Scored(oneAnswered));

        var closed = Assert.Single(comparison.GatesClosed);
        Assert.Equal("blocker-unanswered", closed.Key);
        Assert.Contains(V1.GetQuestion(blockers[0]).Text, closed.Message, StringComparison.Ordinal);
        Assert.Empty(comparison.GatesOpened);
    }

    [Fact]
    public void Compare_AMultiSelectReordered_IsNotAChange()
    {
        var a = AnswersBuilder.Ready().With(QuestionKeys.IntegrationSystems, new MultiSelectAnswer(["crm", "erp"]));
        var b = AnswersBuilder.Ready().With(QuestionKeys.IntegrationSystems, V1.GetQuestion(QuestionKeys.IntegrationSystems).Normalize(new MultiSelectAnswer(["erp", "crm"])));

        Assert.Empty(VersionComparison.Compare(Scored(a), Scored(b)).Answers);
    }

    [Fact]
    public void Trend_OrdersVersionsAndGivesEachSeries()
    {
        var example = Readiness.Of(AnswersBuilder.Example().Score(), null);
        var ready = Readiness.Of(AnswersBuilder.Ready().Score(), null);

        var trend = ScoreTrend.Of([(2, ready), (1, example)]);

        Assert.Equal([1, 2], trend.Points.Select(p => p.Revision));
        Assert.Equal([59, 100], trend.Overall);
        Assert.Equal([55, 100], trend.Section(SectionKeys.Commitment));
        Assert.Equal([43, 100], trend.Section(SectionKeys.AfterDemo));
        Assert.Equal(41, trend.OverallChange);
        Assert.Equal(Verdict.Go, trend.Points[1].Verdict);
        Assert.Throws<ArgumentOutOfRangeException>(() => trend.Section("nowhere"));
        Assert.Throws<ArgumentException>(() => ScoreTrend.Of([(1, ready), (1, example)]));
        Assert.Equal(0, ScoreTrend.Of([(1, ready)]).OverallChange);
    }
}
