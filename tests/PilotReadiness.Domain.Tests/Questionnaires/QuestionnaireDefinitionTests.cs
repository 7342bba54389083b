using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Domain.Tests.Builders;

namespace PilotReadiness.Domain.Tests.Questionnaires;

/// <summary>A questionnaire version as data: it round-trips, every problem is named, and a new version keeps what the rules read.</summary>
public sealed class QuestionnaireDefinitionTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private static QuestionnaireDefinition V2 => QuestionnaireDefinition.Of(ShippedQuestionnaires.V2);

    /// <summary>Version 3: version 2 with integration weighing 30 and a new scored question in the workflow section.</summary>
    private static QuestionnaireDefinition V3 => V2 with
    {
        Version = 3,
        Sections = [.. V2.Sections.Select(s => s.Key switch
        {
            SectionKeys.Integration => s with { Weight = 30 },
            SectionKeys.Workflow => s with
            {
                Questions = [.. s.Questions, new QuestionDefinition("workflow.support-hours", "yes-no", "Is support staffed during working hours?",
                    "Someone has to answer when it misbehaves.", "Agree who answers during working hours.",
                    [new OptionDefinition("yes", "Yes", 10, false), new OptionDefinition("no", "No", 0, false)], 0, false, 1, false, null)],
            },
            _ => s,
        })],
    };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Shipped_WrittenAsJsonAndReadBack_IsTheSameVersion(int version)
    {
        var shipped = ShippedQuestionnaires.Catalog.Get(version);
        var json = QuestionnaireDefinition.Of(shipped).ToJson();

        var rebuilt = QuestionnaireDefinition.FromJson(json).Build();

        Assert.Empty(QuestionnaireDefinition.FromJson(json).Check());
        Assert.Equal(json, QuestionnaireDefinition.Of(rebuilt).ToJson());
        Assert.Equal(shipped.Model.GateKeys, rebuilt.Model.GateKeys);
        Assert.Equal((shipped.Model.Version, shipped.Model.JudgesAnswers), (rebuilt.Model.Version, rebuilt.Model.JudgesAnswers));
    }

    [Fact]
    public void Check_ABrokenDefinition_NamesEveryProblemWithItsPath()
    {
        var broken = V3 with
        {
            Sections = [.. V3.Sections.Select((s, i) => i == 1 ? s with { Weight = 0, Title = " " } : s)],
            Scoring = V3.Scoring with { GoAt = 40, ConditionsAt = 50, ProductionMultiple = 0.5m, Gates = [.. V3.Scoring.Gates, "no-such-gate"] },
        };

        var fields = broken.Check().Select(e => e.Field).ToList();

        Assert.Contains("sections[1].weight", fields);
        Assert.Contains("sections[1].title", fields);
        Assert.Contains("scoring.goAt", fields);
        Assert.Contains("scoring.productionMultiple", fields);
        Assert.Contains("scoring.gates", fields);
        Assert.Throws<FieldErrorsException>(() => broken.Build());
    }

    [Fact]
    public void Check_AGateWhoseQuestionIsMissing_CannotBePublished_UntilTheGateIsOff()
    {
        var withoutBudgeted = V3 with
        {
            Sections = [.. V3.Sections.Select(s => s with { Questions = [.. s.Questions.Where(q => q.Key != QuestionKeys.IntegrationBudgeted)] })],
        };

        var error = Assert.Single(withoutBudgeted.Check());
        Assert.Equal("scoring.gates", error.Field);
        Assert.Contains(QuestionKeys.IntegrationBudgeted, error.Message, StringComparison.Ordinal);

        var gateOff = withoutBudgeted with { Scoring = withoutBudgeted.Scoring with { Gates = [.. withoutBudgeted.Scoring.Gates.Where(g => g != "integration-not-budgeted")] } };
        Assert.Empty(gateOff.Check());
        Assert.Contains(gateOff.CheckAsSuccessorOf(ShippedQuestionnaires.V2), e => e.Message.Contains(QuestionKeys.IntegrationBudgeted, StringComparison.Ordinal));
    }

    /// <summary>Version 3 with the points of one option of <paramref name="key"/> set to <paramref name="points"/>.</summary>
    private static QuestionnaireDefinition WithPoints(string key, string option, int points) => V3 with
    {
        Sections = [.. V3.Sections.Select(s => s with
        {
            Questions = [.. s.Questions.Select(q => q.Key != key ? q
                : q with { Options = [.. q.Options.Select(o => o.Value == option ? o with { Points = points } : o)] })],
        })],
    };

    private static int PointsOf(string key, string option) =>
        V3.Questions.Single(q => q.Key == key).Options.Single(o => o.Value == option).Points;

    [Theory]
    [InlineData("users-not-involved", QuestionKeys.InvolvementLevel, "informed", 1, "'informed'")]
    [InlineData("integration-not-budgeted", QuestionKeys.IntegrationBudgeted, "no", 1, "'no'")]
    [InlineData("integration-not-budgeted", QuestionKeys.IntegrationSystems, QuestionKeys.NoLiveSystem, 0, "earn no points")]
    public void Check_PointsThatWouldLetABetterAnswerSetOffAGate_AreRefused_UntilTheGateIsOff(
        string gate, string key, string option, int aboveBest, string named)
    {
        // Above the answer that keeps the gate off (or, on a multi-select the gate reads, any points at all).
        var best = V3.Questions.Single(q => q.Key == key).Options.Max(o => o.Points);
        var inverted = WithPoints(key, option, key == QuestionKeys.IntegrationSystems ? 5 : best + aboveBest);

        var error = Assert.Single(inverted.Check());
        Assert.Equal("scoring.gates", error.Field);
        Assert.Contains($"'{gate}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Throws<FieldErrorsException>(() => inverted.Build());

        var gateOff = inverted with { Scoring = inverted.Scoring with { Gates = [.. inverted.Scoring.Gates.Where(g => g != gate)] } };
        Assert.Empty(gateOff.Check());
    }

    [Fact]
    public void Check_PointsThatKeepTheGatesAnswerOnTop_AreAccepted()
    {
        var equal = WithPoints(QuestionKeys.InvolvementLevel, "informed", PointsOf(QuestionKeys.InvolvementLevel, QuestionKeys.InvolvedLevel));

        Assert.Empty(equal.Check());
    }

    [Fact]
    public void Reassess_OntoANewVersionWithAChangedWeightAndANewQuestion_CarriesAnswersAndScoresWithIt()
    {
        var v3 = V3.Build();
        var catalog = ShippedQuestionnaires.Catalog.With(v3);
        var assessment = new Assessment(new AssessmentDetails("Claims triage", "Claims", "Dana Whitfield", null), ShippedQuestionnaires.V2, "owner", Now);
        assessment.SetAnswers(catalog, AnswersBuilder.Weak(2).Build().ToDictionary(a => a.Key, a => (Answer?)a.Value, StringComparer.Ordinal), Now);
        assessment.Submit(catalog, Now);
        var preview = assessment.ScoreOn(catalog, v3, Now);

        Assert.Equal([3, 2], assessment.ReassessOnto(catalog));
        var next = assessment.Reassess(catalog, Now.AddDays(1));

        Assert.Equal((3, "3"), (next.QuestionnaireVersion, next.ModelVersion));
        Assert.Equal(assessment.Answers.Count, next.Answers.Count);
        var score = next.Score(catalog, Now.AddDays(1));
        Assert.Equal(preview.Overall, score.Overall);
        Assert.Equal(30, score.Section(SectionKeys.Integration).Weight);
        Assert.Contains(score.Findings, f => f.QuestionKey == "workflow.support-hours");
        var changes = QuestionnaireChanges.Between(ShippedQuestionnaires.V2, v3);
        Assert.Contains(changes, c => c.Kind == QuestionnaireChangeKind.QuestionAdded && c.QuestionKey == "workflow.support-hours");
        Assert.Contains(changes, c => c.Kind == QuestionnaireChangeKind.WeightChanged && c.SectionKey == SectionKeys.Integration);
    }

    [Fact]
    public void Reassess_StayingOnItsVersion_IsAllowed_AndAnotherVersionIsRefused()
    {
        var catalog = ShippedQuestionnaires.Catalog.With(V3.Build());
        var assessment = new Assessment(new AssessmentDetails("Claims triage", "Claims", "Dana Whitfield", null), ShippedQuestionnaires.V2, "owner", Now);
        assessment.SetAnswers(catalog, AnswersBuilder.Ready(2).Build().ToDictionary(a => a.Key, a => (Answer?)a.Value, StringComparer.Ordinal), Now);
        assessment.Submit(catalog, Now);

        Assert.Throws<ArgumentException>(() => assessment.Reassess(catalog, Now, questionnaireVersion: 1));
        var next = assessment.Reassess(catalog, Now, questionnaireVersion: 2);

        Assert.Equal(2, next.QuestionnaireVersion);
    }
}
