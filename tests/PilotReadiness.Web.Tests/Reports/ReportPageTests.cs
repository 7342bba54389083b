using PilotReadiness.Domain.Questionnaires;
using System.Net;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Web.Reports;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Reports;

/// <summary>The print page and the report buttons on the results page, over HTTP.</summary>
public sealed class ReportPageTests(PostgresAppFactory app) : PageTest(app)
{
    [Fact]
    public async Task ReportPage_ShowsTheReportWithAPrintStylesheet()
    {
        var id = await ReportSeed.CreateAsync(Client);

        var page = (await Browser.GetAsync($"/assessments/{id}/report")).Expect(HttpStatusCode.OK);

        Assert.Equal(ReportSeed.Title, page.TextOf("h1"));
        Assert.Equal("Go", page.TextOf(".report-verdict-label"));
        Assert.NotNull(page.Find(".report-verdict.report-verdict-go"));
        // Nobody named has confirmed yet: half their points each (scoring model 2), still a go.
        Assert.Equal("92 / 100 overall readiness score", page.TextOf(".report-score"));
        Assert.Equal(
            ["Recommendation", "The ask", "The three fixes that raise readiness most", "Section scores", "Gates triggered", "About this pilot",
             "What to fix first", "Named people", "Decision record", "Appendix: every question and answer"],
            page.Texts("article h2"));
        Assert.Equal(6, page.Document.QuerySelectorAll("section[aria-labelledby=sections-heading] tbody tr").Length);
        Assert.Equal(ShippedQuestionnaires.Catalog.Current.Questionnaire.Questions.Count(), page.Document.QuerySelectorAll(".report-answers tbody tr").Length);
        Assert.Contains(ReportText.NoDecision, page.Text, StringComparison.Ordinal);
        Assert.Contains(ReportSamples.Sponsor, page.TextOf(".report-facts"), StringComparison.Ordinal);
        Assert.Contains(ReportSamples.Owner, page.Text, StringComparison.Ordinal);
        Assert.StartsWith("/css/report.css", page.Find("link[rel=stylesheet][href^='/css/report.css']").GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal($"/api/assessments/{id}/report.pdf", page.Find(".report-actions a[href$='.pdf']").GetAttribute("href"));
    }

    [Fact]
    public async Task ReportPage_SaysWhatTheVerdictMeans_TheVersionsAndTheAsk_InTheReportsStyle()
    {
        var id = await ReportSeed.CreateAsync(Client);

        var page = (await Browser.GetAsync($"/assessments/{id}/report")).Expect(HttpStatusCode.OK);

        Assert.Equal(ReportText.VerdictMeaning(Verdict.Go), page.TextOf(".report-verdict-meaning"));
        Assert.Contains("Scored with|Questionnaire 2 · scoring model 2",
            page.Document.QuerySelectorAll(".report-facts div").Select(d => d.QuerySelector("dt")!.TextContent + "|" + d.QuerySelector("dd")!.TextContent));
        Assert.DoesNotContain("Version 1 and version 1", page.Text, StringComparison.Ordinal);
        Assert.Equal(
            ["Production budget|EUR 160,000 Approved", "Prototype cost|EUR 40,000", "Budget to prototype cost|4× Production usually needs 3× the prototype or more.",
             "Rollout date|1 March 2027", "Leadership's decision|" + ReportText.NoDecision],
            page.Document.QuerySelectorAll(".report-ask > div").Select(d => Squash(d.QuerySelector("dt")!.TextContent) + "|" + Squash(d.QuerySelector("dd")!.TextContent)));
        // Nobody named has confirmed yet, so the top fixes are there even on a go: the three that raise readiness most.
        Assert.Equal(3, page.Document.QuerySelectorAll("section[aria-labelledby=top-heading] ol.report-top > li").Length);

        // Colours come from the report's one style: the tones on the article, the verdict's on its panel.
        Assert.Equal(ReportStyle.CssProperties, page.Find("article.report").GetAttribute("style"));
        Assert.Equal(ReportStyle.VerdictCss(Verdict.Go), page.Find(".report-verdict").GetAttribute("style"));
        Assert.All(page.Document.QuerySelectorAll(".report-stack .claim-state"), badge =>
            Assert.Contains(badge.ClassList, c => c.StartsWith("report-tone-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ResultsDecideAndReport_NameEachGateByItsOwnName_WithItsSection()
    {
        var id = await ReportSeed.CreateAsync(Client);
        await Client.AnswerAsync(id, new Dictionary<string, object> { ["integration.budgeted"] = false });
        using (var submitted = await Client.PostActionAsync(id, "submit"))
        {
            await submitted.ReadJsonAsync(HttpStatusCode.OK);
        }

        var results = (await Browser.GetAsync(ResultsUrl(id))).Expect(HttpStatusCode.OK);
        var decide = (await NewSession(TestUsers.Reviewer).GetAsync($"/assessments/{id}/decide")).Expect(HttpStatusCode.OK);
        var report = (await Browser.GetAsync($"/assessments/{id}/report")).Expect(HttpStatusCode.OK);

        const string gate = "Integration not budgeted · Integration budgeted? · caps at Not ready: Live systems are listed";
        Assert.StartsWith(gate, Squash(results.TextOf("section[aria-labelledby=gates-heading] li")), StringComparison.Ordinal);
        Assert.StartsWith(gate, Squash(decide.TextOf(".recommendation-gates + ul li")), StringComparison.Ordinal);
        Assert.Equal(["Integration not budgeted", "Integration budgeted?", "caps at Not ready"], report.Texts(".report-gates .meta span"));
    }

    [Fact]
    public async Task ReportPage_SomeoneElses_Is404()
    {
        var id = await ReportSeed.CreateAsync(Client);

        var page = await NewSession(TestUsers.OtherSponsor).GetAsync($"/assessments/{id}/report");

        page.Expect(HttpStatusCode.NotFound);
        Assert.DoesNotContain(ReportSeed.Title, page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_OffersTheReportDownloadsAndThePrintView()
    {
        var id = await ReportSeed.CreateAsync(Client);

        var page = (await Browser.GetAsync(ResultsUrl(id))).Expect(HttpStatusCode.OK);

        var links = page.Document.QuerySelectorAll("[aria-label='Go/no-go report'] a")
            .Select(a => (Squash(a.TextContent), a.GetAttribute("href"))).ToList();
        Assert.Equal(
            [
                ("Download PDF", $"/api/assessments/{id}/report.pdf"),
                ("Download Word", $"/api/assessments/{id}/report.docx"),
                ("Print view", $"/assessments/{id}/report"),
            ],
            links);
    }

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
