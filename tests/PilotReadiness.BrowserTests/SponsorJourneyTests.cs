using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PilotReadiness.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PilotReadiness.BrowserTests;

/// <summary>The sponsor's whole path: start, six steps, review, results, submit; driven as a person would.</summary>
public sealed class SponsorJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Title = "Zoë's pilot — Ünïcode ✓";
    private const string Sponsor = "Zoë Ångström-Øster";

    [Fact]
    public async Task Sponsor_StartsAnswersReviewsAndSubmits_AssessmentBecomesReadOnly()
    {
        var page = await OpenPageAsync();

        // Home → start form, filled from the keyboard alone.
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Start an assessment" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/assessments/new$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Start an assessment", Level = 1 })).ToBeVisibleAsync();

        await page.GetByLabel("Pilot title").FocusAsync();
        await page.Keyboard.TypeAsync(Title);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Kundenservice Süd");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(Sponsor);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Drafts first replies to supplier e-mails in German, Français and 日本語.");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Start the questions" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        // Step 1: commitment.
        await Expect(page).ToHaveURLAsync(new Regex("/steps/commitment$"));
        var id = IdFromUrl(page.Url);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Step 1 of 6: Committed to roll out if it works?");
        await Expect(page.Locator(".eyebrow")).ToContainTextAsync(Title);

        // A radio group from the keyboard: focus the checked "Not answered yet" option, arrow up to the last real option.
        var purpose = page.Group("What is this pilot for?");
        await purpose.GetByLabel("Not answered yet").FocusAsync();
        await page.Keyboard.PressAsync("ArrowUp");
        await Expect(purpose.GetByLabel("De-risking a rollout we have already decided on")).ToBeCheckedAsync();

        await page.ChooseAsync("Is there a budget for production, not just for the pilot?", "Approved");
        await page.Field("By when should it be in production if the pilot works?").FillAsync("2027-03-01");
        await page.TypeAnswerAsync("Which executive backs the rollout?", "Helena Marsh, COO");
        await page.TypeAnswerAsync("If this works: which team adopts it, and from when?", "Kundenservice Süd, for every queue from April 2027.");
        await page.TypeAnswerAsync("If this works: which integration gets built?", "The CRM connector, built by the CRM team in Q1.");
        await page.TypeAnswerAsync("If this works: who owns it in production?", "Sofia Lindqvist");
        await page.TypeAnswerAsync("What does \"it works\" mean", "Four in five drafts sent with light edits: 80% over a month of real e-mail.");
        await page.TypeAnswerAsync("If this works, what else do we do then?", "Train the supplier desk in March; the old template library is retired in May.");
        await page.SaveAndContinueAsync("/steps/involvement");

        // Step 2: involvement.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Step 2 of 6: Daily users involved from the start?");
        await page.TypeAnswerAsync("Which team will use it every day?", "Supplier desk");
        await page.TypeAnswerAsync("About how many people will use it every day?", "24");
        await page.ChooseAsync("How involved are the daily users today?", "Involved in design, testing and acceptance");
        await page.TypeAnswerAsync("Who inside the using team owns adoption?", "Marek Nowak");
        await page.ChooseAsync("Did the users define what good output looks like?", "Yes");
        await page.ChooseAsync("Has it been tried on the team's own real inputs?", "Yes");
        await page.ChooseAsync("Who used it during the pilot?", "The people who will use it every day");
        await page.SaveAndContinueAsync("/steps/after-demo");

        // Step 3: after the demo.
        await page.TypeAnswerAsync("Who owns it in production?", "Sofia Lindqvist");
        await page.TypeAnswerAsync("Who reviews the quality of its output?", "Daniel Abara");
        await page.TypeAnswerAsync("What happens when something goes wrong?", "Agents flag it in the tool; the owner triages within a day.");
        await page.ChooseAsync("How often will the system be reviewed once live?", "Quarterly");
        await page.TypeAnswerAsync("How many people should be using it three months after launch?", "20");
        await page.TypeAnswerAsync("What percentage of the work should go through it by then?", "80");
        await page.SaveAndContinueAsync("/steps/integration");

        // Step 4: integration (checkboxes, money with a thousands separator).
        await page.TickAsync("Which live systems must it connect to in production?", "CRM", "ERP");
        await page.ChooseAsync("How far along is the integration with those systems?", "Built");
        await page.ChooseAsync("Is the integration work in the budget?", "Yes");
        await page.TypeAnswerAsync("What does the prototype cost?", "40000");
        await page.TypeAnswerAsync("What is the budget for production?", "160,000");
        await page.ChooseAsync("Has it handled messy real inputs at production volume?", "Yes");
        await page.TypeAnswerAsync("Who owns the live systems it connects to?", "Ingrid Olsen");
        await page.TypeAnswerAsync("How much work did the prototype take, in person-weeks?", "10");
        await page.TypeAnswerAsync("How much work is planned for production, in person-weeks?", "40");
        await page.SaveAndContinueAsync("/steps/workflow");

        // Step 5: workflow.
        await page.ChooseAsync("Has the change to the workflow been mapped with the people who do the work?", "Yes");
        await page.ChooseAsync("Where do the edge cases come from?", "Gathered from the people who do the work");
        await page.ChooseAsync("Is the new way easier than today's way of doing it?", "Easier");
        await page.ChooseAsync("Is there a training and change plan?", "Agreed with the using team");
        await page.ChooseAsync("During the pilot, who dealt with awkward cases and fixed problems before users saw them?", "The daily users themselves");
        await page.ChooseAsync("In production, who deals with awkward cases and fixes problems?", "The using team, with the builders behind them");
        await page.SaveAndContinueAsync("/steps/ownership");

        // Step 6: ownership; the last step's button leads to the review.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save and continue", Exact = true })).ToHaveCountAsync(0);
        await page.ChooseAsync("How will output quality be monitored?", "Automated checks with human review");
        await page.TypeAnswerAsync("How are failures handled?", "Falls back to the manual queue; the owner fixes within a day.");
        await page.ChooseAsync("Is there money to keep improving it after launch?", "Funded");
        await page.TypeAnswerAsync("What will it cost per year to run after launch?", "30000");
        await page.SaveAndContinueAsync("/review", "Save and review");

        // Review: every answer as a person reads it.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Review: {Title}");
        await Expect(page.GetByText($"sponsored by {Sponsor}")).ToBeVisibleAsync();
        await Expect(page.GetByText("41 of 41 questions answered")).ToBeVisibleAsync();
        await Expect(page.Locator(".blockers")).ToHaveCountAsync(0);
        await ExpectAnswerAsync(page, "What is this pilot for?", "De-risking a rollout we have already decided on");
        await ExpectAnswerAsync(page, "By when should it be in production if the pilot works?", "1 March 2027");
        await ExpectAnswerAsync(page, "Which executive backs the rollout?", "Helena Marsh, COO");
        await ExpectAnswerAsync(page, "About how many people will use it every day?", "24");
        await ExpectAnswerAsync(page, "How often will the system be reviewed once live?", "Quarterly");
        await ExpectAnswerAsync(page, "Which live systems must it connect to in production?", "CRM, ERP");
        await ExpectAnswerAsync(page, "What is the budget for production?", "EUR 160,000");
        await ExpectAnswerAsync(page, "How are failures handled?", "Falls back to the manual queue; the owner fixes within a day.");

        // Results: the score, the verdict badge and one bar per section, as the API scores it.
        var score = await GetScoreAsync(id);
        await page.GetByRole(AriaRole.Link, new() { Name = "See the score and what to fix" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/results$"));
        await Expect(page.Locator(".score-big")).ToHaveTextAsync($"{score.GetProperty("overall").GetInt32()} / 100");
        await Expect(page.Locator(".score-hero .verdict")).ToHaveTextAsync(VerdictLabel(score.GetProperty("verdict").GetString()));
        await Expect(page.Locator(".score-hero .verdict")).ToHaveTextAsync("Go");
        var bars = page.Locator(".bars").GetByRole(AriaRole.Img);
        await Expect(bars).ToHaveCountAsync(6);
        foreach (var section in score.GetProperty("sections").EnumerateArray())
        {
            var name = $"{section.GetProperty("title").GetString()}: {section.GetProperty("score").GetInt32()} out of 100";
            await Expect(page.Locator(".bars").GetByRole(AriaRole.Img, new() { Name = name, Exact = true })).ToBeVisibleAsync();
        }

        await Expect(page.Locator(".theatre")).ToHaveCountAsync(0);

        // Submit for review from the review page.
        await page.GetByRole(AriaRole.Link, new() { Name = "Review and submit" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/assessments/{id}/review$"));
        await Expect(page.Locator(".status")).ToHaveTextAsync("Submitted for review");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Submitted for review. The answers are now read-only" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Re-open to change answers" })).ToBeVisibleAsync();
        Assert.Equal("submitted", (await GetAssessmentAsync(id)).GetProperty("status").GetString());

        // The wizard is read-only now: a step sends the sponsor to the review.
        var response = await page.GotoAsync(WizardPage.StepUrl(id, "integration"));
        Assert.NotNull(response);
        await Expect(page).ToHaveURLAsync(new Regex($"/assessments/{id}/review$"));
        await Expect(page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Change answers") })).ToHaveCountAsync(0);
    }

    /// <summary>The review page's answer (<c>dd</c>) right after a question (<c>dt</c>).</summary>
    private static async Task ExpectAnswerAsync(IPage page, string question, string answer)
    {
        var dd = page.Locator("dl.answers dt", new() { HasText = question }).Locator("xpath=following-sibling::dd[1]");
        await Expect(dd).ToHaveTextAsync(answer);
    }

    private static string VerdictLabel(string? key) => key switch
    {
        "go" => "Go",
        "go-with-conditions" => "Go with conditions",
        "not-ready" => "Not ready",
        "no-go" => "No-go",
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Unknown verdict key."),
    };
}
