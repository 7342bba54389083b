using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Domain.Tests.Builders;

namespace PilotReadiness.Domain.Tests.Properties;

/// <summary>Invariants of scoring model 1 over random valid answer sets of questionnaire 1.</summary>
public sealed class ScoringPropertiesV1() : ScoringProperties(1);

/// <summary>The same invariants of scoring model 2 over questionnaire 2, where non-answers and claims matter too.</summary>
public sealed class ScoringPropertiesV2() : ScoringProperties(2);

/// <summary>
/// Invariants of a scoring model over random valid answer sets of its questionnaire, with random claims of the named
/// people: deterministic, monotone in answers and in confirmations, bounded, and explained.
/// </summary>
public abstract class ScoringProperties(int version)
{
    private Questionnaire Q { get; } = ShippedQuestionnaires.Catalog.Get(version).Questionnaire;

    private ScoringModel Model => ShippedQuestionnaires.Catalog.Get(Q.Version).Model;

    private static ScoreResult Score(GeneratedAnswers answers) => answers.Score();

    [Property(MaxTest = 300)]
    public Property Score_SameAnswersTwice_GivesTheSameResult() =>
        Prop.ForAll(AnswerGen.Answers(Q).ToArbitrary(), answers =>
            AssertSameResult(Score(answers), Score(answers)));

    [Property(MaxTest = 300)]
    public Property Score_EqualAnswersInAnotherInsertionOrder_GivesTheSameResult() =>
        Prop.ForAll(
            AnswerGen.Answers(Q)
                .SelectMany(a => Gen.Shuffle(a.Pairs.ToArray()).Select(shuffled => (Answers: a, Shuffled: new GeneratedAnswers(Q, shuffled, a.Claims))))
                .ToArbitrary(),
            pair => AssertSameResult(Score(pair.Answers), Score(pair.Shuffled)));

    [Property(MaxTest = 1000)]
    public Property Score_BetterAnswer_NeverLowersTheScoreOrWorsensTheVerdict() =>
        Prop.ForAll(AnswerGen.Improvements(Q).ToArbitrary(), change =>
            AssertNotWorse(Score(change.Before), change.ScoreAfter()));

    [Property(MaxTest = 1000)]
    public Property Score_AConfirmation_NeverLowersTheScoreOrWorsensTheVerdict() =>
        Prop.ForAll(AnswerGen.ClaimImprovements(Q).ToArbitrary(), change =>
            AssertNotWorse(Score(change.Before), change.ScoreAfter()));

    [Property(MaxTest = 300)]
    public Property Improvements_AreStrictlyBetterByTheDefinition() =>
        Prop.ForAll(AnswerGen.Improvements(Q).ToArbitrary(), change =>
        {
            var question = Q.GetQuestion(change.Key);

            Assert.Null(question.Check(change.Better));
            var morePoints = question.Points(change.Better) > question.Points(change.Old);
            var higherBudget = AnswerGen.IsProductionAmount(change.Key) &&
                (change.Old is null || ((NumberAnswer)change.Better).Value > ((NumberAnswer)change.Old).Value);
            var lowerCost = AnswerGen.IsPrototypeAmount(change.Key) &&
                (change.Old is null || ((NumberAnswer)change.Better).Value < ((NumberAnswer)change.Old).Value);
            var nowAnswered = !question.Type.HasOptions() && change.Old is null;
            Assert.True(morePoints || higherBudget || lowerCost || nowAnswered);
        });

