using System.Net;
using System.Text;
using System.Text.Json;
using PilotReadiness.Web.Tests.Infrastructure;
using static PilotReadiness.Web.Tests.Decisions.DecisionSupport;

namespace PilotReadiness.Web.Tests.Decisions;

public sealed class DecisionApiTests(PostgresAppFactory app) : PostgresTest(app), IDisposable
{
    private HttpClient Reviewer => _reviewer ??= App.ClientFor(TestUsers.Reviewer);

    private HttpClient? _reviewer;

    [Fact]
    public async Task Record_ConditionalGo_Returns201WithTheDecisionTheRecommendationAndALocation()
    {
        var id = await SubmittedAsync(Client);
        var etag = await ETagAsync(Reviewer, id);

        using var response = await Reviewer.PostDecisionAsync(id, ConditionalGo(
            ("Integration budget signed off", "Priya Natarajan", Today.AddDays(30)),
            ("Training plan agreed", "Sam Okafor", Today)), etag);

        var decision = await response.ReadJsonAsync(HttpStatusCode.Created);
        var decisionId = decision.GetProperty("id").GetGuid();
        Assert.Equal($"/api/assessments/{id}/decisions/{decisionId}", response.Headers.Location?.OriginalString);
        Assert.NotEqual(etag, ApiClientExtensions.ETagOf(response));
        Assert.Equal("go-with-conditions", decision.GetProperty("outcome").GetString());
        Assert.Equal("Stop if fewer than half the team use it after three months.", decision.GetProperty("killCriteria").GetString());
        Assert.Equal(("go", 92), (decision.GetProperty("recommendedVerdict").GetString(), decision.GetProperty("recommendedScore").GetInt32()));
        Assert.Equal(TestUsers.Reviewer.Name, decision.GetProperty("decidedBy").GetString());
        Assert.Equal(1, decision.GetProperty("revision").GetInt32());
        Assert.True(decision.GetProperty("current").GetBoolean());
        Assert.False(decision.GetProperty("lapsed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, decision.GetProperty("supersededAt").ValueKind);
        Assert.Equal(
            [("Integration budget signed off", "Priya Natarajan", Day(Today.AddDays(30)), "open"), ("Training plan agreed", "Sam Okafor", Day(Today), "open")],
            decision.GetProperty("conditions").EnumerateArray().Select(c => (c.GetProperty("description").GetString(), c.GetProperty("owner").GetString(),
                c.GetProperty("dueDate").GetString(), c.GetProperty("state").GetString())));

        using var single = await Client.GetAsync(response.Headers.Location);
        Assert.Equal(decisionId, (await single.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("id").GetGuid());

        // The assessment and the list carry the decision beside, not instead of, the computed verdict.
        var assessment = await Client.GetAssessmentAsync(id);
        var summary = assessment.Body.GetProperty("decision");
        Assert.Equal("go-with-conditions", summary.GetProperty("outcome").GetString());
        Assert.False(summary.GetProperty("lapsed").GetBoolean());
        Assert.Equal(Day(Today), summary.GetProperty("conditionsDue").GetString());
        using var list = await Client.GetAsync("/api/assessments");
        var item = Assert.Single((await list.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray());
        Assert.Equal("go", item.GetProperty("verdict").GetString());
        Assert.Equal("go-with-conditions", item.GetProperty("decision").GetProperty("outcome").GetString());
        Assert.Equal(92, (await Client.GetScoreAsync(id)).GetProperty("overall").GetInt32());
    }

    [Fact]
    public async Task AssessmentWithoutDecision_HasANullDecision()
    {
        var created = await Client.CreateAssessmentAsync();

        Assert.Equal(JsonValueKind.Null, created.Body.GetProperty("decision").ValueKind);
    }

    [Fact]
    public async Task History_IsNewestFirstOverEveryVersion_AndKeepsSupersededDecisions()
    {
        var first = await SubmittedAsync(Client);
        var noGo = await Reviewer.DecideAsync(first, Plain("no-go", "Users were not involved."));
        var conditional = await Reviewer.DecideAsync(first, ConditionalGo());
        var second = await ReassessAsync(App, first);
        using (var submitted = await Client.PostActionAsync(second, "submit"))
        {
            await submitted.ReadJsonAsync(HttpStatusCode.OK);
        }

        var go = await Reviewer.DecideAsync(second, Plain("go", "The condition was met and the second version is clean."));

        foreach (var id in new[] { first, second })
        {
            var history = await Client.HistoryAsync(id);
            Assert.Equal([go.GetProperty("id").GetGuid(), conditional.GetProperty("id").GetGuid(), noGo.GetProperty("id").GetGuid()],
                history.Select(d => d.GetProperty("id").GetGuid()));
            Assert.Equal([2, 1, 1], history.Select(d => d.GetProperty("revision").GetInt32()));
            Assert.Equal([true, false, false], history.Select(d => d.GetProperty("current").GetBoolean()));
            Assert.Equal(go.GetProperty("id").GetGuid(), history[1].GetProperty("supersededById").GetGuid());
            Assert.Equal(conditional.GetProperty("id").GetGuid(), history[2].GetProperty("supersededById").GetGuid());
            Assert.Equal(JsonValueKind.String, history[1].GetProperty("supersededAt").ValueKind);
            Assert.Equal("Users were not involved.", history[2].GetProperty("rationale").GetString());
        }

        Assert.Equal("go", (await Client.GetAssessmentAsync(second)).Body.GetProperty("decision").GetProperty("outcome").GetString());
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"outcome":"maybe","rationale":"x"}""", "outcome" },
        { """{"outcome":"go","rationale":"  "}""", "rationale" },
        { """{"outcome":"go","rationale":"ok\u0000"}""", "rationale" },
        { $$"""{"outcome":"go","rationale":"{{new string('r', 4001)}}"}""", "rationale" },
        { $$"""{"outcome":"go","rationale":"ok","killCriteria":"{{new string('k', 2001)}}"}""", "killCriteria" },
        { """{"outcome":"go-with-conditions","rationale":"ok"}""", "conditions" },
        { """{"outcome":"go-with-conditions","rationale":"ok","conditions":[]}""", "conditions" },
        { """{"outcome":"no-go","rationale":"ok","conditions":[{"description":"d","owner":"o","dueDate":"2099-01-01"}]}""", "conditions" },
        { """{"outcome":"go-with-conditions","rationale":"ok","conditions":[{"description":"d","owner":"o","dueDate":"2000-01-01"}]}""", "conditions[0].dueDate" },
        { """{"outcome":"go-with-conditions","rationale":"ok","conditions":[{"description":"d","owner":"o","dueDate":"2099-01-01"},{"description":"d","dueDate":"2099-01-01"}]}""", "conditions[1].owner" },
        { """{"outcome":"go-with-conditions","rationale":"ok","conditions":[{"description":"d","owner":"o","dueDate":"soon"}]}""", "conditions[0].dueDate" },
        { """{"outcome":"go-with-conditions","rationale":"ok","conditions":[{"description":"two\nlines","owner":"o","dueDate":"2099-01-01"}]}""", "conditions[0].description" },
        { """{"outcome":"go-with-conditions","rationale":"ok","conditions":[null]}""", "conditions[0]" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Record_BadInput_Answers400NamingTheFieldAndSavesNothing(string json, string field)
    {
        var id = await SubmittedAsync(Client);
        var etag = await ETagAsync(Reviewer, id);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/assessments/{id}/decisions")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", etag);

        using var response = await Reviewer.SendAsync(request);

        await response.ReadValidationErrorsAsync(field);
        Assert.Empty(await Reviewer.HistoryAsync(id));
        Assert.Equal(etag, await ETagAsync(Reviewer, id));
    }

    [Fact]
    public async Task Record_WithAStaleOrMissingIfMatch_IsRefusedAndSavesNothing()
    {
        var id = await SubmittedAsync(Client);
        var stale = await ETagAsync(Reviewer, id);
        await Reviewer.DecideAsync(id, Plain("no-go"));

        using var staleAnswer = await Reviewer.PostDecisionAsync(id, Plain("go"), stale);
        using var missing = await Reviewer.PostDecisionAsync(id, Plain("go"), ifMatch: null);

        await staleAnswer.ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        await missing.ReadProblemAsync(HttpStatusCode.PreconditionRequired);
        var only = Assert.Single(await Reviewer.HistoryAsync(id));
        Assert.Equal("no-go", only.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Record_OnADraftOrASupersededVersion_Answers409()
    {
        var draft = await Client.CreateAssessmentAsync();
        var first = await SubmittedAsync(Client, "Second pilot");
        var second = await ReassessAsync(App, first);

        using var onDraft = await Reviewer.PostDecisionAsync(draft.Id, Plain("go"), draft.ETag);
        using var onOld = await Reviewer.PostDecisionAsync(first, Plain("go"), await ETagAsync(Reviewer, first));
        using var onNewDraft = await Reviewer.PostDecisionAsync(second, Plain("go"), await ETagAsync(Reviewer, second));

        Assert.Contains("draft", (await onDraft.ReadProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("newer version", (await onOld.ReadProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await onNewDraft.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Empty(await Reviewer.HistoryAsync(first));
    }

    [Fact]
    public async Task Decisions_OfAnAssessmentSomeoneMayNotRead_Are404_AndOnlyReviewersDecide()
    {
        var id = await SubmittedAsync(Client);
        var decision = await Reviewer.DecideAsync(id, ConditionalGo());
        using var other = App.ClientFor(TestUsers.OtherSponsor);
        using var admin = App.ClientFor(TestUsers.Admin);
        var etag = await ETagAsync(Client, id);

        using var theirs = await other.GetAsync($"/api/assessments/{id}/decisions");
        using var unknown = await Reviewer.PostDecisionAsync(Guid.NewGuid(), Plain("go"), "\"1\"");
        using var bySponsor = await Client.PostDecisionAsync(id, Plain("go"), etag);
        using var byAdmin = await admin.PostDecisionAsync(id, Plain("go"), etag);
        using var sponsorMarks = await Client.MarkMetAsync(id, decision.GetProperty("id").GetGuid(),
            decision.GetProperty("conditions")[0].GetProperty("id").GetGuid(), etag);

        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, bySponsor.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, sponsorMarks.StatusCode);
        Assert.Single(await Client.HistoryAsync(id));
    }

    [Fact]
    public async Task MarkMet_MarksTheCondition_OnceAndOnlyWithTheCurrentETag()
    {
        var id = await SubmittedAsync(Client);
        var decision = await Reviewer.DecideAsync(id, ConditionalGo(
            ("First", "Priya Natarajan", Today.AddDays(3)), ("Second", "Sam Okafor", Today.AddDays(9))));
        var decisionId = decision.GetProperty("id").GetGuid();
        var firstCondition = decision.GetProperty("conditions")[0].GetProperty("id").GetGuid();
        var etag = await ETagAsync(Reviewer, id);

        using var withoutIfMatch = await Reviewer.MarkMetAsync(id, decisionId, firstCondition, null);
        using var unknown = await Reviewer.MarkMetAsync(id, decisionId, Guid.NewGuid(), etag);
        using var met = await Reviewer.MarkMetAsync(id, decisionId, firstCondition, etag);
        using var again = await Reviewer.MarkMetAsync(id, decisionId, firstCondition, ApiClientExtensions.ETagOf(met));
        using var stale = await Reviewer.MarkMetAsync(id, decisionId, decision.GetProperty("conditions")[1].GetProperty("id").GetGuid(), etag);

        await withoutIfMatch.ReadProblemAsync(HttpStatusCode.PreconditionRequired);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var body = await met.ReadJsonAsync(HttpStatusCode.OK);
        var states = body.GetProperty("conditions").EnumerateArray().Select(c => c.GetProperty("state").GetString());
        Assert.Equal(["met", "open"], states);
        Assert.Equal(TestUsers.Reviewer.Name, body.GetProperty("conditions")[0].GetProperty("metBy").GetString());
        await again.ReadProblemAsync(HttpStatusCode.Conflict);
        await stale.ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(Day(Today.AddDays(9)),
            (await Client.GetAssessmentAsync(id)).Body.GetProperty("decision").GetProperty("conditionsDue").GetString());
    }

    [Fact]
    public async Task MarkMet_OnASupersededDecision_Answers409()
    {
        var id = await SubmittedAsync(Client);
        var conditional = await Reviewer.DecideAsync(id, ConditionalGo());
        await Reviewer.DecideAsync(id, Plain("go"));

        using var response = await Reviewer.MarkMetAsync(id, conditional.GetProperty("id").GetGuid(),
            conditional.GetProperty("conditions")[0].GetProperty("id").GetGuid(), await ETagAsync(Reviewer, id));

        await response.ReadProblemAsync(HttpStatusCode.Conflict);
    }

    /// <summary>
    /// The lapse with a fake clock: a condition due tomorrow is open today and tomorrow, lapsed the day after (on the
    /// decision, the assessment and the list) until it is marked met; a new decision also ends it.
    /// </summary>
    [Fact]
    public async Task Lapse_FollowsTheAppsClock_UntilMetOrSuperseded()
    {
        var id = await SubmittedAsync(Client);
        var tomorrow = Today.AddDays(1);
        var decision = await Reviewer.DecideAsync(id, ConditionalGo(("Integration budget signed off", "Priya Natarajan", tomorrow)));
        var now = DateTimeOffset.UtcNow;

        using (var onDueDay = ClockedApp.Start(App, now.AddDays(1)))
        using (var client = await onDueDay.ClientForAsync(TestUsers.Reviewer))
        {
            var history = await client.HistoryAsync(id);
            Assert.False(history[0].GetProperty("lapsed").GetBoolean());
            Assert.Equal("open", history[0].GetProperty("conditions")[0].GetProperty("state").GetString());
        }

        using var later = ClockedApp.Start(App, now.AddDays(2));
        using var reviewer = await later.ClientForAsync(TestUsers.Reviewer);
        var lapsed = Assert.Single(await reviewer.HistoryAsync(id));
        Assert.True(lapsed.GetProperty("lapsed").GetBoolean());
        Assert.Equal("lapsed", lapsed.GetProperty("conditions")[0].GetProperty("state").GetString());
        var assessment = await reviewer.GetAssessmentAsync(id);
        Assert.True(assessment.Body.GetProperty("decision").GetProperty("lapsed").GetBoolean());
        using (var list = await reviewer.GetAsync("/api/assessments"))
        {
            var item = Assert.Single((await list.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray());
            Assert.True(item.GetProperty("decision").GetProperty("lapsed").GetBoolean());
        }

        using var met = await reviewer.MarkMetAsync(id, decision.GetProperty("id").GetGuid(),
            decision.GetProperty("conditions")[0].GetProperty("id").GetGuid(), assessment.ETag);
        var afterMet = await met.ReadJsonAsync(HttpStatusCode.OK);
        Assert.False(afterMet.GetProperty("lapsed").GetBoolean());
        Assert.False((await reviewer.GetAssessmentAsync(id)).Body.GetProperty("decision").GetProperty("lapsed").GetBoolean());

        // Another pilot whose go lapsed: a new decision ends the lapse, and the old one shows as it stood.
        var other = await SubmittedAsync(Client, "Second pilot");
        await Reviewer.DecideAsync(other, ConditionalGo(("Owner confirmed", "Sam Okafor", Today)));
        Assert.True((await reviewer.GetAssessmentAsync(other)).Body.GetProperty("decision").GetProperty("lapsed").GetBoolean());
        await reviewer.DecideAsync(other, Plain("no-go", "The owner never confirmed."));
        var otherHistory = await reviewer.HistoryAsync(other);
        Assert.Equal([false, false], otherHistory.Select(d => d.GetProperty("lapsed").GetBoolean()));
        Assert.Equal("lapsed", otherHistory[1].GetProperty("conditions")[0].GetProperty("state").GetString());
        Assert.False((await reviewer.GetAssessmentAsync(other)).Body.GetProperty("decision").GetProperty("lapsed").GetBoolean());
    }

    [Fact]
    public async Task Record_AboveTheRecommendationWithoutAReasonForTheGate_Is400NamingIt_AndSavesNothing()
    {
        var id = await SubmittedAsync(Client, answers: Consulted());

        using var refused = await Reviewer.PostDecisionAsync(id, Plain("go"), await ETagAsync(Reviewer, id));

        var messages = await refused.ReadValidationErrorsAsync("gateReasons.users-not-involved");
        Assert.Contains("Daily users not involved", messages[0], StringComparison.Ordinal);
        Assert.Empty(await Client.HistoryAsync(id));
    }

    [Fact]
    public async Task Record_AboveTheRecommendationWithAReasonPerGate_Is201_KeepsThemAndTheConditionsGate()
    {
        var id = await SubmittedAsync(Client, answers: Consulted());

        var decision = await Reviewer.DecideAsync(id, new
        {
            outcome = "go-with-conditions",
            rationale = "The team leads want it; they will be involved in acceptance before launch.",
            gateReasons = new Dictionary<string, string> { ["users-not-involved"] = "The team leads sign off every release." },
            conditions = new[] { new { description = "Daily users involved in acceptance", owner = "Marek Nowak", dueDate = Day(Today.AddDays(30)), gate = "users-not-involved" } },
        });

        Assert.Equal("not-ready", decision.GetProperty("recommendedVerdict").GetString());
        Assert.True(decision.GetProperty("aboveRecommendation").GetBoolean());
        var accepted = Assert.Single(decision.GetProperty("acceptedGates").EnumerateArray());
        Assert.Equal(("users-not-involved", "Daily users not involved", "The team leads sign off every release."),
            (accepted.GetProperty("gate").GetString(), accepted.GetProperty("label").GetString(), accepted.GetProperty("reason").GetString()));
        Assert.Equal("users-not-involved", decision.GetProperty("conditions")[0].GetProperty("gate").GetString());
        var listed = Assert.Single(await Client.HistoryAsync(id));
        Assert.Equal("The team leads sign off every release.", listed.GetProperty("acceptedGates")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Record_AReasonForAGateNotTriggered_OrAConditionForOne_Is400NamingTheField()
    {
        var id = await SubmittedAsync(Client);

        using var reason = await Reviewer.PostDecisionAsync(id, new
        {
            outcome = "go",
            rationale = "Clear case.",
            gateReasons = new Dictionary<string, string> { ["pilot-theatre"] = "Not relevant." },
        }, await ETagAsync(Reviewer, id));
        await reason.ReadValidationErrorsAsync("gateReasons.pilot-theatre");

        using var condition = await Reviewer.PostDecisionAsync(id, new
        {
            outcome = "go-with-conditions",
            rationale = "Clear case.",
            conditions = new[] { new { description = "Owner confirms", owner = "Sofia Lindqvist", dueDate = Day(Today.AddDays(10)), gate = "pilot-theatre" } },
        }, await ETagAsync(Reviewer, id));
        await condition.ReadValidationErrorsAsync("conditions[0].gateKey");
        Assert.Empty(await Client.HistoryAsync(id));
    }

    public void Dispose() => _reviewer?.Dispose();
}
