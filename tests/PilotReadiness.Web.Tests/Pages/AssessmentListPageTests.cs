using System.Net;
using System.Net.Http.Json;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Pages;

public sealed class AssessmentListPageTests(PostgresAppFactory app) : PageTest(app)
{
    private const string Rows = "table tbody tr";
    private const string TitleLinks = "table tbody tr td:first-child > a";

    [Fact]
    public async Task List_StatusFilter_ShowsOnlyAssessmentsWithThatStatus()
    {
        await CreateAsync("Invoice matching assistant");
        var submitted = await CreateAsync("Customer email triage");
        await CreateAsync("Contract clause finder");
        await SubmitAsync(submitted);

        var drafts = (await Browser.GetAsync("/assessments?status=draft")).Expect(HttpStatusCode.OK);
        var onlySubmitted = (await Browser.GetAsync("/assessments?status=submitted")).Expect(HttpStatusCode.OK);
        var all = (await Browser.GetAsync("/assessments")).Expect(HttpStatusCode.OK);

        Assert.Equal(["Contract clause finder", "Invoice matching assistant"], drafts.Texts(TitleLinks).Order(StringComparer.Ordinal));
        Assert.Equal(["Customer email triage"], onlySubmitted.Texts(TitleLinks));
        Assert.Equal(["Submitted for review"], onlySubmitted.Texts($"{Rows} .status"));
        Assert.Equal("submitted", onlySubmitted.Find("#status option[selected]").GetAttribute("value"));
        Assert.Equal($"/assessments/{submitted}/results", onlySubmitted.Find(TitleLinks).GetAttribute("href"));
        Assert.Equal(3, all.Document.QuerySelectorAll(Rows).Length);
        Assert.Empty(all.Document.QuerySelectorAll("#status option[selected]"));
    }

    [Theory]
    [InlineData("INVOICE", new[] { "Invoice matching assistant" })]
    [InlineData("  triage ", new[] { "Customer email triage" })]
    [InlineData("okafor", new[] { "Contract clause finder" })]
    [InlineData("legal", new[] { "Contract clause finder" })]
    [InlineData("a", new[] { "Contract clause finder", "Customer email triage", "Invoice matching assistant" })]
    public async Task List_Search_MatchesTitleSponsorOrBusinessUnit(string q, string[] expected)
    {
        await CreateAsync("Invoice matching assistant");
        await CreateAsync("Customer email triage", businessUnit: "Customer service");
        await CreateAsync("Contract clause finder", businessUnit: "Legal", sponsor: "Chidi Okafor");

        var page = (await Browser.GetAsync($"/assessments?q={Uri.EscapeDataString(q)}")).Expect(HttpStatusCode.OK);

        Assert.Equal(expected, page.Texts(TitleLinks).Order(StringComparer.Ordinal));
        Assert.Equal(q.Trim(), page.Find("#q").GetAttribute("value"));
        Assert.NotNull(page.Find("form.filters a[href='/assessments']")); // "Clear"
    }

    [Fact]
    public async Task List_SearchAndStatusTogether_BothApply()
    {
        await CreateAsync("Invoice matching assistant");
        await SubmitAsync(await CreateAsync("Invoice coding helper"));
        await SubmitAsync(await CreateAsync("Customer email triage"));

        var page = (await Browser.GetAsync("/assessments?status=submitted&q=invoice")).Expect(HttpStatusCode.OK);

        Assert.Equal(["Invoice coding helper"], page.Texts(TitleLinks));
    }

