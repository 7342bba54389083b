using PilotReadiness.Domain;
using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Domain.Tests.Builders;

namespace PilotReadiness.Domain.Tests.Decisions;

/// <summary>
/// Leadership's decisions: recorded beside the recommendation, never edited, superseded by the next one, and lapsed
/// when a condition passes its due date unmet. Time is always passed in, so every "day" here is a fake clock.
/// </summary>
public class DecisionTests
{
    /// <summary>Monday 2 March 2026, 09:00 UTC: when the assessment was started.</summary>
    private static readonly DateTimeOffset Created = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>When the decisions are made: ten days later.</summary>
    private static readonly DateTimeOffset DecidedOn = Created.AddDays(10);

    private static readonly DateOnly DecisionDay = DateOnly.FromDateTime(DecidedOn.UtcDateTime);

    private static readonly DateOnly Due = DecisionDay.AddDays(30);

    private static Assessment Submitted(AnswerSet? answers = null)
    {
        var assessment = new Assessment(new AssessmentDetails("Claims triage assistant", "Claims", "Dana Whitfield", "Sorts incoming claims."),
            ShippedQuestionnaires.Catalog.Current, "owner-1", Created);
        var changes = (answers ?? AnswersBuilder.Ready(ShippedQuestionnaires.Catalog.Current.Questionnaire.Version).Build()).ToDictionary(kv => kv.Key, kv => (Answer?)kv.Value, StringComparer.Ordinal);
        assessment.SetAnswers(ShippedQuestionnaires.Catalog, changes, Created.AddHours(1));
        assessment.Submit(ShippedQuestionnaires.Catalog, Created.AddDays(1));
        return assessment;
    }

    private static ConditionDraft Condition(string description = "Integration budget signed off", DateOnly? due = null, string owner = "Priya Natarajan") =>
        new(description, owner, due ?? Due);

    private static Decision Record(
        Assessment assessment, DecisionOutcome outcome, Decision? current = null, IReadOnlyList<ConditionDraft>? conditions = null,
        DateTimeOffset? now = null, string rationale = "The case is strong and the owner is named.", string? killCriteria = null,
        IReadOnlyDictionary<string, string>? gateReasons = null) =>
        Decision.Record(assessment, ShippedQuestionnaires.Catalog, current, outcome, rationale, killCriteria,
            conditions ?? (outcome == DecisionOutcome.GoWithConditions ? [Condition()] : []),
            "reviewer-1", "Helena Marsh", now ?? DecidedOn, gateReasons);

    /// <summary>Ready answers, except that the daily users were only consulted: not ready, held by the users-involved gate.</summary>
    private static AnswerSet Consulted() =>
        AnswersBuilder.Ready(ShippedQuestionnaires.Catalog.Current.Questionnaire.Version).With(QuestionKeys.InvolvementLevel, "consulted").Build();

    private static readonly Dictionary<string, string> UsersReason = new() { ["users-not-involved"] = "The team leads sign off each release." };

    [Theory]
    [InlineData(DecisionOutcome.Go)]
    [InlineData(DecisionOutcome.NoGo)]
    [InlineData(DecisionOutcome.GoWithConditions)]
    public void Record_OnASubmittedAssessment_KeepsTheDecisionAndTheAssessmentSummary(DecisionOutcome outcome)
    {
        var assessment = Submitted();
        var version = assessment.Version;

        var decision = Record(assessment, outcome, killCriteria: "  Stop if fewer than half the team use it by June.  ");

        Assert.Equal(outcome, decision.Outcome);
        Assert.Equal("The case is strong and the owner is named.", decision.Rationale);
        Assert.Equal("Stop if fewer than half the team use it by June.", decision.KillCriteria);
        Assert.Equal(assessment.Id, decision.AssessmentId);
        Assert.Equal(assessment.PilotId, decision.PilotId);
        Assert.Equal(1, decision.Revision);
        Assert.Equal(("reviewer-1", "Helena Marsh", DecidedOn), (decision.DecidedById, decision.DecidedByName, decision.DecidedAt));
        Assert.True(decision.IsCurrent);
        Assert.Null(decision.SupersededAt);
        Assert.Equal(outcome, assessment.Decision);
        Assert.Equal(DecidedOn, assessment.DecidedAt);
        Assert.False(assessment.AwaitsDecision);
        Assert.Equal(version + 1, assessment.Version);
        Assert.Contains(assessment.TakeChanges(), c => c.Kind == ChangeKind.DecisionRecorded && c.Subject == outcome.ToKey());
    }

