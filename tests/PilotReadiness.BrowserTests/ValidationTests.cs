using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PilotReadiness.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PilotReadiness.BrowserTests;

/// <summary>Mistakes are shown where they are, with a summary, and never cost the answers that were right.</summary>
public sealed class ValidationTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    /// <summary>The start form's required fields, in page order, with the message each gets when left empty.</summary>
    private static readonly (string Label, string Message)[] Messages =
    [
        ("Pilot title", "Enter a title for the pilot."),
        ("Business unit", "Enter the business unit that runs the pilot."),
        ("Sponsor", "Enter the sponsor's name."),
    ];

    [Fact]
    public async Task StartForm_SubmittedEmpty_ShowsSummaryAndFieldMessages()
    {
        var page = await OpenPageAsync();
        await page.GotoAsync("/assessments/new");

        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Start the questions" }).ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/assessments/new", StringComparison.Ordinal));
        Assert.Equal(400, response.Status);
        await Expect(page).ToHaveURLAsync(new Regex("/assessments/new$"));

        var summary = page.GetByRole(AriaRole.Alert);
        await Expect(summary.GetByRole(AriaRole.Heading, new() { Name = "Please check these fields" })).ToBeVisibleAsync();
        await Expect(summary.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(3);

        foreach (var (label, message) in Messages)
        {
            // The message sits in the field's own block, and the summary links to the field.
            var field = page.GetByLabel(label, new() { Exact = true });
            var id = await field.GetAttributeAsync("id");
            await Expect(page.Locator(".field.has-error").Filter(new() { Has = field }).Locator(".field-error")).ToHaveTextAsync(message);
            await Expect(summary.GetByRole(AriaRole.Link, new() { Name = message })).ToHaveAttributeAsync("href", $"#{id}");
        }

        await Expect(page.Locator(".field-error").Filter(new() { HasText = "description" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task StartForm_SubmittedEmpty_ErrorSummaryListsFieldsInPageOrder()
    {
        // The summary is read (and tabbed through) before the fields; in another order it sends people back and forth.
        var page = await OpenPageAsync();
        await page.GotoAsync("/assessments/new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the questions" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Listitem))
            .ToHaveTextAsync(Messages.Select(m => m.Message).ToArray());
    }

    [Fact]
    public async Task Step_NegativeMoney_ShowsFieldError_AndSavesTheOtherAnswers()
    {
        var id = await CreateAssessmentAsync("Negative money — Straße pilot");
        var page = await OpenPageAsync();
        await page.GotoAsync(WizardPage.StepUrl(id, "integration"));

        await page.TickAsync("Which live systems must it connect to in production?", "ERP");
        await page.ChooseAsync("How far along is the integration with those systems?", "Designed");
        await page.TypeAnswerAsync("What does the prototype cost?", "-5");
        await page.TypeAnswerAsync("What is the budget for production?", "120000");

        var response = await page.SubmitStepAsync();
        Assert.Equal(400, response.Status);
        await Expect(page).ToHaveURLAsync(new Regex($"/assessments/{id}/steps/integration$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Step 4 of 6: Integration budgeted?");

        var summary = page.GetByRole(AriaRole.Alert);
        await Expect(summary).ToContainTextAsync("Some answers need another look");
        await Expect(summary).ToContainTextAsync("The other answers on this step are saved.");
        await Expect(summary.GetByRole(AriaRole.Listitem)).ToHaveTextAsync(["What does the prototype cost?: Enter an amount of zero or more."]);

        // The error is at the field, tied to it for screen readers, and the typed value is kept to correct.
        var cost = page.Field("What does the prototype cost?");
        await Expect(cost).ToHaveValueAsync("-5");
        await Expect(cost).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(cost).ToHaveAccessibleDescriptionAsync(new Regex("Enter an amount of zero or more\\.$"));
        await Expect(page.Locator("#q-integration-prototype-cost-block .field-error")).ToHaveTextAsync("Enter an amount of zero or more.");
        await Expect(page.Locator(".has-error")).ToHaveCountAsync(1);

        // The other answers on the step were saved; the bad one was not.
        var answers = (await GetAssessmentAsync(id)).GetProperty("answers");
        Assert.Equal("designed", answers.GetProperty("integration.state").GetString());
        Assert.Equal("erp", Assert.Single(answers.GetProperty("integration.systems").EnumerateArray()).GetString());
        Assert.Equal(120000m, answers.GetProperty("integration.production-budget").GetDecimal());
        Assert.False(answers.TryGetProperty("integration.prototype-cost", out _), "The negative prototype cost must not be saved.");
    }
}
