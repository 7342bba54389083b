using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Domain.Tests.Builders;

namespace PilotReadiness.Domain.Tests.Properties;

/// <summary>
/// Determinism and monotonicity over random questionnaire versions an admin could publish, not only the shipped ones:
/// version 2's questions with random section weights, option points (in each question's order of merit), thresholds,
/// production multiple and set of gates (only definitions the app accepts, <see cref="QuestionnaireDefinition.Check"/>),
/// scored by the model each one builds.
/// </summary>
public sealed class RandomVersionProperties
{
    private static readonly QuestionnaireDefinition V2 = QuestionnaireDefinition.Of(ShippedQuestionnaires.V2);

    /// <summary>A random accepted definition on version 2's questions and keys.</summary>
    private static Gen<PublishedVersion> Versions() =>
        from weights in Gen.ListOf(Gen.Choose(1, 40), V2.Sections.Count)
        from points in Gen.ListOf(Gen.Choose(0, 30), V2.Questions.Sum(q => q.Options.Count))
        from notReady in Gen.Choose(1, 60)
        from conditions in Gen.Choose(notReady + 1, 80)
        from go in Gen.Choose(conditions + 1, 100)
        from multiple in Gen.Choose(10, 100)
        from gates in Gen.SubListOf(V2.Scoring.Gates.ToArray())
        let definition = Vary(weights, points, notReady, conditions, go, multiple / 10m, gates)
        where definition.Check().Count == 0
        select definition.Build();

    private static QuestionnaireDefinition Vary(
        List<int> weights, List<int> points, int notReady, int conditions, int go, decimal multiple, IEnumerable<string> gates)
    {
        var next = 0;
        return V2 with
        {
            Sections = [.. V2.Sections.Select((s, i) => s with
            {
                Weight = weights[i],
                Questions = [.. s.Questions.Select(q =>
                {
                    // New points in the old order, and what earned nothing still earns nothing: a gate reads an option by
                    // its value, so the check refuses points that let a better-scored answer set a gate off
                    // (QuestionnaireDefinition.Check; QuestionnaireDefinitionTests has the refusals).
                    var ranks = q.Options.Select(o => o.Points).Distinct().Order().ToList();
                    var fresh = points.Skip(next).Take(ranks.Count).Order().Select((p, k) => k == 0 && ranks[0] == 0 ? 0 : p + k).ToList();
                    next += q.Options.Count;
                    return q with { Options = [.. q.Options.Select(o => o with { Points = fresh[ranks.IndexOf(o.Points)] })] };
                })],
            })],
            Scoring = V2.Scoring with { GoAt = go, ConditionsAt = conditions, NotReadyAt = notReady, ProductionMultiple = multiple, Gates = [.. gates] },
        };
    }

    private static Gen<(PublishedVersion Version, Improvement Change)> Improvements() =>
        Versions().SelectMany(v => AnswerGen.Improvements(v.Questionnaire).Select(change => (v, change)));

    [Property(MaxTest = 300)]
    public Property Score_OnARandomVersion_SameAnswersTwice_GivesTheSameResult() =>
        Prop.ForAll(Versions().SelectMany(v => AnswerGen.Answers(v.Questionnaire).Select(a => (v, a))).ToArbitrary(), pair =>
        {
            var (version, answers) = pair;
            var first = version.Model.Score(version.Questionnaire, answers.Set, answers.Claims);
            var again = version.Build().Model.Score(version.Questionnaire, answers.Set, answers.Claims);
            Assert.Equal(first.Overall, again.Overall);
            Assert.Equal(first.Verdict, again.Verdict);
            Assert.Equal(first.Gates, again.Gates);
            Assert.Equal(first.Findings, again.Findings);
        });

    [Property(MaxTest = 500)]
    public Property Score_OnARandomVersion_ABetterAnswer_NeverLowersTheScoreOrWorsensTheVerdict() =>
        Prop.ForAll(Improvements().ToArbitrary(), pair =>
        {
            var (version, change) = pair;
            var before = version.Model.Score(version.Questionnaire, change.Before.Set, change.Before.Claims);
            var after = version.Model.Score(version.Questionnaire, change.After, change.Before.Claims);
            Assert.True(after.Overall >= before.Overall, $"{change}: {before.Overall} → {after.Overall}");
            Assert.True(after.Verdict >= before.Verdict, $"{change}: {before.Verdict} → {after.Verdict}");
            Assert.All(after.Sections, s => Assert.True(s.Score >= before.Section(s.Key).Score, $"{change}: section {s.Key} fell."));
            Assert.Subset(before.Gates.Select(g => g.Key).ToHashSet(), after.Gates.Select(g => g.Key).ToHashSet());
        });
}

file static class PublishedVersionRebuild
{
    /// <summary>The same version built again from its definition: a second, independent model to compare with.</summary>
    public static PublishedVersion Build(this PublishedVersion version) => QuestionnaireDefinition.Of(version).Build();
}
