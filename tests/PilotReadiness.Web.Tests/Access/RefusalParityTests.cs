using System.Globalization;
using System.Net;
using System.Text.Json;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Access;

/// <summary>
/// Pages and API change an assessment through one door, so each kind of refusal answers the same from both: the same
/// kind (404, 403, or 409/412 as each channel says it) and, where the domain refuses, the same message. The door's
/// order (not found, forbidden, superseded, wrong status, stale) holds for both.
/// </summary>
public sealed class RefusalParityTests(PostgresAppFactory app) : PageTest(app)
{
    private static string Etag(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The API's answer to POST .../{action}, with If-Match for <paramref name="version"/> when given.</summary>
    private static async Task<(HttpStatusCode Status, JsonElement Problem)> ApiAsync(HttpClient client, Guid id, string action, int? version = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/assessments/{id}/{action}");
        if (version is { } v)
        {
            request.Headers.TryAddWithoutValidation("If-Match", Etag(v));
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(ApiClientExtensions.ProblemJson, response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>The page's answer to the same change: the button's handler posted with the form's version.</summary>
    private static async Task<WebPage> PageAsync(PageSession session, Guid id, string page, string handler, int version)
    {
        var token = (await session.GetAsync("/assessments")).Form("form[action='/account/logout']").Value(PageSession.TokenField);
        return await session.PostAsync($"/assessments/{id}/{page}?handler={handler}",
            [new(PageSession.TokenField, token), new("Version", version.ToString(CultureInfo.InvariantCulture))]);
    }

    private async Task<(Guid Id, int Version)> SubmittedAsync()
    {
        var created = await Client.CreateReadyAssessmentAsync();
        using var submit = await Client.PostActionAsync(created.Id, "submit");
        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        return (created.Id, (await Client.GetAssessmentAsync(created.Id)).Body.GetProperty("version").GetInt32());
    }

    private async Task<int> VersionOfAsync(Guid id) => (await Client.GetAssessmentAsync(id)).Body.GetProperty("version").GetInt32();

    [Fact]
    public async Task NotFound_SomeoneElsesAssessment_Is404FromBoth()
    {
        var created = await Client.CreateAssessmentAsync();
        using var other = App.ClientFor(TestUsers.OtherSponsor);

        var (status, _) = await ApiAsync(other, created.Id, "submit", created.Body.GetProperty("version").GetInt32());
        var page = await PageAsync(NewSession(TestUsers.OtherSponsor), created.Id, "review", "Submit", 1);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("draft", (await Client.GetAssessmentAsync(created.Id)).Status);
    }

    [Fact]
    public async Task Forbidden_AReviewerSubmittingASponsorsDraft_Is403FromBoth()
    {
        var created = await Client.CreateAssessmentAsync();
        using var reviewer = App.ClientFor(TestUsers.Reviewer);

        var (status, _) = await ApiAsync(reviewer, created.Id, "submit", 1);
        var page = await PageAsync(NewSession(TestUsers.Reviewer), created.Id, "review", "Submit", 1);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.True(page.Status == HttpStatusCode.Forbidden || page.Location?.Contains("/Status/403", StringComparison.Ordinal) == true,
            $"The page answered {page}");
        Assert.Equal("draft", (await Client.GetAssessmentAsync(created.Id)).Status);
    }

    [Fact]
    public async Task Superseded_ReopeningAVersionAReassessmentReplaced_IsTheSameMessageFromBoth_EvenWithAStaleVersion()
    {
        var (id, version) = await SubmittedAsync();
        using (var reassess = await Client.PostActionAsync(id, "reassess"))
        {
            Assert.Equal(HttpStatusCode.Created, reassess.StatusCode);
        }

        var (status, problem) = await ApiAsync(Client, id, "reopen", version);
        var page = await PageAsync(Browser, id, "review", "Reopen", version);
        var stalePage = await PageAsync(Browser, id, "review", "Reopen", version - 1);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("A newer version exists", problem.GetProperty("title").GetString());
        var message = problem.GetProperty("detail").GetString();
        Assert.StartsWith("This is version 1, kept read-only", message, StringComparison.Ordinal);
        Assert.Equal(message, page.Expect(HttpStatusCode.Conflict).TextOf(".notice-warning[role=alert]"));
        Assert.Equal(message, stalePage.Expect(HttpStatusCode.Conflict).TextOf(".notice-warning[role=alert]"));
    }

    [Fact]
    public async Task WrongStatus_ReopeningADraft_IsTheSameMessageFromBoth()
    {
        var created = await Client.CreateAssessmentAsync();

        var (status, problem) = await ApiAsync(Client, created.Id, "reopen", 1);
        var page = await PageAsync(Browser, created.Id, "review", "Reopen", 1);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("Not possible in this status", problem.GetProperty("title").GetString());
        Assert.Equal("Only a submitted assessment can be re-opened; this one is a draft.", problem.GetProperty("detail").GetString());
        Assert.Equal(problem.GetProperty("detail").GetString(), page.Expect(HttpStatusCode.Conflict).TextOf(".notice-warning[role=alert]"));
    }

    [Fact]
    public async Task WrongStatusBeforeStale_ReassessingADraftWithAnOldVersion_IsWrongStatusFromBoth()
    {
        var created = await Client.CreateAssessmentAsync();
        await Client.AnswerAsync(created.Id, new Dictionary<string, object?> { ["commitment.purpose"] = "explore" });

        var (status, problem) = await ApiAsync(Client, created.Id, "reassess", version: 1);
        var page = await PageAsync(Browser, created.Id, "results", "Reassess", 1);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("Only a submitted assessment can be re-assessed; a draft can simply be changed.", problem.GetProperty("detail").GetString());
        Assert.Equal(problem.GetProperty("detail").GetString(), page.Expect(HttpStatusCode.Conflict).TextOf(".notice-warning[role=alert]"));
        Assert.Equal(2, await VersionOfAsync(created.Id));
    }

    [Fact]
    public async Task Stale_SubmittingFromAnOldVersion_Is412FromTheApiAnd409WithTheStaleMessageFromThePage_AndNothingChanges()
    {
        var created = await Client.CreateAssessmentAsync();
        await Client.AnswerAsync(created.Id, new Dictionary<string, object?> { ["commitment.purpose"] = "explore" });

        var (status, problem) = await ApiAsync(Client, created.Id, "submit", version: 1);
        var page = await PageAsync(Browser, created.Id, "review", "Submit", 1);

        Assert.Equal(HttpStatusCode.PreconditionFailed, status);
        Assert.Contains(Etag(2), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("This assessment changed since you opened this page, so nothing was done.",
            page.Expect(HttpStatusCode.Conflict).TextOf(".notice-warning[role=alert]"), StringComparison.Ordinal);
        var stored = await Client.GetAssessmentAsync(created.Id);
        Assert.Equal(("draft", Etag(2)), (stored.Status, stored.ETag));
    }
}
