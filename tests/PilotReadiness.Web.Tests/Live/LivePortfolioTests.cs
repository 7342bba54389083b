using System.Net;
using System.Net.Http.Json;
using PilotReadiness.Web.Tests.Infrastructure;
using PilotReadiness.Web.Tests.Portfolio;
using static PilotReadiness.Web.Tests.Live.LiveSupport;

namespace PilotReadiness.Web.Tests.Live;

/// <summary>
/// The portfolio after launch on PostgreSQL: the After launch panel counts live pilots by health (orphaned and decaying
/// first), the health filter selects them, needs-attention lists them, the page shows them, the exports carry them.
/// </summary>
public sealed class LivePortfolioTests(PostgresAppFactory app) : PageTest(app)
{
    [Fact]
    public async Task AfterLaunch_PanelFilterNeedsAttentionPageAndExport_AgreeOnEachPilotsHealth()
    {
        // Orphaned: went live 60 days ago and never checked in (period 1 was due 32 days ago).
        var (_, orphaned) = await DecidedAsync(App, Client, "Orphaned assistant");
        var plan = Plan(goLive: Today.AddDays(-60));
        using (var wentLive = await Client.PostAsJsonAsync($"/api/live/{orphaned}/go-live", plan))
        {
            await wentLive.ReadJsonAsync(HttpStatusCode.Created);
        }

        // Decaying: its check-in's quality sample is under the agreed share (11 of 20 against 80%).
        var (_, decaying) = await LiveAsync(App, Client, "Decaying assistant");
        (await Client.PostAsJsonAsync($"/api/live/{decaying}/check-ins", CheckIn(reviewed: 20, met: 11))).Dispose();
        // Healthy: checked in on time, as planned.
        var (_, healthy) = await LiveAsync(App, Client, "Healthy assistant");
        (await Client.PostAsJsonAsync($"/api/live/{healthy}/check-ins", CheckIn())).Dispose();
        // Not live at all.
        await DecidedAsync(App, Client, "Decided but not live");

        using var reviewer = App.ClientFor(TestUsers.Reviewer);
        var summary = await reviewer.GetJsonAsync("/api/portfolio/summary");
        var panel = summary.GetProperty("afterLaunch");
        Assert.Equal(3, panel.GetProperty("live").GetInt32());
        Assert.Equal((1, 1, 0, 1), (panel.GetProperty("health").GetProperty("orphaned").GetInt32(), panel.GetProperty("health").GetProperty("decaying").GetInt32(),
            panel.GetProperty("health").GetProperty("watch").GetInt32(), panel.GetProperty("health").GetProperty("healthy").GetInt32()));
        Assert.Equal(["Orphaned assistant", "Decaying assistant", "Healthy assistant"],
            panel.GetProperty("pilots").EnumerateArray().Select(p => p.GetProperty("title").GetString()));

        var attention = summary.GetProperty("needsAttention").EnumerateArray().ToDictionary(a => a.GetProperty("kind").GetString()!);
        Assert.Equal([orphaned], attention["orphaned"].GetProperty("items").EnumerateArray().Select(i => i.GetProperty("pilotId").GetGuid()));
        Assert.Equal([decaying], attention["decaying"].GetProperty("items").EnumerateArray().Select(i => i.GetProperty("pilotId").GetGuid()));
        Assert.Equal([orphaned], attention["check-in-overdue"].GetProperty("items").EnumerateArray().Select(i => i.GetProperty("pilotId").GetGuid()));

        Assert.Equal(["Orphaned assistant"], await reviewer.TitlesAsync("health=orphaned"));
        Assert.Equal(["Decaying assistant"], await reviewer.TitlesAsync("health=decaying"));
        Assert.Empty(await reviewer.TitlesAsync("health=watch"));
        var list = await reviewer.GetJsonAsync("/api/portfolio?health=healthy");
        Assert.Equal("healthy", list.GetProperty("items")[0].GetProperty("health").GetString());
        using (var bad = await reviewer.GetAsync(new Uri("/api/portfolio?health=sleepy", UriKind.Relative)))
        {
            Assert.NotEmpty(await bad.ReadValidationErrorsAsync("health"));
        }

        var browser = NewSession(TestUsers.Reviewer);
        var page = (await browser.GetAsync("/portfolio")).Expect(HttpStatusCode.OK);
        Assert.Contains("Orphaned assistant", page.TextOf("section.after-launch"), StringComparison.Ordinal);
        Assert.Contains("Live, and nobody owns it", page.TextOf(".attention"), StringComparison.Ordinal);
        Assert.Contains("Live: decaying", page.Text, StringComparison.Ordinal);

        using var csv = await reviewer.GetAsync(new Uri("/api/portfolio/export?format=csv&sort=title&dir=asc", UriKind.Relative));
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].TrimStart('\uFEFF').Split(',');
        var column = Array.IndexOf(header, "After launch");
        Assert.True(column > 0, lines[0]);
        var states = lines.Skip(1).Select(l => l.Split(',')).ToDictionary(c => c[1], c => c[column]);
        Assert.Equal(("orphaned", "decaying", "healthy", ""),
            (states["Orphaned assistant"], states["Decaying assistant"], states["Healthy assistant"], states["Decided but not live"]));
    }

    [Fact]
    public async Task Report_OfALivePilot_CarriesTheAfterLaunchState()
    {
        var (id, pilotId) = await LiveAsync(App, Client);
        (await Client.PostAsJsonAsync($"/api/live/{pilotId}/check-ins", CheckIn(reviewed: 20, met: 11))).Dispose();

        var page = (await Browser.GetAsync($"/assessments/{id}/report")).Expect(HttpStatusCode.OK);

        Assert.Contains("After launch", page.Text, StringComparison.Ordinal);
        Assert.Contains("Live, decaying", page.Text, StringComparison.Ordinal);
        Assert.Contains("11 of 20", page.Text, StringComparison.Ordinal);
    }
}
