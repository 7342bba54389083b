using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PilotReadiness.Web.Tests.Decisions;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Live;

/// <summary>Arranging pilots after launch through the API, as a sponsor, a reviewer and a production system would.</summary>
internal static class LiveSupport
{
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public const string OwnerEmail = "owner@example.com";

    /// <summary>A plan that went live four weeks ago (so period 1's check-in is due today and open).</summary>
    public static Dictionary<string, object?> Plan(DateOnly? goLive = null, string ownerEmail = OwnerEmail) => new()
    {
        ["goLiveDate"] = Day(goLive ?? Today.AddDays(-28)),
        ["usingTeam"] = "Accounts payable",
        ["eligibleUsers"] = 40,
        ["targetShare"] = 80,
        ["cadenceWeeks"] = 4,
        ["ownerName"] = "Olga Owner",
        ["ownerEmail"] = ownerEmail,
        ["reviewerName"] = "Quinn Quality",
        ["reviewerEmail"] = "quality@example.com",
        ["goodOutput"] = "The match is right and the clerk does not need to open the invoice again.",
        ["acceptableShare"] = 80,
    };

    public static Dictionary<string, object?> CheckIn(int activeUsers = 30, int handled = 400, int reviewed = 20, int met = 18, string workarounds = "none") => new()
    {
        ["activeUsers"] = activeUsers,
        ["casesHandled"] = handled,
        ["casesEscalated"] = 10,
        ["casesOverridden"] = 5,
        ["qualityReviewed"] = reviewed,
        ["qualityMet"] = met,
        ["incidents"] = 0,
        ["workarounds"] = workarounds,
        ["workaroundNote"] = workarounds == "none" ? null : "Some clerks keep a spreadsheet.",
        ["ownership"] = "still-owner",
        ["improvementDone"] = true,
        ["improvementNote"] = "Tuned the matching threshold.",
        ["blockers"] = "",
    };

    /// <summary>A pilot the sponsor submitted and a reviewer decided to take to production ("go"); returns its assessment and pilot ids.</summary>
    public static async Task<(Guid AssessmentId, Guid PilotId)> DecidedAsync(PostgresAppFactory app, HttpClient sponsor, string title = "Invoice matching assistant")
    {
        var id = await DecisionSupport.SubmittedAsync(sponsor, title);
        using var reviewer = app.ClientFor(TestUsers.Reviewer);
        await reviewer.DecideAsync(id, DecisionSupport.Plain("go"));
        var pilotId = (await sponsor.GetAssessmentAsync(id)).Body.GetProperty("pilotId").GetGuid();
        return (id, pilotId);
    }

    /// <summary>A decided pilot that went live with <see cref="Plan"/> four weeks ago.</summary>
    public static async Task<(Guid AssessmentId, Guid PilotId)> LiveAsync(PostgresAppFactory app, HttpClient sponsor, string title = "Invoice matching assistant")
    {
        var (id, pilotId) = await DecidedAsync(app, sponsor, title);
        using var response = await sponsor.PostAsJsonAsync($"/api/live/{pilotId}/go-live", Plan());
        await response.ReadJsonAsync(HttpStatusCode.Created);
        return (id, pilotId);
    }

    public static async Task<JsonElement> GetLiveAsync(this HttpClient client, Guid pilotId)
    {
        using var response = await client.GetAsync(new Uri($"/api/live/{pilotId}", UriKind.Relative));
        return await response.ReadJsonAsync(HttpStatusCode.OK);
    }

    /// <summary>Issues the pilot's ingestion key as its owner; returns the secret, shown this once.</summary>
    public static async Task<(Guid Id, string Key)> IssueKeyAsync(this HttpClient owner, Guid pilotId)
    {
        using var response = await owner.PostAsync(new Uri($"/api/live/{pilotId}/keys", UriKind.Relative), null);
        var body = await response.ReadJsonAsync(HttpStatusCode.Created);
        return (body.GetProperty("id").GetGuid(), body.GetProperty("key").GetString()!);
    }

    public static async Task<HttpResponseMessage> PostSignalsAsync(this HttpClient client, Guid pilotId, string? key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/live/{pilotId}/signals") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Ingestion-Key", key);
        }

        return await client.SendAsync(request);
    }

    public static object Signal(DateOnly date, int activeUsers = 25, int handled = 20, int escalated = 1, int overridden = 1, int errors = 0) => new
    {
        date = Day(date),
        activeUsers,
        casesHandled = handled,
        casesEscalated = escalated,
        casesOverridden = overridden,
        errors,
    };
}
