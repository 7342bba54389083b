using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Api;

public sealed class AssessmentLifecycleApiTests(PostgresAppFactory app) : PostgresTest(app)
{
    [Fact]
    public async Task PostAssessment_ValidDetails_Returns201WithLocationDraftStatusAndETag1()
    {
        using var response = await Client.PostAsJsonAsync("/api/assessments",
            new { title = "  Invoice matching assistant ", businessUnit = "Finance", sponsor = "Amira Haddad" });

        var body = await response.ReadJsonAsync(HttpStatusCode.Created);
        var id = body.GetProperty("id").GetGuid();
        Assert.NotEqual(Guid.Empty, id);
        Assert.Equal($"/api/assessments/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", ApiClientExtensions.ETagOf(response));
        Assert.Equal("draft", body.GetProperty("status").GetString());
        Assert.Equal("Invoice matching assistant", body.GetProperty("title").GetString());
        Assert.Equal("", body.GetProperty("description").GetString());
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        Assert.Equal(2, body.GetProperty("questionnaireVersion").GetInt32());
        Assert.Equal("2", body.GetProperty("modelVersion").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("submittedAt").ValueKind);
        Assert.Empty(body.GetProperty("answers").EnumerateObject());
    }

    [Fact]
    public async Task GetAssessment_AfterCreate_ReturnsTheSameAssessmentAndETag()
    {
        var created = await Client.CreateAssessmentAsync("Customer email triage");

        var fetched = await Client.GetAssessmentAsync(created.Id);

        Assert.Equal(created.Id, fetched.Id);
        Assert.Equal("\"1\"", fetched.ETag);
        Assert.Equal("Customer email triage", fetched.Body.GetProperty("title").GetString());
        Assert.Equal("Finance", fetched.Body.GetProperty("businessUnit").GetString());
        Assert.Equal("Amira Haddad", fetched.Body.GetProperty("sponsor").GetString());
        Assert.Equal("draft", fetched.Status);
    }