    [Fact]
    public void Record_ConditionalGo_KeepsEachConditionInOrderAndOpen()
    {
        var assessment = Submitted();

        var decision = Record(assessment, DecisionOutcome.GoWithConditions, conditions:
        [
            Condition(" Integration budget signed off ", Due, " Priya Natarajan "),
            Condition("Training plan agreed with the claims team", DecisionDay, "Sam Okafor"),
        ]);

        Assert.Collection(decision.Conditions,
            c =>
            {
                Assert.Equal(("Integration budget signed off", "Priya Natarajan", Due), (c.Description, c.Owner, c.DueDate));
                Assert.Equal(ConditionState.Open, c.State(DecisionDay));
            },
            c => Assert.Equal(("Training plan agreed with the claims team", DecisionDay), (c.Description, c.DueDate)));
        Assert.Equal(DecisionDay, assessment.ConditionsDue);
        Assert.Equal(DecisionDay, decision.OpenConditionsDue);
    }

    [Fact]
    public void Record_KeepsTheRecommendationBesideItAndNeverChangesTheScore()
    {
        // Capped at not ready by the users-involved gate.
        var assessment = Submitted(Consulted());
        var before = assessment.Score(ShippedQuestionnaires.Catalog, DecidedOn);
        var readiness = assessment.Readiness;

        var decision = Record(assessment, DecisionOutcome.Go, gateReasons: UsersReason);

        Assert.Equal(Verdict.NotReady, decision.RecommendedVerdict);
        Assert.Equal(before.Overall, decision.RecommendedScore);
        var after = assessment.Score(ShippedQuestionnaires.Catalog, DecidedOn);
        Assert.Equal((before.Overall, before.Verdict), (after.Overall, after.Verdict));
        Assert.Equal(readiness, assessment.Readiness);
        Assert.Equal(Verdict.NotReady, assessment.Readiness.Verdict);
        Assert.Equal(DecisionOutcome.Go, assessment.Decision);
    }

    [Fact]
    public void Record_OnADraft_IsRefused()
    {
        var assessment = Submitted();
        assessment.Reopen(ShippedQuestionnaires.Catalog, Created.AddDays(2));

        var refused = Assert.ThrowsAny<InvalidOperationException>(() => Record(assessment, DecisionOutcome.Go));
        Assert.Contains("submitted", refused.Message, StringComparison.Ordinal);
        Assert.Null(assessment.Decision);
    }

    [Fact]
    public void Record_OnASupersededVersion_IsRefused()
    {
        var first = Submitted();
        var second = first.Reassess(ShippedQuestionnaires.Catalog, Created.AddDays(3));
        second.Submit(ShippedQuestionnaires.Catalog, Created.AddDays(4));

        Assert.ThrowsAny<InvalidOperationException>(() => Record(first, DecisionOutcome.Go));
        Assert.Null(first.Decision);
        Assert.Equal(2, Record(second, DecisionOutcome.Go).Revision);
    }

