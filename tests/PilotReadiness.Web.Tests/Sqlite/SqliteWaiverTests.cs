using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Tests.Decisions;
using PilotReadiness.Web.Tests.Infrastructure;
using PilotReadiness.Web.Waivers;

namespace PilotReadiness.Web.Tests.Sqlite;

/// <summary>A waiver on SQLite: stored, applied to the stored verdict, and lapsed by the expiry job's query.</summary>
public sealed class SqliteWaiverTests(SqliteAppFactory app) : SqliteTest(app)
{
    [Fact]
    public async Task Waiver_ApprovedLiftsTheStoredCap_AndTheExpiryJobRestoresIt()
    {
        using var reviewer = App.ClientFor(TestUsers.Reviewer);
        var id = await DecisionSupport.SubmittedAsync(Client, "Forecasting assistant", SampleAnswers.ReadyWith(QuestionKeys.IntegrationBudgeted, false));
        using var requested = await Client.RequestWaiverAsync(id, "integration-not-budgeted", "Paid from the platform budget.");
        var waiverId = (await requested.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var until = DecisionSupport.Today.AddDays(1);
        using var approved = await reviewer.AnswerWaiverAsync(id, waiverId, "approve", new { until = DecisionSupport.Day(until) });
        await approved.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(Verdict.Go, await StoredVerdictAsync(id));

        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var clock = new FakeTimeProvider(new DateTimeOffset(until.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        var expiry = new WaiverExpiry(db, scope.ServiceProvider.GetRequiredService<IQuestionnaireCatalog>(), clock, NullLogger<WaiverExpiry>.Instance);

        Assert.Equal(1, await expiry.RunAsync(CancellationToken.None));
        Assert.Equal(Verdict.NotReady, await StoredVerdictAsync(id));
        Assert.Equal(0, await expiry.RunAsync(CancellationToken.None));
    }

    private async Task<Verdict> StoredVerdictAsync(Guid id)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<AppDbContext>().Assessments.AsNoTracking().SingleAsync(a => a.Id == id)).Readiness.Verdict;
    }
}
