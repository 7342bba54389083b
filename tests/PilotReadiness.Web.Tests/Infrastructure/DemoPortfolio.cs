using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PilotReadiness.Web.Tests.Infrastructure;

/// <summary>What the demo portfolio must look like, whichever provider it was seeded into.</summary>
internal static class DemoPortfolio
{
    public const string Password = "demo-password-2026";

    /// <summary>
    /// Twelve assessments over every verdict and status, all readable by the demo reviewer; the demo sponsors each
    /// see their own and those shared with them, and nothing else.
    /// </summary>
    public static async Task AssertSeededAsync(WebApplicationFactory<Program> app)
    {
        using var client = app.CreateClient().Authorize(
            await TestUsers.LoginAsync(app, new TestUser("reviewer@demo.local", "", ""), Password));
        using var sponsor = app.CreateClient().Authorize(
            await TestUsers.LoginAsync(app, new TestUser("sponsor@demo.local", "", ""), Password));
        using var sponsor2 = app.CreateClient().Authorize(
            await TestUsers.LoginAsync(app, new TestUser("sponsor2@demo.local", "", ""), Password));
        var mine = await CountAsync(sponsor);
        var theirs = await CountAsync(sponsor2);
        Assert.InRange(mine, 1, 11);
        Assert.InRange(theirs, 1, 11);
        Assert.True(mine + theirs > 12, "Some demo assessments are shared between the two sponsors.");

        using var response = await client.GetAsync("/api/assessments?pageSize=100");
        var page = await response.ReadJsonAsync(HttpStatusCode.OK);
        var items = page.GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(12, page.GetProperty("totalCount").GetInt32());
        Assert.Equal(12, items.Count);
        Assert.Equal(["go", "go-with-conditions", "no-go", "not-ready"],
            items.Select(i => i.GetProperty("verdict").GetString()).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["draft", "submitted"],
            items.Select(i => i.GetProperty("status").GetString()).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(12, items.Select(i => i.GetProperty("title").GetString()).Distinct().Count());

        // Every seeded assessment can be read and scored, on the current questionnaire and scoring model; among them a
        // named person who declined with a comment, and an answer that does not count.
        var scores = new List<JsonElement>();
        foreach (var id in items.Select(i => i.GetProperty("id").GetGuid()))
        {
            var score = await client.GetScoreAsync(id);
            Assert.Equal(6, score.GetProperty("sections").GetArrayLength());
            Assert.Equal(JsonValueKind.String, score.GetProperty("verdict").ValueKind);
            Assert.Equal((2, "2"), (score.GetProperty("questionnaireVersion").GetInt32(), score.GetProperty("modelVersion").GetString()));
            scores.Add(score);
        }

        Assert.Contains(scores, s => s.GetProperty("claims").EnumerateArray().Any(c =>
            c.GetProperty("state").GetString() == "declined" && c.GetProperty("comment").ValueKind == JsonValueKind.String));
        Assert.Contains(scores, s => s.GetProperty("notCounted").EnumerateObject().Any());

        // Leadership went ahead of the recommendation once, with a reason: the portfolio flags it.
        using var summary = await client.GetAsync("/api/portfolio/summary");
        var above = (await summary.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("needsAttention").EnumerateArray()
            .Single(a => a.GetProperty("kind").GetString() == "decided-above-recommendation");
        Assert.Equal(["Onboarding document checker"], above.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()));

        // Two pilots were re-assessed (one twice), each time with better answers, so the trend goes up.
        foreach (var (title, versions) in new[] { ("Customer email triage", 2), ("HR policy assistant", 3) })
        {
            var item = items.Single(i => i.GetProperty("title").GetString() == title);
            Assert.Equal(versions, item.GetProperty("revision").GetInt32());
            using var history = await client.GetAsync($"/api/assessments/{item.GetProperty("id").GetGuid()}/versions");
            var list = (await history.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("versions").EnumerateArray().ToList();
            Assert.Equal(Enumerable.Range(1, versions), list.Select(v => v.GetProperty("revision").GetInt32()));
            var overall = list.Select(v => v.GetProperty("overall").GetInt32()).ToList();
            Assert.True(overall[^1] > overall[0], $"{title}: {string.Join(", ", overall)}");
        }
    }

    private static async Task<int> CountAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/assessments?pageSize=100");
        return (await response.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("totalCount").GetInt32();
    }
}
