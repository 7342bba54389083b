using Microsoft.Extensions.Time.Testing;
using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Domain.Tests.Builders;

namespace PilotReadiness.Domain.Tests.Assessments;

/// <summary>Waivers of a gate: who may ask, what an approval does to the verdict, and when it stops, on a fake clock.</summary>
public sealed class WaiverTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private static QuestionnaireCatalog Catalog => ShippedQuestionnaires.Catalog;

    private static readonly string Gate = GateSet.IntegrationNotBudgeted.ToKey();

    /// <summary>A submitted assessment, ready but for integration not being budgeted: one gate caps it at not ready.</summary>
    private static Assessment Submitted(FakeTimeProvider clock)
    {
        var assessment = new Assessment(new AssessmentDetails("Claims triage", "Claims", "Dana Whitfield", null), Catalog.Current, "owner", clock.GetUtcNow());
        var answers = AnswersBuilder.Ready(Catalog.Current.Version).With(QuestionKeys.IntegrationBudgeted, false).Build();
        assessment.SetAnswers(Catalog, answers.ToDictionary(a => a.Key, a => (Answer?)a.Value, StringComparer.Ordinal), clock.GetUtcNow());
        assessment.Submit(Catalog, clock.GetUtcNow());
        assessment.TakeChanges();
        return assessment;
    }

    private static GateWaiver Approved(Assessment assessment, FakeTimeProvider clock, DateOnly until)
    {
        var waiver = assessment.RequestWaiver(Catalog, Gate, "The integration is paid from the platform budget this year.", "owner", "Dana", clock.GetUtcNow());
        assessment.ApproveWaiver(Catalog, waiver.Id, until, null, "reviewer", "Riley Reviewer", clock.GetUtcNow());
        return waiver;
    }

    [Fact]
    public void Score_ApprovedWaiver_StopsTheGateCapping_TheGateStillShows_UntilTheEndOfItsLastDay()
    {
        var clock = new FakeTimeProvider(Start);
        var assessment = Submitted(clock);
        var capped = assessment.Score(Catalog, clock.GetUtcNow());
        Assert.Equal(Verdict.NotReady, capped.Verdict);
        Assert.Equal(Verdict.Go, capped.ScoreVerdict);

        Approved(assessment, clock, new DateOnly(2026, 6, 10));
        var waived = assessment.Score(Catalog, clock.GetUtcNow());

        Assert.Equal(Verdict.Go, waived.Verdict);
        Assert.Equal(Verdict.Go, assessment.Readiness.Verdict);
        Assert.Contains(waived.Gates, g => g.Key == Gate);
        Assert.Empty(waived.CappingGates());
        Assert.Equal(new WaivedGate(Gate, "Riley Reviewer", new DateOnly(2026, 6, 10), "The integration is paid from the platform budget this year."), waived.WaiverOf(Gate));
        Assert.Equal(capped.Overall, waived.Overall);

        clock.SetUtcNow(new DateTimeOffset(2026, 6, 10, 23, 59, 59, TimeSpan.Zero));
        Assert.Equal(Verdict.Go, assessment.Score(Catalog, clock.GetUtcNow()).Verdict);
        clock.Advance(TimeSpan.FromSeconds(1));
        var lapsed = assessment.Score(Catalog, clock.GetUtcNow());
        Assert.Equal(Verdict.NotReady, lapsed.Verdict);
        Assert.Empty(lapsed.Waived());
    }

    public static TheoryData<WaiverStatus, int, bool> Holding() => new()
    {
        // status, days after the approval the score is asked for (the waiver's last day is day 5), holds
        { WaiverStatus.Requested, 0, false },
        { WaiverStatus.Refused, 0, false },
        { WaiverStatus.Approved, 0, true },
        { WaiverStatus.Approved, 5, true },
        { WaiverStatus.Approved, 6, false },
        { WaiverStatus.Approved, 400, false },
    };

    [Theory]
    [MemberData(nameof(Holding))]
    public void Apply_OnlyAnApprovedWaiverBeforeItsExpiry_Holds(WaiverStatus status, int daysLater, bool holds)
    {
        var clock = new FakeTimeProvider(Start);
        var assessment = Submitted(clock);
        var waiver = assessment.RequestWaiver(Catalog, Gate, "Paid elsewhere.", "owner", "Dana", clock.GetUtcNow());
        if (status == WaiverStatus.Approved)
        {
            assessment.ApproveWaiver(Catalog, waiver.Id, Start.Day().AddDays(5), "Until the budget round.", "reviewer", "Riley", clock.GetUtcNow());
        }
        else if (status == WaiverStatus.Refused)
        {
            assessment.RefuseWaiver(waiver.Id, "Budget it first.", "reviewer", "Riley", clock.GetUtcNow());
        }

        clock.Advance(TimeSpan.FromDays(daysLater));

        Assert.Equal(holds, waiver.HoldsAt(clock.GetUtcNow()));
        Assert.Equal(holds ? Verdict.Go : Verdict.NotReady, assessment.Score(Catalog, clock.GetUtcNow()).Verdict);
    }

    [Fact]
    public void Apply_WaivingOneGate_LeavesTheOthersCapping()
    {
        // Integration not budgeted (caps at not ready) and pilot theatre (caps at no-go).
        var score = AnswersBuilder.Ready(2).With(QuestionKeys.IntegrationBudgeted, false).Without(QuestionKeys.SuccessCriteria).Score();
        Assert.Equal([GateSet.PilotTheatre, GateSet.IntegrationNotBudgeted], score.Gates.Select(g => GateSetNames.FromKey(g.Key)!.Value).Order());
        var clock = new FakeTimeProvider(Start);
        var assessment = Submitted(clock);
        Approved(assessment, clock, Start.Day().AddDays(3));

        var applied = GateWaivers.Apply(score, assessment.Waivers, clock.GetUtcNow());

        Assert.Equal(Verdict.NoGo, applied.Verdict);
        Assert.Equal(Gate, Assert.Single(applied.Waived()).GateKey);
        Assert.Equal([GateSet.PilotTheatre.ToKey()], applied.CappingGates().Select(g => g.Key));
        Assert.Equal(score.Gates, applied.Gates);
        Assert.Same(score, GateWaivers.Apply(score, [], clock.GetUtcNow()));
    }

    public static TheoryData<string?, string?, string> BadRequests() => new()
    {
        // gate, reason, the field refused
        { null, "Paid elsewhere.", "gate" },
        { GateSet.PilotTheatre.ToKey(), "Not triggered here.", "gate" },
        { "no-such-gate", "Paid elsewhere.", "gate" },
        { Gate, null, "reason" },
        { Gate, "   ", "reason" },
        { Gate, "Bad\0reason", "reason" },
        { Gate, new string('x', GateWaiver.ReasonMaxLength + 1), "reason" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void CheckWaiverRequest_NamesTheField(string? gate, string? reason, string field)
    {
        var clock = new FakeTimeProvider(Start);
        var errors = Submitted(clock).CheckWaiverRequest(Catalog, gate, reason, clock.GetUtcNow());

        Assert.Equal(field, Assert.Single(errors).Field);
    }

    [Fact]
    public void RequestWaiver_OnlyOnASubmittedCurrentVersion_OneOpenPerGate_AndAnEssentialQuestionIsNeverWaived()
    {
        var clock = new FakeTimeProvider(Start);
        var draft = new Assessment(new AssessmentDetails("Draft", "Claims", "Dana", null), Catalog.Current, "owner", Start);
        Assert.Throws<RefusedException>(() => draft.RequestWaiver(Catalog, Gate, "Why", "owner", "Dana", Start));
        Assert.Contains("cannot be waived", GateWaivers.WhyNotWaivable(GateSet.BlockerUnanswered.ToKey()), StringComparison.Ordinal);

        var assessment = Submitted(clock);
        var first = assessment.RequestWaiver(Catalog, Gate, "Paid elsewhere.", "owner", "Dana", Start);
        Assert.Equal("gate", Assert.Single(assessment.CheckWaiverRequest(Catalog, Gate, "Again.", Start)).Field);
        Assert.Empty(assessment.WaivableGates(Catalog, Start));

        assessment.RefuseWaiver(first.Id, "Budget it first.", "reviewer", "Riley", Start);
        Assert.Empty(assessment.CheckWaiverRequest(Catalog, Gate, "Again, with the budget letter.", Start));
        Assert.Equal(RefusalKind.WrongState, assessment.WhyNotDecideWaiver(first.Id)!.Kind);
        Assert.Throws<RefusedException>(() => assessment.ApproveWaiver(Catalog, first.Id, Start.Day().AddDays(3), null, "reviewer", "Riley", Start));
    }

    public static TheoryData<bool, int?, string?, string?> Decisions() => new()
    {
        // approve, last day as days after today, note, the field refused (null: accepted)
        { true, 1, null, null },
        { true, 30, "Until the budget round.", null },
        { true, 0, null, "until" },
        { true, -3, null, "until" },
        { true, null, null, "until" },
        { false, null, "Budget it first.", null },
        { false, null, null, "note" },
        { false, null, "  ", "note" },
        { true, 5, new string('x', GateWaiver.ReasonMaxLength + 1), "note" },
    };

    [Theory]
    [MemberData(nameof(Decisions))]
    public void CheckWaiverDecision_AnApprovalEndsInTheFuture_ARefusalSaysWhy(bool approve, int? days, string? note, string? field)
    {
        var today = Start.Day();
        var errors = Assessment.CheckWaiverDecision(approve, days is { } d ? today.AddDays(d) : null, note, today);

        Assert.Equal(field, errors.SingleOrDefault()?.Field);
    }

    [Fact]
    public void RecordLapsedWaivers_BringsTheStoredVerdictBack_Once_WithAnAuditChange()
    {
        var clock = new FakeTimeProvider(Start);
        var assessment = Submitted(clock);
        Approved(assessment, clock, Start.Day().AddDays(2));
        assessment.TakeChanges();
        Assert.Equal(Verdict.Go, assessment.Readiness.Verdict);

        Assert.Equal(0, assessment.RecordLapsedWaivers(Catalog, clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromDays(3));
        var version = assessment.Version;

        Assert.Equal(1, assessment.RecordLapsedWaivers(Catalog, clock.GetUtcNow()));
        Assert.Equal(Verdict.NotReady, assessment.Readiness.Verdict);
        Assert.Equal(version + 1, assessment.Version);
        Assert.Equal(ChangeKind.WaiverLapsed, Assert.Single(assessment.TakeChanges()).Kind);
        Assert.Equal(0, assessment.RecordLapsedWaivers(Catalog, clock.GetUtcNow()));
    }

    [Fact]
    public void Decision_AWaivedGateNeedsNoAcceptance_AndReassessmentCarriesAHoldingWaiver()
    {
        var clock = new FakeTimeProvider(Start);
        var assessment = Submitted(clock);
        Assert.Single(Decision.GatesAccepted(assessment.Score(Catalog, Start), DecisionOutcome.Go));
        Approved(assessment, clock, Start.Day().AddDays(10));

        Assert.Empty(Decision.GatesAccepted(assessment.Score(Catalog, Start), DecisionOutcome.Go));

        var next = assessment.Reassess(Catalog, Start.AddDays(1));
        var carried = Assert.Single(next.Waivers);
        Assert.True(carried.HoldsAt(Start.AddDays(1)));
        Assert.Equal(Verdict.Go, next.Readiness.Verdict);
        Assert.Equal(0, assessment.RecordLapsedWaivers(Catalog, Start.AddDays(20)));
    }
}
