using Microsoft.Playwright;
using PilotReadiness.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PilotReadiness.BrowserTests;

/// <summary>Answers are saved while they are typed or chosen, so a closed tab loses nothing.</summary>
public sealed class SaveAsYouGoTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Escalation = "Agents tell the owner in the tool; Łukasz triages within a day — fixes ship weekly.";

    [Fact]
    public async Task TypedAndChosenAnswers_AreSavedWithoutSubmitting_AndShowInANewPage()
    {
        var id = await CreateAssessmentAsync("Save as you go — résumé screening");
        var page = await OpenPageAsync();
        await page.GotoAsync(WizardPage.StepUrl(id, "after-demo"));
        var status = page.GetByRole(AriaRole.Status);
        await Expect(status).ToHaveTextAsync("Answers are saved as you go.");

        await page.TypeAnswerAsync("What happens when something goes wrong?", Escalation);
        await page.WaitUntilAllSavedAsync();
        await page.ChooseAsync("How often will the system be reviewed once live?", "Monthly");
        await page.WaitUntilAllSavedAsync();

        // The tab is closed without pressing any button.
        await page.CloseAsync();

        var again = await OpenPageAsync();
        await again.GotoAsync(WizardPage.StepUrl(id, "after-demo"));
        await Expect(again.Field("What happens when something goes wrong?")).ToHaveValueAsync(Escalation);
        await Expect(again.Group("How often will the system be reviewed once live?").GetByLabel("Monthly", new() { Exact = true }))
            .ToBeCheckedAsync();
        await Expect(again.Locator("[aria-current=step]")).ToContainTextAsync("2/6 answered");

        Assert.Equal(Escalation, (await SavedAnswerAsync(id, "after-demo.escalation-path"))?.GetString());
        Assert.Equal("monthly", (await SavedAnswerAsync(id, "after-demo.review-cadence"))?.GetString());
    }
}
