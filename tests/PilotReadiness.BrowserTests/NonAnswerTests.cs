using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PilotReadiness.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PilotReadiness.BrowserTests;

/// <summary>
/// A sponsor cannot talk their way past a gate: typing "tbd" where the plan for success is asked, the page says beside
/// the field, as they type and without a reload, why it does not count; the results show pilot theatre and the review
/// will not submit until it has a real answer.
/// </summary>
public sealed class NonAnswerTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Adoption = "If this works: which team adopts it, and from when?";

    [Fact]
    public async Task Sponsor_TypesTbdForWhatThen_SeesWhyItDoesNotCountWithoutAReload_ThenPilotTheatreOnTheResults()
    {
        var id = await CreateAssessmentAsync("Claims letter drafts (what then)");
        var answers = ReadyAnswers();
        answers.Remove("commitment.adoption");
        await AnswerAsync(id, answers);
        var page = await OpenPageAsync();
        await page.GotoAsync(WizardPage.StepUrl(id, "commitment"));
        var loads = 0;
        page.Load += (_, _) => loads++;

        var field = page.Field(Adoption);
        var note = page.Locator("#q-commitment-adoption-note");
        await Expect(note).ToHaveTextAsync("");
        await field.PressSequentiallyAsync("tbd");

        // The server's judgement arrives with the save-as-you-go answer: beside the field, read out politely.
        await Expect(note).ToHaveTextAsync("“tbd” is a placeholder, not an answer, so it does not count.");
        await Expect(note).ToHaveAttributeAsync("aria-live", "polite");
        await Expect(field).ToHaveAttributeAsync("aria-describedby", new Regex(@"\bq-commitment-adoption-note\b"));
        await page.WaitUntilAllSavedAsync();
        Assert.Equal(0, loads);
        await Accessibility.AssertNoViolationsAsync(page, "a step with an answer that does not count");
        await Screenshots.SaveAsync(page, "step-not-counted-desktop");

        // A real answer clears the note; "we'll figure that out" brings it back, with its own reason.
        await field.ClearAsync();
        await field.PressSequentiallyAsync("Claims team adopts it in March; Dana Ito owns it.");
        await Expect(note).ToHaveTextAsync("");
        await field.ClearAsync();
        await field.PressSequentiallyAsync("We'll figure that out once we see the pilot results.");
        await Expect(note).ToContainTextAsync("puts the answer off");
        await page.WaitUntilAllSavedAsync();
        Assert.Equal(0, loads);

        // The results: pilot theatre, and the first thing to fix points at the field.
        await page.GetByRole(AriaRole.Link, new() { Name = "See the score so far" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/results$"));
        await Expect(page.GetByRole(AriaRole.Note)).ToContainTextAsync("Pilot theatre.");
        await Expect(page.Locator(".score-hero .verdict")).ToHaveTextAsync("No-go");
        var first = page.Locator("ol.findings > li").First;
        await Expect(first).ToContainTextAsync("which team adopts it and from when");
        await Expect(first.GetByRole(AriaRole.Link, new() { Name = "Answer it" }))
            .ToHaveAttributeAsync("href", $"/assessments/{id}/steps/commitment#q-commitment-adoption-block");
        await Accessibility.AssertNoViolationsAsync(page, "results held by pilot theatre from a non-answer");
        await Screenshots.SaveAsync(page, "results-not-counted-desktop");

        // The review lists it as required to proceed, with a link to the field, and will not submit.
        await page.GotoAsync($"/assessments/{id}/review");
        var blockers = page.GetByRole(AriaRole.Region, new() { Name = "Before it can be submitted, 1 question needs a real answer" });
        await Expect(blockers.GetByRole(AriaRole.Link, new() { Name = Adoption }))
            .ToHaveAttributeAsync("href", $"/assessments/{id}/steps/commitment#q-commitment-adoption-block");
        await Accessibility.AssertNoViolationsAsync(page, "the review with a required question open");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("1 question required to proceed needs a real answer first");
        Assert.Equal("draft", (await GetAssessmentAsync(id)).GetProperty("status").GetString());

        var phone = await OpenPageAsync(BrowserFixture.Phone);
        await phone.GotoAsync(WizardPage.StepUrl(id, "commitment"));
        await Expect(phone.Locator("#q-commitment-adoption-note")).ToContainTextAsync("puts the answer off");
        await Accessibility.AssertNoViolationsAsync(phone, "a step with an answer that does not count (phone)");
        await Screenshots.SaveAsync(phone, "step-not-counted-phone");
    }
}
