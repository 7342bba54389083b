using System.Net;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Portfolio;

/// <summary>The <c>/portfolio</c> page over HTTP on PostgreSQL, as a reviewer.</summary>
public sealed class PortfolioPageTests(PostgresAppFactory app) : PageTest(app)
{
    private const string PilotLinks = ".portfolio-table tbody th.pilot > a";

    private PageSession? _reviewer;

    private PageSession Reviewer => _reviewer ??= NewSession(TestUsers.Reviewer);

    [Fact]
    public async Task Page_ShowsFiguresAttentionAndTheTableWithHeatCells()
    {
        var ready = await Client.PilotAsync("Invoice matching", "Finance", answers: SampleAnswers.Ready(), submit: true);
        await Client.PilotAsync("Sales call notes", "Sales", "Grace Okafor");
        var lapsed = await Client.PilotAsync("Contract finder", "Legal", answers: SampleAnswers.Ready(), submit: true);
        await PortfolioData.DecideAsync(App.Services, lapsed, DecisionOutcome.GoWithConditions, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(5));
        await PortfolioData.SetAsync(App, lapsed, "\"ConditionsDue\" = @due", ("due", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2)));

        var page = (await Reviewer.GetAsync("/portfolio")).Expect(HttpStatusCode.OK);

        Assert.Single(page.Document.QuerySelectorAll("h1"));
        Assert.Equal("3 pilots in the portfolio.", page.TextOf(".selection strong"));
        var chart = page.Find("svg.chart[role=img]");
        Assert.Contains("Go: 2; Go with conditions: 0; Not ready: 0; No-go: 1", chart.QuerySelector("desc")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, page.Document.QuerySelectorAll(PilotLinks).Length);
        Assert.Equal($"/assessments/{ready}/results", page.Document.QuerySelectorAll(PilotLinks)[^1].GetAttribute("href"));
        var emptyRow = page.Document.QuerySelectorAll(".portfolio-table tbody tr").Single(r => r.TextContent.Contains("Sales call notes", StringComparison.Ordinal));
        var heat = emptyRow.QuerySelectorAll("td.heat");
        Assert.Equal(6, heat.Length);
        Assert.All(heat, cell => Assert.Matches("^[0-9]{1,3}$", cell.TextContent.Trim()));
        Assert.Contains("heat-1", heat[0].ClassName, StringComparison.Ordinal);
        Assert.Equal(5, page.Document.QuerySelectorAll(".legend .legend-item").Length);
        Assert.Equal(["Lapsed"], page.Texts(".portfolio-table .lapsed"));
        Assert.Contains($"/assessments/{lapsed}/results", page.Find(".attention").InnerHtml, StringComparison.Ordinal);
        Assert.Contains("Conditions past their due date", page.TextOf(".attention"), StringComparison.Ordinal);
        Assert.Matches("Figures as of [0-9]{1,2} [A-Z][a-z]{2} [0-9]{4}, [0-9]{2}:[0-9]{2} UTC", page.TextOf(".as-of"));
        Assert.Equal(["Finance", "Legal", "Sales"], page.Texts("#bu option").Skip(1));
    }

    [Fact]
    public async Task FilterForm_RoundTripsThroughTheUrl()
    {
        await PortfolioData.DeclineAsync(App.Services, await Client.PilotAsync("Invoice matching", "Finance", "Grace Okafor", SampleAnswers.Ready(), submit: true));
        const string View = "bu=Finance&status=submitted&verdict=not-ready&sponsor=Grace%20Okafor&gate=no-production-owner"
            + "&from=2020-01-01&to=2099-12-31&q=invoice&sort=overall&dir=asc&pageSize=10";

        var page = (await Reviewer.GetAsync("/portfolio?" + View)).Expect(HttpStatusCode.OK);
        var form = page.Form("form.portfolio-filters");

        Assert.Equal("Finance", form.Value("bu"));
        Assert.Equal("submitted", form.Value("status"));
        Assert.Equal("not-ready", form.Value("verdict"));
        Assert.Equal("Grace Okafor", form.Value("sponsor"));
        Assert.Equal("no-production-owner", form.Value("gate"));
        Assert.Equal("2020-01-01", form.Value("from"));
        Assert.Equal("2099-12-31", form.Value("to"));
        Assert.Equal("invoice", form.Value("q"));
        Assert.Equal("overall", form.Value("sort"));
        Assert.Equal("asc", form.Value("dir"));
        Assert.Equal("10", form.Value("pageSize"));
        Assert.Equal(["Invoice matching"], page.Texts(PilotLinks));

        // What the browser sends from the form is the same view, written the same way.
        var sent = string.Join("&", form.Fields.Where(f => f.Value.Length > 0).Select(f => f.Key + "=" + Uri.EscapeDataString(f.Value)));
        var again = (await Reviewer.GetAsync("/portfolio?" + sent)).Expect(HttpStatusCode.OK);
        Assert.Equal(page.Texts(PilotLinks), again.Texts(PilotLinks));
        Assert.Equal(form.Fields, again.Form("form.portfolio-filters").Fields);
        // The sorted column's link is the same view in the other direction.
        Assert.Equal("/portfolio?" + View.Replace("dir=asc", "dir=desc", StringComparison.Ordinal),
            again.Find("th[aria-sort=ascending] a").GetAttribute("href"));
    }

    [Fact]
    public async Task SortLinks_KeepTheFilters_AndSayTheDirection()
    {
        await Client.PilotAsync("Invoice matching", answers: SampleAnswers.Ready(), submit: true);
        await Client.PilotAsync("Expense checks", answers: SampleAnswers.ReadyWith("after-demo.production-owner", null));

        var page = (await Reviewer.GetAsync("/portfolio?bu=Finance&sort=title&dir=asc")).Expect(HttpStatusCode.OK);

        Assert.Equal(["Expense checks", "Invoice matching"], page.Texts(PilotLinks));
        var sorted = page.Find("th[aria-sort]");
        Assert.Equal("ascending", sorted.GetAttribute("aria-sort"));
        Assert.Equal("/portfolio?bu=Finance&sort=title&dir=desc", sorted.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(15, page.Document.QuerySelectorAll(".portfolio-table thead th a").Length);
        Assert.Equal("/portfolio?bu=Finance&sort=overall&dir=asc", page.Document.QuerySelectorAll(".portfolio-table thead th a")
            .Single(a => a.TextContent.Trim() == "Overall").GetAttribute("href"));

        var descending = (await Reviewer.GetAsync("/portfolio?bu=Finance&sort=title&dir=desc")).Expect(HttpStatusCode.OK);
        Assert.Equal(["Invoice matching", "Expense checks"], descending.Texts(PilotLinks));
        Assert.Equal("descending", descending.Find("th[aria-sort]").GetAttribute("aria-sort"));
    }

    [Fact]
    public async Task Paging_LinksCarryTheView_AndAPagePastTheEndShowsTheLast()
    {
        for (var i = 1; i <= 5; i++)
        {
            await Client.PilotAsync($"Pilot {i}");
        }

        var first = (await Reviewer.GetAsync("/portfolio?sort=title&dir=asc&pageSize=2")).Expect(HttpStatusCode.OK);
        var past = (await Reviewer.GetAsync("/portfolio?sort=title&dir=asc&pageSize=2&page=9")).Expect(HttpStatusCode.OK);

        Assert.Equal(["Pilot 1", "Pilot 2"], first.Texts(PilotLinks));
        Assert.Equal("/portfolio?sort=title&dir=asc&pageSize=2&page=2", first.Find(".pager a[rel=next]").GetAttribute("href"));
        Assert.Equal(["Pilot 5"], past.Texts(PilotLinks));
        Assert.Contains("page 3 of 3", past.TextOf(".pager"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoPilotMatches_SaysSo_WithAResetLink()
    {
        await Client.PilotAsync("Invoice matching");

        var page = (await Reviewer.GetAsync("/portfolio?bu=Legal")).Expect(HttpStatusCode.OK);

        Assert.Empty(page.Document.QuerySelectorAll(".portfolio-table tbody th.pilot"));
        Assert.Contains("No pilots match these filters.", page.TextOf(".empty"), StringComparison.Ordinal);
        Assert.NotNull(page.Find(".empty a[href='/portfolio']"));
        Assert.Equal("0 pilots match these filters.", page.TextOf(".selection strong"));
        Assert.Equal("Legal", page.Form("form.portfolio-filters").Value("bu"));
    }

    [Theory]
    [InlineData("verdict=maybe", "verdict")]
    [InlineData("sort=colour&dir=sideways", "sort")]
    [InlineData("gate=%27%3Cscript%3E", "gate")]
    [InlineData("from=31/12/2026", "from")]
    [InlineData("pageSize=100000", "pageSize")]
    public async Task BadView_ShowsWhatWasWrong_AndTheWholePortfolio(string query, string field)
    {
        await Client.PilotAsync("Invoice matching");

        var page = (await Reviewer.GetAsync("/portfolio?" + query)).Expect(HttpStatusCode.OK);

        var notice = page.TextOf(".notice-error");
        Assert.Contains("This view could not be shown", notice, StringComparison.Ordinal);
        Assert.Contains(field + ":", notice, StringComparison.Ordinal);
        Assert.Equal(["Invoice matching"], page.Texts(PilotLinks));
        Assert.DoesNotContain("<script>", page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReversedDates_SayWhichIsWrong_AndKeepWhatWasTyped()
    {
        await Client.PilotAsync("Invoice matching");

        var page = (await Reviewer.GetAsync("/portfolio?from=2026-03-01&to=2026-02-01&q=invoice")).Expect(HttpStatusCode.OK);

        var form = page.Form("form.portfolio-filters");
        Assert.Equal(("2026-03-01", "2026-02-01", "invoice"), (form.Value("from"), form.Value("to"), form.Value("q")));
        Assert.Equal("The last day is before the first day: swap them, or change one.", page.TextOf("#to-error"));
        Assert.Equal("true", page.Find("#to").GetAttribute("aria-invalid"));
        Assert.Contains("to-error", page.Find("#to").GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.Contains("This view could not be shown", page.TextOf(".notice-error"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Amira", new[] { "Contract finder", "Invoice matching" })]
    [InlineData("haddad", new[] { "Contract finder", "Invoice matching" })]
    [InlineData("Grace Okafor", new[] { "Sales call notes" })]
    [InlineData("100%", new string[0])]
    public async Task SponsorFilter_MatchesPartOfAName_AndSuggestsTheSponsors(string sponsor, string[] expected)
    {
        await Client.PilotAsync("Invoice matching", "Finance", "Amira Haddad");
        await Client.PilotAsync("Contract finder", "Legal", "Amira Haddad-Reyes");
        await Client.PilotAsync("Sales call notes", "Sales", "Grace Okafor");

        var page = (await Reviewer.GetAsync("/portfolio?sponsor=" + Uri.EscapeDataString(sponsor))).Expect(HttpStatusCode.OK);

        Assert.Equal(expected, page.Texts(PilotLinks).Order(StringComparer.Ordinal));
        Assert.Equal("sponsor-list", page.Find("#sponsor").GetAttribute("list"));
        Assert.Equal(["Amira Haddad", "Amira Haddad-Reyes", "Grace Okafor"],
            page.Document.QuerySelectorAll("#sponsor-list option").Select(o => o.GetAttribute("value")!));
    }

    [Fact]
    public async Task SectionAverages_LeaveDraftsOut_UnlessTheViewTakesThemIn()
    {
        var submitted = await Client.PilotAsync("Invoice matching", answers: SampleAnswers.Ready(), submit: true);
        var draft = await Client.PilotAsync("Sales call notes", "Sales");
        var submittedScore = (await Client.GetScoreAsync(submitted)).GetProperty("sections")[0].GetProperty("score").GetInt32();
        var draftScore = (await Client.GetScoreAsync(draft)).GetProperty("sections")[0].GetProperty("score").GetInt32();
        Assert.NotEqual(submittedScore, draftScore);

        var page = (await Reviewer.GetAsync("/portfolio")).Expect(HttpStatusCode.OK);
        var withDrafts = (await Reviewer.GetAsync(page.Find(".averaged a").GetAttribute("href")!)).Expect(HttpStatusCode.OK);

        Assert.StartsWith("Of the 1 submitted pilot; drafts are left out", page.TextOf(".averaged"), StringComparison.Ordinal);
        Assert.Equal(submittedScore.ToString(System.Globalization.CultureInfo.InvariantCulture), FirstAverage(page));
        Assert.Equal("/portfolio?drafts=in", page.Find(".averaged a").GetAttribute("href"));
        Assert.StartsWith("Of all 2 pilots, drafts included.", withDrafts.TextOf(".averaged"), StringComparison.Ordinal);
        Assert.Equal(((submittedScore + draftScore) / 2.0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture), FirstAverage(withDrafts));
        Assert.Equal("in", withDrafts.Form("form.portfolio-filters").Value("drafts"));
        // The counts still take every pilot in.
        Assert.Equal("2 pilots in the portfolio.", page.TextOf(".selection strong"));
    }

    private static string FirstAverage(WebPage page) => page.Texts("[aria-labelledby=averages-heading] .bar-label strong")[0];

    [Fact]
    public async Task ExportLinks_CarryTheFiltersAndSort_ButNotThePage()
    {
        await Client.PilotAsync("Invoice matching", "Finance");
        await Client.PilotAsync("Expense checks", "Finance");
        await Client.PilotAsync("Sales call notes", "Sales");

        var page = (await Reviewer.GetAsync("/portfolio?bu=Finance&sort=title&pageSize=1&page=2")).Expect(HttpStatusCode.OK);

        Assert.Equal(["Invoice matching"], page.Texts(PilotLinks));
        Assert.Equal("Export the 2 pilots these filters select, every page, in the table's order.", page.TextOf("#export-what"));
        var links = page.Document.QuerySelectorAll(".export-links a").ToDictionary(a => a.TextContent.Trim(), a => a.GetAttribute("href")!);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["CSV"] = "/api/portfolio/export?format=csv&bu=Finance&sort=title&dir=asc",
                ["Excel (XLSX)"] = "/api/portfolio/export?format=xlsx&bu=Finance&sort=title&dir=asc",
                ["JSON"] = "/api/portfolio/export?format=json&bu=Finance&sort=title&dir=asc",
                ["Reports (ZIP of PDFs)"] = "/api/portfolio/reports.zip?bu=Finance&sort=title&dir=asc",
            },
            links);
        Assert.All(links.Values, href => Assert.DoesNotContain("page", href, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(links["Reports (ZIP of PDFs)"], page.Find("[data-export-fallback] a").GetAttribute("href"));
        Assert.Equal("/js/portfolio-export.js", new Uri(new Uri("http://localhost"), page.Find("script[src*='portfolio-export']").GetAttribute("src")).AbsolutePath);

        // The link works with the page's own sign-in and gives every pilot the filters select, in the table's order.
        using var csv = await Reviewer.Client.GetAsync(new Uri(links["CSV"], UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains(",Expense checks,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",Invoice matching,", lines[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/portfolio")]
    [InlineData("/portfolio?pageSize=2&page=2")]
    [InlineData("/portfolio?verdict=maybe")]
    public async Task ExportLinks_WithoutFilters_ExportTheWholePortfolio(string url)
    {
        for (var i = 1; i <= 3; i++)
        {
            await Client.PilotAsync($"Pilot {i}");
        }

        var page = (await Reviewer.GetAsync(url)).Expect(HttpStatusCode.OK);

        Assert.Equal("Export all 3 pilots in the portfolio, every page, in the table's order.", page.TextOf("#export-what"));
        Assert.Equal(
            ["/api/portfolio/export?format=csv", "/api/portfolio/export?format=xlsx", "/api/portfolio/export?format=json", "/api/portfolio/reports.zip"],
            page.Document.QuerySelectorAll(".export-links a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task NoPilotMatches_OffersNoExport()
    {
        await Client.PilotAsync("Invoice matching");

        var page = (await Reviewer.GetAsync("/portfolio?bu=Legal")).Expect(HttpStatusCode.OK);

        Assert.Empty(page.Document.QuerySelectorAll(".export"));
    }

    [Fact]
    public async Task Sponsor_IsSentToTheForbiddenPage_AndHasNoPortfolioLink()
    {
        var page = await Browser.GetAsync("/portfolio");
        var home = (await Browser.GetAsync("/")).Expect(HttpStatusCode.OK);
        var reviewerHome = (await Reviewer.GetAsync("/")).Expect(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Found, page.Status);
        Assert.StartsWith("/Status/403", new Uri(new Uri("http://localhost"), page.Location).PathAndQuery, StringComparison.Ordinal);
        Assert.Empty(home.Document.QuerySelectorAll("nav a[href='/portfolio']"));
        Assert.NotNull(reviewerHome.Find("nav a[href='/portfolio']"));
    }
}
