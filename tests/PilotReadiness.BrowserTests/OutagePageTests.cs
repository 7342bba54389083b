using Microsoft.Playwright;
using PilotReadiness.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PilotReadiness.BrowserTests;

/// <summary>
/// The "back in a moment" page, sent with 503 while the database cannot be reached: accessible and laid out on a desktop
/// and a phone. It is a static file, so it is opened directly; the web tests (DatabaseOutageTests) check that a request
/// gets it during an outage.
/// </summary>
public sealed class OutagePageTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task BackInAMomentPage_HasNoAxeViolations(string device)
    {
        var context = await Fixture.NewContextAsync(device == "phone" ? BrowserFixture.Phone : BrowserFixture.Desktop, signedIn: false);
        Track(context);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/unavailable.html");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Back in a moment" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Try again" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, $"{device}-unavailable");
        await Accessibility.AssertNoViolationsAsync(page, $"unavailable ({device})");
    }
}
