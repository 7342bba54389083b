using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Domain.Tests.Builders;

namespace PilotReadiness.Domain.Tests.Scoring;

/// <summary>
/// Scoring model 2 over questionnaire 2: a non-answer counts as no answer (points and gates), the parts of "what do we do
/// then" hold pilot theatre until each is real, named people earn points as they confirm, and the 3× rule covers effort.
/// </summary>
public class ModelV2Tests
{
    private static AnswersBuilder Ready() => AnswersBuilder.Ready(2);

    private static ScoreResult Confirmed(AnswersBuilder answers) => answers.Score(answers.AllConfirmed());

    private static PointReason Reason(ScoreResult result, string key) => result.Sections.SelectMany(s => s.Reasons).Single(r => r.QuestionKey == key);

    [Fact]
    public void Score_ReadyAnswersWithEveryNamedPersonConfirmed_IsAFullGoWithNothingToFix()
    {
        var result = Confirmed(Ready());

        Assert.Equal(100, result.Overall);
        Assert.Equal(Verdict.Go, result.Verdict);
        Assert.Empty(result.Gates);
        Assert.Empty(result.Findings);
        Assert.Equal((2, "2"), (result.QuestionnaireVersion, result.ModelVersion));
    }

    [Fact]
    public void Score_ReadyAnswersNobodyConfirmedYet_EarnsHalfForEachNamedPerson()
    {
        var result = Ready().Score();

        // Production owner 15 of 30, quality reviewer 10 of 20, team sponsor 10 of 20, system owner 5 of 10.
        Assert.Equal([100, 90, 75, 95, 100, 100], result.Sections.Select(s => s.Score));
        Assert.Equal(92, result.Overall);
        Assert.Equal(Verdict.Go, result.Verdict);
        Assert.Equal(QuestionKeys.Claimable.Order(StringComparer.Ordinal), result.Findings.Select(f => f.QuestionKey!).Order(StringComparer.Ordinal));
        Assert.All(result.Findings, f => Assert.Contains("has not confirmed", f.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(ClaimState.Confirmed, 30, false)]
    [InlineData(ClaimState.Pending, 15, false)]
    [InlineData(ClaimState.Expired, 15, false)]
    [InlineData(ClaimState.NotRequested, 15, false)]
    [InlineData(ClaimState.Declined, 0, true)]
    public void Score_ProductionOwnerInEachClaimState_PointsFollowTheConfirmation(ClaimState state, int points, bool gate)
    {
        var result = Ready().Score(new Dictionary<string, ClaimState> { [QuestionKeys.ProductionOwner] = state });

        Assert.Equal(points, Reason(result, QuestionKeys.ProductionOwner).Earned);
        Assert.Equal(gate, result.Gates.Any(g => g.Key == "no-production-owner"));
        if (gate)
        {
            Assert.Contains("declined", result.Gates.Single().Message, StringComparison.Ordinal);
            Assert.Equal(Verdict.NotReady, result.Verdict);
        }
    }

    [Theory]
    [InlineData(QuestionKeys.QualityReviewer, ClaimState.Confirmed, 20)]
    [InlineData(QuestionKeys.QualityReviewer, ClaimState.Pending, 10)]
    [InlineData(QuestionKeys.QualityReviewer, ClaimState.Declined, 0)]
    [InlineData(QuestionKeys.TeamSponsor, ClaimState.Confirmed, 20)]
    [InlineData(QuestionKeys.TeamSponsor, ClaimState.NotRequested, 10)]
    [InlineData(QuestionKeys.TeamSponsor, ClaimState.Declined, 0)]
    [InlineData(QuestionKeys.SystemOwner, ClaimState.Confirmed, 10)]
    [InlineData(QuestionKeys.SystemOwner, ClaimState.Expired, 5)]
    [InlineData(QuestionKeys.SystemOwner, ClaimState.Declined, 0)]
    public void Score_OtherNamedPeopleInEachClaimState_PointsFollowTheConfirmation(string key, ClaimState state, int points)
    {
        var result = Ready().Score(new Dictionary<string, ClaimState> { [key] = state });

        var reason = Reason(result, key);
        Assert.Equal(points, reason.Earned);
        if (state == ClaimState.Declined)
        {
            Assert.Equal("not-counted", reason.Rule);
            Assert.Contains("declined", reason.Reason, StringComparison.Ordinal);
            Assert.Contains(result.Findings, f => f.QuestionKey == key && f.Message.Contains("does not count", StringComparison.Ordinal));
        }
        else
        {
            Assert.Equal("confirmation-points", reason.Rule);
        }
    }

    public static TheoryData<string, string> NonAnswersToEachPartOfWhatThen()
    {
        var data = new TheoryData<string, string>();
        foreach (var key in new[] { QuestionKeys.Adoption, QuestionKeys.IntegrationBuilt, QuestionKeys.SuccessCriteria })
        {
            foreach (var text in new[] { "tbd", "We'll figure that out once we see the pilot results.", "-", "later" })
            {
                data.Add(key, text);
            }
        }

        foreach (var person in new[] { "TBD", "IT Service Desk (to be confirmed)", "someone in ops", "Head of Ops" })
        {
            data.Add(QuestionKeys.WhatThenOwner, person);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NonAnswersToEachPartOfWhatThen))]
    public void Score_ANonAnswerToAPartOfWhatThen_HoldsPilotTheatre(string key, string nonAnswer)
    {
        var answers = Ready().With(key, nonAnswer);

        var result = Confirmed(answers);

        Assert.True(result.PilotTheatre);
        Assert.Equal(Verdict.NoGo, result.Verdict);
        var gate = Assert.Single(result.Gates);
        Assert.Equal("pilot-theatre", gate.Key);
        var finding = result.Findings[0];
        Assert.Equal(key, finding.QuestionKey);
        Assert.Equal(0, Reason(result, key).Earned);
        Assert.Equal("not-counted", Reason(result, key).Rule);
        Assert.True(finding.Gain > 0);
    }

    [Fact]
    public void Score_EveryPartOfWhatThenReal_ClearsPilotTheatre_EvenWithTheFreeTextANonAnswer()
    {
        var result = Confirmed(Ready().With(QuestionKeys.WhatThen, "tbd"));

        Assert.False(result.PilotTheatre);
        Assert.Equal(0, Reason(result, QuestionKeys.WhatThen).Earned);
        Assert.Contains(result.Findings, f => f.QuestionKey == QuestionKeys.WhatThen && f.Message.Contains("placeholder", StringComparison.Ordinal));
    }

    [Fact]
    public void Score_WhatThenMissingInParts_NamesEachMissingPartInThePilotTheatreGate()
    {
        var result = Ready().Without(QuestionKeys.Adoption).With(QuestionKeys.SuccessCriteria, "tbd").Score();

        var gate = Assert.Single(result.Gates);
        Assert.Contains("which team adopts it and from when", gate.Message, StringComparison.Ordinal);
        Assert.Contains("what \"it works\" means", gate.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("which integration", gate.Message, StringComparison.Ordinal);
        Assert.Equal(QuestionKeys.Adoption, result.Findings[0].QuestionKey);
        Assert.DoesNotContain(result.Findings, f => f.Rule == "question:" + QuestionKeys.SuccessCriteria);
    }

    [Theory]
    [InlineData("IT Service Desk (to be confirmed)", "placeholder")]
    [InlineData("TBD", "placeholder")]
    [InlineData("someone in ops", "placeholder")]
    [InlineData("Head of Ops", "role")]
    [InlineData("Claims operations team", "team")]
    public void Score_AProductionOwnerWhoIsNotOnePerson_HoldsTheNoOwnerGateAndSaysNameOnePerson(string owner, string reason)
    {
        var answers = Ready().With(QuestionKeys.ProductionOwner, owner);

        var result = Confirmed(answers);

        var gate = Assert.Single(result.Gates, g => g.Key == "no-production-owner");
        Assert.Contains(reason, gate.Message, StringComparison.Ordinal);
        Assert.StartsWith("Name one person", gate.Action, StringComparison.Ordinal);
        Assert.Equal(Verdict.NotReady, result.Verdict);
        Assert.Equal(0, Reason(result, QuestionKeys.ProductionOwner).Earned);
    }

    [Fact]
    public void Score_AnotherNamedRoleThatIsATeam_EarnsNothingButHoldsNoGate()
    {
        var result = Confirmed(Ready().With(QuestionKeys.QualityReviewer, "Quality team"));

        Assert.Empty(result.Gates);
        Assert.Equal(0, Reason(result, QuestionKeys.QualityReviewer).Earned);
        Assert.Contains("names a team", Reason(result, QuestionKeys.QualityReviewer).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("after-demo.escalation-path", "tbd")]
    [InlineData("after-demo.escalation-path", "Tell someone")]
    [InlineData("ownership.failure-handling", "We'll figure it out later.")]
    [InlineData("involvement.using-team", "n/a")]
    [InlineData("commitment.executive-sponsor", "The board")]
    public void Score_ANonAnswerElsewhere_EarnsNoPointsAndTheFindingSaysWhy(string key, string nonAnswer)
    {
        var result = Confirmed(Ready().With(key, nonAnswer));

        var reason = Reason(result, key);
        Assert.Equal(0, reason.Earned);
        Assert.Equal("not-counted", reason.Rule);
        Assert.StartsWith("Not counted:", reason.Reason, StringComparison.Ordinal);
        var finding = Assert.Single(result.Findings, f => f.QuestionKey == key);
        Assert.Contains("which does not count", finding.Message, StringComparison.Ordinal);
        Assert.True(result.Overall < 100);
    }

    [Fact]
    public void Score_ModelOneOnTheSameKindOfAnswer_StillCountsIt()
    {
        var result = AnswersBuilder.Ready(1).With(QuestionKeys.WhatThen, "tbd").With(QuestionKeys.ProductionOwner, "TBD").Score();

        Assert.Equal(100, result.Overall);
        Assert.False(result.PilotTheatre);
        Assert.Empty(result.Gates);
    }

    [Theory]
    [InlineData("Sofia Lindqvist", false)]
    [InlineData("sofia lindqvist", false)]
    [InlineData("Sofia Lindqvist, Head of Finance Operations", false)]
    [InlineData("Dana Ito", true)]
    public void Score_WhatThenOwnerAndProductionOwner_MustBeTheSamePerson(string whatThenOwner, bool differ)
    {
        var result = Confirmed(Ready().With(QuestionKeys.WhatThenOwner, whatThenOwner));

        var finding = result.Findings.SingleOrDefault(f => f.Rule == "check:owners-differ");
        Assert.Equal(differ, finding is not null);
        if (differ)
        {
            Assert.Contains("Dana Ito", finding!.Message, StringComparison.Ordinal);
            Assert.Contains("Sofia Lindqvist", finding.Message, StringComparison.Ordinal);
            Assert.Equal(Severity.Major, finding.Severity);
            Assert.Equal(QuestionKeys.WhatThenOwner, finding.QuestionKey);
            Assert.Empty(result.Gates);
        }
    }

    [Theory]
    [InlineData(10, 40, null)]
    [InlineData(10, 30, null)]
    [InlineData(10, 29, "under-staffed: the planned effort is 2.9×")]
    [InlineData(0, 0, "No production effort is planned")]
    [InlineData(null, 40, "effort in person-weeks is missing")]
    [InlineData(10, null, "effort in person-weeks is missing")]
    public void Score_ProductionEffort_FollowsTheThreeTimesRuleLikeMoney(int? prototype, int? production, string? message)
    {
        var answers = Ready().WithAmount(QuestionKeys.PrototypeEffort, prototype).WithAmount(QuestionKeys.ProductionEffort, production);

        var result = Confirmed(answers);

        var gate = result.Gates.SingleOrDefault(g => g.Key == "production-under-budgeted");
        if (message is null)
        {
            Assert.Null(gate);
        }
        else
        {
            Assert.NotNull(gate);
            Assert.Contains(message, gate.Message, StringComparison.Ordinal);
            Assert.Equal(Verdict.GoWithConditions, result.Verdict);
        }
    }

    [Fact]
    public void Score_MoneyAndEffortBothShort_OneGateSayingBoth()
    {
        var result = Confirmed(Ready().With(QuestionKeys.ProductionBudget, 60_000m).With(QuestionKeys.ProductionEffort, 12m));

        var gate = Assert.Single(result.Gates);
        Assert.Contains("under-budgeted", gate.Message, StringComparison.Ordinal);
        Assert.Contains("under-staffed", gate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Count_SaysWhyEachAnswerDoesNotCount()
    {
        var answers = Ready().With(QuestionKeys.Adoption, "tbd").With(QuestionKeys.ProductionOwner, "Head of Ops").Build();

        var (counted, notCounted) = ScoringModel.V2.Count(AnswersBuilder.V2, answers,
            new Dictionary<string, ClaimState> { [QuestionKeys.QualityReviewer] = ClaimState.Declined });

        Assert.Equal([QuestionKeys.ProductionOwner, QuestionKeys.QualityReviewer, QuestionKeys.Adoption], notCounted.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("placeholder", notCounted[QuestionKeys.Adoption], StringComparison.Ordinal);
        Assert.Contains("role", notCounted[QuestionKeys.ProductionOwner], StringComparison.Ordinal);
        Assert.Contains("declined", notCounted[QuestionKeys.QualityReviewer], StringComparison.Ordinal);
        Assert.Equal(answers.Count - 3, counted.Count);
        Assert.Empty(ScoringModel.V1.Count(AnswersBuilder.V1, AnswersBuilder.Ready(1).With(QuestionKeys.WhatThen, "tbd").Build()).NotCounted);
    }
}
