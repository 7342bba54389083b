using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Portfolio;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Portfolio;

/// <summary>Builds a portfolio for a test: pilots through the API, decisions through the domain, and what only time can do with SQL.</summary>
internal static class PortfolioData
{
    /// <summary>Starts a pilot as the sponsor, answers it and, when asked, submits it. Returns its id.</summary>
    public static async Task<Guid> PilotAsync(
        this HttpClient sponsor, string title, string businessUnit = "Finance", string sponsorName = "Amira Haddad",
        IReadOnlyDictionary<string, object?>? answers = null, bool submit = false)
    {
        using var created = await sponsor.PostAsJsonAsync("/api/assessments",
            new { title, businessUnit, sponsor = sponsorName, description = "" });
        var id = (await created.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        if (answers is not null)
        {
            await sponsor.AnswerAsync(id, answers);
        }

        if (submit)
        {
            using var submitted = await sponsor.PostActionAsync(id, "submit");
            await submitted.ReadJsonAsync(HttpStatusCode.OK);
        }

        return id;
    }

    /// <summary>Records leadership's decision on a submitted pilot, as the decision pages will (through the domain).</summary>
    public static async Task DecideAsync(IServiceProvider services, Guid id, DecisionOutcome outcome, params DateOnly[] conditionsDue)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var assessment = await db.Assessments.SingleAsync(a => a.Id == id);
        var current = await db.Decisions.Where(d => d.PilotId == assessment.PilotId && d.SupersededAt == null).SingleOrDefaultAsync();
        var now = DateTimeOffset.UtcNow;
        // Above the recommendation, a reason for each gate the decision goes ahead despite (which ones is the domain's rule).
        var reasons = Decision.GatesAccepted(assessment.Score(ShippedQuestionnaires.Catalog, now), outcome).ToDictionary(g => g.Key, _ => "Accepted in a test.");
        var decision = Decision.Record(assessment, ShippedQuestionnaires.Catalog, current, outcome, "Decided in a test.", null,
            [.. conditionsDue.Select((due, i) => new ConditionDraft($"Condition {i + 1}", "Sofia Lindqvist", due))],
            "test-reviewer", "Rae Reviewer", now, reasons);
        db.Decisions.Add(decision);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// The person named for a role declines it, as their confirmation link lets them (through the domain): how a
    /// submitted pilot comes to have no production owner, since it cannot be submitted without one.
    /// </summary>
    public static async Task DeclineAsync(IServiceProvider services, Guid id, string questionKey = QuestionKeys.ProductionOwner)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var assessment = await db.Assessments.SingleAsync(a => a.Id == id);
        var now = DateTimeOffset.UtcNow;
        var request = assessment.RequestConfirmation(ShippedQuestionnaires.Catalog, questionKey, "named@example.com", "test-" + Guid.NewGuid().ToString("N"), now, TimeSpan.FromDays(14));
        assessment.RespondToConfirmation(ShippedQuestionnaires.Catalog, request.Id, confirmed: false, "Not me.", now);
        await db.SaveChangesAsync();
    }

    /// <summary>Starts the next version of a submitted pilot (the earlier one is superseded). Returns the new version's id.</summary>
    public static async Task<Guid> ReassessAsync(IServiceProvider services, Guid id)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var assessment = await db.Assessments.SingleAsync(a => a.Id == id);
        var next = assessment.Reassess(ShippedQuestionnaires.Catalog, DateTimeOffset.UtcNow);
        db.Assessments.Add(next);
        await db.SaveChangesAsync();
        return next.Id;
    }

    /// <summary>
    /// Sets columns of one assessment directly, for what only the passing of time can do (e.g. a submission 20 days ago).
    /// SQL past the app's saves bypasses the portfolio's counters too, so they are counted again afterwards.
    /// </summary>
    public static async Task SetAsync(PostgresAppFactory app, Guid id, string assignments, params (string Name, object Value)[] parameters)
    {
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"UPDATE \"Assessments\" SET {assignments} WHERE \"Id\" = @id", connection);
            command.Parameters.AddWithValue("id", id);
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        await using var scope = app.Services.CreateAsyncScope();
        await PortfolioCounts.RebuildAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        return await response.ReadJsonAsync(HttpStatusCode.OK);
    }

    /// <summary>The titles of a portfolio page, in order.</summary>
    public static IReadOnlyList<string> Titles(this JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!)];

    public static async Task<IReadOnlyList<string>> TitlesAsync(this HttpClient client, string query) =>
        (await client.GetJsonAsync("/api/portfolio?pageSize=100&" + query)).Titles();
}
