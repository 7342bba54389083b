using PilotReadiness.Domain.Questionnaires;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PilotReadiness.Domain.Answers;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Api;

public sealed class ConcurrencyTests(PostgresAppFactory app) : PostgresTest(app)
{
    private static readonly string[] RacingLevels = ["involved", "consulted"];

    [Fact]
    public async Task PutAnswers_StaleIfMatch_Returns412AndChangesNothing()
    {
        var created = await Client.CreateAssessmentAsync();
        var saved = await Client.AnswerAsync(created.Id, new Dictionary<string, object?> { ["involvement.level"] = "consulted" });

        using var response = await Client.PutAnswersAsync(created.Id,
            new Dictionary<string, object?> { ["involvement.level"] = "involved", ["commitment.what-then"] = "Roll out." }, ifMatch: created.ETag);

        var problem = await response.ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Contains("\"2\"", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var after = await Client.GetAssessmentAsync(created.Id);
        Assert.Equal(saved.ETag, after.ETag);
        var answer = Assert.Single(after.Answers.EnumerateObject());
        Assert.Equal("consulted", answer.Value.GetString());
    }

    [Fact]
    public async Task PutAnswers_CurrentIfMatch_Returns200WithNextETag()
    {
        var created = await Client.CreateAssessmentAsync();

        using var response = await Client.PutAnswersAsync(created.Id,
            new Dictionary<string, object?> { ["involvement.level"] = "involved" }, ifMatch: created.ETag);

        await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("\"2\"", ApiClientExtensions.ETagOf(response));
    }

    [Theory]
    [InlineData("W/\"1\"")]
    [InlineData("*")]
    [InlineData("\"7\", \"1\"")]
    public async Task PutAnswers_MatchingIfMatchForms_AreAccepted(string ifMatch)
    {
        var created = await Client.CreateAssessmentAsync();

        using var response = await Client.PutAnswersAsync(created.Id,
            new Dictionary<string, object?> { ["involvement.level"] = "involved" }, ifMatch);

        await response.ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Submit_StaleIfMatch_Returns412AndStaysDraft()
    {
        var created = await Client.CreateAssessmentAsync();
        await Client.AnswerAsync(created.Id, new Dictionary<string, object?> { ["involvement.level"] = "involved" });

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/assessments/{created.Id}/submit");
        request.Headers.TryAddWithoutValidation("If-Match", created.ETag);
        using var response = await Client.SendAsync(request);

        await response.ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("draft", (await Client.GetAssessmentAsync(created.Id)).Status);
    }

    [Fact]
    public async Task PutAnswers_ConcurrentFirstAnswersToTheSameQuestion_LoserGets412Not500()
    {
        var outcomes = new List<string>();
        for (var round = 0; round < 20; round++)
        {
            var created = await Client.CreateAssessmentAsync($"Race {round}");
            var statuses = await Task.WhenAll(RacingLevels.Select(async level =>
            {
                using var response = await Client.PutAnswersAsync(created.Id, new Dictionary<string, object?> { ["involvement.level"] = level });
                return response.StatusCode;
            }));
            outcomes.Add(string.Join("+", statuses.Select(s => (int)s).Order()));
        }

        Assert.All(outcomes, o => Assert.True(o is "200+200" or "200+412", $"Outcomes: {string.Join(", ", outcomes)}"));
    }

    [Fact]
    public async Task SaveChanges_TwoContextsEditTheSameVersion_SecondSaveIsRejectedByTheDatabase()
    {
        var created = await Client.CreateAssessmentAsync();
        await using var scope1 = App.Services.CreateAsyncScope();
        await using var scope2 = App.Services.CreateAsyncScope();
        var db1 = scope1.ServiceProvider.GetRequiredService<AppDbContext>();
        var db2 = scope2.ServiceProvider.GetRequiredService<AppDbContext>();
        var first = await db1.Assessments.SingleAsync(a => a.Id == created.Id);
        var second = await db2.Assessments.SingleAsync(a => a.Id == created.Id);

        first.SetAnswers(ShippedQuestionnaires.Catalog, new Dictionary<string, Answer?> { ["involvement.level"] = new ChoiceAnswer("involved") }, DateTimeOffset.UtcNow);
        second.SetAnswers(ShippedQuestionnaires.Catalog, new Dictionary<string, Answer?> { ["after-demo.production-owner"] = new TextAnswer("Sofia") }, DateTimeOffset.UtcNow);
        await db1.SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db2.SaveChangesAsync());
        var stored = await Client.GetAssessmentAsync(created.Id);
        Assert.Equal("\"2\"", stored.ETag);
        var answer = Assert.Single(stored.Answers.EnumerateObject());
        Assert.Equal("involvement.level", answer.Name);
    }
}