    [Fact]
    public async Task List_NothingMatches_SaysSoInsteadOfAnEmptyTable()
    {
        await CreateAsync("Invoice matching assistant");

        var page = (await Browser.GetAsync("/assessments?q=submarine")).Expect(HttpStatusCode.OK);

        Assert.Empty(page.Document.QuerySelectorAll("table"));
        Assert.Contains("No assessment matches these filters.", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_MoreThan20_ShowsTwentyAndPagingLinks()
    {
        for (var i = 1; i <= 21; i++)
        {
            await CreateAsync($"Pilot {i:00}");
        }

        var first = (await Browser.GetAsync("/assessments")).Expect(HttpStatusCode.OK);

        Assert.Equal(20, first.Document.QuerySelectorAll(Rows).Length);
        Assert.Contains("21 assessments · page 1 of 2", first.TextOf("nav.pager"), StringComparison.Ordinal);
        Assert.Equal(["Next page"], first.Texts("nav.pager a"));
        Assert.Equal("/assessments?p=2", first.Find("nav.pager a").GetAttribute("href"));

        var second = (await Browser.GetAsync("/assessments?p=2")).Expect(HttpStatusCode.OK);

        var last = Assert.Single(second.Texts(TitleLinks));
        Assert.DoesNotContain(last, first.Texts(TitleLinks));
        Assert.Equal(["Previous page"], second.Texts("nav.pager a"));
        Assert.Equal("/assessments?p=1", second.Find("nav.pager a").GetAttribute("href"));
        Assert.Equal(21, first.Texts(TitleLinks).Concat(second.Texts(TitleLinks)).Distinct().Count());
    }

    [Fact]
    public async Task List_PagingLinks_KeepTheFilterAndSearch()
    {
        for (var i = 1; i <= 22; i++)
        {
            await CreateAsync($"Pilot {i:00} & co");
        }

        await SubmitAsync(await CreateAsync("Pilot submitted & co"));

        var first = (await Browser.GetAsync("/assessments?status=draft&q=%26%20co")).Expect(HttpStatusCode.OK);

        Assert.Contains("22 assessments · page 1 of 2", first.TextOf("nav.pager"), StringComparison.Ordinal);
        var next = first.Find("nav.pager a").GetAttribute("href");
        Assert.Equal("/assessments?status=draft&q=%26%20co&p=2", next);
        var second = (await Browser.GetAsync(next!)).Expect(HttpStatusCode.OK);
        Assert.Equal(2, second.Document.QuerySelectorAll(Rows).Length);
        Assert.DoesNotContain("Pilot submitted & co", second.Texts(TitleLinks));
    }

    [Theory]
    [InlineData("/assessments?p=0")]
    [InlineData("/assessments?p=-3")]
    [InlineData("/assessments?p=999999")]
    [InlineData("/assessments?p=99999999999999")]
    [InlineData("/assessments?p=abc")]
    [InlineData("/assessments?status=bogus")]
    [InlineData("/assessments?q=%25_%5C")]
    public async Task List_OddQueryValues_StillShowAPage(string url)
    {
        await CreateAsync("Invoice matching assistant");

        var page = (await Browser.GetAsync(url)).Expect(HttpStatusCode.OK);

        Assert.Equal("Assessments", page.TextOf("main h1"));
    }

    [Fact]
    public async Task List_Search_TreatsLikeWildcardsAsText()
    {
        await CreateAsync("Invoice matching assistant");
        await CreateAsync("Cost 100% covered");

        var percent = (await Browser.GetAsync("/assessments?q=%25")).Expect(HttpStatusCode.OK);
        var underscore = (await Browser.GetAsync("/assessments?q=_")).Expect(HttpStatusCode.OK);

        Assert.Equal(["Cost 100% covered"], percent.Texts(TitleLinks));
        Assert.Empty(underscore.Document.QuerySelectorAll(Rows));
    }

    private async Task<Guid> CreateAsync(string title, string businessUnit = "Finance", string sponsor = "Amira Haddad")
    {
        using var response = await Client.PostAsJsonAsync("/api/assessments", new { title, businessUnit, sponsor });
        var body = await response.ReadJsonAsync(HttpStatusCode.Created);
        return body.GetProperty("id").GetGuid();
    }

    /// <summary>Answers every question well, then submits.</summary>
    private async Task SubmitAsync(Guid id)
    {
        await Client.AnswerAsync(id, SampleAnswers.Ready());
        using var response = await Client.PostActionAsync(id, "submit");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
