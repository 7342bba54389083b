using Microsoft.Playwright;
using PilotReadiness.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PilotReadiness.BrowserTests;

/// <summary>
/// A sponsor marks a question not applicable on a step, with the reason; the results show it, and a reviewer finds it on
/// the portfolio's list of every not-applicable question. No axe violations at desktop width or on a phone.
/// </summary>
public sealed class NotApplicableTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Reason = "The vendor's board reviews it; the cadence is not ours to set.";

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task Sponsor_MarksAQuestionNotApplicable_ReviewerSeesItAcrossThePortfolio(string device)
    {
        var viewport = device == "phone" ? BrowserFixture.Phone : BrowserFixture.Desktop;
        var title = $"Supplier replies {device} {Guid.NewGuid():N}"[..40];
        var id = await CreateAssessmentAsync(title);
        var page = await OpenPageAsync(viewport);

        await page.GotoAsync($"/assessments/{id}/steps/after-demo");
        var block = page.Locator("#q-after-demo-review-cadence-block");
        await block.GetByLabel("Not applicable to this pilot").CheckAsync();
        await block.GetByLabel("Why it does not apply").FillAsync(Reason);
        await Screenshots.SaveAsync(page, $"{device}-step-not-applicable");
        await Accessibility.AssertNoViolationsAsync(page, $"step with a not-applicable question ({device})");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
        await page.WaitForURLAsync($"**/assessments/{id}/steps/integration");

        await page.GotoAsync($"/assessments/{id}/results");
        // The reasons sit in closed <details>, outside the accessibility tree until opened: found by their text.
        await Expect(page.Locator(".reason-table td", new() { HasText = $"Not applicable: {Reason}" })).ToHaveCountAsync(1);

        var reviewer = await OpenReviewerPageAsync(viewport);
        await reviewer.GotoAsync("/portfolio/not-applicable");
        await Expect(reviewer.GetByRole(AriaRole.Heading, new() { Name = "Not applicable, across the portfolio", Level = 1 })).ToBeVisibleAsync();
        await Expect(reviewer.GetByRole(AriaRole.Row).Filter(new() { HasText = title })).ToContainTextAsync(Reason);
        await Screenshots.SaveAsync(reviewer, $"{device}-portfolio-not-applicable");
        await Accessibility.AssertNoViolationsAsync(reviewer, $"portfolio not applicable ({device})");
    }
}
