using PilotReadiness.Domain.Questionnaires;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PilotReadiness.Domain.Answers;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Sqlite;

/// <summary>The embedded provider: its own migrations and the main API round trip.</summary>
public sealed class SqliteAppTests(SqliteAppFactory app) : SqliteTest(app)
{
    [Fact]
    public async Task Startup_FreshFile_AppliesEverySqliteMigration()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        Assert.True(File.Exists(App.DatabasePath));
        Assert.IsType<SqliteAppDbContext>(db);
        Assert.Equal("Microsoft.EntityFrameworkCore.Sqlite", db.Database.ProviderName);
        var all = db.Database.GetMigrations().ToList();
        Assert.NotEmpty(all);
        Assert.Equal(all, await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task SqliteMigrations_MatchTheModel_NoPendingModelChanges()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        Assert.False(db.Database.HasPendingModelChanges(),
            "The model has changes the SQLite migrations do not have: add a migration (see README, dotnet ef migrations add ... --context SqliteAppDbContext).");
    }

    [Fact]
    public async Task NotApplicable_IsStoredScoredAndCarriedByAReassessment()
    {
        var created = await Client.CreateAssessmentAsync();
        await Client.AnswerAsync(created.Id, SampleAnswers.Ready());
        var marked = await Client.AnswerAsync(created.Id, new Dictionary<string, object?> { ["after-demo.review-cadence"] = new { notApplicable = "Reviewed by the vendor." } });
        Assert.Equal("Reviewed by the vendor.", marked.Answers.GetProperty("after-demo.review-cadence").GetProperty("notApplicable").GetString());

        var score = await Client.GetScoreAsync(created.Id);
        Assert.Equal("Reviewed by the vendor.", score.GetProperty("notApplicable").GetProperty("after-demo.review-cadence").GetString());

        using (var submit = await Client.PostActionAsync(created.Id, "submit"))
        {
            await submit.ReadJsonAsync(HttpStatusCode.OK);
        }

        using var reassess = await Client.PostActionAsync(created.Id, "reassess");
        var next = await reassess.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal("Reviewed by the vendor.", next.GetProperty("answers").GetProperty("after-demo.review-cadence").GetProperty("notApplicable").GetString());
    }

    [Fact]
    public async Task RoundTrip_CreateAnswerScoreSubmitReopen_Works()
    {
        var created = await Client.CreateAssessmentAsync();
        Assert.Equal("\"1\"", created.ETag);

        await Client.AnswerAsync(created.Id, SampleAnswers.ReadyWith("integration.production-budget", 80000));
        var saved = await Client.AnswerAsync(created.Id, new Dictionary<string, object?> { ["integration.production-budget"] = 160000 });
        Assert.Equal("\"3\"", saved.ETag);
        Assert.Equal(SampleAnswers.Ready().Count, saved.Answers.EnumerateObject().Count());
        Assert.Equal(["erp"], saved.Answers.GetProperty("integration.systems").EnumerateArray().Select(v => v.GetString()));

        var score = await Client.GetScoreAsync(created.Id);
        Assert.Equal(92, score.GetProperty("overall").GetInt32());
        Assert.Equal("go", score.GetProperty("verdict").GetString());
        Assert.Empty(score.GetProperty("gates").EnumerateArray());

        using (var submit = await Client.PostActionAsync(created.Id, "submit"))
        {
            Assert.Equal("submitted", (await submit.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("status").GetString());
        }

        using (var locked = await Client.PutAnswersAsync(created.Id, new Dictionary<string, object?> { ["commitment.what-then"] = null }))
        {
            await locked.ReadProblemAsync(HttpStatusCode.Conflict);
        }

        using (var reopen = await Client.PostActionAsync(created.Id, "reopen"))
        {
            Assert.Equal("draft", (await reopen.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("status").GetString());
        }

        using var list = await Client.GetAsync("/api/assessments?status=draft");
        Assert.Equal(1, (await list.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task PutAnswers_StaleIfMatch_Returns412AndChangesNothing()
    {
        var created = await Client.CreateAssessmentAsync();
        var saved = await Client.AnswerAsync(created.Id, new Dictionary<string, object?> { ["involvement.level"] = "consulted" });

        using var response = await Client.PutAnswersAsync(created.Id, new Dictionary<string, object?> { ["involvement.level"] = "involved" }, created.ETag);

        await response.ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        var after = await Client.GetAssessmentAsync(created.Id);
        Assert.Equal(saved.ETag, after.ETag);
        Assert.Equal("consulted", after.Answers.GetProperty("involvement.level").GetString());
    }

    [Fact]
    public async Task PutAnswers_InvalidAnswer_Returns400AndSavesNothing()
    {
        var created = await Client.CreateAssessmentAsync();

        using var response = await Client.PutAnswersJsonAsync(created.Id,
            "{\"answers\": {\"involvement.level\": \"involved\", \"integration.prototype-cost\": -5}}");

        await response.ReadValidationErrorsAsync("answers.integration.prototype-cost");
        var after = await Client.GetAssessmentAsync(created.Id);
        Assert.Equal("\"1\"", after.ETag);
        Assert.Empty(after.Answers.EnumerateObject());
    }

    [Fact]
    public async Task SaveChanges_TwoContextsEditTheSameVersion_SecondSaveIsRejectedByTheDatabase()
    {
        var created = await Client.CreateAssessmentAsync();
        await using var scope1 = App.Services.CreateAsyncScope();
        await using var scope2 = App.Services.CreateAsyncScope();
        var first = await scope1.ServiceProvider.GetRequiredService<AppDbContext>().Assessments.SingleAsync(a => a.Id == created.Id);
        var second = await scope2.ServiceProvider.GetRequiredService<AppDbContext>().Assessments.SingleAsync(a => a.Id == created.Id);

        first.SetAnswers(ShippedQuestionnaires.Catalog, new Dictionary<string, Answer?> { ["involvement.level"] = new ChoiceAnswer("involved") }, DateTimeOffset.UtcNow);
        second.SetAnswers(ShippedQuestionnaires.Catalog, new Dictionary<string, Answer?> { ["after-demo.production-owner"] = new TextAnswer("Sofia") }, DateTimeOffset.UtcNow);
        await scope1.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => scope2.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync());
        Assert.Equal("\"2\"", (await Client.GetAssessmentAsync(created.Id)).ETag);
    }

    [Fact]
    public async Task Startup_DemoSeedOnFreshFile_AddsTwelveAssessmentsSpanningEveryVerdictAndStatus()
    {
        await using var demo = App.WithWebHostBuilder(builder => builder
            .UseSetting("ConnectionStrings:Sqlite", App.NewDatabaseConnectionString("demo"))
            .UseSetting("Demo:SeedOnStartup", "true")
            .UseSetting("Demo:Password", DemoPortfolio.Password));

        await DemoPortfolio.AssertSeededAsync(demo);
    }
}
