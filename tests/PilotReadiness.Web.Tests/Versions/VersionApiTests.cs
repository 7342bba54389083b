using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Versions;

public sealed class VersionApiTests(PostgresAppFactory app) : PostgresTest(app)
{
    /// <summary>An assessment answered with <paramref name="answers"/> and submitted; returns its id and ETag.</summary>
    private async Task<(Guid Id, string ETag)> SubmittedAsync(Dictionary<string, object?> answers, string title = "Invoice matching assistant")
    {
        var created = await Client.CreateAssessmentAsync(title);
        await Client.AnswerAsync(created.Id, answers);
        using var submit = await Client.PostActionAsync(created.Id, "submit");
        await submit.ReadJsonAsync(HttpStatusCode.OK);
        return (created.Id, ApiClientExtensions.ETagOf(submit));
    }

    private static async Task<HttpResponseMessage> ReassessAsync(HttpClient client, Guid id, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/assessments/{id}/reassess");
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Re-assesses, expecting 201; returns the new version.</summary>
    private async Task<ApiAssessment> ReassessedAsync(Guid id)
    {
        using var response = await ReassessAsync(Client, id);
        var body = await response.ReadJsonAsync(HttpStatusCode.Created);
        return new ApiAssessment(body.GetProperty("id").GetGuid(), ApiClientExtensions.ETagOf(response), body);
    }

    private static async Task<JsonElement> VersionsAsync(HttpClient client, Guid id)
    {
        using var response = await client.GetAsync($"/api/assessments/{id}/versions");
        return await response.ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Reassess_ASubmittedAssessment_Returns201WithTheNextVersionAndItsAnswers()
    {
        var answers = SampleAnswers.ReadyWith("involvement.level", "consulted");
        var (id, etag) = await SubmittedAsync(answers);

        using var response = await ReassessAsync(Client, id, etag);

        var body = await response.ReadJsonAsync(HttpStatusCode.Created);
        var newId = body.GetProperty("id").GetGuid();
        Assert.NotEqual(id, newId);
        Assert.Equal($"/api/assessments/{newId}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", ApiClientExtensions.ETagOf(response));
        Assert.Equal(id, body.GetProperty("pilotId").GetGuid());
        Assert.Equal(2, body.GetProperty("revision").GetInt32());
        Assert.True(body.GetProperty("current").GetBoolean());
        Assert.Equal("draft", body.GetProperty("status").GetString());
        Assert.Equal("Invoice matching assistant", body.GetProperty("title").GetString());
        var copied = body.GetProperty("answers");
        Assert.Equal(answers.Count, copied.EnumerateObject().Count());
        Assert.Equal("consulted", copied.GetProperty("involvement.level").GetString());
        Assert.Equal(160000, copied.GetProperty("integration.production-budget").GetInt32());

        var old = await Client.GetAssessmentAsync(id);
        Assert.False(old.Body.GetProperty("current").GetBoolean());
        Assert.Equal(1, old.Body.GetProperty("revision").GetInt32());
        Assert.Equal(JsonValueKind.String, old.Body.GetProperty("supersededAt").ValueKind);
        Assert.Equal("submitted", old.Status);
    }

    [Fact]
    public async Task Reassess_StaleIfMatch_Returns412AndStartsNothing()
    {
        var (id, _) = await SubmittedAsync(SampleAnswers.Ready());

        using var response = await ReassessAsync(Client, id, "\"1\"");

        await response.ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        var versions = await VersionsAsync(Client, id);
        Assert.Single(versions.GetProperty("versions").EnumerateArray());
        Assert.True((await Client.GetAssessmentAsync(id)).Body.GetProperty("current").GetBoolean());
    }

    [Fact]
    public async Task Reassess_ADraft_Returns409SayingToSubmitFirst()
    {
        var draft = await Client.CreateAssessmentAsync();

        using var response = await ReassessAsync(Client, draft.Id);

        var problem = await response.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("submitted", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Single((await VersionsAsync(Client, draft.Id)).GetProperty("versions").EnumerateArray());
    }

    [Fact]
    public async Task Reassess_ASupersededVersion_Returns409NamingTheVersion()
    {
        var (id, _) = await SubmittedAsync(SampleAnswers.Ready());
        await ReassessedAsync(id);

        using var response = await ReassessAsync(Client, id);

        var problem = await response.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("version 1", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, (await VersionsAsync(Client, id)).GetProperty("versions").GetArrayLength());
    }

    [Fact]
    public async Task Reassess_ByAnotherSponsor_Is404_ByAReviewer_Is403()
    {
        var (id, _) = await SubmittedAsync(SampleAnswers.Ready());
        using var other = App.ClientFor(TestUsers.OtherSponsor);
        using var reviewer = App.ClientFor(TestUsers.Reviewer);

        using var byOther = await ReassessAsync(other, id);
        using var byReviewer = await ReassessAsync(reviewer, id);

        Assert.Equal(HttpStatusCode.NotFound, byOther.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byReviewer.StatusCode);
        Assert.Single((await VersionsAsync(Client, id)).GetProperty("versions").EnumerateArray());
    }

    [Fact]
    public async Task OldVersion_RefusesAnswersSubmitReopenAndPeople_WithAClear409()
    {
        var (id, _) = await SubmittedAsync(SampleAnswers.Ready());
        var next = await ReassessedAsync(id);
        var before = await Client.GetAssessmentAsync(id);

        using var put = await Client.PutAnswersAsync(id, new Dictionary<string, object?> { ["involvement.level"] = "informed" });
        using var submit = await Client.PostActionAsync(id, "submit");
        using var reopen = await Client.PostActionAsync(id, "reopen");
        using var collaborator = await Client.PostAsJsonAsync($"/api/assessments/{id}/collaborators", new { email = TestUsers.OtherSponsor.Email });
        using var confirmation = await Client.PostAsJsonAsync($"/api/assessments/{id}/confirmations",
            new { questionKey = "after-demo.production-owner", email = "owner@example.com" });

        foreach (var response in new[] { put, submit, reopen, collaborator, confirmation })
        {
            var problem = await response.ReadProblemAsync(HttpStatusCode.Conflict);
            Assert.Contains("newer version", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var after = await Client.GetAssessmentAsync(id);
        Assert.Equal(before.ETag, after.ETag);
        Assert.Equal("involved", after.Answers.GetProperty("involvement.level").GetString());
        Assert.Equal("draft", (await Client.GetAssessmentAsync(next.Id)).Status);
    }

    [Fact]
    public async Task NewVersion_ChangesIndependentlyOfTheOld()
    {
        var (id, _) = await SubmittedAsync(SampleAnswers.Ready());
        var next = await ReassessedAsync(id);

        await Client.AnswerAsync(next.Id, new Dictionary<string, object?> { ["involvement.level"] = "informed", ["commitment.what-then"] = null });

        var old = await Client.GetAssessmentAsync(id);
        Assert.Equal("involved", old.Answers.GetProperty("involvement.level").GetString());
        Assert.True(old.Answers.TryGetProperty("commitment.what-then", out _));
        Assert.Equal(92, (await Client.GetScoreAsync(id)).GetProperty("overall").GetInt32());
    }

    [Fact]
    public async Task Versions_ListsEveryVersionOldestFirst_FromAnyVersion()
    {
        var (id, _) = await SubmittedAsync(SampleAnswers.ReadyWith("involvement.level", "informed"));
        var second = await ReassessedAsync(id);
        await Client.AnswerAsync(second.Id, new Dictionary<string, object?> { ["involvement.level"] = "involved" });
        using (var submit = await Client.PostActionAsync(second.Id, "submit"))
        {
            await submit.ReadJsonAsync(HttpStatusCode.OK);
        }

        var third = await ReassessedAsync(second.Id);

        foreach (var from in new[] { id, second.Id, third.Id })
        {
            var body = await VersionsAsync(Client, from);
            Assert.Equal(id, body.GetProperty("pilotId").GetGuid());
            Assert.Equal(third.Id, body.GetProperty("currentId").GetGuid());
            var versions = body.GetProperty("versions").EnumerateArray().ToList();
            Assert.Equal([id, second.Id, third.Id], versions.Select(v => v.GetProperty("id").GetGuid()));
            Assert.Equal([1, 2, 3], versions.Select(v => v.GetProperty("revision").GetInt32()));
            Assert.Equal([false, false, true], versions.Select(v => v.GetProperty("current").GetBoolean()));
            Assert.Equal(["submitted", "submitted", "draft"], versions.Select(v => v.GetProperty("status").GetString()));
            Assert.Equal("not-ready", versions[0].GetProperty("verdict").GetString());
            Assert.Equal("go", versions[1].GetProperty("verdict").GetString());
            Assert.Equal(["users-not-involved"], versions[0].GetProperty("gates").EnumerateArray().Select(g => g.GetString()));
            Assert.True(versions[0].GetProperty("overall").GetInt32() < versions[1].GetProperty("overall").GetInt32());
            Assert.Equal(versions[1].GetProperty("overall").GetInt32(), versions[2].GetProperty("overall").GetInt32());
            var sections = versions[0].GetProperty("sections").EnumerateArray().ToList();
            Assert.Equal(["commitment", "involvement", "after-demo", "integration", "workflow", "ownership"],
                sections.Select(s => s.GetProperty("key").GetString()));
            Assert.True(sections[1].GetProperty("score").GetInt32() < 100);
            Assert.All(versions, v =>
            {
                Assert.Equal(2, v.GetProperty("questionnaireVersion").GetInt32());
                Assert.Equal("2", v.GetProperty("modelVersion").GetString());
                Assert.Equal(JsonValueKind.String, v.GetProperty("createdAt").ValueKind);
            });
            Assert.Equal(JsonValueKind.Null, versions[2].GetProperty("submittedAt").ValueKind);
            Assert.Equal(JsonValueKind.Null, versions[2].GetProperty("supersededAt").ValueKind);
            Assert.Equal(JsonValueKind.String, versions[0].GetProperty("supersededAt").ValueKind);
        }
    }

    [Fact]
    public async Task List_ShowsOnlyTheCurrentVersionOfEachPilot()
    {
        var (id, _) = await SubmittedAsync(SampleAnswers.Ready(), "Re-assessed pilot");
        var next = await ReassessedAsync(id);
        await Client.CreateAssessmentAsync("Another pilot");

        using var response = await Client.GetAsync("/api/assessments?pageSize=100");
        var page = await response.ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(2, page.GetProperty("totalCount").GetInt32());
        var item = page.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("title").GetString() == "Re-assessed pilot");
        Assert.Equal(next.Id, item.GetProperty("id").GetGuid());
        Assert.Equal(2, item.GetProperty("revision").GetInt32());
        Assert.Equal(id, item.GetProperty("pilotId").GetGuid());
    }

    [Fact]
    public async Task Compare_TwoVersions_GivesChangedAnswersDeltasAndGates()
    {
        var (id, _) = await SubmittedAsync(SampleAnswers.ReadyWith("involvement.level", "consulted"));
        var next = await ReassessedAsync(id);
        await Client.AnswerAsync(next.Id, new Dictionary<string, object?>
        {
            ["involvement.level"] = "involved",            // closes users-not-involved
            ["commitment.adoption"] = "tbd",               // opens pilot theatre: not a real answer
            ["ownership.run-cost"] = 45000,                // changed, no points
        });

        foreach (var (from, with) in new[] { (id, next.Id), (next.Id, id) })
        {
            using var response = await Client.GetAsync($"/api/assessments/{from}/compare?with={with}");
            var c = await response.ReadJsonAsync(HttpStatusCode.OK);

            // Always from the older version to the newer, whichever is named first.
            Assert.Equal(1, c.GetProperty("from").GetProperty("revision").GetInt32());
            Assert.Equal(2, c.GetProperty("to").GetProperty("revision").GetInt32());
            Assert.Equal("not-ready", c.GetProperty("verdictBefore").GetString());
            Assert.Equal("no-go", c.GetProperty("verdictAfter").GetString());
            Assert.Equal(["pilot-theatre"], c.GetProperty("gatesOpened").EnumerateArray().Select(g => g.GetProperty("key").GetString()));
            Assert.Equal(["users-not-involved"], c.GetProperty("gatesClosed").EnumerateArray().Select(g => g.GetProperty("key").GetString()));
            var changes = c.GetProperty("answers").EnumerateArray()
                .Select(a => (a.GetProperty("questionKey").GetString(), a.GetProperty("change").GetString(), a.GetProperty("before").GetString(), a.GetProperty("after").GetString()))
                .ToList();
            Assert.Equal(3, changes.Count);
            Assert.Contains(("involvement.level", "changed", "Consulted for their views", "Involved in design, testing and acceptance"), changes);
            Assert.Contains(("ownership.run-cost", "changed", "30,000", "45,000"), changes);
            Assert.Contains(changes, x => x.Item1 == "commitment.adoption" && x.Item2 == "changed" && x.Item4 == "tbd");
            var sections = c.GetProperty("sections").EnumerateArray().ToDictionary(s => s.GetProperty("key").GetString()!);
            Assert.Equal(6, sections.Count);
            Assert.True(sections["involvement"].GetProperty("delta").GetInt32() > 0);
            Assert.True(sections["commitment"].GetProperty("delta").GetInt32() < 0);
            Assert.Equal(0, sections["ownership"].GetProperty("delta").GetInt32());
            Assert.Equal(
                c.GetProperty("overallAfter").GetInt32() - c.GetProperty("overallBefore").GetInt32(),
                c.GetProperty("overallDelta").GetInt32());
            Assert.All(sections.Values, s => Assert.Equal(
                s.GetProperty("after").GetInt32() - s.GetProperty("before").GetInt32(), s.GetProperty("delta").GetInt32()));
        }
    }

    [Fact]
    public async Task Compare_WithAVersionOfAnotherPilot_Is400NamingWith_AndAnUnknownOneIs404()
    {
        var (id, _) = await SubmittedAsync(SampleAnswers.Ready());
        await ReassessedAsync(id);
        var otherPilot = await Client.CreateAssessmentAsync("Another pilot");
        var notMine = await App.ClientFor(TestUsers.OtherSponsor).CreateAssessmentAsync("Their pilot");

        using var otherPilotResponse = await Client.GetAsync($"/api/assessments/{id}/compare?with={otherPilot.Id}");
        using var missing = await Client.GetAsync($"/api/assessments/{id}/compare");
        using var malformed = await Client.GetAsync($"/api/assessments/{id}/compare?with=not-a-guid");
        using var same = await Client.GetAsync($"/api/assessments/{id}/compare?with={id}");
        using var unknown = await Client.GetAsync($"/api/assessments/{id}/compare?with={Guid.NewGuid()}");
        using var invisible = await Client.GetAsync($"/api/assessments/{id}/compare?with={notMine.Id}");
        using var unknownId = await Client.GetAsync($"/api/assessments/{Guid.NewGuid()}/compare?with={id}");

        Assert.Contains("another pilot", (await otherPilotResponse.ReadValidationErrorsAsync("with"))[0], StringComparison.Ordinal);
        await missing.ReadValidationErrorsAsync("with");
        await malformed.ReadValidationErrorsAsync("with");
        await same.ReadValidationErrorsAsync("with");
        Assert.StartsWith("with:", (await unknown.ReadProblemAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("with:", (await invisible.ReadProblemAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknownId.StatusCode);
    }

    [Fact]
    public async Task Versions_AnotherSponsor_Gets404_AReviewer_SeesThemAll()
    {
        var (id, _) = await SubmittedAsync(SampleAnswers.Ready());
        var next = await ReassessedAsync(id);
        using var other = App.ClientFor(TestUsers.OtherSponsor);
        using var reviewer = App.ClientFor(TestUsers.Reviewer);

        using var theirs = await other.GetAsync($"/api/assessments/{id}/versions");
        using var theirCompare = await other.GetAsync($"/api/assessments/{id}/compare?with={next.Id}");

        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, theirCompare.StatusCode);
        Assert.Equal(2, (await VersionsAsync(reviewer, next.Id)).GetProperty("versions").GetArrayLength());
        using var compare = await reviewer.GetAsync($"/api/assessments/{id}/compare?with={next.Id}");
        await compare.ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Visibility_FollowsTheCurrentVersionsCollaborators()
    {
        var (id, _) = await SubmittedAsync(SampleAnswers.Ready());
        var next = await ReassessedAsync(id);
        using var other = App.ClientFor(TestUsers.OtherSponsor);

        // Added on the current version: the earlier version is theirs to read too.
        using (var add = await Client.PostAsJsonAsync($"/api/assessments/{next.Id}/collaborators", new { email = TestUsers.OtherSponsor.Email }))
        {
            await add.ReadJsonAsync(HttpStatusCode.OK);
        }

        using (var old = await other.GetAsync($"/api/assessments/{id}"))
        {
            Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        }

        Assert.Equal(2, (await VersionsAsync(other, id)).GetProperty("versions").GetArrayLength());

        // Removed from the current version: none of the versions is.
        var otherId = (await Client.GetAssessmentAsync(next.Id)).Body.GetProperty("collaborators")[0].GetString();
        using (var remove = await Client.DeleteAsync($"/api/assessments/{next.Id}/collaborators/{otherId}"))
        {
            await remove.ReadJsonAsync(HttpStatusCode.OK);
        }

        using var oldAfter = await other.GetAsync($"/api/assessments/{id}");
        using var currentAfter = await other.GetAsync($"/api/assessments/{next.Id}");
        Assert.Equal(HttpStatusCode.NotFound, oldAfter.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, currentAfter.StatusCode);
    }

    [Fact]
    public async Task Reassess_TwoAtOnce_StartOneVersionOnly()
    {
        var (id, etag) = await SubmittedAsync(SampleAnswers.Ready());
        using var second = App.ClientFor(TestUsers.Sponsor);

        var responses = await Task.WhenAll(ReassessAsync(Client, id, etag), ReassessAsync(second, id, etag));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created),
            r => Assert.True(r.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        Assert.Equal(2, (await VersionsAsync(Client, id)).GetProperty("versions").GetArrayLength());
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}
