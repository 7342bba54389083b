using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PilotReadiness.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PilotReadiness.BrowserTests;

/// <summary>
/// A reviewer records a pilot's outcome on its outcome page (with a mistake first), then opens the calibration page:
/// no axe violations at desktop width and on a phone. Screenshots land in <c>artifacts/screenshots/</c>.
/// </summary>
public sealed class CalibrationTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task Reviewer_RecordsAnOutcome_ThenReadsTheCalibration_WithoutAxeViolations(string device)
    {
        var id = await CreateAssessmentAsync($"Supplier answer drafts ({device})");
        await AnswerAsync(id, ReadyAnswers());
        using (var submitted = await Api.PostAsync($"api/assessments/{id}/submit", null))
        {
            Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());
        }

        var page = await OpenReviewerPageAsync(device == "phone" ? BrowserFixture.Phone : BrowserFixture.Desktop);
        await page.GotoAsync($"/live/{id}/outcome");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Record the outcome: Supplier answer drafts ({device})" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, $"{device}-outcome");
        await Accessibility.AssertNoViolationsAsync(page, $"outcome ({device})");

        // Nothing chosen: the form comes back with the domain's message against the choice.
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the outcome" }).ClickAsync();
        await Expect(page.GetByText("Nothing was recorded: please check these fields")).ToBeVisibleAsync();
        await Expect(page.Locator("#kind-error")).ToContainTextAsync("Choose the outcome");
        await Screenshots.SaveAsync(page, $"{device}-outcome-with-errors");
        await Accessibility.AssertNoViolationsAsync(page, $"outcome with errors ({device})");

        await page.GetByLabel("Stopped before launch").CheckAsync();
        await page.GetByLabel("Note").FillAsync("The budget went to another pilot.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the outcome" }).ClickAsync();
        await page.WaitForURLAsync(new Regex($"/live/{id}$"));

        await page.GotoAsync("/calibration");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Calibration", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Recommended verdict against outcome" })).ToBeVisibleAsync();
        await Expect(page.Locator(".calibration-table").First).ToContainTextAsync("too few to tell");
        await Screenshots.SaveAsync(page, $"{device}-calibration");
        await Accessibility.AssertNoViolationsAsync(page, $"calibration ({device})");
    }
}
