using System.Net;
using System.Net.Http.Json;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Api;

/// <summary>Correcting a draft's details through the API, and yes/no answers given as the option values the questionnaire lists.</summary>
public sealed class DetailsApiTests(PostgresAppFactory app) : PostgresTest(app)
{
    private Task<HttpResponseMessage> PutDetailsAsync(Guid id, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/assessments/{id}/details") { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return Client.SendAsync(request);
    }

    [Fact]
    public async Task PutDetails_Valid_ChangesTheDetailsTrimmed_AndKeepsTheAnswers()
    {
        var created = await Client.CreateAssessmentAsync();
        await Client.AnswerAsync(created.Id, new Dictionary<string, object?> { ["involvement.level"] = "involved" });

        using var response = await PutDetailsAsync(created.Id,
            new { title = "  Invoice matching, phase 2 ", businessUnit = "Finance Ops", sponsor = "Amira Haddad", description = "" }, "\"2\"");

        var body = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Invoice matching, phase 2", body.GetProperty("title").GetString());
        Assert.Equal("Finance Ops", body.GetProperty("businessUnit").GetString());
        Assert.Equal("\"3\"", ApiClientExtensions.ETagOf(response));
        Assert.Equal("involved", (await Client.GetAssessmentAsync(created.Id)).Answers.GetProperty("involvement.level").GetString());
    }

    [Fact]
    public async Task PutDetails_SeveralProblems_NamesEveryFieldWithTheDomainsWords_AndChangesNothing()
    {
        var created = await Client.CreateAssessmentAsync();

        using var response = await PutDetailsAsync(created.Id, new { title = " ", businessUnit = new string('b', 101), sponsor = "Amira" });

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Equal("Enter a title for the pilot.", errors.GetProperty("title")[0].GetString());
        Assert.Equal("Keep the business unit to 100 characters or fewer.", errors.GetProperty("businessUnit")[0].GetString());
        Assert.Equal(created.ETag, (await Client.GetAssessmentAsync(created.Id)).ETag);
    }

    [Fact]
    public async Task PutDetails_OnASubmittedAssessment_Is409_AndStaleIfMatchIs412()
    {
        var created = await Client.CreateReadyAssessmentAsync();
        var details = new { title = "Renamed", businessUnit = "Finance", sponsor = "Amira Haddad" };

        using (var stale = await PutDetailsAsync(created.Id, details, "\"7\""))
        {
            await stale.ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        }

        using (var submit = await Client.PostActionAsync(created.Id, "submit"))
        {
            Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        }

        using var refused = await PutDetailsAsync(created.Id, details);
        var problem = await refused.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("submitted for review", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Invoice matching assistant", (await Client.GetAssessmentAsync(created.Id)).Body.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("\"yes\"", true)]
    [InlineData("\"no\"", false)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public async Task PutAnswers_YesNo_TakesTheOptionValuesTheQuestionnaireLists(string json, bool stored)
    {
        var created = await Client.CreateAssessmentAsync();

        using var response = await Client.PutAnswersJsonAsync(created.Id, $"{{\"answers\": {{\"integration.budgeted\": {json}}}}}");

        var body = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(stored, body.GetProperty("answers").GetProperty("integration.budgeted").GetBoolean());
    }
}
