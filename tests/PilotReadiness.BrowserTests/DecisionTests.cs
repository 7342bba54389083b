using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PilotReadiness.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PilotReadiness.BrowserTests;

/// <summary>A reviewer records leadership's decision on a submitted demo pilot, beside its computed recommendation.</summary>
public sealed partial class DecisionTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Pilot = "Onboarding document checker";

    [Fact]
    public async Task Reviewer_FindsAPilotOnTheDashboard_RecordsAConditionalGo_AndSeesItOnTheResults()
    {
        // From the leadership dashboard: filter to submitted pilots, search, open the pilot from the table.
        var page = await OpenReviewerPageAsync();
        await page.GotoAsync("/portfolio");
        await page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("submitted");
        await page.GetByLabel("Search", new() { Exact = true }).FillAsync("onboarding");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("q=onboarding"));
        Assert.Contains("status=submitted", page.Url, StringComparison.Ordinal);
        var table = page.Locator(".portfolio-table").First;
        await Expect(table.Locator("tbody tr")).ToHaveCountAsync(1);
        await table.GetByRole(AriaRole.Link, new() { Name = Pilot, Exact = true }).ClickAsync();
        await page.WaitForURLAsync(ResultsUrl());
        var recommendation = await page.Locator(".score-hero .verdict").TextContentAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Record a decision" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/decide$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "The computed recommendation" })).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page, "the decide page");
        await Screenshots.SaveAsync(page, "decide-desktop");

        // The recommendation is go with conditions (the prototype cost is missing): a go would be above it, so the
        // page asks why for that gate only when "Go" is chosen.
        var reason = page.GetByLabel("Production under-budgeted");
        await page.GetByRole(AriaRole.Radio, new() { NameRegex = new Regex("^Go ?Take it to production as proposed") }).CheckAsync();
        await Expect(reason).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page, "the decide page asking a reason for a gate");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Go with conditions" }).CheckAsync();
        await Expect(reason).ToBeHiddenAsync();
        await page.GetByLabel("Rationale").FillAsync("HR operations want it and the owner is named; the production budget is still only requested.");
        await page.GetByLabel("Kill criteria").FillAsync("Stop if more than one in ten documents flagged as complete turn out to be incomplete.");
        var due1 = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var due2 = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await FillConditionAsync(page, 1, "Production budget approved, not only requested", "Lena Fischer", due1);
        await FillConditionAsync(page, 2, "Prototype cost written down beside the budget", "Lena Fischer", due2);
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();

        await page.WaitForURLAsync(new Regex("/results#decision-heading$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Decision recorded: Go with conditions");
        var section = page.Locator("section.decision-card");
        await Expect(section.Locator(".decision").First).ToHaveTextAsync("Go with conditions");
        await Expect(section).ToContainTextAsync("Production budget approved, not only requested");
        await Expect(section).ToContainTextAsync("Prototype cost written down beside the budget");
        await Expect(section).ToContainTextAsync("Decided by Helena Marsh");
        await Expect(section.GetByRole(AriaRole.Button, new() { Name = "Mark met: Prototype cost written down beside the budget" })).ToBeVisibleAsync();
        // The computed recommendation is untouched.
        await Expect(page.Locator(".score-hero .verdict")).ToHaveTextAsync(recommendation!);
        await Accessibility.AssertNoViolationsAsync(page, "the results page with a decision");
        await Screenshots.SaveAsync(page, "results-decision-desktop");

        var phone = await OpenReviewerPageAsync(BrowserFixture.Phone);
        await phone.GotoAsync(page.Url.Split('#')[0]);
        await Accessibility.AssertNoViolationsAsync(phone, "the results page with a decision (phone)");
        await Screenshots.SaveAsync(phone, "results-decision-phone");
        await phone.GotoAsync(page.Url.Split('#')[0].Replace("/results", "/decide", StringComparison.Ordinal));
        await Accessibility.AssertNoViolationsAsync(phone, "the decide page (phone)");
        await Screenshots.SaveAsync(phone, "decide-phone");
    }

    [Fact]
    public async Task LapsedAndSupersededDecisions_AreReadableOnEveryViewport()
    {
        foreach (var (viewport, name) in new[] { (BrowserFixture.Desktop, "desktop"), (BrowserFixture.Phone, "phone") })
        {
            var page = await OpenReviewerPageAsync(viewport);
            await page.GotoAsync("/assessments?q=" + Uri.EscapeDataString("Knowledge base answer drafts"));
            await page.GetByRole(AriaRole.Link, new() { Name = "Knowledge base answer drafts", Exact = true }).ClickAsync();
            await page.WaitForURLAsync(ResultsUrl());
            await Expect(page.Locator("section.decision-card .lapsed-badge")).ToHaveTextAsync("Lapsed");
            await Expect(page.Locator(".lapsed-note")).ToContainTextAsync("This go has lapsed.");
            await Accessibility.AssertNoViolationsAsync(page, $"results with a lapsed decision ({name})");
            await Screenshots.SaveAsync(page, $"results-lapsed-{name}");

            await page.GotoAsync("/assessments?q=" + Uri.EscapeDataString("Customer email triage"));
            await page.GetByRole(AriaRole.Link, new() { Name = "Customer email triage", Exact = true }).ClickAsync();
            await page.WaitForURLAsync(ResultsUrl());
            await page.GetByText("Earlier decisions (1), superseded").ClickAsync();
            await Expect(page.Locator(".decision-history")).ToContainTextAsync("No-go");
            await Accessibility.AssertNoViolationsAsync(page, $"results with a superseded decision ({name})");
            await Screenshots.SaveAsync(page, $"results-superseded-{name}");

            await page.GotoAsync("/assessments");
            await Accessibility.AssertNoViolationsAsync(page, $"the list with decisions ({name})");
            await Screenshots.SaveAsync(page, $"list-decisions-{name}");
        }
    }

    private static async Task FillConditionAsync(IPage page, int row, string description, string owner, string due)
    {
        var group = page.GetByRole(AriaRole.Group, new() { Name = $"Condition {row}", Exact = true });
        await group.GetByLabel("What must be true").FillAsync(description);
        await group.GetByLabel("Owner").FillAsync(owner);
        await group.GetByLabel("Due date").FillAsync(due);
    }

    [GeneratedRegex("/assessments/[0-9a-f-]{36}/results$")]
    private static partial Regex ResultsUrl();
}
