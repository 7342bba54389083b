using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PilotReadiness.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PilotReadiness.BrowserTests;

/// <summary>
/// axe-core finds no violations on any page, at desktop width and on a phone. Each page is also saved as a full-page
/// screenshot in <c>artifacts/screenshots/</c> (before the scan, so a failing page is still captured).
/// </summary>
public sealed class AccessibilityTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Theory]
    [InlineData("home", "desktop")]
    [InlineData("assessments", "desktop")]
    [InlineData("new", "desktop")]
    [InlineData("new-with-errors", "desktop")]
    [InlineData("step-1-commitment", "desktop")]
    [InlineData("step-2-involvement", "desktop")]
    [InlineData("step-3-after-demo", "desktop")]
    [InlineData("step-4-integration", "desktop")]
    [InlineData("step-5-workflow", "desktop")]
    [InlineData("step-6-ownership", "desktop")]
    [InlineData("step-with-errors", "desktop")]
    [InlineData("review", "desktop")]
    [InlineData("results", "desktop")]
    [InlineData("not-found", "desktop")]
    [InlineData("history", "desktop")]
    [InlineData("change-password", "desktop")]
    [InlineData("step-1-commitment", "phone")]
    [InlineData("results", "phone")]
    public async Task Page_HasNoAxeViolations(string pageName, string device)
    {
        var page = await OpenPageAsync(device == "phone" ? BrowserFixture.Phone : BrowserFixture.Desktop);
        await OpenAsync(page, pageName);
        await Screenshots.SaveAsync(page, $"{device}-{pageName}");
        await Accessibility.AssertNoViolationsAsync(page, $"{pageName} ({device})");
    }

    [Theory]
    [InlineData("login", "desktop")]
    [InlineData("login", "phone")]
    [InlineData("forgot-password", "desktop")]
    public async Task SignedOutPage_HasNoAxeViolations(string pageName, string device)
    {
        var context = await Fixture.NewContextAsync(device == "phone" ? BrowserFixture.Phone : BrowserFixture.Desktop, signedIn: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/" + pageName);
        await Screenshots.SaveAsync(page, $"{device}-{pageName}");
        await Accessibility.AssertNoViolationsAsync(page, $"{pageName} ({device})");
        await context.CloseAsync();
    }

    [Fact]
    public async Task ConfirmationPage_FromTheEmailedLink_HasNoAxeViolations_BeforeAndAfterAnswering()
    {
        var id = await CreateAssessmentAsync("Confirmation page check");
        var email = $"owner-{Guid.NewGuid():N}@example.com";
        await AnswerAsync(id, new Dictionary<string, object> { ["after-demo.production-owner"] = "Sofia Lindqvist" });
        using (var request = await Api.PostAsJsonAsync($"api/assessments/{id}/confirmations",
            new { questionKey = "after-demo.production-owner", email }))
        {
            Assert.True(request.IsSuccessStatusCode, await request.Content.ReadAsStringAsync());
        }

        string? body = null;
        for (var i = 0; i < 50 && body is null; i++)
        {
            body = Fixture.Smtp.ReceivedEmail.Where(m => m.ToAddresses.Any(a => a.Address == email))
                .Select(m => string.Join("\n", m.MessageParts.Select(p => p.BodyData))).FirstOrDefault();
            if (body is null)
            {
                await Task.Delay(100);
            }
        }

        var link = Regex.Match(body ?? "", @"/confirm/[A-Za-z0-9_\-]+").Value;
        Assert.False(string.IsNullOrEmpty(link), $"No confirmation link was emailed: {body}");

        var context = await Fixture.NewContextAsync(signedIn: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync(link);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Do you take this role?" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "desktop-confirm");
        await Accessibility.AssertNoViolationsAsync(page, "confirmation (desktop)");

        await page.GetByLabel("Comment for the people who keep the assessment").FillAsync("Happy to, from March.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, I take this role" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thank you" })).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page, "confirmation answered (desktop)");
        await context.CloseAsync();
    }

    [Fact]
    public async Task AdminUsersPage_HasNoAxeViolations()
    {
        var context = await Fixture.NewContextAsync(signedIn: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login?returnUrl=/admin/users");
        await page.GetByLabel("Email").FillAsync("admin@demo.local");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(BrowserFixture.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/users$"));
        await Screenshots.SaveAsync(page, "desktop-admin-users");
        await Accessibility.AssertNoViolationsAsync(page, "admin users (desktop)");
        await context.CloseAsync();
    }

    [Fact]
    public async Task SkipLink_IsTheFirstTabStop_AndMovesFocusToTheMainContent()
    {
        var page = await OpenPageAsync();
        await page.GotoAsync("/assessments");
        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" });
        await Expect(skip).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Main)).ToBeFocusedAsync();
    }

    /// <summary>Brings the page into the state named, with data of its own where it needs an assessment.</summary>
    private async Task OpenAsync(IPage page, string pageName)
    {
        switch (pageName)
        {
            case "home":
                await page.GotoAsync("/");
                break;
            case "change-password":
                await page.GotoAsync("/account/change-password");
                break;
            case "history":
            {
                var id = await PartlyAnsweredAssessmentAsync();
                await page.GotoAsync($"/assessments/{id}/history");
                await Expect(page.GetByRole(AriaRole.Table)).ToBeVisibleAsync();
                break;
            }
            case "assessments":
                await page.GotoAsync("/assessments");
                await Expect(page.GetByRole(AriaRole.Table)).ToBeVisibleAsync();
                break;
            case "new":
                await page.GotoAsync("/assessments/new");
                break;
            case "new-with-errors":
                await page.GotoAsync("/assessments/new");
                await page.GetByLabel("Sponsor", new() { Exact = true }).FillAsync("Zoë Ångström");
                await page.GetByRole(AriaRole.Button, new() { Name = "Start the questions" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
                break;
            case "step-with-errors":
            {
                // The error state as the server renders it; the save-as-you-go script is left out so that only the
                // page's markup is under test here (the script is driven by the validation tests).
                await page.RouteAsync("**/js/wizard.js*", route => route.AbortAsync());
                var id = await PartlyAnsweredAssessmentAsync();
                await page.GotoAsync(WizardPage.StepUrl(id, "integration"));
                await page.TypeAnswerAsync("What does the prototype cost?", "-5");
                await page.TypeAnswerAsync("What is the budget for production?", "lots");
                await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue", Exact = true }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Some answers need another look");
                break;
            }

            case "review":
                await page.GotoAsync($"/assessments/{await PartlyAnsweredAssessmentAsync()}/review");
                break;
            case "results":
                await page.GotoAsync($"/assessments/{await PartlyAnsweredAssessmentAsync()}/results");
                await Expect(page.GetByRole(AriaRole.Note)).ToContainTextAsync("Pilot theatre");
                break;
            case "not-found":
            {
                var response = await page.GotoAsync("/assessments/no-such-page");
                Assert.Equal(404, response?.Status);
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");
                break;
            }

            default:
            {
                var match = Regex.Match(pageName, "^step-(?<n>[1-6])-(?<section>[a-z-]+)$");
                Assert.True(match.Success, $"Unknown page '{pageName}'.");
                var id = await PartlyAnsweredAssessmentAsync();
                await page.GotoAsync(WizardPage.StepUrl(id, match.Groups["section"].Value));
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync($"Step {match.Groups["n"].Value} of 6");
                break;
            }
        }
    }

    /// <summary>A draft with some answers in several sections (and none to "what then"), so pages show their full range.</summary>
    private async Task<Guid> PartlyAnsweredAssessmentAsync()
    {
        var id = await CreateAssessmentAsync("Contract clause finder — Ünïcode ✓", "Legal & Compliance", "Zoë Ångström");
        await AnswerAsync(id, new Dictionary<string, object>
        {
            ["commitment.purpose"] = "evaluate",
            ["commitment.budget-status"] = "requested",
            ["commitment.rollout-date"] = "2027-06-30",
            ["commitment.executive-sponsor"] = "Helena Marsh, General Counsel",
            ["involvement.using-team"] = "Contracts team",
            ["involvement.daily-users"] = 12,
            ["involvement.level"] = "consulted",
            ["involvement.defined-good-output"] = true,
            ["after-demo.production-owner"] = "Sofia Lindqvist",
            ["after-demo.review-cadence"] = "quarterly",
            ["integration.systems"] = new List<string> { "crm", "data-platform" },
            ["integration.state"] = "extract-only",
            ["integration.budgeted"] = false,
            ["integration.prototype-cost"] = 25000,
            ["workflow.mapped-with-users"] = true,
            ["workflow.easier-than-workaround"] = "unknown",
            ["ownership.quality-monitoring"] = "spot-checks",
            ["ownership.failure-handling"] = "Lawyers fall back to manual review; the owner fixes within two days.",
        });
        return id;
    }
}
