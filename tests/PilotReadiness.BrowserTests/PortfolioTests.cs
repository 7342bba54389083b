using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PilotReadiness.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PilotReadiness.BrowserTests;

/// <summary>
/// The portfolio dashboard as the demo reviewer sees it: no axe violations at desktop width and on a phone, the
/// filters end up in the URL, and a pilot opens from the table. Screenshots land in <c>artifacts/screenshots/</c>.
/// </summary>
public sealed partial class PortfolioTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string ReviewerEmail = "reviewer@demo.local";

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task Portfolio_AsReviewer_HasNoAxeViolations(string device)
    {
        var page = await SignInAsReviewerAsync(device == "phone" ? BrowserFixture.Phone : BrowserFixture.Desktop);

        await page.GotoAsync("/portfolio");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Portfolio", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Pilots by recommended verdict" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, $"{device}-portfolio");
        await Accessibility.AssertNoViolationsAsync(page, $"portfolio ({device})");

        await page.GotoAsync("/portfolio?bu=No+such+unit");
        await Expect(page.GetByText("No pilots match these filters.")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, $"{device}-portfolio-empty");
        await Accessibility.AssertNoViolationsAsync(page, $"portfolio with no pilots ({device})");
    }

    [Fact]
    public async Task Reviewer_FiltersSortsAndOpensAPilot_TheUrlHoldsTheView()
    {
        var page = await SignInAsReviewerAsync(BrowserFixture.Desktop);
        await page.GotoAsync("/portfolio");

        await page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("submitted");
        await page.GetByLabel("Verdict", new() { Exact = true }).SelectOptionAsync("go");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("status=submitted.*verdict=go"));

        var rows = page.Locator(".portfolio-table").First.Locator("tbody tr");
        Assert.True(await rows.CountAsync() > 0, "The demo portfolio has submitted pilots recommended go.");
        Assert.All(await rows.Locator("td:nth-of-type(4) .verdict").AllTextContentsAsync(), verdict => Assert.Equal("Go", verdict.Trim()));

        await page.GetByRole(AriaRole.Link, new() { Name = "Overall", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("sort=overall&dir=asc"));
        Assert.Contains("status=submitted", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("th[aria-sort=ascending]")).ToHaveTextAsync(new Regex("Overall"));
        await Expect(page.GetByLabel("Verdict", new() { Exact = true })).ToHaveValueAsync("go");
        await Screenshots.SaveAsync(page, "desktop-portfolio-filtered");

        var first = rows.First.Locator("th a");
        var title = (await first.TextContentAsync())!.Trim();
        await first.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        Assert.Matches(ResultsUrl(), page.Url);
    }

    private async Task<IPage> SignInAsReviewerAsync(ViewportSize viewport)
    {
        var context = await Fixture.NewContextAsync(viewport, signedIn: false);
        Track(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(ReviewerEmail);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(BrowserFixture.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Signing in hashes a password: on a busy machine that can take longer than a page load may.
        await page.WaitForURLAsync(Fixture.BaseUrl + "/", new() { Timeout = 60_000 });
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Portfolio", Exact = true })).ToBeVisibleAsync();
        return page;
    }

    [GeneratedRegex("/assessments/[0-9a-f-]{36}/results$")]
    private static partial Regex ResultsUrl();
}
