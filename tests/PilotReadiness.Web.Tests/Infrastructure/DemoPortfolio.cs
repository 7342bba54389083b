using System.Net;
using System.Text.Json;

namespace PilotReadiness.Web.Tests.Infrastructure;

/// <summary>What the demo portfolio must look like, whichever provider it was seeded into.</summary>
internal static class DemoPortfolio
{
    public static async Task AssertSeededAsync(HttpClient client)
    {
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

        // Every seeded assessment can be read and scored.
        foreach (var id in items.Select(i => i.GetProperty("id").GetGuid()))
        {
            var score = await client.GetScoreAsync(id);
            Assert.Equal(6, score.GetProperty("sections").GetArrayLength());
            Assert.Equal(JsonValueKind.String, score.GetProperty("verdict").ValueKind);
        }
    }
}
