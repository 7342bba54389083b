using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using PilotReadiness.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PilotReadiness.BrowserTests;

/// <summary>The go/no-go report from the results page: both downloads, and the print view (scanned with axe, on screen and as printed).</summary>
public sealed class ReportTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Title = "Claims triage — Zoë Łukasiewicz";

    [Fact]
    public async Task Results_DownloadButtons_GiveThePdfAndTheWordDocument()
    {
        var id = await ReportAssessmentAsync();
        var page = await OpenPageAsync();
        await page.GotoAsync($"/assessments/{id}/results");

        var pdf = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Download PDF" }).ClickAsync());
        var pdfBytes = await File.ReadAllBytesAsync(await pdf.PathAsync());
        Assert.EndsWith(".pdf", pdf.SuggestedFilename, StringComparison.Ordinal);
        Assert.Contains("go-no-go report", pdf.SuggestedFilename, StringComparison.Ordinal);
        Assert.Equal("%PDF"u8.ToArray(), pdfBytes[..4]);

        var docx = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Download Word" }).ClickAsync());
        var docxBytes = await File.ReadAllBytesAsync(await docx.PathAsync());
        Assert.EndsWith(".docx", docx.SuggestedFilename, StringComparison.Ordinal);
        Assert.Equal("PK"u8.ToArray(), docxBytes[..2]);

        // The downloads leave the results page where it was.
        await Expect(page).ToHaveURLAsync($"{Fixture.BaseUrl}/assessments/{id}/results");
    }

    [Fact]
    public async Task PrintView_HasNoAxeViolations_AndPrintsWithoutTheSiteChrome()
    {
        var id = await ReportAssessmentAsync();
        var page = await OpenPageAsync();
        await page.GotoAsync($"/assessments/{id}/results");

        await page.GetByRole(AriaRole.Link, new() { Name = "Print view" }).ClickAsync();

        await Expect(page).ToHaveURLAsync($"{Fixture.BaseUrl}/assessments/{id}/report");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Title);
        // Scoring model 2: a production budget of 1.5 times the prototype's cost holds the pilot at no-go.
        await Expect(page.Locator(".report-verdict-label")).ToHaveTextAsync("No-go");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Print" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "desktop-report");
        await Accessibility.AssertNoViolationsAsync(page, "report (desktop)");

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator(".site-header")).ToBeHiddenAsync();
        await Expect(page.Locator(".report-actions")).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Appendix: every question and answer" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "print-report");
        await Accessibility.AssertNoViolationsAsync(page, "report (print)");
    }

    [Fact]
    public async Task PrintView_OnAPhone_HasNoAxeViolations_AndKeepsItsTablesInsideTheReport()
    {
        var id = await ReportAssessmentAsync();
        var page = await OpenPageAsync(BrowserFixture.Phone);
        await page.GotoAsync($"/assessments/{id}/report");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Title);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Named people" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "phone-report");
        await Accessibility.AssertNoViolationsAsync(page, "report (phone)");
        await AssertFitsAsync(page, BrowserFixture.Phone.Width);
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task PrintView_LongUnbrokenWordInTheDescription_WrapsInsideThePage(int width)
    {
        // 1,750 characters without a space, as a pasted token would be.
        var word = string.Concat(Enumerable.Repeat("unbrokenword", 146))[..1750];
        using var response = await Api.PostAsJsonAsync("api/assessments",
            new { title = "Long words", businessUnit = "Operations", sponsor = "Priya Raman", description = word });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var page = await OpenPageAsync(new() { Width = width, Height = 900 });

        await page.GotoAsync($"/assessments/{id}/report");

        await Expect(page.Locator(".report-text")).ToHaveTextAsync(word);
        await AssertFitsAsync(page, width);
    }

    [Fact]
    public async Task PrintView_SaysTheAskTheTopFixesAndWhatTheVerdictMeans_InTheReportsColours()
    {
        var id = await ReportAssessmentAsync();
        var page = await OpenPageAsync();
        await page.GotoAsync($"/assessments/{id}/report");

        await Expect(page.Locator(".report-verdict-meaning")).ToHaveTextAsync("Do not start this pilot as it stands.");
        await Expect(page.Locator(".report-ask")).ToContainTextAsync("EUR 60,000");
        await Expect(page.Locator(".report-top > li")).ToHaveCountAsync(3);
        // The colours come from the report's one style: the verdict's, and each state's tone.
        Assert.Equal("rgb(161, 29, 43)", await page.Locator(".report-verdict").EvaluateAsync<string>("e => getComputedStyle(e).color"));
        Assert.Equal("rgb(161, 29, 43)", await page.Locator(".report-gates .severity").First.EvaluateAsync<string>("e => getComputedStyle(e).color"));
        Assert.Equal("rgb(79, 91, 107)", await page.Locator(".claim-state.report-tone-quiet").First.EvaluateAsync<string>("e => getComputedStyle(e).color"));
    }

    /// <summary>The page is no wider than the window, and every table of the report stays inside the report.</summary>
    private static async Task AssertFitsAsync(IPage page, int width)
    {
        var pageWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(pageWidth <= width, $"The page is {pageWidth} px wide in a {width} px window.");
        var overflowing = await page.EvaluateAsync<string[]>("""
            () => {
                const report = document.querySelector('.report').getBoundingClientRect();
                return [...document.querySelectorAll('.report table')]
                    .filter(t => t.getBoundingClientRect().right > report.right + 0.5)
                    .map(t => (t.querySelector('caption')?.textContent ?? 'a table') + ' ends at ' + Math.round(t.getBoundingClientRect().right) + ' px');
            }
            """);
        Assert.True(overflowing.Length == 0, $"Outside the report ({width} px): " + string.Join("; ", overflowing));
    }

    /// <summary>A pilot with gates, findings and named people, so that every part of the report shows.</summary>
    private async Task<Guid> ReportAssessmentAsync()
    {
        var id = await CreateAssessmentAsync(Title, "Claims & Customer Care", "Zoë Łukasiewicz");
        await AnswerAsync(id, new Dictionary<string, object>
        {
            ["commitment.purpose"] = "evaluate",
            ["commitment.budget-status"] = "requested",
            ["commitment.rollout-date"] = "2027-04-01",
            ["commitment.executive-sponsor"] = "Helena Marsh, COO",
            ["commitment.what-then"] = "The claims team adopts it for motor claims in the spring; the operations lead runs it.",
            ["commitment.adoption"] = "The motor claims handlers adopt it from April 2027.",
            ["commitment.integration-built"] = "A CRM connector for claim records, built by the vendor.",
            ["commitment.what-then-owner"] = "José Ñúñez",
            ["commitment.success-criteria"] = "Nine in ten claims get the right category, checked on 200 claims a month.",
            ["involvement.using-team"] = "Motor claims handlers",
            ["involvement.level"] = "consulted",
            ["involvement.team-sponsor"] = "Marek Nowak",
            ["after-demo.production-owner"] = "José Ñúñez",
            ["after-demo.review-cadence"] = "quarterly",
            ["integration.systems"] = new List<string> { "crm", "ticketing" },
            ["integration.state"] = "extract-only",
            ["integration.budgeted"] = false,
            ["integration.prototype-cost"] = 40000,
            ["integration.production-budget"] = 60000,
            ["workflow.mapped-with-users"] = false,
            ["ownership.quality-monitoring"] = "spot-checks",
        });
        return id;
    }
}
