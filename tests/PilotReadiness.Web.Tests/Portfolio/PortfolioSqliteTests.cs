using System.Net;
using System.Net.Http.Json;
using PilotReadiness.Web.Tests.Decisions;
using PilotReadiness.Web.Tests.Infrastructure;
using static PilotReadiness.Web.Tests.Live.LiveSupport;

namespace PilotReadiness.Web.Tests.Portfolio;

/// <summary>The portfolio on the embedded provider: the same queries (LIKE escapes, sorts, aggregates) translate for SQLite.</summary>
public sealed class PortfolioSqliteTests(SqliteAppFactory app) : SqliteTest(app)
{
    [Fact]
    public async Task ApiAndPage_WorkOnSqlite_WithEveryFilterSortAndTheSummary()
    {
        await Client.PilotAsync("Cut costs by 50% fast", "Finance", answers: SampleAnswers.Ready(), submit: true);
        await Client.PilotAsync("Cut costs by 500 fast", "Sales", "Grace Okafor");
        await PortfolioData.DeclineAsync(App.Services, await Client.PilotAsync("Route tickets_by_queue", "Finance", answers: SampleAnswers.Ready(), submit: true));
        using var reviewer = App.ClientFor(TestUsers.Reviewer);

        Assert.Equal(["Cut costs by 50% fast"], await reviewer.TitlesAsync("q=50%25"));
        Assert.Equal(["Route tickets_by_queue"], await reviewer.TitlesAsync("q=s_b"));
        Assert.Equal(["Cut costs by 50% fast", "Route tickets_by_queue"],
            await reviewer.TitlesAsync("bu=Finance&status=submitted&from=2000-01-01&to=2100-01-01&sort=title&dir=asc"));
        Assert.Equal(["Route tickets_by_queue"], await reviewer.TitlesAsync("gate=no-production-owner&verdict=not-ready&sponsor=amira"));
        foreach (var sort in new[] { "verdict", "decision", "submitted", "updated", "overall", "after-demo" })
        {
            Assert.Equal(3, (await reviewer.TitlesAsync($"sort={sort}&dir=desc")).Count);
        }

        Assert.Equal(["Cut costs by 500 fast", "Route tickets_by_queue", "Cut costs by 50% fast"], await reviewer.TitlesAsync("sort=overall&dir=asc"));

        var summary = await reviewer.GetJsonAsync("/api/portfolio/summary");
        Assert.Equal(3, summary.GetProperty("total").GetInt32());
        Assert.Equal(1, summary.GetProperty("verdicts").GetProperty("go").GetInt32());
        // Sales has only a draft: its unit is averaged once the view takes drafts in.
        Assert.Equal(1, summary.GetProperty("heatMap").GetProperty("businessUnits").GetArrayLength());
        Assert.Equal(2, summary.GetProperty("averagedPilots").GetInt32());
        var withDrafts = await reviewer.GetJsonAsync("/api/portfolio/summary?drafts=in");
        Assert.Equal(2, withDrafts.GetProperty("heatMap").GetProperty("businessUnits").GetArrayLength());
        Assert.Equal(3, withDrafts.GetProperty("averagedPilots").GetInt32());
        Assert.Equal(7, summary.GetProperty("needsAttention").GetArrayLength());
        Assert.Equal(0, summary.GetProperty("afterLaunch").GetProperty("live").GetInt32());
        Assert.Empty(await reviewer.TitlesAsync("health=decaying"));

        using var browser = new PageSession(App, TestUsers.Reviewer);
        var page = (await browser.GetAsync("/portfolio?bu=Finance&sort=overall&dir=asc")).Expect(HttpStatusCode.OK);
        Assert.Equal(["Route tickets_by_queue", "Cut costs by 50% fast"], page.Texts(".portfolio-table tbody th.pilot > a"));
        Assert.Equal("2 pilots match these filters.", page.TextOf(".selection strong"));
    }

    [Fact]
    public async Task AfterLaunchPanel_OnSqlite_CountsAndListsLivePilotsByHealth()
    {
        using var reviewer = App.ClientFor(TestUsers.Reviewer);
        async Task<Guid> GoneLiveAsync(string title, DateOnly goLive)
        {
            var id = await DecisionSupport.SubmittedAsync(Client, title);
            await reviewer.DecideAsync(id, DecisionSupport.Plain("go"));
            var pilotId = (await Client.GetAssessmentAsync(id)).Body.GetProperty("pilotId").GetGuid();
            using var response = await Client.PostAsJsonAsync($"/api/live/{pilotId}/go-live", Plan(goLive));
            await response.ReadJsonAsync(HttpStatusCode.Created);
            return pilotId;
        }

        // Never checked in, 60 days after going live: orphaned. Live since today: healthy, its first check-in weeks away.
        var orphaned = await GoneLiveAsync("Orphaned on SQLite", Today.AddDays(-60));
        var healthy = await GoneLiveAsync("Healthy on SQLite", Today);

        var panel = (await reviewer.GetJsonAsync("/api/portfolio/summary")).GetProperty("afterLaunch");
        Assert.Equal(2, panel.GetProperty("live").GetInt32());
        Assert.Equal((1, 1), (panel.GetProperty("health").GetProperty("orphaned").GetInt32(), panel.GetProperty("health").GetProperty("healthy").GetInt32()));
        Assert.Equal([orphaned, healthy], panel.GetProperty("pilots").EnumerateArray().Select(p => p.GetProperty("pilotId").GetGuid()));
    }
}
