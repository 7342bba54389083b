using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Domain.Tests.Builders;

namespace PilotReadiness.Domain.Tests.Properties;

/// <summary>Invariants of scoring model v1 over random valid answer sets of questionnaire v1.</summary>
public class ScoringProperties
{
    private static Questionnaire V1 => QuestionnaireCatalog.Current;

    private static ScoreResult Score(AnswerSet answers) => ScoringModel.V1.Score(V1, answers);

    [Property(MaxTest = 300)]
    public Property Score_SameAnswersTwice_GivesTheSameResult() =>
        Prop.ForAll(AnswerGen.Answers().ToArbitrary(), answers =>
            AssertSameResult(Score(answers.Set), Score(answers.Set)));

    [Property(MaxTest = 300)]
    public Property Score_EqualAnswersInAnotherInsertionOrder_GivesTheSameResult() =>
        Prop.ForAll(
            AnswerGen.Answers()
                .SelectMany(a => Gen.Shuffle(a.Pairs.ToArray()).Select(shuffled => (Answers: a, Shuffled: new GeneratedAnswers(shuffled))))
                .ToArbitrary(),
            pair => AssertSameResult(Score(pair.Answers.Set), Score(pair.Shuffled.Set)));

    [Property(MaxTest = 1000)]
    public Property Score_BetterAnswer_NeverLowersTheScoreOrWorsensTheVerdict() =>
        Prop.ForAll(AnswerGen.Improvements().ToArbitrary(), change =>
        {
            var before = Score(change.Before.Set);
            var after = Score(change.After);

            Assert.True(after.Overall >= before.Overall, $"Overall fell from {before.Overall} to {after.Overall}.");
            Assert.True(after.Verdict >= before.Verdict, $"Verdict fell from {before.Verdict} to {after.Verdict}.");
            Assert.True(after.ScoreVerdict >= before.ScoreVerdict);
            Assert.All(after.Sections, s => Assert.True(s.Score >= before.Section(s.Key).Score, $"Section {s.Key} fell."));
            Assert.Subset(before.Gates.Select(g => g.Key).ToHashSet(), after.Gates.Select(g => g.Key).ToHashSet());
        });

    [Property(MaxTest = 300)]
    public Property Improvements_AreStrictlyBetterByTheDefinition() =>
        Prop.ForAll(AnswerGen.Improvements().ToArbitrary(), change =>
        {
            var question = V1.GetQuestion(change.Key);

            Assert.Null(question.Check(change.Better));
            var morePoints = question.Points(change.Better) > question.Points(change.Old);
            var higherBudget = change.Key == QuestionKeys.ProductionBudget &&
                (change.Old is null || ((NumberAnswer)change.Better).Value > ((NumberAnswer)change.Old).Value);
            var lowerCost = change.Key == QuestionKeys.PrototypeCost &&
                (change.Old is null || ((NumberAnswer)change.Better).Value < ((NumberAnswer)change.Old).Value);
            var nowAnswered = !question.Type.HasOptions() && change.Old is null;
            Assert.True(morePoints || higherBudget || lowerCost || nowAnswered);
        });

    [Property(MaxTest = 500)]
    public Property Score_IsWithinBoundsAndVerdictNeverBeatsScoreOrGates() =>
        Prop.ForAll(AnswerGen.Answers().ToArbitrary(), answers =>
        {
            var result = Score(answers.Set);

            Assert.InRange(result.Overall, 0, 100);
            Assert.All(result.Sections, s =>
            {
                Assert.InRange(s.Score, 0, 100);
                Assert.InRange(s.Earned, 0, s.MaxPoints);
            });
            Assert.Equal(ScoringModel.V1.VerdictForScore(result.Overall), result.ScoreVerdict);
            Assert.True(result.Verdict <= result.ScoreVerdict);
            Assert.All(result.Gates, g => Assert.True(result.Verdict <= g.Cap, $"Verdict {result.Verdict} beats gate {g.Key} ({g.Cap})."));
            Assert.Equal(result.Gates.Select(g => g.Cap).Append(result.ScoreVerdict).Min(), result.Verdict);
            Assert.Equal(!answers.Set.ContainsKey(QuestionKeys.WhatThen), result.PilotTheatre);
            Assert.Equal(result.PilotTheatre, result.Gates.Any(g => g.Key == "pilot-theatre"));
            Assert.Equal(1, result.QuestionnaireVersion);
            Assert.Equal("1", result.ModelVersion);
        });

