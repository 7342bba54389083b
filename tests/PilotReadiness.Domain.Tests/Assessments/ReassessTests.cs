using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Domain.Tests.Builders;

namespace PilotReadiness.Domain.Tests.Assessments;

public class ReassessTests
{
    private static readonly DateTimeOffset Created = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Submitted = Created.AddDays(1);
    private static readonly DateTimeOffset Reassessed = Created.AddDays(30);
    private static readonly DateTimeOffset Later = Created.AddDays(31);
    private static readonly TimeSpan Fortnight = TimeSpan.FromDays(14);

    private static Questionnaire V1 => ShippedQuestionnaires.Catalog.Current.Questionnaire;

    private static Dictionary<string, Answer?> AsChanges(AnswerSet answers) =>
        answers.ToDictionary(kv => kv.Key, kv => (Answer?)kv.Value, StringComparer.Ordinal);

    private static Assessment Submitted1(AnswersBuilder? answers = null)
    {
        var assessment = new Assessment(new AssessmentDetails("Claims triage assistant", "Claims", "Dana Whitfield", "Sorts claims."), ShippedQuestionnaires.Catalog.Get(V1.Version), "owner", Created);
        assessment.SetAnswers(ShippedQuestionnaires.Catalog, AsChanges((answers ?? AnswersBuilder.Ready(V1.Version).With(QuestionKeys.InvolvementLevel, "consulted")).Build()), Created);
        assessment.Submit(ShippedQuestionnaires.Catalog, Submitted);
        return assessment;
    }

    [Fact]
    public void Reassess_StartsTheNextRevisionOfTheSamePilotAsADraft()
    {
        var first = Submitted1();

        var second = first.Reassess(ShippedQuestionnaires.Catalog, Reassessed);
        second.Submit(ShippedQuestionnaires.Catalog, Later);
        var third = second.Reassess(ShippedQuestionnaires.Catalog, Later.AddDays(1));

        Assert.Equal([1, 2, 3], new[] { first.Revision, second.Revision, third.Revision });
        Assert.All(new[] { second, third }, v => Assert.Equal(first.Id, v.PilotId));
        Assert.Equal(first.Id, first.PilotId);
        Assert.Equal(3, new[] { first.Id, second.Id, third.Id }.Distinct().Count());
        Assert.Equal(AssessmentStatus.Draft, third.Status);
        Assert.True(third.IsCurrent && third.IsEditable);
        Assert.Equal(1, third.Version);
        Assert.Equal(Reassessed, second.CreatedAt);
        Assert.Null(third.SubmittedAt);
        Assert.Null(third.SupersededAt);
        Assert.Equal(first.Details, third.Details);
        Assert.Equal("owner", third.OwnerId);
    }

    [Fact]
    public void Reassess_CopiesTheAnswers_WhichThenChangeIndependently()
    {
        var first = Submitted1();
        var second = first.Reassess(ShippedQuestionnaires.Catalog, Reassessed);

        Assert.Equal(first.Answers.ToDictionary(a => a.QuestionKey, a => a.Value), second.Answers.ToDictionary(a => a.QuestionKey, a => a.Value));

        second.SetAnswers(ShippedQuestionnaires.Catalog, new Dictionary<string, Answer?>
        {
            [QuestionKeys.InvolvementLevel] = new ChoiceAnswer(QuestionKeys.InvolvedLevel),
            [QuestionKeys.WhatThen] = null,
        }, Later);

        var before = first.ReadAnswers(V1);
        Assert.Equal(new ChoiceAnswer("consulted"), before[QuestionKeys.InvolvementLevel]);
        Assert.True(before.ContainsKey(QuestionKeys.WhatThen));
        Assert.Equal(new ChoiceAnswer(QuestionKeys.InvolvedLevel), second.ReadAnswers(V1)[QuestionKeys.InvolvementLevel]);
        Assert.False(second.ReadAnswers(V1).ContainsKey(QuestionKeys.WhatThen));
    }

    [Fact]
    public void Reassess_LeavesTheOldVersionReadOnly()
    {
        var first = Submitted1();
        var versionBefore = first.Version;

        first.Reassess(ShippedQuestionnaires.Catalog, Reassessed);

        Assert.Equal(Reassessed, first.SupersededAt);
        Assert.False(first.IsCurrent);
        Assert.False(first.IsEditable);
        Assert.Equal(AssessmentStatus.Submitted, first.Status);
        Assert.Equal(versionBefore + 1, first.Version);
        var change = AsChanges(AnswerSet.Empty.With(QuestionKeys.WhatThen, new TextAnswer("Something else.")));
        var refusals = new Action[]
        {
            () => first.SetAnswers(ShippedQuestionnaires.Catalog, change, Later),
            () => first.Submit(ShippedQuestionnaires.Catalog, Later),
            () => first.Reopen(ShippedQuestionnaires.Catalog, Later),
            () => first.Reassess(ShippedQuestionnaires.Catalog, Later),
            () => first.UpdateDetails(new AssessmentDetails("Renamed", "Claims", "Dana Whitfield", null), Later),
            () => first.AddCollaborator("someone", Later),
            () => first.RemoveCollaborator("someone", Later),
        };
        foreach (var refused in refusals)
        {
            var e = Assert.ThrowsAny<InvalidOperationException>(refused);
            Assert.Contains("newer version", e.Message, StringComparison.Ordinal);
        }

        Assert.Equal(versionBefore + 1, first.Version);
    }

