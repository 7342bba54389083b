using System.Net.Http.Json;
using Microsoft.Playwright;
using PilotReadiness.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PilotReadiness.BrowserTests;

/// <summary>
/// A sponsor asks for a waiver of a triggered gate on the waivers page; a reviewer approves it until a later day; the
/// results show the gate marked waived and the verdict no longer capped by it. No axe violations at desktop width or on a phone.
/// </summary>
public sealed class WaiverTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Reason = "The connector is paid from the platform budget this year.";

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task Sponsor_AsksForAWaiver_ReviewerApprovesIt_TheResultsShowTheGateWaived(string device)
    {
        var viewport = device == "phone" ? BrowserFixture.Phone : BrowserFixture.Desktop;
        var id = await CreateAssessmentAsync($"Forecasting {device} {Guid.NewGuid():N}"[..30]);
        var answers = ReadyAnswers();
        answers["integration.budgeted"] = false;
        await AnswerAsync(id, answers);
        using (var submitted = await Api.PostAsync($"api/assessments/{id}/submit", content: null))
        {
            submitted.EnsureSuccessStatusCode();
        }

        var page = await OpenPageAsync(viewport);
        await page.GotoAsync($"/assessments/{id}/results");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Waivers of these gates") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Waivers:");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask for the waiver" }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToContainTextAsync("Say why the gate should not hold this pilot back for now.");
        await Accessibility.AssertNoViolationsAsync(page, $"waivers page with an error ({device})");
        await page.GetByLabel("Why it should not hold this pilot back for now").FillAsync(Reason);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask for the waiver" }).ClickAsync();
        await Expect(page.Locator(".waiver-requested")).ToContainTextAsync(Reason);
        await Screenshots.SaveAsync(page, $"{device}-waiver-requested");
        await Accessibility.AssertNoViolationsAsync(page, $"waivers page, requested ({device})");

        var reviewer = await OpenReviewerPageAsync(viewport);
        await reviewer.GotoAsync($"/assessments/{id}/waivers");
        var until = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(20);
        await reviewer.GetByLabel("Last day the waiver holds (to approve)").FillAsync(until.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Accessibility.AssertNoViolationsAsync(reviewer, $"waivers page, reviewer ({device})");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Expect(reviewer.Locator(".waiver-approved")).ToContainTextAsync("waived by");
        await Screenshots.SaveAsync(reviewer, $"{device}-waiver-approved");

        await page.GotoAsync($"/assessments/{id}/results");
        await Expect(page.Locator(".gate-waived")).ToContainTextAsync("Waived by");
        await Accessibility.AssertNoViolationsAsync(page, $"results with a waived gate ({device})");
        var score = await GetScoreAsync(id);
        Assert.Equal("go", score.GetProperty("verdict").GetString());
    }
}