    public static TheoryData<DecisionOutcome, string?, string?, ConditionDraft[], string> BadInput => new()
    {
        { DecisionOutcome.Go, null, null, [], "rationale" },
        { DecisionOutcome.Go, "   ", null, [], "rationale" },
        { DecisionOutcome.Go, new string('x', Decision.RationaleMaxLength + 1), null, [], "rationale" },
        { DecisionOutcome.Go, "Fine\0", null, [], "rationale" },
        { DecisionOutcome.Go, "Fine", new string('k', Decision.KillCriteriaMaxLength + 1), [], "killCriteria" },
        { DecisionOutcome.Go, "Fine", "Stop \u0007 now", [], "killCriteria" },
        { DecisionOutcome.GoWithConditions, "Fine", null, [], "conditions" },
        { DecisionOutcome.Go, "Fine", null, [Condition()], "conditions" },
        { DecisionOutcome.NoGo, "Fine", null, [Condition()], "conditions" },
        { DecisionOutcome.GoWithConditions, "Fine", null, [.. Enumerable.Repeat(Condition(), Decision.MaxConditions + 1)], "conditions" },
        { DecisionOutcome.GoWithConditions, "Fine", null, [Condition(), Condition(" ")], "conditions[1].description" },
        { DecisionOutcome.GoWithConditions, "Fine", null, [Condition(new string('d', Decision.ConditionMaxLength + 1))], "conditions[0].description" },
        { DecisionOutcome.GoWithConditions, "Fine", null, [Condition("Two\nlines")], "conditions[0].description" },
        { DecisionOutcome.GoWithConditions, "Fine", null, [Condition(owner: "")], "conditions[0].owner" },
        { DecisionOutcome.GoWithConditions, "Fine", null, [Condition(owner: "Priya\u001b[31m")], "conditions[0].owner" },
        { DecisionOutcome.GoWithConditions, "Fine", null, [Condition(owner: new string('o', Limits.PersonMaxLength + 1))], "conditions[0].owner" },
        { DecisionOutcome.GoWithConditions, "Fine", null, [Condition(due: DecisionDay.AddDays(-1))], "conditions[0].dueDate" },
        { DecisionOutcome.GoWithConditions, "Fine", null, [Condition(), Condition(due: new DateOnly(2101, 1, 1))], "conditions[1].dueDate" },
        { (DecisionOutcome)7, "Fine", null, [], "outcome" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public void Record_BadInput_NamesTheFieldAndChangesNothing(
        DecisionOutcome outcome, string? rationale, string? killCriteria, ConditionDraft[] conditions, string field)
    {
        var assessment = Submitted();
        var version = assessment.Version;

        var error = Assert.ThrowsAny<ArgumentException>(() => Decision.Record(assessment, ShippedQuestionnaires.Catalog, null, outcome, rationale, killCriteria, conditions, "reviewer-1", "Helena Marsh", DecidedOn));

        Assert.Equal(field, error.ParamName);
        Assert.Null(assessment.Decision);
        Assert.Equal(version, assessment.Version);
    }

    [Fact]
    public void Record_AConditionDueToday_IsAccepted()
    {
        var decision = Record(Submitted(), DecisionOutcome.GoWithConditions, conditions: [Condition(due: DecisionDay)]);

        Assert.Equal(DecisionDay, Assert.Single(decision.Conditions).DueDate);
    }

    [Fact]
    public void Record_AgainWithTheCurrentDecision_SupersedesItAndKeepsBoth()
    {
        var assessment = Submitted();
        var first = Record(assessment, DecisionOutcome.GoWithConditions, conditions: [Condition(due: DecisionDay.AddDays(5))]);
        var later = DecidedOn.AddDays(2);

        var second = Record(assessment, DecisionOutcome.NoGo, current: first, now: later, rationale: "The integration budget was refused.");

        Assert.Equal(later, first.SupersededAt);
        Assert.Equal(second.Id, first.SupersededById);
        Assert.False(first.IsCurrent);
        Assert.True(second.IsCurrent);
        Assert.Equal((DecisionOutcome?)DecisionOutcome.NoGo, assessment.Decision);
        Assert.Equal(later, assessment.DecidedAt);
        Assert.Null(assessment.ConditionsDue);
        // The first decision is untouched apart from being superseded: it is history, not edited.
        Assert.Equal(DecisionOutcome.GoWithConditions, first.Outcome);
        Assert.Single(first.Conditions);
        Assert.Equal(2, assessment.TakeChanges().Count(c => c.Kind == ChangeKind.DecisionRecorded));
    }

    [Fact]
    public void Record_WithADecisionThatIsNotCurrentOrNotThisPilots_IsRefused()
    {
        var assessment = Submitted();
        var first = Record(assessment, DecisionOutcome.Go);
        Record(assessment, DecisionOutcome.NoGo, current: first, now: DecidedOn.AddDays(1));
        var otherPilotDecision = Record(Submitted(), DecisionOutcome.Go);

        Assert.Equal("current", Assert.ThrowsAny<ArgumentException>(() => Record(assessment, DecisionOutcome.Go, current: first)).ParamName);
        Assert.Equal("current", Assert.ThrowsAny<ArgumentException>(() => Record(assessment, DecisionOutcome.Go, current: otherPilotDecision)).ParamName);
    }

    [Fact]
    public void Decision_OnAnEarlierVersion_CarriesOverAndIsSupersededByOneOnTheNewVersion()
    {
        var first = Submitted();
        var onFirst = Record(first, DecisionOutcome.GoWithConditions);
        var second = first.Reassess(ShippedQuestionnaires.Catalog, DecidedOn.AddDays(1));

        Assert.Equal(DecisionOutcome.GoWithConditions, second.Decision);
        Assert.Equal(Due, second.ConditionsDue);
        second.Submit(ShippedQuestionnaires.Catalog, DecidedOn.AddDays(2));
        Assert.True(second.AwaitsDecision);

        var onSecond = Record(second, DecisionOutcome.Go, current: onFirst, now: DecidedOn.AddDays(3));

        Assert.Equal(onSecond.Id, onFirst.SupersededById);
        Assert.Equal(2, onSecond.Revision);
        Assert.Equal(DecisionOutcome.Go, second.Decision);
        Assert.Null(second.ConditionsDue);
        Assert.False(second.AwaitsDecision);
    }

    [Fact]
    public void Lapse_FollowsTheCalendar_OpenUntilTheDueDateLapsedTheDayAfter()
    {
        var assessment = Submitted();
        var decision = Record(assessment, DecisionOutcome.GoWithConditions, conditions: [Condition(due: Due)]);
        var condition = Assert.Single(decision.Conditions);

        foreach (var day in new[] { DecisionDay, Due.AddDays(-1), Due })
        {
            Assert.Equal(ConditionState.Open, condition.State(day));
            Assert.False(decision.IsLapsed(day), $"Not lapsed on {day}");
            Assert.False(assessment.IsLapsed(day), $"The assessment is not lapsed on {day}");
        }

        foreach (var day in new[] { Due.AddDays(1), Due.AddDays(200) })
        {
            Assert.Equal(ConditionState.Lapsed, condition.State(day));
            Assert.True(decision.IsLapsed(day), $"Lapsed on {day}");
            Assert.True(assessment.IsLapsed(day), $"The assessment is lapsed on {day}");
        }
    }

    [Fact]
    public void MarkConditionMet_AfterTheDueDate_EndsTheLapse()
    {
        var assessment = Submitted();
        var decision = Record(assessment, DecisionOutcome.GoWithConditions, conditions: [Condition(due: Due)]);
        var condition = Assert.Single(decision.Conditions);
        var lateDay = Due.AddDays(3);
        Assert.True(decision.IsLapsed(lateDay));
        var version = assessment.Version;
        var metAt = new DateTimeOffset(lateDay.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);

        decision.MarkConditionMet(condition.Id, assessment, "Helena Marsh", metAt);

        Assert.Equal(ConditionState.Met, condition.State(lateDay));
        Assert.Equal((metAt, "Helena Marsh"), (condition.MetAt, condition.MetByName));
        Assert.False(decision.IsLapsed(lateDay));
        Assert.Null(assessment.ConditionsDue);
        Assert.False(assessment.IsLapsed(lateDay));
        Assert.Equal(version + 1, assessment.Version);
        Assert.Contains(assessment.TakeChanges(), c => c.Kind == ChangeKind.ConditionMet);
    }

    [Fact]
    public void ConditionsDue_IsTheEarliestUnmetCondition()
    {
        var assessment = Submitted();
        var early = DecisionDay.AddDays(7);
        var late = DecisionDay.AddDays(60);
        var decision = Record(assessment, DecisionOutcome.GoWithConditions, conditions:
            [Condition("Later", late), Condition("Earlier", early), Condition("Middle", Due)]);
        Assert.Equal(early, assessment.ConditionsDue);

        decision.MarkConditionMet(decision.Conditions.Single(c => c.Description == "Earlier").Id, assessment, "Helena Marsh", DecidedOn.AddDays(1));
        Assert.Equal(Due, assessment.ConditionsDue);
        // The earlier one is met, so the day after its due date nothing has lapsed.
        Assert.False(assessment.IsLapsed(early.AddDays(1)));
        Assert.True(assessment.IsLapsed(Due.AddDays(1)));

        decision.MarkConditionMet(decision.Conditions.Single(c => c.Description == "Middle").Id, assessment, "Helena Marsh", DecidedOn.AddDays(2));
        decision.MarkConditionMet(decision.Conditions.Single(c => c.Description == "Later").Id, assessment, "Helena Marsh", DecidedOn.AddDays(3));
        Assert.Null(assessment.ConditionsDue);
        Assert.False(decision.IsLapsed(late.AddDays(100)));
    }

    [Fact]
    public void Lapse_EndsWhenANewDecisionSupersedesTheConditionalGo()
    {
        var assessment = Submitted();
        var conditional = Record(assessment, DecisionOutcome.GoWithConditions, conditions: [Condition(due: Due)]);
        var lateDay = Due.AddDays(1);
        Assert.True(conditional.IsLapsed(lateDay));

        var next = Record(assessment, DecisionOutcome.NoGo, current: conditional,
            now: new DateTimeOffset(lateDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), rationale: "The condition was not met in time.");

        Assert.False(conditional.IsLapsed(lateDay));
        // The superseded decision's condition is still unmet: its history shows it as it stood.
        Assert.Equal(ConditionState.Lapsed, Assert.Single(conditional.Conditions).State(lateDay));
        Assert.False(next.IsLapsed(lateDay));
        Assert.False(assessment.IsLapsed(lateDay));
    }

    [Fact]
    public void MarkConditionMet_Refusals()
    {
        var assessment = Submitted();
        var decision = Record(assessment, DecisionOutcome.GoWithConditions, conditions: [Condition()]);
        var condition = Assert.Single(decision.Conditions);

        Assert.Equal("conditionId", Assert.ThrowsAny<ArgumentException>(
            () => decision.MarkConditionMet(Guid.NewGuid(), assessment, "Helena Marsh", DecidedOn)).ParamName);
        Assert.Equal("currentAssessment", Assert.ThrowsAny<ArgumentException>(
            () => decision.MarkConditionMet(condition.Id, Submitted(), "Helena Marsh", DecidedOn)).ParamName);

        decision.MarkConditionMet(condition.Id, assessment, "Helena Marsh", DecidedOn);
        Assert.ThrowsAny<InvalidOperationException>(() => decision.MarkConditionMet(condition.Id, assessment, "Helena Marsh", DecidedOn));

        var other = Submitted();
        var superseded = Record(other, DecisionOutcome.GoWithConditions, conditions: [Condition()]);
        Record(other, DecisionOutcome.Go, current: superseded, now: DecidedOn.AddDays(1));
        Assert.ThrowsAny<InvalidOperationException>(
            () => superseded.MarkConditionMet(superseded.Conditions[0].Id, other, "Helena Marsh", DecidedOn.AddDays(2)));
        Assert.Null(superseded.Conditions[0].MetAt);
    }

    [Fact]
    public void MarkConditionMet_NeedsTheCurrentVersion()
    {
        var first = Submitted();
        var decision = Record(first, DecisionOutcome.GoWithConditions, conditions: [Condition()]);
        var second = first.Reassess(ShippedQuestionnaires.Catalog, DecidedOn.AddDays(1));

        Assert.Equal(RefusalKind.Superseded, Assert.Throws<RefusedException>(
            () => decision.MarkConditionMet(decision.Conditions[0].Id, first, "Helena Marsh", DecidedOn.AddDays(2))).Refusal.Kind);

        decision.MarkConditionMet(decision.Conditions[0].Id, second, "Helena Marsh", DecidedOn.AddDays(2));
        Assert.Null(second.ConditionsDue);
    }

    [Fact]
    public void Check_ReportsEveryProblemAtOnce_AgainstTheJsonField()
    {
        var errors = Decision.Check(DecisionOutcome.GoWithConditions, " ", new string('k', Decision.KillCriteriaMaxLength + 1),
            [Condition(description: ""), null, Condition(due: DecisionDay.AddDays(-1), owner: "Ana\u0000")], DecisionDay);

        Assert.Equal(
            [
                ("rationale", "Give the reason for the decision."),
                ("killCriteria", $"Keep the kill criteria to {Decision.KillCriteriaMaxLength} characters or fewer."),
                ("conditions[0].description", "Describe what must be true."),
                ("conditions[1]", "Describe the condition, its owner and its due date."),
                ("conditions[2].owner", "Keep the owner's name to one line of plain text."),
                ("conditions[2].dueDate", "The due date cannot be in the past."),
            ],
            errors.Select(e => (e.Field, e.Message)));
    }

    [Theory]
    [InlineData(DecisionOutcome.GoWithConditions, 0, "A go with conditions needs at least one condition: what must be true, who answers for it, and by when.")]
    [InlineData(DecisionOutcome.Go, 1, "Only a go with conditions has conditions. Remove them, or choose go with conditions.")]
    [InlineData(DecisionOutcome.NoGo, 1, "Only a go with conditions has conditions. Remove them, or choose go with conditions.")]
    public void Check_ConditionsFollowTheOutcome(DecisionOutcome outcome, int conditions, string message)
    {
        var error = Assert.Single(Decision.Check(outcome, "Because.", null, [.. Enumerable.Repeat(Condition(), conditions)], DecisionDay));

        Assert.Equal(("conditions", message), (error.Field, error.Message));
    }

    [Fact]
    public void Record_WithAProblemCheckWouldReport_ThrowsEveryProblem()
    {
        var thrown = Assert.Throws<FieldErrorsException>(() => Record(Submitted(), DecisionOutcome.GoWithConditions, conditions: [], rationale: ""));

        Assert.Equal(["rationale", "conditions"], thrown.Errors.Select(e => e.Field));
    }

    // ---- Decisions above the recommendation ----

    [Theory]
    [InlineData(DecisionOutcome.Go, Verdict.Go, false)]
    [InlineData(DecisionOutcome.Go, Verdict.GoWithConditions, true)]
    [InlineData(DecisionOutcome.Go, Verdict.NotReady, true)]
    [InlineData(DecisionOutcome.Go, Verdict.NoGo, true)]
    [InlineData(DecisionOutcome.GoWithConditions, Verdict.Go, false)]
    [InlineData(DecisionOutcome.GoWithConditions, Verdict.GoWithConditions, false)]
    [InlineData(DecisionOutcome.GoWithConditions, Verdict.NotReady, true)]
    [InlineData(DecisionOutcome.GoWithConditions, Verdict.NoGo, true)]
    [InlineData(DecisionOutcome.NoGo, Verdict.Go, false)]
    [InlineData(DecisionOutcome.NoGo, Verdict.NoGo, false)]
    public void IsAbove_AGoOverLessOrAConditionalGoOverNotReady(DecisionOutcome outcome, Verdict recommendation, bool above) =>
        Assert.Equal(above, outcome.IsAbove(recommendation));

    [Theory]
    [InlineData(DecisionOutcome.Go)]
    [InlineData(DecisionOutcome.GoWithConditions)]
    public void Record_AboveTheRecommendationWithoutAReasonForTheGate_IsRefusedNamingTheGate(DecisionOutcome outcome)
    {
        var assessment = Submitted(Consulted());

        var refused = Assert.ThrowsAny<ArgumentException>(() => Record(assessment, outcome));

        Assert.Equal("gateReasons.users-not-involved", refused.ParamName);
        Assert.Contains("Daily users not involved", refused.Message, StringComparison.Ordinal);
        Assert.Null(assessment.Decision);
    }

    [Fact]
    public void Record_AboveTheRecommendationWithAReasonPerGate_KeepsThemAndIsFlagged()
    {
        var assessment = Submitted(Consulted());

        var decision = Record(assessment, DecisionOutcome.GoWithConditions,
            conditions: [Condition() with { GateKey = "users-not-involved" }],
            gateReasons: new Dictionary<string, string> { ["users-not-involved"] = "  The team leads sign off each release.  " });

        var accepted = Assert.Single(decision.AcceptedGates);
        Assert.Equal(("users-not-involved", "The team leads sign off each release.", "Daily users not involved"), (accepted.GateKey, accepted.Reason, accepted.Label));
        Assert.Equal("users-not-involved", decision.Conditions.Single().GateKey);
        Assert.Equal("Daily users not involved", decision.Conditions.Single().GateLabel);
        Assert.True(decision.IsAboveRecommendation);
        Assert.True(assessment.DecidedAboveRecommendation);
        Assert.Equal(Verdict.NotReady, assessment.DecisionRecommendation);
    }

    [Fact]
    public void Record_AGoOverAConditionalRecommendation_NeedsAReasonForTheGateThatCapsIt()
    {
        var answers = AnswersBuilder.Ready(ShippedQuestionnaires.Catalog.Current.Questionnaire.Version).With(QuestionKeys.ProductionBudget, 60_000m).Build();
        var assessment = Submitted(answers);
        Assert.Equal(Verdict.GoWithConditions, assessment.Readiness.Verdict);

        Assert.Equal("gateReasons.production-under-budgeted",
            Assert.ThrowsAny<ArgumentException>(() => Record(assessment, DecisionOutcome.Go)).ParamName);
        var conditional = Record(assessment, DecisionOutcome.GoWithConditions);
        Assert.Empty(conditional.AcceptedGates);
        Assert.False(conditional.IsAboveRecommendation);

        var go = Record(assessment, DecisionOutcome.Go, current: conditional,
            gateReasons: new Dictionary<string, string> { ["production-under-budgeted"] = "Finance tops up the budget in Q2." });
        Assert.Equal(["production-under-budgeted"], go.AcceptedGates.Select(g => g.GateKey));
        Assert.True(assessment.DecidedAboveRecommendation);
    }

    [Fact]
    public void Record_ANoGo_NeverNeedsGateReasons_AndKeepsNone()
    {
        var assessment = Submitted(Consulted());

        var decision = Record(assessment, DecisionOutcome.NoGo, gateReasons: UsersReason);

        Assert.Empty(decision.AcceptedGates);
        Assert.False(decision.IsAboveRecommendation);
        Assert.False(assessment.DecidedAboveRecommendation);
    }

    [Fact]
    public void Record_AboveTheRecommendationByTheScoreAlone_NeedsOnlyTheRationale()
    {
        var answers = AnswersBuilder.Ready(ShippedQuestionnaires.Catalog.Current.Questionnaire.Version)
            .With("integration.volume-tested", false).With("ownership.quality-monitoring", "none").With("ownership.improvement-budget", "none")
            .With("workflow.mapped-with-users", false).With("commitment.budget-status", "none").With("commitment.purpose", "explore")
            .With("involvement.defined-good-output", false).With("involvement.pilot-users", "enthusiasts").Build();
        var assessment = Submitted(answers);
        Assert.Empty(assessment.Score(ShippedQuestionnaires.Catalog, DecidedOn).Gates);
        Assert.True(assessment.Readiness.Verdict < Verdict.Go);

        var decision = Record(assessment, DecisionOutcome.Go);

        Assert.Empty(decision.AcceptedGates);
        Assert.True(decision.IsAboveRecommendation);
        Assert.True(assessment.DecidedAboveRecommendation);
    }

    [Fact]
    public void Record_AReasonOrAConditionForAGateThatIsNotTriggered_IsRefused()
    {
        var assessment = Submitted(Consulted());

        Assert.Equal("gateReasons.pilot-theatre", Assert.ThrowsAny<ArgumentException>(() => Record(assessment, DecisionOutcome.Go,
            gateReasons: new Dictionary<string, string>(UsersReason) { ["pilot-theatre"] = "Not relevant." })).ParamName);
        Assert.Equal("conditions[0].gateKey", Assert.ThrowsAny<ArgumentException>(() => Record(assessment, DecisionOutcome.GoWithConditions,
            conditions: [Condition() with { GateKey = "pilot-theatre" }], gateReasons: UsersReason)).ParamName);
        Assert.Null(assessment.Decision);
    }

    [Fact]
    public void GatesAccepted_AGoAcceptsEveryGate_AConditionalGoOnlyThoseBelowIt()
    {
        var answers = AnswersBuilder.Ready(ShippedQuestionnaires.Catalog.Current.Questionnaire.Version)
            .With(QuestionKeys.InvolvementLevel, "consulted").With(QuestionKeys.ProductionBudget, 60_000m).Build();
        var score = Submitted(answers).Score(ShippedQuestionnaires.Catalog, DecidedOn);

        Assert.Equal(["users-not-involved", "production-under-budgeted"], Decision.GatesAccepted(score, DecisionOutcome.Go).Select(g => g.Key));
        Assert.Equal(["users-not-involved"], Decision.GatesAccepted(score, DecisionOutcome.GoWithConditions).Select(g => g.Key));
        Assert.Empty(Decision.GatesAccepted(score, DecisionOutcome.NoGo));
    }
}