    [Fact]
    public void Reassess_ADraft_IsRefused()
    {
        var draft = new Assessment(new AssessmentDetails("Pilot", "Unit", "Sponsor", null), ShippedQuestionnaires.Catalog.Get(V1.Version), "owner", Created);

        var e = Assert.ThrowsAny<InvalidOperationException>(() => draft.Reassess(ShippedQuestionnaires.Catalog, Reassessed));

        Assert.Equal("Only a submitted assessment can be re-assessed; a draft can simply be changed.", e.Message);
        Assert.Equal(e.Message, draft.WhyNot(AssessmentAction.Reassess)?.Message);
        Assert.True(draft.IsCurrent);
        Assert.Equal(1, draft.Version);
    }

    [Fact]
    public void Reassess_CarriesAnsweredRolesButNotWaitingRequests()
    {
        var first = Submitted1(AnswersBuilder.Ready(V1.Version));
        var owner = first.RequestConfirmation(ShippedQuestionnaires.Catalog, QuestionKeys.ProductionOwner, "owner@example.com", "hash-owner", Submitted, Fortnight);
        var reviewer = first.RequestConfirmation(ShippedQuestionnaires.Catalog, QuestionKeys.QualityReviewer, "qa@example.com", "hash-qa", Submitted, Fortnight);
        var sponsor = first.RequestConfirmation(ShippedQuestionnaires.Catalog, QuestionKeys.TeamSponsor, "ts@example.com", "hash-ts", Submitted, Fortnight);
        first.RespondToConfirmation(ShippedQuestionnaires.Catalog, owner.Id, confirmed: true, "Glad to.", Submitted.AddDays(1));
        first.RespondToConfirmation(ShippedQuestionnaires.Catalog, sponsor.Id, confirmed: false, "Not me.", Submitted.AddDays(1));

        var second = first.Reassess(ShippedQuestionnaires.Catalog, Submitted.AddDays(2));
        var states = second.ClaimStates(Later);

        Assert.Equal(ClaimState.Confirmed, states[QuestionKeys.ProductionOwner]);
        Assert.Equal(ClaimState.Declined, states[QuestionKeys.TeamSponsor]);
        Assert.Equal(ClaimState.NotRequested, states[QuestionKeys.QualityReviewer]);
        Assert.Equal(ClaimState.Pending, first.ClaimStates(Submitted.AddDays(2))[QuestionKeys.QualityReviewer]);
        var carried = second.Confirmations.Single(c => c.QuestionKey == QuestionKeys.ProductionOwner);
        Assert.Equal("Glad to.", carried.Comment);
        Assert.Equal(Submitted.AddDays(1), carried.RespondedAt);
        Assert.NotEqual(owner.TokenHash, carried.TokenHash);
        Assert.DoesNotContain(second.Confirmations, c => c.Id == reviewer.Id);
        Assert.True(second.Readiness.OwnerConfirmed);
    }

    [Fact]
    public void Reassess_ADeclinedOwner_StillCapsTheNewVersion()
    {
        var first = Submitted1(AnswersBuilder.Ready(V1.Version));
        var owner = first.RequestConfirmation(ShippedQuestionnaires.Catalog, QuestionKeys.ProductionOwner, "owner@example.com", "hash-owner", Submitted, Fortnight);
        first.RespondToConfirmation(ShippedQuestionnaires.Catalog, owner.Id, confirmed: false, null, Submitted.AddDays(1));

        var second = first.Reassess(ShippedQuestionnaires.Catalog, Reassessed);

        Assert.Contains(second.Score(ShippedQuestionnaires.Catalog, Later).Gates, g => g.Key == "no-production-owner");
        Assert.Equal(first.Readiness, second.Readiness);
    }

