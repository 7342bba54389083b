using PilotReadiness.Domain.Questionnaires;
using System.Net;
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
            ["Recommendation", "Section scores", "Gates triggered", "About this pilot", "What to fix first", "Named people",
             "Decision record", "Appendix: every question and answer"],
            page.Texts("article h2"));
        Assert.Equal(6, page.Document.QuerySelectorAll("section[aria-labelledby=sections-heading] tbody tr").Length);
        Assert.Equal(QuestionnaireCatalog.Current.Questions.Count(), page.Document.QuerySelectorAll(".report-answers tbody tr").Length);
        Assert.Contains(ReportText.NoDecision, page.Text, StringComparison.Ordinal);
        Assert.Contains(ReportSamples.Sponsor, page.TextOf(".report-facts"), StringComparison.Ordinal);
        Assert.Contains(ReportSamples.Owner, page.Text, StringComparison.Ordinal);
        Assert.StartsWith("/css/report.css", page.Find("link[rel=stylesheet][href^='/css/report.css']").GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal($"/api/assessments/{id}/report.pdf", page.Find(".report-actions a[href$='.pdf']").GetAttribute("href"));
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
