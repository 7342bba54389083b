using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Domain.Tests.Builders;

namespace PilotReadiness.Domain.Tests.Assessments;

public class AssessmentTests
{
    private static readonly DateTimeOffset Created = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Created.AddHours(1);
    private static readonly DateTimeOffset Latest = Created.AddHours(2);

    private const string OwnerId = "user-owner";

    private static Questionnaire V1 => ShippedQuestionnaires.Catalog.Current.Questionnaire;

    private static Assessment NewAssessment() =>
        new(new AssessmentDetails("Claims triage assistant", "Claims", "Dana Whitfield", "Sorts incoming claims."), ShippedQuestionnaires.Catalog.Current, OwnerId, Created);

    /// <summary>A new assessment with every question answered well (version 2 of the assessment).</summary>
    private static Assessment ReadyAssessment()
    {
        var assessment = NewAssessment();
        assessment.SetAnswers(ShippedQuestionnaires.Catalog, AnswersBuilder.Ready(V1.Version).Build().ToDictionary(a => a.Key, a => (Answer?)a.Value, StringComparer.Ordinal), Created);
        return assessment;
    }

    private static Dictionary<string, Answer?> Changes(params (string Key, Answer? Answer)[] changes) =>
        changes.ToDictionary(c => c.Key, c => c.Answer, StringComparer.Ordinal);

    [Fact]
    public void New_IsADraftAtVersion1WithNoAnswers()
    {
        var assessment = NewAssessment();

        Assert.Equal(AssessmentStatus.Draft, assessment.Status);
        Assert.True(assessment.IsEditable);
        Assert.Equal(1, assessment.Version);
        Assert.Equal(ShippedQuestionnaires.Catalog.Current.Questionnaire.Version, assessment.QuestionnaireVersion);
        Assert.Equal(ScoringModel.V2.Version, assessment.ModelVersion);
        Assert.Empty(assessment.Answers);
        Assert.Equal(Created, assessment.CreatedAt);
        Assert.Equal(Created, assessment.UpdatedAt);
        Assert.Null(assessment.SubmittedAt);
        Assert.Equal("Claims triage assistant", assessment.Title);
    }

    [Fact]
    public void SetAnswers_ValidAnswers_StoresThemEncodedAndBumpsVersionOnce()
    {
        var assessment = NewAssessment();

        var changed = assessment.SetAnswers(ShippedQuestionnaires.Catalog, Changes(
            (QuestionKeys.WhatThen, new TextAnswer("  Roll out to claims.  ")),
            (QuestionKeys.IntegrationSystems, new MultiSelectAnswer(["erp", "crm"])),
            (QuestionKeys.PrototypeCost, new NumberAnswer(50_000m))), Later);

        Assert.Equal(3, changed);
        Assert.Equal(2, assessment.Version);
        Assert.Equal(Later, assessment.UpdatedAt);
        var stored = assessment.Answers.ToDictionary(a => a.QuestionKey, a => a.Value);
        Assert.Equal("Roll out to claims.", stored[QuestionKeys.WhatThen]);
        Assert.Equal("[\"crm\",\"erp\"]", stored[QuestionKeys.IntegrationSystems]);
        Assert.Equal("50000", stored[QuestionKeys.PrototypeCost]);
    }

    [Fact]
    public void SetAnswers_ReadAnswers_GivesBackTheNormalizedAnswers()
    {
        var assessment = NewAssessment();
        assessment.SetAnswers(ShippedQuestionnaires.Catalog, Changes(
            (QuestionKeys.WhatThen, new TextAnswer(" Roll out. ")),
            (QuestionKeys.IntegrationSystems, new MultiSelectAnswer(["erp", "crm"])),
            (QuestionKeys.IntegrationBudgeted, new YesNoAnswer(true)),
            ("commitment.rollout-date", new DateAnswer(new DateOnly(2026, 9, 1)))), Later);

        var answers = assessment.ReadAnswers(V1);

        Assert.Equal(4, answers.Count);
        Assert.Equal(new TextAnswer("Roll out."), answers[QuestionKeys.WhatThen]);
        Assert.Equal(new MultiSelectAnswer(["crm", "erp"]), answers[QuestionKeys.IntegrationSystems]);
        Assert.Equal(new YesNoAnswer(true), answers[QuestionKeys.IntegrationBudgeted]);
        Assert.Equal(new DateAnswer(new DateOnly(2026, 9, 1)), answers["commitment.rollout-date"]);
    }

