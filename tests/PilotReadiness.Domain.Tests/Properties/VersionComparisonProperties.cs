using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Domain.Tests.Builders;

namespace PilotReadiness.Domain.Tests.Properties;

/// <summary>Invariants of comparing two versions, over random valid answer sets of questionnaire v1.</summary>
public class VersionComparisonProperties
{
    private static Questionnaire V1 => ShippedQuestionnaires.Catalog.Get(1).Questionnaire;

    private static ScoredVersion Scored(GeneratedAnswers answers) => new(answers.Questionnaire, answers.Set, answers.Score());

    private static Gen<(GeneratedAnswers Older, GeneratedAnswers Newer)> Pairs() =>
        Gen.Frequency(
            (2, AnswerGen.Answers(V1).SelectMany(a => AnswerGen.Answers(V1).Select(b => (a, b)))),
            // Mostly similar versions: the newer one changes a few answers of the older one.
            (3, AnswerGen.Improvements(V1).Select(i => (i.Before, new GeneratedAnswers(V1, [.. i.After], i.Before.Claims)))));

    [Property(MaxTest = 300)]
    public Property Compare_AVersionWithItself_HasNoChangesAndZeroDeltas() =>
        Prop.ForAll(AnswerGen.Answers(V1).ToArbitrary(), answers =>
        {
            var version = Scored(answers);

            var comparison = VersionComparison.Compare(version, version);

            Assert.Empty(comparison.Answers);
            Assert.All(comparison.Sections, s => Assert.Equal(0, s.Delta));
            Assert.Equal(0, comparison.OverallDelta);
            Assert.Equal(comparison.VerdictBefore, comparison.VerdictAfter);
            Assert.Empty(comparison.GatesOpened);
            Assert.Empty(comparison.GatesClosed);
            Assert.False(comparison.HasChanges);
        });

    [Property(MaxTest = 300)]
    public Property Compare_SwappingTheSides_NegatesDeltasAndSwapsGatesAndAnswers() =>
        Prop.ForAll(Pairs().ToArbitrary(), pair =>
        {
            var older = Scored(pair.Older);
            var newer = Scored(pair.Newer);

            var forward = VersionComparison.Compare(older, newer);
            var backward = VersionComparison.Compare(newer, older);

            Assert.Equal(-forward.OverallDelta, backward.OverallDelta);
            Assert.Equal(forward.Sections.Select(s => -s.Delta), backward.Sections.Select(s => s.Delta));
            Assert.Equal((forward.VerdictBefore, forward.VerdictAfter), (backward.VerdictAfter, backward.VerdictBefore));
            Assert.Equal(forward.GatesOpened, backward.GatesClosed);
            Assert.Equal(forward.GatesClosed, backward.GatesOpened);
            Assert.Equal(
                forward.Answers.Select(a => (a.QuestionKey, Swap(a.Kind), a.After, a.Before)),
                backward.Answers.Select(a => (a.QuestionKey, a.Kind, a.Before, a.After)));
        });

    [Property(MaxTest = 300)]
    public Property Compare_ListsExactlyTheQuestionsWhoseAnswerDiffers_AndDeltasMatchTheScores() =>
        Prop.ForAll(Pairs().ToArbitrary(), pair =>
        {
            var older = Scored(pair.Older);
            var newer = Scored(pair.Newer);

            var comparison = VersionComparison.Compare(older, newer);

            var differing = V1.Questions.Select(q => q.Key)
                .Where(k => !Equals(older.Answers.GetValueOrDefault(k), newer.Answers.GetValueOrDefault(k)))
                .ToList();
            Assert.Equal(differing, comparison.Answers.Select(a => a.QuestionKey));
            Assert.All(comparison.Answers, a => Assert.NotEqual(a.Before, a.After));
            Assert.Equal(newer.Score.Overall - older.Score.Overall, comparison.OverallDelta);
            Assert.All(comparison.Sections, s => Assert.Equal(newer.Score.Section(s.Key).Score - older.Score.Section(s.Key).Score, s.Delta));
            Assert.All(comparison.GatesOpened, g => Assert.Contains(g, newer.Score.Gates));
            Assert.All(comparison.GatesClosed, g => Assert.Contains(g, older.Score.Gates));
            Assert.Equal(differing.Count == 0, !comparison.HasChanges);
        });

    private static AnswerChangeKind Swap(AnswerChangeKind kind) => kind switch
    {
        AnswerChangeKind.Added => AnswerChangeKind.Removed,
        AnswerChangeKind.Removed => AnswerChangeKind.Added,
        _ => kind,
    };
}