    [Property(MaxTest = 500)]
    public Property Score_IsWithinBoundsAndVerdictNeverBeatsScoreOrGates() =>
        Prop.ForAll(AnswerGen.Answers(Q).ToArbitrary(), answers =>
        {
            var result = Score(answers);
            var counted = Model.Count(Q, answers.Set, answers.Claims).Counted;

            Assert.InRange(result.Overall, 0, 100);
            Assert.All(result.Sections, s =>
            {
                Assert.InRange(s.Score, 0, 100);
                Assert.InRange(s.Earned, 0, s.MaxPoints);
            });
            Assert.Equal(Model.VerdictForScore(result.Overall), result.ScoreVerdict);
            Assert.True(result.Verdict <= result.ScoreVerdict);
            Assert.All(result.Gates, g => Assert.True(result.Verdict <= g.Cap, $"Verdict {result.Verdict} beats gate {g.Key} ({g.Cap})."));
            Assert.Equal(result.Gates.Select(g => g.Cap).Append(result.ScoreVerdict).Min(), result.Verdict);
            string[] whatThen = version == 1 ? [QuestionKeys.WhatThen]
                : [QuestionKeys.Adoption, QuestionKeys.IntegrationBuilt, QuestionKeys.WhatThenOwner, QuestionKeys.SuccessCriteria];
            Assert.Equal(whatThen.Any(k => !counted.ContainsKey(k)), result.PilotTheatre);
            Assert.Equal(result.PilotTheatre, result.Gates.Any(g => g.Key == "pilot-theatre"));
            Assert.Equal(version, result.QuestionnaireVersion);
            Assert.Equal(Model.Version, result.ModelVersion);
        });

    [Property(MaxTest = 300)]
    public Property Score_PointReasons_OnePerQuestionAndAddUpToTheirSection() =>
        Prop.ForAll(AnswerGen.Answers(Q).ToArbitrary(), answers =>
        {
            var result = Score(answers);

            Assert.Equal(Q.Questions.Select(q => q.Key), result.Sections.SelectMany(s => s.Reasons).Select(r => r.QuestionKey));
            Assert.All(result.Sections, s =>
            {
                Assert.All(s.Reasons, r => Assert.InRange(r.Earned, 0, r.Max));
                Assert.Equal(s.Earned, s.Reasons.Sum(r => r.Earned));
                Assert.Equal(s.MaxPoints, s.Reasons.Sum(r => r.Max));
            });
        });

