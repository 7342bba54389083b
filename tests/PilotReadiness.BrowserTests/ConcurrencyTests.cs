using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PilotReadiness.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PilotReadiness.BrowserTests;

/// <summary>Two people on the same step: the second save is refused and shown, never silently applied.</summary>
public sealed class ConcurrencyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string ChangePlan = "Is there a training and change plan?";
    private const string EdgeCases = "Where do the edge cases come from?";

    [Fact]
    public async Task SameStepInTwoPages_SecondSaveIsRefused_WithWarningAndNothingSaved()
    {
        var id = await CreateAssessmentAsync("Two editors — Åsa and Øyvind");
        var url = WizardPage.StepUrl(id, "workflow");
        var pageA = await OpenPageAsync();
        var pageB = await OpenPageAsync();
        await pageA.GotoAsync(url);
        await pageB.GotoAsync(url);

        // A saves first.
        await pageA.ChooseAsync(ChangePlan, "Drafted");
        await pageA.SaveAndContinueAsync("/steps/ownership");
        Assert.Equal("drafted", (await SavedAnswerAsync(id, "workflow.change-plan"))?.GetString());

        // B, still on the version it loaded, changes two answers and submits.
        await pageB.ChooseAsync(ChangePlan, "Agreed with the using team");
        await pageB.ChooseAsync(EdgeCases, "Gathered by the project team");
        await Expect(pageB.GetByRole(AriaRole.Status)).ToContainTextAsync("Someone else saved this assessment");
        var refused = await pageB.SubmitStepAsync();
        Assert.Equal(409, refused.Status);
        await Expect(pageB).ToHaveURLAsync(new Regex($"/assessments/{id}/steps/workflow$"));

        var warning = pageB.GetByRole(AriaRole.Alert);
        await Expect(warning).ToContainTextAsync("Someone else saved this assessment while you were editing");
        await Expect(warning).ToContainTextAsync("not saved");

        // B's choices stay in the form, with what is saved now shown under each question that differs.
        await Expect(pageB.Group(ChangePlan).GetByLabel("Agreed with the using team")).ToBeCheckedAsync();
        await Expect(pageB.Group(EdgeCases).GetByLabel("Gathered by the project team")).ToBeCheckedAsync();
        await Expect(pageB.Locator("#q-workflow-change-plan-block .saved-elsewhere")).ToHaveTextAsync("Saved by someone else: Drafted");
        await Expect(pageB.Locator("#q-workflow-edge-cases-block .saved-elsewhere")).ToHaveTextAsync("Saved by someone else: Not answered");

        var answers = (await GetAssessmentAsync(id)).GetProperty("answers");
        Assert.Equal("drafted", answers.GetProperty("workflow.change-plan").GetString());
        Assert.False(answers.TryGetProperty("workflow.edge-cases", out _), "B's edge-case answer must not be saved.");

        // Saving again from the warning is a deliberate choice to keep B's answers.
        await pageB.SaveAndContinueAsync("/steps/ownership");
        Assert.Equal("agreed", (await SavedAnswerAsync(id, "workflow.change-plan"))?.GetString());
        await Expect(pageB).ToHaveURLAsync(new Regex($"/assessments/{id}/steps/ownership$"));
    }
}