    [Property(MaxTest = 300)]
    public Property Score_PointReasons_OnePerQuestionAndAddUpToTheirSection() =>
        Prop.ForAll(AnswerGen.Answers().ToArbitrary(), answers =>
        {
            var result = Score(answers.Set);

            Assert.Equal(V1.Questions.Select(q => q.Key), result.Sections.SelectMany(s => s.Reasons).Select(r => r.QuestionKey));
            Assert.All(result.Sections, s =>
            {
                Assert.All(s.Reasons, r => Assert.InRange(r.Earned, 0, r.Max));
                Assert.Equal(s.Earned, s.Reasons.Sum(r => r.Earned));
                Assert.Equal(s.MaxPoints, s.Reasons.Sum(r => r.Max));
            });
        });

    [Property(MaxTest = 500)]
    public Property Score_Findings_AreOrderedWhatToFixFirst() =>
        Prop.ForAll(AnswerGen.Answers().ToArbitrary(), answers =>
        {
            var findings = Score(answers.Set).Findings;
            var caps = Score(answers.Set).Gates.ToDictionary(g => (g.Key, g.SectionKey), g => g.Cap);

            var critical = findings.TakeWhile(f => f.Severity == Severity.Critical).ToList();
            Assert.All(findings.Skip(critical.Count), f => Assert.NotEqual(Severity.Critical, f.Severity));
            Assert.All(critical, f => Assert.StartsWith("gate:", f.Rule, StringComparison.Ordinal));
            Assert.All(findings.Skip(critical.Count), f => Assert.StartsWith("question:", f.Rule, StringComparison.Ordinal));

            var criticalCaps = critical.Select(f => caps[(f.Rule["gate:".Length..], f.SectionKey)]).ToList();
            Assert.Equal(criticalCaps.Order(), criticalCaps);
            for (var i = 1; i < critical.Count; i++)
            {
                Assert.True(criticalCaps[i - 1] < criticalCaps[i] || critical[i - 1].Gain >= critical[i].Gain);
            }

            var rest = findings.Skip(critical.Count).ToList();
            Assert.Equal(rest.Select(f => f.Gain).OrderDescending(), rest.Select(f => f.Gain));
            Assert.All(findings, f => Assert.False(string.IsNullOrWhiteSpace(f.Action)));
        });

    [Property(MaxTest = 500)]
    public Property Score_EveryQuestionBelowItsMaximum_HasExactlyOneFinding() =>
        Prop.ForAll(AnswerGen.Answers().ToArbitrary(), answers =>
        {
            var result = Score(answers.Set);

            foreach (var question in V1.Questions)
            {
                var points = question.Points(answers.Set.GetValueOrDefault(question.Key));
                var about = result.Findings.Where(f => f.QuestionKey == question.Key).ToList();
                if (points < question.MaxPoints)
                {
                    Assert.Single(about);
                }
                else
                {
                    Assert.All(about, f => Assert.StartsWith("gate:", f.Rule, StringComparison.Ordinal));
                }
            }

            Assert.Equal(result.Findings.Count(f => f.Severity == Severity.Critical), result.Gates.Count);
        });

    [Property(MaxTest = 500)]
    public Property EncodeDecode_RoundTripsAnyValidAnswer() =>
        Prop.ForAll(
            Gen.Elements(V1.Questions.ToArray())
                .SelectMany(q => AnswerGen.ValidAnswer(q).Select(a => (Key: q.Key, Answer: a)))
                .ToArbitrary(),
            item =>
            {
                var question = V1.GetQuestion(item.Key);

                Assert.Null(question.Check(item.Answer));
                Assert.Equal(item.Answer, question.Decode(item.Answer.Encode()));
            });

    private static void AssertSameResult(ScoreResult expected, ScoreResult actual)
    {
        Assert.Equal(expected.Overall, actual.Overall);
        Assert.Equal(expected.Verdict, actual.Verdict);
        Assert.Equal(expected.ScoreVerdict, actual.ScoreVerdict);
        Assert.Equal(expected.PilotTheatre, actual.PilotTheatre);
        Assert.Equal(expected.Gates, actual.Gates);
        Assert.Equal(expected.Findings, actual.Findings);
        Assert.Equal(expected.Sections.Select(s => (s.Key, s.Score, s.Earned)), actual.Sections.Select(s => (s.Key, s.Score, s.Earned)));
        Assert.Equal(expected.Sections.SelectMany(s => s.Reasons), actual.Sections.SelectMany(s => s.Reasons));
        Assert.Equal(expected.QuestionnaireVersion, actual.QuestionnaireVersion);
        Assert.Equal(expected.ModelVersion, actual.ModelVersion);
    }
}
