using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Live;
using PilotReadiness.Domain.Outcomes;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Live;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Data;

/// <summary>
/// <see cref="LiveQueries"/> restates <see cref="LivePilot.Ended"/> and <see cref="LivePilot.HealthOn(DateOnly)"/> in SQL
/// (<see cref="LiveQueries.Monitored"/> and <see cref="LiveQueries.Healths"/>).
/// Here both run over the same rows on PostgreSQL (every kept health, next due dates around the overdue and orphaned
/// cut-offs, monitoring ended or not) and must select the same pilots.
/// </summary>
public sealed class LiveQueriesTests(PostgresAppFactory app) : PostgresTest(app)
{
    private static readonly int[] DueOffsets = [10, 0, -1, -MonitoringModel.OrphanedAfterDays, -MonitoringModel.OrphanedAfterDays - 1, -40];

    private static readonly OutcomeKind?[] Outcomes = [null, OutcomeKind.Stalled, OutcomeKind.RolledBack];

    [Fact]
    public async Task Healths_AndMonitored_SelectWhatTheDomainSays()
    {
        var now = DateTimeOffset.UtcNow;
        var today = now.Day();
        await ArrangeAsync(now);

        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var all = await db.LivePilots.AsNoTracking().IgnoreAutoIncludes().ToListAsync();
        Assert.Equal(LiveNames.AllHealth.Count * DueOffsets.Length * Outcomes.Length, all.Count);

        foreach (var health in LiveNames.AllHealth)
        {
            var sql = await db.LivePilots.Healths(today).Where(h => h.Health == health).Select(h => h.PilotId).OrderBy(id => id).ToListAsync();
            var domain = all.Where(l => l.HealthOn(today) == health).Select(l => l.PilotId).Order().ToList();
            Assert.True(domain.Count > 0, $"No row is {health}: the table tests nothing.");
            Assert.Equal(domain, sql);
        }

        var healths = await db.LivePilots.Healths(today).ToListAsync();
        Assert.Equal(
            all.Where(l => !l.Ended).Select(l => (l.PilotId, l.HealthOn(today), l.NextCheckInDue < today)).Order(),
            healths.Select(h => (h.PilotId, (LiveHealth?)h.Health, h.Overdue)).Order());

        Assert.Equal(all.Where(l => !l.Ended).Select(l => l.Id).Order(), await db.LivePilots.Monitored().Select(l => l.Id).OrderBy(id => id).ToListAsync());
        Assert.Equal(
            all.Where(l => !l.Ended && MonitoringModel.Health(LiveHealth.Healthy, l.NextCheckInDue, today) != LiveHealth.Healthy).Select(l => l.PilotId).Order(),
            await db.LivePilots.Healths(today).Where(h => h.Overdue).Select(h => h.PilotId).OrderBy(id => id).ToListAsync());
    }

    /// <summary>One live pilot for each kept health, next due date and outcome; the headline is set as a save would keep it.</summary>
    private async Task ArrangeAsync(DateTimeOffset now)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var owner = await db.Users.Where(u => u.Email == TestUsers.Sponsor.Email).Select(u => u.Id).SingleAsync();
        var plan = new PlanDraft(now.Day().AddDays(-60), "Team", 40, 80, 4, "Olga Owner", "owner@example.com", "Quinn", null, "Right first time.", 80);
        var version = ShippedQuestionnaires.Catalog.Current;
        var questionnaire = version.Questionnaire;
        var ready = ExampleAnswers.Read(questionnaire, ExampleAnswers.Ready(questionnaire.Version))
            .ToDictionary(a => a.Key, a => (Answer?)a.Value, StringComparer.Ordinal);
        foreach (var health in LiveNames.AllHealth)
        {
            foreach (var due in DueOffsets)
            {
                foreach (var outcome in Outcomes)
                {
                    var assessment = new Assessment(new AssessmentDetails($"{health} {due} {outcome}", "Unit", "Sponsor", null), version, owner, now);
                    assessment.SetAnswers(ShippedQuestionnaires.Catalog, ready, now);
                    assessment.Submit(ShippedQuestionnaires.Catalog, now);
                    db.Assessments.Add(assessment);
                    db.Decisions.Add(Decision.Record(assessment, ShippedQuestionnaires.Catalog, null, DecisionOutcome.Go, "Because.", null, [], "reviewer", "Reviewer", now));
                    var live = LivePilot.GoLive(assessment, null, plan, "Sam Sponsor", now);
                    db.LivePilots.Add(live);
                    var entry = db.Entry(live);
                    entry.Property(l => l.DataHealth).CurrentValue = health;
                    entry.Property(l => l.NextCheckInDue).CurrentValue = now.Day().AddDays(due);
                    entry.Property(l => l.Outcome).CurrentValue = outcome;
                }
            }
        }

        await db.SaveChangesAsync();
    }
}