    [Fact]
    public void SetAnswers_ReadyAnswers_ReadBackAsTheSameAnswers()
    {
        var assessment = NewAssessment();
        var ready = AnswersBuilder.Ready(V1.Version).Build();

        assessment.SetAnswers(ShippedQuestionnaires.Catalog, ready.ToDictionary(a => a.Key, a => (Answer?)a.Value, StringComparer.Ordinal), Later);
        var read = assessment.ReadAnswers(V1);

        Assert.Equal(ready.Count, read.Count);
        Assert.All(ready, a => Assert.Equal(a.Value, read[a.Key]));
    }

    public static TheoryData<string, Answer> BadAnswers => new()
    {
        { QuestionKeys.InvolvementLevel, new ChoiceAnswer("somewhat") },
        { QuestionKeys.PrototypeCost, new NumberAnswer(-1m) },
        { QuestionKeys.ProductionOwner, new TextAnswer(new string('a', Limits.PersonMaxLength + 1)) },
        { QuestionKeys.WhatThen, new TextAnswer(new string('a', Limits.TextMaxLength + 1)) },
        { QuestionKeys.WhatThen, new TextAnswer("   ") },
        { QuestionKeys.IntegrationSystems, new MultiSelectAnswer(["none", "crm"]) },
        { QuestionKeys.IntegrationSystems, new MultiSelectAnswer(["crm", "crm"]) },
        { "commitment.rollout-date", new DateAnswer(new DateOnly(1999, 12, 31)) },
        { QuestionKeys.IntegrationBudgeted, new TextAnswer("yes") },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public void SetAnswers_OneBadAnswer_ThrowsAndChangesNothing(string badKey, Answer badAnswer)
    {
        var assessment = NewAssessment();
        assessment.SetAnswers(ShippedQuestionnaires.Catalog, Changes(("involvement.team-sponsor", new TextAnswer("Sam"))), Later);
        var before = assessment.Answers.ToDictionary(a => a.QuestionKey, a => a.Value);

        var error = Assert.ThrowsAny<ArgumentException>(() => assessment.SetAnswers(ShippedQuestionnaires.Catalog, Changes(
            ("involvement.team-sponsor", new TextAnswer("Someone else")),
            ("commitment.purpose", new ChoiceAnswer("de-risk")),
            (badKey, badAnswer),
            ("ownership.run-cost", new NumberAnswer(10m))), Latest));

        Assert.StartsWith(badKey + ":", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, assessment.Version);
        Assert.Equal(Later, assessment.UpdatedAt);
        Assert.Equal(before, assessment.Answers.ToDictionary(a => a.QuestionKey, a => a.Value));
    }

    [Fact]
    public void SetAnswers_UnknownKey_ThrowsAndChangesNothing()
    {
        var assessment = NewAssessment();

        var error = Assert.ThrowsAny<ArgumentException>(() => assessment.SetAnswers(ShippedQuestionnaires.Catalog, Changes(
            ("commitment.purpose", new ChoiceAnswer("de-risk")),
            ("commitment.no-such-question", new TextAnswer("x"))), Later));

        Assert.Contains("There is no question 'commitment.no-such-question'.", error.Message, StringComparison.Ordinal);
        Assert.Empty(assessment.Answers);
        Assert.Equal(1, assessment.Version);
    }

    [Fact]
    public void SetAnswers_SameValueAgain_DoesNotBumpVersion()
    {
        var assessment = NewAssessment();
        assessment.SetAnswers(ShippedQuestionnaires.Catalog, Changes(
            (QuestionKeys.WhatThen, new TextAnswer("Roll out.")),
            (QuestionKeys.IntegrationSystems, new MultiSelectAnswer(["crm", "erp"]))), Later);

        var changed = assessment.SetAnswers(ShippedQuestionnaires.Catalog, Changes(
            (QuestionKeys.WhatThen, new TextAnswer(" Roll out. ")),
            (QuestionKeys.IntegrationSystems, new MultiSelectAnswer(["erp", "crm"]))), Latest);

        Assert.Equal(0, changed);
        Assert.Equal(2, assessment.Version);
        Assert.Equal(Later, assessment.UpdatedAt);
        Assert.All(assessment.Answers, a => Assert.Equal(Later, a.UpdatedAt));
    }

    [Fact]
    public void SetAnswers_SameAmountWrittenWithTrailingZeros_DoesNotBumpVersion()
    {
        var assessment = NewAssessment();
        assessment.SetAnswers(ShippedQuestionnaires.Catalog, Changes((QuestionKeys.PrototypeCost, new NumberAnswer(100m))), Later);

        var changed = assessment.SetAnswers(ShippedQuestionnaires.Catalog, Changes((QuestionKeys.PrototypeCost, new NumberAnswer(100.00m))), Latest);

        Assert.Equal(0, changed);
        Assert.Equal(2, assessment.Version);
        Assert.Equal("100", Assert.Single(assessment.Answers).Value);
    }

    [Fact]
    public void SetAnswers_ChangedValue_ReplacesItAndBumpsVersion()
    {
        var assessment = NewAssessment();
        assessment.SetAnswers(ShippedQuestionnaires.Catalog, Changes((QuestionKeys.InvolvementLevel, new ChoiceAnswer("informed"))), Later);

        var changed = assessment.SetAnswers(ShippedQuestionnaires.Catalog, Changes((QuestionKeys.InvolvementLevel, new ChoiceAnswer("involved"))), Latest);

        Assert.Equal(1, changed);
        Assert.Equal(3, assessment.Version);
        var stored = Assert.Single(assessment.Answers);
        Assert.Equal("involved", stored.Value);
        Assert.Equal(Latest, stored.UpdatedAt);
    }

    [Fact]
    public void SetAnswers_NullAnswer_ClearsIt()
    {
        var assessment = NewAssessment();
        assessment.SetAnswers(ShippedQuestionnaires.Catalog, Changes(
            (QuestionKeys.WhatThen, new TextAnswer("Roll out.")),
            (QuestionKeys.ProductionOwner, new TextAnswer("Priya"))), Later);

        var changed = assessment.SetAnswers(ShippedQuestionnaires.Catalog, Changes((QuestionKeys.WhatThen, null)), Latest);

        Assert.Equal(1, changed);
        Assert.Equal(3, assessment.Version);
        Assert.Equal([QuestionKeys.ProductionOwner], assessment.Answers.Select(a => a.QuestionKey));
        Assert.False(assessment.ReadAnswers(V1).ContainsKey(QuestionKeys.WhatThen));
    }

    [Fact]
    public void SetAnswers_ClearingAnUnansweredQuestion_DoesNotBumpVersion()
    {
        var assessment = NewAssessment();

        Assert.Equal(0, assessment.SetAnswers(ShippedQuestionnaires.Catalog, Changes((QuestionKeys.WhatThen, null)), Later));
        Assert.Equal(1, assessment.Version);
    }

    [Fact]
    public void SetAnswers_ACatalogWithoutItsVersion_Throws()
    {
        var assessment = NewAssessment();
        var other = new Questionnaire(V1.Version + 1, V1.Sections);
        var withoutIt = new QuestionnaireCatalog([ShippedQuestionnaires.V1]);

        Assert.ThrowsAny<ArgumentException>(() => assessment.SetAnswers(withoutIt, Changes((QuestionKeys.WhatThen, new TextAnswer("x"))), Later));
        Assert.ThrowsAny<ArgumentException>(() => assessment.ReadAnswers(other));
        Assert.Equal(1, assessment.Version);
    }

    [Fact]
    public void Submit_MakesItReadOnly()
    {
        var assessment = ReadyAssessment();
        var answers = assessment.Answers.ToDictionary(a => a.QuestionKey, a => a.Value);

        assessment.Submit(ShippedQuestionnaires.Catalog, Later);

        Assert.Equal(AssessmentStatus.Submitted, assessment.Status);
        Assert.False(assessment.IsEditable);
        Assert.Equal(Later, assessment.SubmittedAt);
        Assert.Equal(3, assessment.Version);
        Assert.ThrowsAny<InvalidOperationException>(() =>
            assessment.SetAnswers(ShippedQuestionnaires.Catalog, Changes((QuestionKeys.WhatThen, new TextAnswer("Roll out."))), Latest));
        Assert.ThrowsAny<InvalidOperationException>(() =>
            assessment.UpdateDetails(new AssessmentDetails("New title", "Claims", "Dana", null), Latest));
        Assert.Equal(answers, assessment.Answers.ToDictionary(a => a.QuestionKey, a => a.Value));
        Assert.Equal(3, assessment.Version);
    }

    [Fact]
    public void Submit_Twice_Throws()
    {
        var assessment = ReadyAssessment();
        assessment.Submit(ShippedQuestionnaires.Catalog, Later);

        Assert.ThrowsAny<InvalidOperationException>(() => assessment.Submit(ShippedQuestionnaires.Catalog, Latest));
        Assert.Equal(3, assessment.Version);
        Assert.Equal(Later, assessment.SubmittedAt);
    }

    [Fact]
    public void Reopen_ReturnsToDraftAndAllowsChangesAgain()
    {
        var assessment = ReadyAssessment();
        assessment.Submit(ShippedQuestionnaires.Catalog, Later);

        assessment.Reopen(ShippedQuestionnaires.Catalog, Latest);

        Assert.Equal(AssessmentStatus.Draft, assessment.Status);
        Assert.True(assessment.IsEditable);
        Assert.Null(assessment.SubmittedAt);
        Assert.Equal(4, assessment.Version);
        Assert.Equal(1, assessment.SetAnswers(ShippedQuestionnaires.Catalog, Changes((QuestionKeys.WhatThen, new TextAnswer("Roll out."))), Latest));
        Assert.Equal(5, assessment.Version);
    }

    [Fact]
    public void Reopen_Draft_Throws()
    {
        var assessment = NewAssessment();

        Assert.ThrowsAny<InvalidOperationException>(() => assessment.Reopen(ShippedQuestionnaires.Catalog, Later));
        Assert.Equal(1, assessment.Version);
    }

    [Fact]
    public void UpdateDetails_ChangedDetails_BumpsVersion_SameDetails_DoNot()
    {
        var assessment = NewAssessment();

        assessment.UpdateDetails(new AssessmentDetails(" Claims triage assistant ", "Claims", "Dana Whitfield", "Sorts incoming claims."), Later);
        Assert.Equal(1, assessment.Version);

        assessment.UpdateDetails(new AssessmentDetails("Claims triage", "Claims", "Dana Whitfield", null), Latest);
        Assert.Equal(2, assessment.Version);
        Assert.Equal("Claims triage", assessment.Title);
        Assert.Equal("", assessment.Description);
        Assert.Equal(Latest, assessment.UpdatedAt);
    }

    [Theory]
    [InlineData(AssessmentStatus.Draft, "draft", "Draft")]
    [InlineData(AssessmentStatus.Submitted, "submitted", "Submitted for review")]
    public void AssessmentStatus_KeysRoundTrip(AssessmentStatus status, string key, string label)
    {
        Assert.Equal(key, status.ToKey());
        Assert.Equal(label, status.ToLabel());
        Assert.Equal(status, AssessmentStatusNames.FromKey(key));
    }

    [Fact]
    public void New_IsOwnedByItsCreatorWithNoCollaborators()
    {
        var assessment = NewAssessment();

        Assert.Equal(OwnerId, assessment.OwnerId);
        Assert.Empty(assessment.Collaborators);
        Assert.True(assessment.IsOwnerOrCollaborator(OwnerId));
        Assert.False(assessment.IsOwnerOrCollaborator("someone-else"));
    }

    [Fact]
    public void AddCollaborator_LetsThemEditOnceAndBumpsVersion()
    {
        var assessment = NewAssessment();

        Assert.True(assessment.AddCollaborator("colleague", Later));
        Assert.False(assessment.AddCollaborator("colleague", Latest));
        Assert.False(assessment.AddCollaborator(OwnerId, Latest));

        Assert.True(assessment.IsOwnerOrCollaborator("colleague"));
        Assert.Equal("colleague", Assert.Single(assessment.Collaborators).UserId);
        Assert.Equal(2, assessment.Version);
    }

    [Fact]
    public void RemoveCollaborator_TakesAwayTheirAccess()
    {
        var assessment = NewAssessment();
        assessment.AddCollaborator("colleague", Later);

        Assert.True(assessment.RemoveCollaborator("colleague", Latest));
        Assert.False(assessment.RemoveCollaborator("colleague", Latest));

        Assert.False(assessment.IsOwnerOrCollaborator("colleague"));
        Assert.Equal(3, assessment.Version);
    }

    [Fact]
    public void New_WithoutOwner_Throws()
    {
        Assert.ThrowsAny<ArgumentException>(() =>
            new Assessment(new AssessmentDetails("Pilot", "Unit", "Sponsor", null), ShippedQuestionnaires.Catalog.Get(V1.Version), " ", Created));
    }
}
