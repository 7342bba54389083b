using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PilotReadiness.BrowserTests.Infrastructure;

/// <summary>
/// How a person works a questionnaire step: finds a question by the text they read (its label or legend) and an
/// option by its label, never by ids or values. That also checks every control is labelled.
/// </summary>
public static partial class WizardPage
{
    public static string StepUrl(Guid id, string section) => $"/assessments/{id}/steps/{section}";

    /// <summary>The radio or checkbox group of a question, found by its legend.</summary>
    public static ILocator Group(this IPage page, string questionText) =>
        page.GetByRole(AriaRole.Group, new() { Name = questionText });

    /// <summary>Chooses a radio option of a question by the option's label.</summary>
    public static async Task ChooseAsync(this IPage page, string questionText, string optionLabel)
    {
        var option = page.Group(questionText).GetByLabel(optionLabel, new() { Exact = true });
        await option.CheckAsync();
        await Expect(option).ToBeCheckedAsync();
    }

    /// <summary>Ticks the checkboxes of a multi-select question by their labels.</summary>
    public static async Task TickAsync(this IPage page, string questionText, params string[] optionLabels)
    {
        foreach (var label in optionLabels)
        {
            var option = page.Group(questionText).GetByRole(AriaRole.Checkbox, new() { Name = label, Exact = true });
            await option.CheckAsync();
            await Expect(option).ToBeCheckedAsync();
        }
    }

    /// <summary>The text, number, person or date field of a question, found by its label.</summary>
    public static ILocator Field(this IPage page, string questionText) => page.GetByLabel(questionText);

    /// <summary>Types into a question's field as a person would, key by key.</summary>
    public static async Task TypeAnswerAsync(this IPage page, string questionText, string text)
    {
        var field = page.Field(questionText);
        await field.ClearAsync();
        await field.PressSequentiallyAsync(text);
    }

    /// <summary>Clicks the step's main button and waits for the step or review it leads to.</summary>
    public static async Task SaveAndContinueAsync(this IPage page, string nextPathEnd, string buttonText = "Save and continue")
    {
        await page.SubmitStepAsync(buttonText);
        await page.WaitForURLAsync(new Regex(Regex.Escape(nextPathEnd) + "$"));
    }

    /// <summary>
    /// Clicks a submit button of the step and returns the response to the form's POST (a redirect when saved, the step
    /// again with 400 or 409 when not). Fails with what the page did when no POST is sent.
    /// </summary>
    public static async Task<IResponse> SubmitStepAsync(this IPage page, string buttonText = "Save and continue")
    {
        var from = page.Url;
        try
        {
            return await page.RunAndWaitForResponseAsync(
                    () => page.GetByRole(AriaRole.Button, new() { Name = buttonText, Exact = true }).ClickAsync(),
                    r => r.Request.Method == "POST" && r.Request.IsNavigationRequest,
                    new() { Timeout = 10_000 })
                .WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            Assert.Fail($"Clicking \"{buttonText}\" on {from} sent no form POST; the page is at {page.Url}. " +
                $"{await DiagnoseAsync(page)} ({e.GetType().Name}: {e.Message.Split('\n')[0]})");
            throw;
        }
    }

    /// <summary>The save-as-you-go status line, or a note that the page did not answer.</summary>
    public static async Task<string> SaveStatusAsync(this IPage page)
    {
        try
        {
            return await page.Locator("#save-status").TextContentAsync(new() { Timeout = 2_000 }) ?? "";
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            return "(the page did not answer within 2 s)";
        }
    }

    /// <summary>Waits until the save-as-you-go status line says every answer is saved.</summary>
    public static async Task WaitUntilAllSavedAsync(this IPage page) =>
        await Expect(page.Locator("#save-status")).ToHaveTextAsync(AllSaved());

    /// <summary>What the page did with a submit that went nowhere, from the harness's submit instrumentation.</summary>
    private static async Task<string> DiagnoseAsync(IPage page)
    {
        var status = $"Its save status says \"{await page.SaveStatusAsync()}\".";
        SubmitCounts counts;
        try
        {
            var fired = await page.EvaluateAsync<int>("() => window.__testSubmits?.fired ?? 0").WaitAsync(TimeSpan.FromSeconds(3));
            var cancelled = await page.EvaluateAsync<int>("() => window.__testSubmits?.cancelled ?? 0").WaitAsync(TimeSpan.FromSeconds(3));
            var loop = await page.EvaluateAsync<bool>("() => window.__testSubmits?.loop === true").WaitAsync(TimeSpan.FromSeconds(3));
            counts = new SubmitCounts(fired, cancelled, loop);
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            return $"The page did not answer ({e.Message.Split('\n')[0]}). " + status;
        }

        if (counts.Loop)
        {
            return $"A page script called form.requestSubmit() from the form's own submit handler over and over ({counts.Fired} " +
                "submit events, all cancelled) without the form ever being sent: an endless submit loop that freezes the tab, " +
                "stopped here by the test guard (see the submit handler in wwwroot/js/wizard.js). " + status;
        }

        return counts.Fired > 0 && counts.Cancelled == counts.Fired
            ? $"The form's submit event fired {counts.Fired} time(s) and a page script cancelled every one (preventDefault), " +
              "so nothing was sent (see the submit handler in wwwroot/js/wizard.js). " + status
            : $"Submit events fired: {counts.Fired}, cancelled by a page script: {counts.Cancelled}. " + status;
    }

    [GeneratedRegex(@"^All answers saved at \d\d:\d\d\.$")]
    private static partial Regex AllSaved();

    private sealed record SubmitCounts(int Fired, int Cancelled, bool Loop);
}
