using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PilotReadiness.Web.Tests.Infrastructure;
using static PilotReadiness.Web.Tests.Decisions.DecisionSupport;

namespace PilotReadiness.Web.Tests.Outcomes;

public sealed class OutcomeApiTests(PostgresAppFactory app) : PostgresTest(app), IDisposable
{
    private HttpClient? _reviewerClient;

    /// <summary>The API as the reviewer, signed in after the test's reset.</summary>
    private HttpClient _reviewer => _reviewerClient ??= App.ClientFor(TestUsers.Reviewer);

    public void Dispose() => _reviewerClient?.Dispose();

    private static object Outcome(string kind, DateOnly date, string? note = null) => new { kind, date = Day(date), note };

    [Fact]
    public async Task RecordOutcome_StoppedBeforeLaunch_IsReadBackWithTheNewRevision_AndAudited()
    {
        var id = await SubmittedAsync(Client);
        var (before, etag) = await _reviewer.GetOutcomesAsync(id);
        Assert.Equal("\"0\"", etag);
        Assert.Equal(0, before.GetProperty("revision").GetInt32());
        Assert.Equal(JsonValueKind.Null, before.GetProperty("current").ValueKind);

        using var recorded = await _reviewer.PostOutcomeAsync(id, Outcome("stopped-before-launch", Today, "  Budget went elsewhere.  "), etag);
        var body = await recorded.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal("\"1\"", ApiClientExtensions.ETagOf(recorded));
        Assert.Equal("stopped-before-launch", body.GetProperty("kind").GetString());
        Assert.Equal("Budget went elsewhere.", body.GetProperty("note").GetString());
        Assert.Equal(TestUsers.Reviewer.Name, body.GetProperty("recordedBy").GetString());

        // The sponsor reads it too; a second outcome supersedes the first, and both are kept.
        var (read, etag1) = await Client.GetOutcomesAsync(id);
        Assert.Equal("stopped-before-launch", read.GetProperty("current").GetProperty("kind").GetString());
        using var again = await _reviewer.PostOutcomeAsync(id, Outcome("stopped-before-launch", Today, "Confirmed by the board."), etag1);
        await again.ReadJsonAsync(HttpStatusCode.Created);
        var (after, _) = await Client.GetOutcomesAsync(id);
        Assert.Equal(2, after.GetProperty("revision").GetInt32());
        Assert.Equal([true, false], after.GetProperty("outcomes").EnumerateArray().Select(o => o.GetProperty("current").GetBoolean()));

        using var history = await Client.GetAsync(new Uri($"/api/assessments/{id}/history", UriKind.Relative));
        var changes = (await history.ReadJsonAsync(HttpStatusCode.OK)).GetRawText();
        Assert.Contains("outcome-recorded", changes, StringComparison.Ordinal);
        Assert.Contains("Budget went elsewhere.", changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordOutcome_DateNotADate_400NamingTheField_AndSavesNothing()
    {
        var id = await SubmittedAsync(Client);

        using var response = await _reviewer.PostOutcomeAsync(id, new { kind = "stopped-before-launch", date = "31/12/2026" }, "\"0\"");

        Assert.Equal(["Give the date as YYYY-MM-DD, for example 2026-03-02."], await response.ReadValidationErrorsAsync("date"));
        Assert.Equal(0, (await _reviewer.GetOutcomesAsync(id)).Body.GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task RecordOutcome_DomainRulesBroken_400WithEveryFieldsMessage_AndSavesNothing()
    {
        var id = await SubmittedAsync(Client);

        using var response = await _reviewer.PostOutcomeAsync(id,
            new { kind = "in-daily-use", date = Day(Today.AddDays(3)), note = new string('x', 2001) }, "\"0\"");

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.StartsWith("This pilot never went live", errors.GetProperty("kind")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("Record an outcome once it has happened: the date cannot be in the future.", errors.GetProperty("date")[0].GetString());
        Assert.True(errors.TryGetProperty("note", out _));

        using var unknown = await _reviewer.PostOutcomeAsync(id, new { kind = "sideways" }, "\"0\"");
        var unknownErrors = (await unknown.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.StartsWith("Choose the outcome: in-daily-use, stalled", unknownErrors.GetProperty("kind")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("Give the date the outcome was known.", unknownErrors.GetProperty("date")[0].GetString());
        Assert.Equal(0, (await _reviewer.GetOutcomesAsync(id)).Body.GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task RecordOutcome_WithoutIfMatch_428_WithAStaleOne_412_AndNothingChanges()
    {
        var id = await SubmittedAsync(Client);
        var body = Outcome("stopped-before-launch", Today);

        using var missing = await _reviewer.PostOutcomeAsync(id, body, null);
        await missing.ReadProblemAsync(HttpStatusCode.PreconditionRequired);

        // Two reviewers read revision 0; the first records, the second is told someone else did.
        using var first = await _reviewer.PostOutcomeAsync(id, Outcome("stopped-before-launch", Today, "First"), "\"0\"");
        await first.ReadJsonAsync(HttpStatusCode.Created);
        using var second = await _reviewer.PostOutcomeAsync(id, Outcome("stopped-before-launch", Today, "Second"), "\"0\"");
        await second.ReadProblemAsync(HttpStatusCode.PreconditionFailed);

        var (after, etag) = await _reviewer.GetOutcomesAsync(id);
        Assert.Equal("\"1\"", etag);
        Assert.Equal("First", after.GetProperty("current").GetProperty("note").GetString());
    }

    [Fact]
    public async Task RecordOutcome_OnADraft_409WithTheDomainsMessage()
    {
        var draft = await Client.CreateAssessmentAsync("Still a draft");

        using var response = await _reviewer.PostOutcomeAsync(draft.Id, Outcome("stopped-before-launch", Today), "\"0\"");

        var problem = await response.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Only a pilot that has been submitted for review has an outcome to record; this one is a draft.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task RecordOutcome_ByTheSponsorOrAnAdmin_403()
    {
        var id = await SubmittedAsync(Client);
        using var admin = App.ClientFor(TestUsers.Admin);

        using var bySponsor = await Client.PostOutcomeAsync(id, Outcome("stopped-before-launch", Today), "\"0\"");
        using var byAdmin = await admin.PostOutcomeAsync(id, Outcome("stopped-before-launch", Today), "\"0\"");

        Assert.Equal(HttpStatusCode.Forbidden, bySponsor.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byAdmin.StatusCode);
    }

    [Fact]
    public async Task RecordOutcome_OnALivePilot_TakesTheLaunchedKinds_AndRolledBackEndsMonitoring()
    {
        var id = await SubmittedAsync(Client);
        await _reviewer.DecideAsync(id, Plain("go"));
        using var wentLive = await Client.PostAsJsonAsync($"/api/live/{id}/go-live", new
        {
            goLiveDate = Day(Today.AddDays(-20)), usingTeam = "Accounts payable", eligibleUsers = 40, targetShare = 80, cadenceWeeks = 4,
            ownerName = "Priya Natarajan", ownerEmail = "priya@example.com", reviewerName = "Sam Okafor",
            goodOutput = "A match the clerk accepts without changes.", acceptableShare = 80,
        });
        await wentLive.ReadJsonAsync(HttpStatusCode.Created);

        using var stopped = await _reviewer.PostOutcomeAsync(id, Outcome("stopped-before-launch", Today), "\"0\"");
        Assert.StartsWith("This pilot went live on", (await stopped.ReadValidationErrorsAsync("kind"))[0], StringComparison.Ordinal);
        using var early = await _reviewer.PostOutcomeAsync(id, Outcome("stalled", Today.AddDays(-30)), "\"0\"");
        Assert.StartsWith("The pilot went live on", (await early.ReadValidationErrorsAsync("date"))[0], StringComparison.Ordinal);

        using var rolledBack = await _reviewer.PostOutcomeAsync(id, Outcome("rolled-back", Today, "Users stopped trusting it."), "\"0\"");
        await rolledBack.ReadJsonAsync(HttpStatusCode.Created);
        using var live = await Client.GetAsync(new Uri($"/api/live/{id}", UriKind.Relative));
        var state = await live.ReadJsonAsync(HttpStatusCode.OK);
        Assert.True(state.GetProperty("ended").GetBoolean());
        Assert.Equal("rolled-back", state.GetProperty("outcome").GetProperty("kind").GetString());
    }
}