    [Fact]
    public void Reassess_AWaitingRequestOnTheOldVersion_CanNoLongerBeAnswered()
    {
        var first = Submitted1(AnswersBuilder.Ready(V1.Version));
        var request = first.RequestConfirmation(ShippedQuestionnaires.Catalog, QuestionKeys.ProductionOwner, "owner@example.com", "hash-owner", Submitted, Fortnight);
        first.Reassess(ShippedQuestionnaires.Catalog, Reassessed);

        Assert.ThrowsAny<InvalidOperationException>(() => first.RespondToConfirmation(ShippedQuestionnaires.Catalog, request.Id, true, null, Reassessed.AddHours(1)));
        Assert.ThrowsAny<InvalidOperationException>(() =>
            first.RequestConfirmation(ShippedQuestionnaires.Catalog, QuestionKeys.QualityReviewer, "qa@example.com", "hash-qa", Later, Fortnight));
    }

    [Fact]
    public void Reassess_CarriesCollaboratorsAndTheCurrentDecision()
    {
        var first = new Assessment(new AssessmentDetails("Pilot", "Unit", "Sponsor", null), ShippedQuestionnaires.Catalog.Get(V1.Version), "owner", Created);
        first.AddCollaborator("helper", Created);
        first.SetAnswers(ShippedQuestionnaires.Catalog, AsChanges(AnswersBuilder.Ready(V1.Version).Build()), Created);
        first.Submit(ShippedQuestionnaires.Catalog, Submitted);
        Decision.Record(first, ShippedQuestionnaires.Catalog, null, DecisionOutcome.GoWithConditions, "Go once the owner is confirmed.", null,
            [new ConditionDraft("Owner confirms the role", "Dana Whitfield", new DateOnly(2026, 4, 30))],
            "reviewer", "Rita Reviewer", Submitted.AddDays(2));

        var second = first.Reassess(ShippedQuestionnaires.Catalog, Reassessed);

        Assert.True(second.IsOwnerOrCollaborator("helper"));
        Assert.Equal(DecisionOutcome.GoWithConditions, second.Decision);
        Assert.Equal(first.DecidedAt, second.DecidedAt);
        Assert.Equal(new DateOnly(2026, 4, 30), second.ConditionsDue);
        Assert.False(second.AwaitsDecision);
    }

    [Fact]
    public void Reassess_OfAVersion1Pilot_StartsOnTheCurrentVersions_AndTheOldVersionKeepsItsResult()
    {
        var v1 = ShippedQuestionnaires.Catalog.Get(1).Questionnaire;
        var first = new Assessment(new AssessmentDetails("Claims triage assistant", "Claims", "Dana Whitfield", "Sorts claims."), ShippedQuestionnaires.Catalog.Get(v1.Version), "owner", Created);
        first.SetAnswers(ShippedQuestionnaires.Catalog, AsChanges(AnswersBuilder.Example().Build()), Created);
        first.Submit(ShippedQuestionnaires.Catalog, Submitted);
        var before = first.Score(ShippedQuestionnaires.Catalog, Later);

        var second = first.Reassess(ShippedQuestionnaires.Catalog, Reassessed);

        Assert.Equal((1, "1"), (first.QuestionnaireVersion, first.ModelVersion));
        Assert.Equal((ShippedQuestionnaires.Catalog.Current.Questionnaire.Version, ScoringModel.V2.Version), (second.QuestionnaireVersion, second.ModelVersion));
        Assert.Equal(59, first.Readiness.Overall);
        Assert.Equal(Verdict.NotReady, first.Readiness.Verdict);
        Assert.Equal(Scoring.V1ReproductionTests.Fingerprint(before), Scoring.V1ReproductionTests.Fingerprint(first.Score(ShippedQuestionnaires.Catalog, Later)));

        // Every answer of version 1 is carried (questionnaire 2 asks each of its questions the same way); the new
        // questions start empty, so the parts of "what do we do then" hold the pilot-theatre gate until answered.
        Assert.Equal(first.Answers.ToDictionary(a => a.QuestionKey, a => a.Value), second.Answers.ToDictionary(a => a.QuestionKey, a => a.Value));
        var score = second.Score(ShippedQuestionnaires.Catalog, Later);
        Assert.True(score.PilotTheatre);
        Assert.Equal(Verdict.NoGo, score.Verdict);
        Assert.Equal(score.Verdict, second.Readiness.Verdict);
    }

    [Fact]
    public void Reassess_RecordsTheChangeOnBothVersions()
    {
        var first = Submitted1();
        first.TakeChanges();

        var second = first.Reassess(ShippedQuestionnaires.Catalog, Reassessed);

        var old = Assert.Single(first.TakeChanges());
        Assert.Equal(ChangeKind.Reassessed, old.Kind);
        Assert.Equal("version 2", old.NewValue);
        var started = Assert.Single(second.TakeChanges());
        Assert.Equal(ChangeKind.Created, started.Kind);
        Assert.Contains("version 2, from version 1", started.NewValue, StringComparison.Ordinal);
    }
}
