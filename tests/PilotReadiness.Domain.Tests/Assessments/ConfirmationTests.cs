using PilotReadiness.Domain;
using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Domain.Tests.Builders;

namespace PilotReadiness.Domain.Tests.Assessments;

public class ConfirmationTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Fortnight = TimeSpan.FromDays(14);

    private static Questionnaire V1 => ShippedQuestionnaires.Catalog.Get(1).Questionnaire;

    private static Assessment ReadyAssessment()
    {
        var assessment = new Assessment(new AssessmentDetails("Pilot", "Unit", "Sponsor", null), ShippedQuestionnaires.Catalog.Get(V1.Version), "owner", Now);
        assessment.SetAnswers(ShippedQuestionnaires.Catalog, AnswersBuilder.Ready().Build().ToDictionary(kv => kv.Key, kv => (Answer?)kv.Value), Now);
        return assessment;
    }

    [Fact]
    public void ClaimStates_NamedButNotAsked_AreNotRequested()
    {
        var states = ReadyAssessment().ClaimStates(Now);

        Assert.Equal(QuestionKeys.Claimable.Order(StringComparer.Ordinal), states.Keys.Order(StringComparer.Ordinal));
        Assert.All(states.Values, s => Assert.Equal(ClaimState.NotRequested, s));
    }

    [Fact]
    public void Request_ThenConfirm_IsConfirmedOnceAndOnlyOnce()
    {
        var assessment = ReadyAssessment();
        var request = assessment.RequestConfirmation(ShippedQuestionnaires.Catalog, QuestionKeys.ProductionOwner, "owner@example.com", "hash-1", Now, Fortnight);

        Assert.Equal(ClaimState.Pending, assessment.ClaimStates(Now)[QuestionKeys.ProductionOwner]);
        assessment.RespondToConfirmation(ShippedQuestionnaires.Catalog, request.Id, confirmed: true, " Happy to. ", Now.AddDays(1));

        Assert.Equal(ClaimState.Confirmed, assessment.ClaimStates(Now)[QuestionKeys.ProductionOwner]);
        Assert.Equal("Happy to.", request.Comment);
        Assert.ThrowsAny<InvalidOperationException>(() => assessment.RespondToConfirmation(ShippedQuestionnaires.Catalog, request.Id, false, null, Now.AddDays(2)));
    }

    [Fact]
    public void Request_NotAnsweredInTime_Expires()
    {
        var assessment = ReadyAssessment();
        var request = assessment.RequestConfirmation(ShippedQuestionnaires.Catalog, QuestionKeys.QualityReviewer, "qa@example.com", "hash-2", Now, Fortnight);

        Assert.Equal(ClaimState.Expired, assessment.ClaimStates(Now + Fortnight)[QuestionKeys.QualityReviewer]);
        Assert.ThrowsAny<InvalidOperationException>(() => assessment.RespondToConfirmation(ShippedQuestionnaires.Catalog, request.Id, true, null, Now + Fortnight));
    }

    [Fact]
    public void RenamingThePerson_MakesTheEarlierAnswerNotCount()
    {
        var assessment = ReadyAssessment();
        var request = assessment.RequestConfirmation(ShippedQuestionnaires.Catalog, QuestionKeys.TeamSponsor, "ts@example.com", "hash-3", Now, Fortnight);
        assessment.RespondToConfirmation(ShippedQuestionnaires.Catalog, request.Id, true, null, Now);

        assessment.SetAnswers(ShippedQuestionnaires.Catalog, new Dictionary<string, Answer?> { [QuestionKeys.TeamSponsor] = new TextAnswer("Someone Else") }, Now);

        Assert.Equal(ClaimState.NotRequested, assessment.ClaimStates(Now)[QuestionKeys.TeamSponsor]);
    }

    [Fact]
    public void Request_ForAnUnclaimableOrUnansweredQuestionOrWithoutEmail_IsRefused()
    {
        var assessment = ReadyAssessment();
        Assert.ThrowsAny<ArgumentException>(() => assessment.RequestConfirmation(ShippedQuestionnaires.Catalog, QuestionKeys.WhatThen, "a@b.c", "h", Now, Fortnight));
        Assert.ThrowsAny<ArgumentException>(() => assessment.RequestConfirmation(ShippedQuestionnaires.Catalog, QuestionKeys.ProductionOwner, "not-an-email", "h", Now, Fortnight));

        var empty = new Assessment(new AssessmentDetails("Pilot", "Unit", "Sponsor", null), ShippedQuestionnaires.Catalog.Get(V1.Version), "owner", Now);
        var unnamed = Assert.Throws<FieldErrorsException>(() => empty.RequestConfirmation(ShippedQuestionnaires.Catalog, QuestionKeys.ProductionOwner, "a@b.c", "h", Now, Fortnight));
        Assert.Equal("Name the person in the questionnaire first.", unnamed.Errors.Single().Message);
    }

    [Fact]
    public void Score_DeclinedProductionOwner_CountsAsNoOwner()
    {
        var assessment = ReadyAssessment();
        var request = assessment.RequestConfirmation(ShippedQuestionnaires.Catalog, QuestionKeys.ProductionOwner, "owner@example.com", "hash-4", Now, Fortnight);
        assessment.RespondToConfirmation(ShippedQuestionnaires.Catalog, request.Id, confirmed: false, "Not me.", Now);

        var result = assessment.Score(ShippedQuestionnaires.Catalog, Now);

        var gate = Assert.Single(result.Gates);
        Assert.Equal("no-production-owner", gate.Key);
        Assert.Equal(Verdict.NotReady, result.Verdict);
        Assert.Contains("declined", gate.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ClaimState.Pending, Severity.Minor)]
    [InlineData(ClaimState.Expired, Severity.Minor)]
    [InlineData(ClaimState.Declined, Severity.Major)]
    public void Score_UnconfirmedClaim_IsAFindingButNoGate(ClaimState state, Severity severity)
    {
        var result = ScoringModel.V1.Score(V1, AnswersBuilder.Ready().Build(),
            new Dictionary<string, ClaimState> { [QuestionKeys.QualityReviewer] = state });

        Assert.Empty(result.Gates);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(severity, finding.Severity);
        Assert.Equal(QuestionKeys.QualityReviewer, finding.QuestionKey);
        Assert.Equal("claim:" + state.ToKey(), finding.Rule);
    }

    [Theory]
    [InlineData(ClaimState.Confirmed)]
    [InlineData(ClaimState.NotRequested)]
    public void Score_ConfirmedOrNotYetRequestedClaims_AddNoFindings(ClaimState state)
    {
        var claims = QuestionKeys.Claimable.ToDictionary(k => k, _ => state);

        var result = ScoringModel.V1.Score(V1, AnswersBuilder.Ready().Build(), claims);

        Assert.Empty(result.Findings);
        Assert.Equal(Verdict.Go, result.Verdict);
    }

    [Fact]
    public void RequestAndResponse_AreRecordedAsChanges()
    {
        var assessment = ReadyAssessment();
        assessment.TakeChanges();
        var request = assessment.RequestConfirmation(ShippedQuestionnaires.Catalog, QuestionKeys.SystemOwner, "sys@example.com", "hash-5", Now, Fortnight);
        assessment.RespondToConfirmation(ShippedQuestionnaires.Catalog, request.Id, false, "Ask my deputy.", Now);

        var kinds = assessment.TakeChanges().Select(c => c.Kind).ToList();

        Assert.Equal([ChangeKind.ConfirmationRequested, ChangeKind.ConfirmationDeclined], kinds);
    }
}
