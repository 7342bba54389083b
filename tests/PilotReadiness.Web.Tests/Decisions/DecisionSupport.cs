using PilotReadiness.Domain.Questionnaires;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Decisions;

/// <summary>Arranging and sending decisions through the API.</summary>
internal static class DecisionSupport
{
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An assessment the sponsor answered fully (well, unless told) and submitted: ready for a decision.</summary>
    public static async Task<Guid> SubmittedAsync(HttpClient sponsor, string title = "Invoice matching assistant", Dictionary<string, object?>? answers = null)
    {
        var created = await sponsor.CreateAssessmentAsync(title);
        await sponsor.AnswerAsync(created.Id, answers ?? SampleAnswers.Ready());
        using var submitted = await sponsor.PostActionAsync(created.Id, "submit");
        await submitted.ReadJsonAsync(HttpStatusCode.OK);
        return created.Id;
    }

    public static async Task<string> ETagAsync(HttpClient client, Guid id) => (await client.GetAssessmentAsync(id)).ETag;

    public static object ConditionalGo(params (string Description, string Owner, DateOnly Due)[] conditions) => new
    {
        outcome = "go-with-conditions",
        rationale = "Strong case; the integration budget must be signed off first.",
        killCriteria = "Stop if fewer than half the team use it after three months.",
        conditions = (conditions.Length == 0 ? [("Integration budget signed off", "Priya Natarajan", Today.AddDays(30))] : conditions)
            .Select(c => new { description = c.Description, owner = c.Owner, dueDate = Day(c.Due) }).ToArray(),
    };

    public static object Plain(string outcome, string rationale = "The case is clear.") => new { outcome, rationale };

    /// <summary>Ready answers except that the daily users were only consulted: not ready, held by the users-involved gate.</summary>
    public static Dictionary<string, object?> Consulted() => SampleAnswers.ReadyWith("involvement.level", "consulted");

    /// <summary>POSTs a decision with If-Match (none when <paramref name="ifMatch"/> is null).</summary>
    public static async Task<HttpResponseMessage> PostDecisionAsync(this HttpClient client, Guid id, object body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/assessments/{id}/decisions") { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Records a decision that must be accepted, reading the ETag first; returns the decision.</summary>
    public static async Task<JsonElement> DecideAsync(this HttpClient reviewer, Guid id, object body)
    {
        using var response = await reviewer.PostDecisionAsync(id, body, await ETagAsync(reviewer, id));
        return await response.ReadJsonAsync(HttpStatusCode.Created);
    }

    public static async Task<HttpResponseMessage> MarkMetAsync(this HttpClient client, Guid id, Guid decisionId, Guid conditionId, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/assessments/{id}/decisions/{decisionId}/conditions/{conditionId}/met");
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }

    public static async Task<List<JsonElement>> HistoryAsync(this HttpClient client, Guid id)
    {
        using var response = await client.GetAsync($"/api/assessments/{id}/decisions");
        return [.. (await response.ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray()];
    }

    /// <summary>Starts the next version of a pilot through the domain, as a re-assessment does; returns its id.</summary>
    public static async Task<Guid> ReassessAsync(PostgresAppFactory app, Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var assessment = await db.Assessments.SingleAsync(a => a.Id == id);
        var next = assessment.Reassess(ShippedQuestionnaires.Catalog, DateTimeOffset.UtcNow);
        db.Assessments.Add(next);
        await db.SaveChangesAsync();
        return next.Id;
    }
}

/// <summary>
/// The app over the same database with a clock the test moves (<see cref="FakeTimeProvider"/>), to see what a decision
/// looks like on a later day. Everything the app calls "today" comes from this clock. Sign in on this host after moving
/// the clock: a token issued at an earlier fake time may have expired by the later one.
/// </summary>
internal sealed class ClockedApp : IDisposable
{
    private ClockedApp(WebApplicationFactory<Program> factory, FakeTimeProvider clock)
    {
        Factory = factory;
        Clock = clock;
    }

    public WebApplicationFactory<Program> Factory { get; }

    public FakeTimeProvider Clock { get; }

    public static ClockedApp Start(PostgresAppFactory app, DateTimeOffset now)
    {
        var clock = new FakeTimeProvider(now);
        var factory = app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock)));
        return new ClockedApp(factory, clock);
    }

    public async Task<HttpClient> ClientForAsync(TestUser user) =>
        Factory.CreateClient().Authorize(await TestUsers.LoginAsync(Factory, user));

    public void Dispose() => Factory.Dispose();
}
