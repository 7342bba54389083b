using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PilotReadiness.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PilotReadiness.BrowserTests;

/// <summary>
/// The API reference is for developers: it is offered in the footer, not the main menu, and shows the API alone, without
/// the viewer's own offers (its developer toolbar with "Deploy" and "Generate SDK", and its "Ask AI" chat).
/// </summary>
public sealed class ApiReferenceTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task ApiReference_IsInTheFooterNotTheMainMenu()
    {
        var page = await OpenPageAsync(BrowserFixture.Desktop);
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).Locator("a[href='/api/docs']")).ToHaveCountAsync(0);
        var footerLink = page.GetByRole(AriaRole.Navigation, new() { Name = "For developers" }).GetByRole(AriaRole.Link, new() { Name = "API reference" });
        await Expect(footerLink).ToBeVisibleAsync();
        await footerLink.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/api/docs"));
    }

    [Fact]
    public async Task ApiReference_ShowsTheApi_WithoutTheViewersExtras()
    {
        var context = await Fixture.NewContextAsync(BrowserFixture.Desktop, signedIn: false);
        Track(context);
        var page = await context.NewPageAsync();
        // The viewer is a large script that renders in the page, and asks for web fonts the machine may not reach: wait
        // for the document and then for what it renders, generously, rather than for every resource to load.
        await page.GotoAsync("/api/docs", new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 60_000 });

        // The reference has rendered the document: the API's title and one of its operations.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "PilotReadiness API" }).First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in with email and password" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "desktop-api-reference");

        foreach (var extra in new[] { "Deploy", "Ask AI", "Generate SDK", "Generate SDKs" })
        {
            var offered = page.GetByRole(AriaRole.Button, new() { Name = extra, Exact = false })
                .Or(page.GetByRole(AriaRole.Link, new() { Name = extra, Exact = false }));
            await Expect(offered).ToHaveCountAsync(0);
        }
    }
}
