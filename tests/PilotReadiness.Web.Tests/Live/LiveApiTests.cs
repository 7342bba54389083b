using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Tests.Infrastructure;
using static PilotReadiness.Web.Tests.Live.LiveSupport;

namespace PilotReadiness.Web.Tests.Live;

/// <summary>
/// Go-live, the plan, check-ins and the production system's daily figures through <c>/api/live/{pilotId}</c> on
/// PostgreSQL: If-Match on the plan, audit, corrections that supersede, and the ingestion key's scope.
/// </summary>
public sealed class LiveApiTests(PostgresAppFactory app) : PostgresTest(app)
{
    [Fact]
    public async Task GoLive_ThenPlanChange_NeedsTheRevisionRead_IsAudited_AndAStaleChangeIsRefused()
    {
        var (id, pilotId) = await DecidedAsync(App, Client);
        using (var wentLive = await Client.PostAsJsonAsync($"/api/live/{pilotId}/go-live", Plan()))
        {
            var body = await wentLive.ReadJsonAsync(HttpStatusCode.Created);
            Assert.True(body.GetProperty("live").GetBoolean());
            Assert.Equal("\"1\"", ApiClientExtensions.ETagOf(wentLive));
        }

        using (var again = await Client.PostAsJsonAsync($"/api/live/{pilotId}/go-live", Plan()))
        {
            Assert.Contains("change its monitoring plan", (await again.ReadProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var changed = Plan();
        changed["eligibleUsers"] = 55;
        using (var unconditional = await Client.PutAsJsonAsync($"/api/live/{pilotId}/plan", changed))
        {
            await unconditional.ReadProblemAsync(HttpStatusCode.PreconditionRequired);
        }

        using (var ok = await PutPlanAsync(pilotId, changed, "\"1\""))
        {
            var body = await ok.ReadJsonAsync(HttpStatusCode.OK);
            Assert.Equal(55, body.GetProperty("plan").GetProperty("eligibleUsers").GetInt32());
            Assert.Equal("\"2\"", ApiClientExtensions.ETagOf(ok));
        }

        changed["eligibleUsers"] = 70;
        using (var stale = await PutPlanAsync(pilotId, changed, "\"1\""))
        {
            await stale.ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        }

        Assert.Equal(55, (await Client.GetLiveAsync(pilotId)).GetProperty("plan").GetProperty("eligibleUsers").GetInt32());
        var history = await Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/assessments/{id}/history");
        var kinds = history.EnumerateArray().Select(h => h.GetProperty("kind").GetString()).ToList();
        Assert.Contains("went-live", kinds);
        Assert.Single(kinds, k => k == "plan-changed");
    }

    [Fact]
    public async Task GoLive_WithBadPlan_Answers400NamingEachField_AndNothingIsSaved()
    {
        var (_, pilotId) = await DecidedAsync(App, Client);
        var plan = Plan();
        plan["eligibleUsers"] = 0;
        plan["targetShare"] = 140;
        plan["cadenceWeeks"] = 3;
        plan["ownerEmail"] = "not an address";
        plan["goodOutput"] = "";

        using var response = await Client.PostAsJsonAsync($"/api/live/{pilotId}/go-live", plan);

        foreach (var field in new[] { "eligibleUsers", "targetShare", "cadenceWeeks", "ownerEmail", "goodOutput" })
        {
            Assert.NotEmpty(await response.ReadValidationErrorsAsync(field));
        }

        Assert.False((await Client.GetLiveAsync(pilotId)).GetProperty("live").GetBoolean());
    }

    [Fact]
    public async Task GoLive_OnAPilotWithoutAGoDecision_IsRefusedWithTheDomainsReason()
    {
        var id = await Decisions.DecisionSupport.SubmittedAsync(Client);
        var pilotId = (await Client.GetAssessmentAsync(id)).Body.GetProperty("pilotId").GetGuid();

        using var response = await Client.PostAsJsonAsync($"/api/live/{pilotId}/go-live", Plan());

        var problem = await response.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("no decision is recorded yet", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckIn_IsNeverEdited_ACorrectionSupersedesIt_AndBothAreKept()
    {
        var (_, pilotId) = await LiveAsync(App, Client);
        using var filed = await Client.PostAsJsonAsync($"/api/live/{pilotId}/check-ins", CheckIn(activeUsers: 30));
        var first = await filed.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(1, first.GetProperty("period").GetInt32());

        // The period has its check-in: filing another is refused; correcting it is the way.
        using (var twice = await Client.PostAsJsonAsync($"/api/live/{pilotId}/check-ins", CheckIn(activeUsers: 31)))
        {
            await twice.ReadProblemAsync(HttpStatusCode.Conflict);
        }

        var firstId = first.GetProperty("id").GetGuid();
        using (var corrected = await Client.PostAsJsonAsync($"/api/live/{pilotId}/check-ins/{firstId}/correction", CheckIn(activeUsers: 12)))
        {
            var correction = await corrected.ReadJsonAsync(HttpStatusCode.Created);
            Assert.Equal(firstId, correction.GetProperty("supersedesId").GetGuid());
        }

        using (var stale = await Client.PostAsJsonAsync($"/api/live/{pilotId}/check-ins/{firstId}/correction", CheckIn(activeUsers: 13)))
        {
            Assert.NotEmpty(await stale.ReadValidationErrorsAsync("checkInId"));
        }

        var live = await Client.GetLiveAsync(pilotId);
        var checkIns = live.GetProperty("checkIns").EnumerateArray().ToList();
        Assert.Equal(2, checkIns.Count);
        Assert.False(checkIns.Single(c => c.GetProperty("id").GetGuid() == firstId).GetProperty("current").GetBoolean());
        Assert.Equal(30, checkIns.Single(c => c.GetProperty("id").GetGuid() == firstId).GetProperty("answers").GetProperty("activeUsers").GetInt32());
        Assert.Equal(12, live.GetProperty("periods")[0].GetProperty("activeUsers").GetInt32());
    }

    [Fact]
    public async Task CheckIn_WithFiguresThatDisagree_Answers400AndFilesNothing()
    {
        var (_, pilotId) = await LiveAsync(App, Client);
        var answers = CheckIn(reviewed: 10, met: 11);
        answers["casesEscalated"] = 300;
        answers["casesOverridden"] = 300;

        using var response = await Client.PostAsJsonAsync($"/api/live/{pilotId}/check-ins", answers);

        Assert.NotEmpty(await response.ReadValidationErrorsAsync("qualityMet"));
        Assert.Empty((await Client.GetLiveAsync(pilotId)).GetProperty("checkIns").EnumerateArray());
    }

    [Fact]
    public async Task Signals_SentAgainForADay_ReplaceIt_SoTheSeriesNeverCountsADayTwice()
    {
        var (_, pilotId) = await LiveAsync(App, Client);
        var (_, key) = await Client.IssueKeyAsync(pilotId);
        using var system = App.CreateClient();
        var days = Enumerable.Range(0, 28).Select(i => Signal(Today.AddDays(-28 + i), handled: 20)).ToArray();

        using (var first = await system.PostSignalsAsync(pilotId, key, new { signals = days }))
        {
            var body = await first.ReadJsonAsync(HttpStatusCode.OK);
            Assert.Equal(28, body.GetProperty("added").GetInt32());
        }

        using (var same = await system.PostSignalsAsync(pilotId, key, new { signals = days }))
        {
            var body = await same.ReadJsonAsync(HttpStatusCode.OK);
            Assert.Equal((0, 0, 28), (body.GetProperty("added").GetInt32(), body.GetProperty("replaced").GetInt32(), body.GetProperty("unchanged").GetInt32()));
        }

        using (var corrected = await system.PostSignalsAsync(pilotId, key, new { signals = new[] { Signal(Today.AddDays(-28), handled: 48) } }))
        {
            Assert.Equal(1, (await corrected.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("replaced").GetInt32());
        }

        Assert.Equal(28, await CountSignalsAsync(pilotId));
        var period = (await Client.GetLiveAsync(pilotId)).GetProperty("periods")[0];
        Assert.Equal((27 * 20) + 48, period.GetProperty("casesHandled").GetInt32());
        Assert.Equal("signals", period.GetProperty("casesSource").GetString());
    }

    [Fact]
    public async Task Signals_WithAnotherPilotsKey_AreRefused403_AndSaveNothing()
    {
        var (_, pilotA) = await LiveAsync(App, Client, "Pilot A");
        var (_, pilotB) = await LiveAsync(App, Client, "Pilot B");
        var (_, keyA) = await Client.IssueKeyAsync(pilotA);
        using var system = App.CreateClient();

        using var response = await system.PostSignalsAsync(pilotB, keyA, new { signals = new[] { Signal(Today.AddDays(-1)) } });

        await response.ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(0, await CountSignalsAsync(pilotB));
    }

    [Fact]
    public async Task Signals_WithARevokedOrReplacedOrMissingKey_AreRefused401()
    {
        var (_, pilotId) = await LiveAsync(App, Client);
        var (firstId, first) = await Client.IssueKeyAsync(pilotId);
        var (secondId, second) = await Client.IssueKeyAsync(pilotId);
        using var system = App.CreateClient();
        var batch = new { signals = new[] { Signal(Today.AddDays(-1)) } };

        using (var replaced = await system.PostSignalsAsync(pilotId, first, batch))
        {
            await replaced.ReadProblemAsync(HttpStatusCode.Unauthorized);
        }

        using (var revoke = await Client.DeleteAsync(new Uri($"/api/live/{pilotId}/keys/{secondId}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }

        using (var revoked = await system.PostSignalsAsync(pilotId, second, batch))
        {
            await revoked.ReadProblemAsync(HttpStatusCode.Unauthorized);
        }

        using (var none = await system.PostSignalsAsync(pilotId, null, batch))
        {
            await none.ReadProblemAsync(HttpStatusCode.Unauthorized);
        }

        using (var made = await system.PostSignalsAsync(pilotId, "prk_" + new string('x', 43), batch))
        {
            await made.ReadProblemAsync(HttpStatusCode.Unauthorized);
        }

        Assert.Equal(0, await CountSignalsAsync(pilotId));
        Assert.NotEqual(firstId, secondId);
    }

    [Fact]
    public async Task IngestionKey_IsShownOnce_StoredHashed_AndReadsNothing()
    {
        var (id, pilotId) = await LiveAsync(App, Client);
        var (_, key) = await Client.IssueKeyAsync(pilotId);

        var live = (await Client.GetLiveAsync(pilotId)).GetRawText();
        Assert.DoesNotContain(key, live, StringComparison.Ordinal);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var stored = await db.Set<Domain.Live.IngestionKey>().AsNoTracking().SingleAsync(k => k.PilotId == pilotId);
            Assert.NotEqual(key, stored.Hash);
            Assert.DoesNotContain(key, stored.Hash, StringComparison.Ordinal);
            Assert.True(key.StartsWith(stored.Prefix, StringComparison.Ordinal) && stored.Prefix.Length < key.Length / 2);
        }

        using var system = App.CreateClient();
        foreach (var url in new[] { $"/api/live/{pilotId}", $"/api/assessments/{id}", "/api/assessments", "/api/portfolio" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("X-Ingestion-Key", key);
            using var response = await system.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    public static TheoryData<string, string, string> BadBatches => new()
    {
        // name, JSON body, the field the 400 names
        { "no signals", """{"signals":[]}""", "signals" },
        { "signals missing", """{}""", "signals" },
        { "null item", """{"signals":[null]}""", "signals[0]" },
        { "no date", """{"signals":[{"activeUsers":1,"casesHandled":1,"casesEscalated":0,"casesOverridden":0,"errors":0}]}""", "signals[0].date" },
        { "future day", """{"signals":[{"date":"2999-01-01","activeUsers":1,"casesHandled":1,"casesEscalated":0,"casesOverridden":0,"errors":0}]}""", "signals[0].date" },
        { "before go-live", """{"signals":[{"date":"2000-01-01","activeUsers":1,"casesHandled":1,"casesEscalated":0,"casesOverridden":0,"errors":0}]}""", "signals[0].date" },
        { "negative users", """{"signals":[{"date":"YESTERDAY","activeUsers":-1,"casesHandled":1,"casesEscalated":0,"casesOverridden":0,"errors":0}]}""", "signals[0].activeUsers" },
        { "missing cases", """{"signals":[{"date":"YESTERDAY","activeUsers":1,"casesEscalated":0,"casesOverridden":0,"errors":0}]}""", "signals[0].casesHandled" },
        { "negative escalated", """{"signals":[{"date":"YESTERDAY","activeUsers":1,"casesHandled":1,"casesEscalated":-2,"casesOverridden":0,"errors":0}]}""", "signals[0].casesEscalated" },
        { "missing errors", """{"signals":[{"date":"YESTERDAY","activeUsers":1,"casesHandled":1,"casesEscalated":0,"casesOverridden":0}]}""", "signals[0].errors" },
        { "more overridden than handled", """{"signals":[{"date":"YESTERDAY","activeUsers":1,"casesHandled":3,"casesEscalated":2,"casesOverridden":2,"errors":0}]}""", "signals[0].casesOverridden" },
        { "day twice", """{"signals":[{"date":"YESTERDAY","activeUsers":1,"casesHandled":1,"casesEscalated":0,"casesOverridden":0,"errors":0},{"date":"YESTERDAY","activeUsers":1,"casesHandled":1,"casesEscalated":0,"casesOverridden":0,"errors":0}]}""", "signals[1].date" },
        { "not a date", """{"signals":[{"date":"yesterday","activeUsers":1,"casesHandled":1,"casesEscalated":0,"casesOverridden":0,"errors":0}]}""", "$.signals[0].date" },
        { "text for a number", """{"signals":[{"date":"YESTERDAY","activeUsers":"many","casesHandled":1,"casesEscalated":0,"casesOverridden":0,"errors":0}]}""", "$.signals[0].activeUsers" },
    };

    [Theory]
    [MemberData(nameof(BadBatches))]
    public async Task Signals_BadInput_Answers400NamingTheField_AndSavesNothingOfTheBatch(string name, string json, string field)
    {
        var (_, pilotId) = await LiveAsync(App, Client);
        var (_, key) = await Client.IssueKeyAsync(pilotId);
        using var system = App.CreateClient();
        // A good day first: the bad one after it must take it down with it.
        var good = $$"""{"date":"{{Day(Today.AddDays(-2))}}","activeUsers":1,"casesHandled":1,"casesEscalated":0,"casesOverridden":0,"errors":0}""";
        var body = json.Replace("YESTERDAY", Day(Today.AddDays(-1)), StringComparison.Ordinal);
        if (body.Contains("\"signals\":[{", StringComparison.Ordinal) && !field.StartsWith('$'))
        {
            body = body.Replace("\"signals\":[{", "\"signals\":[" + good + ",{", StringComparison.Ordinal);
            field = field.Replace("signals[1]", "signals[2]", StringComparison.Ordinal).Replace("signals[0]", "signals[1]", StringComparison.Ordinal);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/live/{pilotId}/signals") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("X-Ingestion-Key", key);
        using var response = await system.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: {(int)response.StatusCode}");
        var errors = (await response.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"{name}: the 400 names {errors.GetRawText()}, not {field}");
        Assert.Equal(0, await CountSignalsAsync(pilotId));
    }

    [Fact]
    public async Task Signals_NotJson_AreRefused_AndAreRateLimitedPerKey()
    {
        await using var host = App.WithWebHostBuilder(b => b.UseSetting("RateLimits:SignalsPerMinute", "3"));
        using var sponsor = host.CreateClient().Authorize(App.TokenFor(TestUsers.Sponsor));
        var (_, pilotId) = await LiveAsync(App, sponsor);
        var (_, key) = await sponsor.IssueKeyAsync(pilotId);
        using var system = host.CreateClient();

        using (var request = new HttpRequestMessage(HttpMethod.Post, $"/api/live/{pilotId}/signals") { Content = new StringContent("date=today", Encoding.UTF8, "text/plain") })
        {
            request.Headers.TryAddWithoutValidation("X-Ingestion-Key", key);
            using var response = await system.SendAsync(request);
            // The endpoint takes only JSON (its Accepts metadata): routing answers 415 to everyone, signed in or not.
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        }

        using (var request = new HttpRequestMessage(HttpMethod.Post, $"/api/live/{pilotId}/signals") { Content = new StringContent("{\"signals\": [", Encoding.UTF8, "application/json") })
        {
            request.Headers.TryAddWithoutValidation("X-Ingestion-Key", key);
            using var response = await system.SendAsync(request);
            await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        }

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await system.PostSignalsAsync(pilotId, key, new { signals = new[] { Signal(Today.AddDays(-1 - i)) } });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Signals_AfterMonitoringEnded_AreRefused409()
    {
        var (_, pilotId) = await LiveAsync(App, Client);
        var (_, key) = await Client.IssueKeyAsync(pilotId);
        using var reviewer = App.ClientFor(TestUsers.Reviewer);
        using (var request = new HttpRequestMessage(HttpMethod.Post, $"/api/live/{pilotId}/outcome")
        {
            Content = JsonContent.Create(new { kind = "rolled-back", date = Day(Today), note = "Replaced by the ERP's own matching." }),
        })
        {
            request.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
            using var outcome = await reviewer.SendAsync(request);
            await outcome.ReadJsonAsync(HttpStatusCode.Created);
        }

        using var system = App.CreateClient();
        using var response = await system.PostSignalsAsync(pilotId, key, new { signals = new[] { Signal(Today.AddDays(-1)) } });

        await response.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(0, await CountSignalsAsync(pilotId));
    }

    private async Task<HttpResponseMessage> PutPlanAsync(Guid pilotId, object plan, string ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/live/{pilotId}/plan") { Content = JsonContent.Create(plan) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await Client.SendAsync(request);
    }

    private async Task<int> CountSignalsAsync(Guid pilotId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().LiveSignals.CountAsync(s => s.PilotId == pilotId);
    }
}
