using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Data;

/// <summary>
/// Each named query of <see cref="AssessmentQueries"/> restates a domain property in SQL. Here both run over the same
/// rows on PostgreSQL, for a table of days and cut-offs, and must select the same assessments.
/// </summary>
public sealed class AssessmentQueriesTests(PostgresAppFactory app) : PostgresTest(app)
{
    /// <summary>Monday 1 June 2026, 09:00 UTC, when the rows start; each change comes a day later than the one before.</summary>
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private static DateOnly Day(int days) => Start.AddDays(days).Day();

    /// <summary>Rows in every state the properties tell apart; returns them as stored.</summary>
    private async Task<(List<Assessment> Assessments, List<Decision> Decisions)> ArrangeAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var owner = await db.Users.Where(u => u.Email == TestUsers.Sponsor.Email).Select(u => u.Id).SingleAsync();
        var questionnaire = ShippedQuestionnaires.Catalog.Current.Questionnaire;
        var ready = ExampleAnswers.Read(questionnaire, ExampleAnswers.Ready(questionnaire.Version))
            .ToDictionary(a => a.Key, a => (Answer?)a.Value, StringComparer.Ordinal);
        Assessment New(string title)
        {
            var assessment = new Assessment(new AssessmentDetails(title, "Unit", "Sponsor", null), ShippedQuestionnaires.Catalog.Get(questionnaire.Version), owner, Start);
            assessment.SetAnswers(ShippedQuestionnaires.Catalog, ready, Start);
            return assessment;
        }

        Decision Decide(Assessment a, Decision? current, DecisionOutcome outcome, int day, params int[] dueDays) =>
            Decision.Record(a, ShippedQuestionnaires.Catalog, current, outcome, "Because.", null, [.. dueDays.Select(d => new ConditionDraft("Condition", "Owner", Day(d)))],
                "reviewer", "Reviewer", Start.AddDays(day));

        var draft = New("draft");
        var waiting = New("submitted, waiting");
        waiting.Submit(ShippedQuestionnaires.Catalog, Start.AddDays(1));
        var waitingLater = New("submitted later, waiting");
        waitingLater.Submit(ShippedQuestionnaires.Catalog, Start.AddDays(10));
        var decided = New("decided");
        decided.Submit(ShippedQuestionnaires.Catalog, Start.AddDays(1));
        var decidedGo = Decide(decided, null, DecisionOutcome.Go, 2);
        var resubmitted = New("decided, re-opened and submitted again");
        resubmitted.Submit(ShippedQuestionnaires.Catalog, Start.AddDays(1));
        var earlier = Decide(resubmitted, null, DecisionOutcome.NoGo, 2);
        resubmitted.Reopen(ShippedQuestionnaires.Catalog, Start.AddDays(3));
        resubmitted.Submit(ShippedQuestionnaires.Catalog, Start.AddDays(4));
        var first = New("re-assessed");
        first.Submit(ShippedQuestionnaires.Catalog, Start.AddDays(1));
        var second = first.Reassess(ShippedQuestionnaires.Catalog, Start.AddDays(2));
        var conditional = New("conditional go");
        conditional.Submit(ShippedQuestionnaires.Catalog, Start.AddDays(1));
        var superseded = Decide(conditional, null, DecisionOutcome.GoWithConditions, 2, 30);
        var standing = Decide(conditional, superseded, DecisionOutcome.GoWithConditions, 3, 20, 40);
        var met = New("conditional go, all met");
        met.Submit(ShippedQuestionnaires.Catalog, Start.AddDays(1));
        var allMet = Decide(met, null, DecisionOutcome.GoWithConditions, 2, 5);
        allMet.MarkConditionMet(allMet.Conditions[0].Id, met, "Owner", Start.AddDays(4));

        List<Assessment> assessments = [draft, waiting, waitingLater, decided, resubmitted, first, second, conditional, met];
        List<Decision> decisions = [decidedGo, earlier, superseded, standing, allMet];
        db.Assessments.AddRange(assessments);
        db.Decisions.AddRange(decisions);
        await db.SaveChangesAsync();
        return (assessments, decisions);
    }

    private async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    [Fact]
    public async Task Current_SelectsWhatIsCurrentSays_ForAssessmentsAndDecisions()
    {
        var (assessments, decisions) = await ArrangeAsync();

        var currentAssessments = await QueryAsync(db => db.Assessments.Current().Select(a => a.Id).ToListAsync());
        var currentDecisions = await QueryAsync(db => db.Decisions.Current().Select(d => d.Id).ToListAsync());

        Assert.Equal(assessments.Where(a => a.IsCurrent).Select(a => a.Id).Order(), currentAssessments.Order());
        Assert.Equal(decisions.Where(d => d.IsCurrent).Select(d => d.Id).Order(), currentDecisions.Order());
        Assert.Contains(assessments, a => !a.IsCurrent);
        Assert.Contains(decisions, d => !d.IsCurrent);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(11)]
    [InlineData(null)]
    public async Task AwaitingDecision_SelectsWhatAwaitsDecisionSays_SubmittedBeforeTheCutoff(int? cutoffDays)
    {
        var (assessments, _) = await ArrangeAsync();
        var cutoff = cutoffDays is { } days ? Start.AddDays(days) : DateTimeOffset.MaxValue;

        var selected = await QueryAsync(db => db.Assessments.AwaitingDecision(cutoff).Select(a => a.Id).ToListAsync());

        Assert.Equal(assessments.Where(a => a.AwaitsDecision && a.SubmittedAt < cutoff).Select(a => a.Id).Order(), selected.Order());
    }

    [Theory]
    [InlineData(3)]
    [InlineData(20)]
    [InlineData(21)]
    [InlineData(40)]
    [InlineData(41)]
    public async Task LapsedAndNotYetLapsed_SplitTheUnmetConditionsAsIsLapsedSays_OnEachDay(int day)
    {
        var (assessments, _) = await ArrangeAsync();
        var today = Day(day);

        var lapsed = await QueryAsync(db => db.Assessments.Lapsed(today).Select(a => a.Id).ToListAsync());
        var notYet = await QueryAsync(db => db.Assessments.NotYetLapsed(today).Select(a => a.Id).ToListAsync());

        Assert.Equal(assessments.Where(a => a.IsLapsed(today)).Select(a => a.Id).Order(), lapsed.Order());
        Assert.Equal(assessments.Where(a => a.ConditionsDue is not null && !a.IsLapsed(today)).Select(a => a.Id).Order(), notYet.Order());
    }

    [Fact]
    public async Task TheRows_CoverEveryCaseTheQueriesTellApart()
    {
        var (assessments, _) = await ArrangeAsync();

        Assert.Contains(assessments, a => a.AwaitsDecision && a.DecidedAt is not null);
        Assert.Contains(assessments, a => !a.AwaitsDecision && a.Status == AssessmentStatus.Submitted);
        Assert.Contains(assessments, a => a.IsLapsed(Day(21)));
        Assert.Contains(assessments, a => a.Decision == DecisionOutcome.GoWithConditions && a.ConditionsDue is null);
    }
}