    [Fact]
    public async Task ListAssessments_StatusFilter_ReturnsOnlyThatStatusWithCounts()
    {
        var first = await Client.CreateAssessmentAsync("First");
        var second = await Client.CreateReadyAssessmentAsync("Second");
        await Client.CreateAssessmentAsync("Third");
        using (var submit = await Client.PostActionAsync(second.Id, "submit"))
        {
            Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        }

        var drafts = await GetListAsync("/api/assessments?status=draft");
        var submitted = await GetListAsync("/api/assessments?status=submitted");
        var all = await GetListAsync("/api/assessments");

        Assert.Equal(2, drafts.GetProperty("totalCount").GetInt32());
        Assert.All(drafts.GetProperty("items").EnumerateArray(), i => Assert.Equal("draft", i.GetProperty("status").GetString()));
        Assert.Contains(drafts.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == first.Id);
        var only = Assert.Single(submitted.GetProperty("items").EnumerateArray());
        Assert.Equal(second.Id, only.GetProperty("id").GetGuid());
        Assert.Equal(1, submitted.GetProperty("totalCount").GetInt32());
        Assert.Equal(3, all.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task ListAssessments_Paging_SplitsItemsAndReportsTotals()
    {
        var ids = new List<Guid>();
        for (var i = 1; i <= 5; i++)
        {
            ids.Add((await Client.CreateAssessmentAsync($"Pilot {i}")).Id);
        }

        var page1 = await GetListAsync("/api/assessments?page=1&pageSize=2");
        var page3 = await GetListAsync("/api/assessments?page=3&pageSize=2");
        var page4 = await GetListAsync("/api/assessments?page=4&pageSize=2");
        var page2 = await GetListAsync("/api/assessments?page=2&pageSize=2");

        Assert.Equal(1, page1.GetProperty("page").GetInt32());
        Assert.Equal(2, page1.GetProperty("pageSize").GetInt32());
        Assert.Equal(5, page1.GetProperty("totalCount").GetInt32());
        Assert.Equal(3, page1.GetProperty("totalPages").GetInt32());
        Assert.Equal(2, page1.GetProperty("items").GetArrayLength());
        Assert.Equal(1, page3.GetProperty("items").GetArrayLength());
        Assert.Equal(0, page4.GetProperty("items").GetArrayLength());
        Assert.Equal(5, page4.GetProperty("totalCount").GetInt32());
        var seen = new[] { page1, page2, page3 }.SelectMany(p => p.GetProperty("items").EnumerateArray())
            .Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(ids.Order(), seen.Order());
    }

    [Fact]
    public async Task ListAssessments_NewestChangeFirst()
    {
        var older = await Client.CreateAssessmentAsync("Older");
        var newer = await Client.CreateAssessmentAsync("Newer");
        Assert.Equal([newer.Id, older.Id], await ListedIdsAsync());

        await Client.AnswerAsync(older.Id, new Dictionary<string, object?> { ["involvement.level"] = "informed" });

        Assert.Equal([older.Id, newer.Id], await ListedIdsAsync());
    }

    [Fact]
    public async Task ListAssessments_Item_CarriesScoreVerdictAndPilotTheatre()
    {
        var created = await Client.CreateAssessmentAsync();
        await Client.AnswerAsync(created.Id, SampleAnswers.Ready());

        var item = Assert.Single((await GetListAsync("/api/assessments")).GetProperty("items").EnumerateArray());

        Assert.Equal(created.Id, item.GetProperty("id").GetGuid());
        // Nobody named has confirmed yet, so the four named people earn half their points: 92, still a go.
        Assert.Equal(92, item.GetProperty("overall").GetInt32());
        Assert.Equal("go", item.GetProperty("verdict").GetString());
        Assert.False(item.GetProperty("pilotTheatre").GetBoolean());
    }

    [Fact]
    public async Task Submit_Draft_BecomesSubmittedAndBumpsETag()
    {
        var created = await Client.CreateReadyAssessmentAsync();

        using var response = await Client.PostActionAsync(created.Id, "submit");

        var body = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("submitted", body.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, body.GetProperty("submittedAt").ValueKind);
        Assert.Equal("\"3\"", ApiClientExtensions.ETagOf(response));
        Assert.Equal("submitted", (await Client.GetAssessmentAsync(created.Id)).Status);
    }

    [Fact]
    public async Task Submit_AlreadySubmitted_Returns409AndChangesNothing()
    {
        var created = await Client.CreateReadyAssessmentAsync();
        using (var first = await Client.PostActionAsync(created.Id, "submit"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var second = await Client.PostActionAsync(created.Id, "submit");

        await second.ReadProblemAsync(HttpStatusCode.Conflict);
        var after = await Client.GetAssessmentAsync(created.Id);
        Assert.Equal("submitted", after.Status);
        Assert.Equal("\"3\"", after.ETag);
    }

    [Fact]
    public async Task Submit_OneAnswerOfForty_Returns409NamingEveryRequiredQuestion_AndChangesNothing()
    {
        var created = await Client.CreateAssessmentAsync();
        var answered = await Client.AnswerAsync(created.Id, new Dictionary<string, object?> { ["commitment.purpose"] = "de-risk" });

        using var response = await Client.PostActionAsync(created.Id, "submit");

        var problem = await response.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(
            [
                "commitment.adoption", "commitment.integration-built", "commitment.what-then-owner", "commitment.success-criteria",
                "involvement.level", "after-demo.production-owner", "integration.systems",
            ],
            problem.GetProperty("missing").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("Not answered yet.", problem.GetProperty("reasons").GetProperty("involvement.level").GetString());
        Assert.StartsWith("7 questions required to proceed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var after = await Client.GetAssessmentAsync(created.Id);
        Assert.Equal(("draft", answered.ETag), (after.Status, after.ETag));
    }

    [Theory]
    [InlineData("commitment.adoption", "tbd", "placeholder")]
    [InlineData("commitment.success-criteria", "We'll figure that out once we see the pilot results.", "puts the answer off")]
    [InlineData("after-demo.production-owner", "IT Service Desk (to be confirmed)", "placeholder")]
    public async Task Submit_ARequiredQuestionWithANonAnswer_Returns409NamingItAndWhy(string key, string nonAnswer, string reason)
    {
        var created = await Client.CreateReadyAssessmentAsync();
        await Client.AnswerAsync(created.Id, new Dictionary<string, object?> { [key] = nonAnswer });

        using var response = await Client.PostActionAsync(created.Id, "submit");

        var problem = await response.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal([key], problem.GetProperty("missing").EnumerateArray().Select(k => k.GetString()));
        Assert.Contains(reason, problem.GetProperty("reasons").GetProperty(key).GetString(), StringComparison.Ordinal);
        Assert.Equal("draft", (await Client.GetAssessmentAsync(created.Id)).Status);
    }

    [Fact]
    public async Task PutAnswers_Submitted_Returns409AndChangesNothing()
    {
        var created = await Client.CreateReadyAssessmentAsync();
        await Client.AnswerAsync(created.Id, new Dictionary<string, object?> { ["involvement.level"] = "consulted" });
        using (var submit = await Client.PostActionAsync(created.Id, "submit"))
        {
            Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        }

        var before = await Client.GetAssessmentAsync(created.Id);

        using var response = await Client.PutAnswersAsync(created.Id,
            new Dictionary<string, object?> { ["involvement.level"] = "involved", ["commitment.what-then"] = "Roll out." });

        await response.ReadProblemAsync(HttpStatusCode.Conflict);
        var after = await Client.GetAssessmentAsync(created.Id);
        Assert.Equal(before.ETag, after.ETag);
        Assert.Equal(before.Answers.ToString(), after.Answers.ToString());
        Assert.Equal("consulted", after.Answers.GetProperty("involvement.level").GetString());
    }

    [Fact]
    public async Task Reopen_Submitted_BecomesDraftAndAcceptsAnswersAgain()
    {
        var created = await Client.CreateReadyAssessmentAsync();
        using (var submit = await Client.PostActionAsync(created.Id, "submit"))
        {
            Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        }

        using var reopen = await Client.PostActionAsync(created.Id, "reopen");

        var body = await reopen.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("draft", body.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("submittedAt").ValueKind);
        Assert.Equal("\"4\"", ApiClientExtensions.ETagOf(reopen));
        var answered = await Client.AnswerAsync(created.Id, new Dictionary<string, object?> { ["involvement.level"] = "involved" });
        Assert.Equal("involved", answered.Answers.GetProperty("involvement.level").GetString());
    }

    [Fact]
    public async Task Reopen_Draft_Returns409()
    {
        var created = await Client.CreateAssessmentAsync();

        using var response = await Client.PostActionAsync(created.Id, "reopen");

        await response.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("\"1\"", (await Client.GetAssessmentAsync(created.Id)).ETag);
    }

    private async Task<List<Guid>> ListedIdsAsync() =>
        [.. (await GetListAsync("/api/assessments")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];

    private async Task<JsonElement> GetListAsync(string url)
    {
        using var response = await Client.GetAsync(url);
        return await response.ReadJsonAsync(HttpStatusCode.OK);
    }
}
