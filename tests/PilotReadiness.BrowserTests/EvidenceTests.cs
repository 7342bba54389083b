using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Playwright;
using PilotReadiness.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PilotReadiness.BrowserTests;

/// <summary>A sponsor attaches evidence from the review page; the results flag the stale; axe at desktop and phone.</summary>
public sealed class EvidenceTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string OwnerKey = "after-demo.production-owner";

    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static byte[] Pdf() => Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");

    [Fact]
    public async Task Sponsor_AttachesAFileAndALink_OnTheReviewPage_AndTheResultsFlagTheStaleOne()
    {
        var id = await CreateAssessmentAsync("Supplier reply drafting (evidence)");
        await AnswerAsync(id, ReadyAnswers());

        var page = await OpenPageAsync(BrowserFixture.Desktop);
        await page.GotoAsync($"/assessments/{id}/review");
        var answer = page.Locator("#evidence-after-demo-production-owner");
        await answer.GetByText("Add evidence").First.ClickAsync();
        await answer.GetByLabel("A file").SetInputFilesAsync(new FilePayload { Name = "owner-acceptance.pdf", MimeType = "application/pdf", Buffer = Pdf() });
        await answer.GetByLabel("Dated").FillAsync(Today.AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Accessibility.AssertNoViolationsAsync(page, "review with the evidence form open");
        await answer.GetByRole(AriaRole.Button, new() { Name = "Add evidence" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/review#evidence-after-demo-production-owner$"));
        await Expect(page.Locator("#evidence-after-demo-production-owner .evidence-list")).ToContainTextAsync("owner-acceptance.pdf");

        // A link that is not a web address is refused with the field's message, on the evidence page.
        await answer.GetByText("Add evidence").First.ClickAsync();
        await answer.GetByLabel("or a link").FillAsync("javascript:alert(1)");
        await answer.GetByRole(AriaRole.Button, new() { Name = "Add evidence" }).ClickAsync();
        await Expect(page.Locator("#evidence-url-error")).ToContainTextAsync("http://");
        await Accessibility.AssertNoViolationsAsync(page, "evidence page with a refused link");
        await Screenshots.SaveAsync(page, "evidence-refused-link");

        await page.GetByLabel("or a link").FillAsync("https://wiki.example.com/finance/budget-2025");
        await page.GetByLabel("Dated").FillAsync(Today.AddDays(-200).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Add evidence" }).ClickAsync();
        await Expect(page.Locator(".evidence-list li")).ToHaveCountAsync(2);
        await Expect(page.Locator(".evidence-list li.evidence-stale")).ToContainTextAsync("Stale: older than 180 days");
        await Accessibility.AssertNoViolationsAsync(page, "evidence page");
        await Screenshots.SaveAsync(page, "evidence-page");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "owner-acceptance.pdf" }).ClickAsync());
        Assert.Equal("owner-acceptance.pdf", download.SuggestedFilename);

        await page.GotoAsync($"/assessments/{id}/review#evidence-after-demo-production-owner");
        await Screenshots.SaveAsync(page, "evidence-review");

        await page.GotoAsync($"/assessments/{id}/results");
        var section = page.Locator("section", new() { Has = page.Locator("#evidence-heading") });
        await Expect(section).ToContainTextAsync("1 piece of evidence is older than 180 days");
        await Expect(section.Locator("li.evidence-stale")).ToContainTextAsync("budget-2025");
        await Accessibility.AssertNoViolationsAsync(page, "results with evidence");
        await section.ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(page, "evidence-results");

        var phone = await OpenPageAsync(BrowserFixture.Phone);
        foreach (var (url, name) in new[]
        {
            ($"/assessments/{id}/review", "evidence-review-phone"),
            ($"/assessments/{id}/evidence/{OwnerKey}", "evidence-page-phone"),
            ($"/assessments/{id}/results", "evidence-results-phone"),
        })
        {
            await phone.GotoAsync(url);
            if (url.EndsWith("/review", StringComparison.Ordinal))
            {
                await phone.Locator("#evidence-after-demo-production-owner").GetByText("Add evidence").First.ClickAsync();
                await phone.Locator("#evidence-after-demo-production-owner").ScrollIntoViewIfNeededAsync();
            }

            await Accessibility.AssertNoViolationsAsync(phone, name);
            var overflow = await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth");
            Assert.False(overflow, $"{name}: the page is wider than the phone's screen.");
            await Screenshots.SaveAsync(phone, name);
        }

        using var list = await Api.GetAsync($"api/assessments/{id}/evidence");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }
}