    [Property(MaxTest = 500)]
    public Property Score_Findings_AreOrderedWhatToFixFirst() =>
        Prop.ForAll(AnswerGen.Answers(Q).ToArbitrary(), answers =>
        {
            var findings = Score(answers).Findings;
            var caps = Score(answers).Gates.ToDictionary(g => (g.Key, g.SectionKey), g => g.Cap);

            var critical = findings.TakeWhile(f => f.Severity == Severity.Critical).ToList();
            Assert.All(findings.Skip(critical.Count), f => Assert.NotEqual(Severity.Critical, f.Severity));
            Assert.All(critical, f => Assert.StartsWith("gate:", f.Rule, StringComparison.Ordinal));
            Assert.All(findings.Skip(critical.Count), f => Assert.Matches("^(question|claim|check):", f.Rule));

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
        Prop.ForAll(AnswerGen.Answers(Q).ToArbitrary(), answers =>
        {
            var result = Score(answers);
            var earned = result.Sections.SelectMany(s => s.Reasons).ToDictionary(r => r.QuestionKey, r => r.Earned);

            foreach (var question in Q.Questions)
            {
                // What a finding says about points: a question or a gate; a claim (model 1) or a cross-check (model 2) may add one.
                var about = result.Findings.Where(f => f.QuestionKey == question.Key && !f.Rule.StartsWith("claim:", StringComparison.Ordinal)
                    && !f.Rule.StartsWith("check:", StringComparison.Ordinal)).ToList();
                if (earned[question.Key] < question.MaxPoints)
                {
                    // A gate that speaks for several questions (model 2's pilot theatre, the 3× rule on money and effort)
                    // points its one finding at the first of them without a real answer; the others have none of their own.
                    var gate = SharedGates.FirstOrDefault(g => g.Covers.Contains(question.Key) && result.Gates.Any(r => r.Key == g.Key));
                    Assert.InRange(about.Count, gate.Key is null ? 1 : 0, 1);
                }
                else
                {
                    Assert.All(about, f => Assert.StartsWith("gate:", f.Rule, StringComparison.Ordinal));
                }
            }

            Assert.Equal(result.Findings.Count(f => f.Severity == Severity.Critical), result.Gates.Count);
        });

    /// <summary>
    /// A question marked "not applicable" never scores above the same question answered fully (its best answer, the
    /// named person confirmed): not the overall score, not its section, not the verdict.
    /// </summary>
    [Property(MaxTest = 1000)]
    public Property Score_NotApplicable_NeverAboveAnsweringItFully() =>
        Prop.ForAll(
            AnswerGen.Answers(Q).SelectMany(a => Gen.Elements(NotApplicableQuestions).Select(key => (Answers: a, Key: key))).ToArbitrary(),
            item =>
            {
                var (answers, key) = item;
                var question = Q.GetQuestion(key);
                var best = Best.Build()[key];
                Assert.Equal(question.MaxPoints, question.Points(best));
                var claims = answers.Claims.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
                claims[key] = ClaimState.Confirmed;

                var full = Model.Score(Q, answers.Set.With(key, best), claims);
                var marks = new Dictionary<string, string>(StringComparer.Ordinal) { [key] = "No such thing here." };
                Assert.Empty(Model.CheckNotApplicable(Q, marks));
                var notApplicable = Model.Score(Q, answers.Set.With(key, null), claims, marks);

                Assert.True(notApplicable.Overall <= full.Overall, $"Overall {notApplicable.Overall} above {full.Overall} answered fully.");
                Assert.True(notApplicable.Section(question.SectionKey).Score <= full.Section(question.SectionKey).Score);
                Assert.True(notApplicable.Verdict <= full.Verdict);
                Assert.DoesNotContain(notApplicable.Findings, f => f.QuestionKey == key);
                var reason = notApplicable.Section(question.SectionKey).Reasons.Single(r => r.QuestionKey == key);
                Assert.Equal((ScoringModel.NotApplicableRule, 0, 0), (reason.Rule, reason.Earned, reason.Max));
            });

    /// <summary>The questions this model lets be marked not applicable (not required, read by no gate), each of which earns points.</summary>
    private string[] NotApplicableQuestions => [.. Q.Questions.Where(q => q.IsScored && Model.WhyNotApplicable(q) is null).Select(q => q.Key)];

    private AnswersBuilder Best => AnswersBuilder.Ready(version);

    [Property(MaxTest = 500)]
    public Property EncodeDecode_RoundTripsAnyValidAnswer() =>
        Prop.ForAll(
            Gen.Elements(Q.Questions.ToArray())
                .SelectMany(q => AnswerGen.ValidAnswer(q).Select(a => (Key: q.Key, Answer: a)))
                .ToArbitrary(),
            item =>
            {
                var question = Q.GetQuestion(item.Key);

                Assert.Null(question.Check(item.Answer));
                Assert.Equal(item.Answer, question.Decode(item.Answer.Encode()));
            });

    private static readonly (string Key, string[] Covers)[] SharedGates =
    [
        ("pilot-theatre", [QuestionKeys.Adoption, QuestionKeys.IntegrationBuilt, QuestionKeys.WhatThenOwner, QuestionKeys.SuccessCriteria]),
        ("production-under-budgeted", [QuestionKeys.ProductionBudget, QuestionKeys.ProductionEffort]),
    ];

    private static void AssertNotWorse(ScoreResult before, ScoreResult after)
    {
        Assert.True(after.Overall >= before.Overall, $"Overall fell from {before.Overall} to {after.Overall}.");
        Assert.True(after.Verdict >= before.Verdict, $"Verdict fell from {before.Verdict} to {after.Verdict}.");
        Assert.True(after.ScoreVerdict >= before.ScoreVerdict);
        Assert.All(after.Sections, s => Assert.True(s.Score >= before.Section(s.Key).Score, $"Section {s.Key} fell."));
        Assert.Subset(before.Gates.Select(g => g.Key).ToHashSet(), after.Gates.Select(g => g.Key).ToHashSet());
    }

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
