using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PilotReadiness.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PilotReadiness.BrowserTests;

/// <summary>
/// Re-assessment as a sponsor does it: re-assess a submitted pilot from its results, change an answer, submit, then
/// see the versions with their trend and compare the two. The versions and compare pages are scanned with axe at
/// desktop and phone widths and saved as screenshots.
/// </summary>
public sealed class VersionsTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    /// <summary>
    /// Every question answered well (the shared example answers, in the API's shapes), except that the daily users were
    /// only consulted and did not define good output.
    /// </summary>
    private static Dictionary<string, object> ConsultedAnswers()
    {
        var answers = ReadyAnswers();
        answers["involvement.level"] = "consulted";
        answers["involvement.defined-good-output"] = false;
        return answers;
    }

    private async Task<Guid> SubmittedPilotAsync(string title)
    {
        var id = await CreateAssessmentAsync(title, "Procurement", "Jonas Berg");
        await AnswerAsync(id, ConsultedAnswers());
        using var submit = await Api.PostAsync($"api/assessments/{id}/submit", content: null);
        Assert.True(submit.IsSuccessStatusCode, await submit.Content.ReadAsStringAsync());
        return id;
    }

    [Fact]
    public async Task Sponsor_ReassessesChangesAnAnswerSubmits_ThenSeesTheTrendAndTheComparison()
    {
        var first = await SubmittedPilotAsync($"Supplier query drafts {Guid.NewGuid():N}"[..30]);
        var page = await OpenPageAsync();

        // Results of the submitted pilot → re-assess: the next version opens at its first step.
        await page.GotoAsync($"/assessments/{first}/results");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Supplier query drafts");
        await page.GetByRole(AriaRole.Button, new() { Name = "Re-assess this pilot" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/steps/commitment$"));
        var second = IdFromUrl(page.Url);
        Assert.NotEqual(first, second);
        await Expect(page.Locator(".notice-success")).ToContainTextAsync("Version 2 started from the answers of version 1");

        // The answers came along; change how involved the users are, then submit from the review.
        await page.GotoAsync(WizardPage.StepUrl(second, "involvement"));
        await Expect(page.Group("How involved are the daily users today?").GetByLabel("Consulted for their views")).ToBeCheckedAsync();
        await page.ChooseAsync("How involved are the daily users today?", "Involved in design, testing and acceptance");
        await page.ChooseAsync("Did the users define what good output looks like?", "Yes");
        await page.SaveAndContinueAsync("/steps/after-demo");
        await page.GotoAsync($"/assessments/{second}/review");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Expect(page.Locator(".notice-success")).ToContainTextAsync("Submitted for review");

        // Results of version 2 → all versions, with a trend that went up.
        await page.GotoAsync($"/assessments/{second}/results");
        await page.GetByRole(AriaRole.Link, new() { Name = "All versions and the trend" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/assessments/{second}/versions$"));
        await Expect(page.Locator(".versions-table tbody tr")).ToHaveCountAsync(2);
        var overall = page.GetByRole(AriaRole.Img, new() { Name = "Overall score" });
        await Expect(overall).ToBeVisibleAsync();
        var before = (await GetScoreAsync(first)).GetProperty("overall").GetInt32();
        var after = (await GetScoreAsync(second)).GetProperty("overall").GetInt32();
        Assert.True(after > before, $"The overall score should rise from {before}, not go to {after}.");
        await Expect(page.Locator("#trend-desc-overall")).ToHaveTextAsync(
            $"Overall score: {before} in version 1, {after} in version 2; up {after - before} points overall.");

        // Compare the two: verdict, deltas with signs and words, the gate that closed, the answers that changed.
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/assessments/{first}/compare\\?with={second}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Compare versions");
        var overallRow = page.GetByRole(AriaRole.Row, new() { Name = "Overall score" });
        await Expect(overallRow).ToContainTextAsync($"+{after - before}");
        await Expect(overallRow).ToContainTextAsync($"up {after - before} points");
        await Expect(page.Locator("section[aria-labelledby=closed-heading] li")).ToContainTextAsync("Daily users are at");
        await Expect(page.Locator(".changes-table tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator(".changes-table")).ToContainTextAsync("Involved in design, testing and acceptance");

        // The old version says what it is and where the current one is, and offers no changes.
        await page.GotoAsync($"/assessments/{first}/results");
        await Expect(page.Locator(".version-banner")).ToContainTextAsync("This is version 1 of 2, kept read-only.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Re-assess this pilot" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Open the current version (version 2)" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/assessments/{second}/results$"));
    }

    [Theory]
    [InlineData("versions", "desktop")]
    [InlineData("versions", "phone")]
    [InlineData("compare", "desktop")]
    [InlineData("compare", "phone")]
    [InlineData("superseded-results", "desktop")]
    [InlineData("superseded-results", "phone")]
    public async Task VersionPages_HaveNoAxeViolations(string pageName, string device)
    {
        var (first, second, third) = await ThreeVersionsAsync();
        var page = await OpenPageAsync(device == "phone" ? BrowserFixture.Phone : BrowserFixture.Desktop);

        switch (pageName)
        {
            case "versions":
                await page.GotoAsync($"/assessments/{third}/versions");
                await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Overall score" })).ToBeVisibleAsync();
                break;
            case "compare":
                await page.GotoAsync($"/assessments/{first}/compare?with={second}");
                await Expect(page.Locator(".changes-table")).ToBeVisibleAsync();
                break;
            default:
                await page.GotoAsync($"/assessments/{first}/results");
                await Expect(page.Locator(".version-banner")).ToBeVisibleAsync();
                break;
        }

        await Screenshots.SaveAsync(page, $"{device}-{pageName}");
        await Accessibility.AssertNoViolationsAsync(page, $"{pageName} ({device})");
    }

    /// <summary>A pilot with three versions: the users get involved in version 2, then who adopts it becomes "tbd" in version 3.</summary>
    private async Task<(Guid First, Guid Second, Guid Third)> ThreeVersionsAsync()
    {
        var first = await SubmittedPilotAsync($"Contract clause finder {Guid.NewGuid():N}"[..31]);
        var second = await ReassessAsync(first);
        await AnswerAsync(second, new Dictionary<string, object> { ["involvement.level"] = "involved", ["involvement.defined-good-output"] = true });
        using (var submit = await Api.PostAsync($"api/assessments/{second}/submit", content: null))
        {
            Assert.True(submit.IsSuccessStatusCode, await submit.Content.ReadAsStringAsync());
        }

        var third = await ReassessAsync(second);
        using (var clear = await Api.PutAsJsonAsync($"api/assessments/{third}/answers",
            new { answers = new Dictionary<string, object?> { ["commitment.adoption"] = "tbd", ["integration.production-budget"] = 100000 } }))
        {
            Assert.True(clear.IsSuccessStatusCode, await clear.Content.ReadAsStringAsync());
        }

        return (first, second, third);
    }

    private async Task<Guid> ReassessAsync(Guid id)
    {
        using var response = await Api.PostAsync($"api/assessments/{id}/reassess", content: null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
    }
}
