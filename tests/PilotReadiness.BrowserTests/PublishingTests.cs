using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PilotReadiness.BrowserTests.Infrastructure;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Web.Questionnaires;
using static Microsoft.Playwright.Assertions;

namespace PilotReadiness.BrowserTests;

/// <summary>
/// An admin shapes the next questionnaire version in the pages (a heavier section, a reworded question, a new question),
/// previews it over the portfolio and publishes it; a sponsor re-assesses a submitted pilot onto it, sees what changed,
/// answers the new question and submits. Publishing cannot be undone, so these tests have a database of their own.
/// The questionnaire admin pages are scanned with axe at desktop and phone widths.
/// </summary>
[Collection(PublishingCollectionDefinition.Name)]
public sealed class PublishingTests(PublishingBrowserFixture fixture) : BrowserTest(fixture)
{
    private const string AdminEmail = "admin@demo.local";
    private const string NewQuestion = "Is there a support rota for the first three months?";
    private const string Reworded = "Is production funded, beyond the pilot?";

    private async Task<IPage> OpenAdminPageAsync(ViewportSize? viewport = null)
    {
        var context = await Fixture.NewContextAsAsync(AdminEmail, viewport);
        Track(context);
        return await context.NewPageAsync();
    }

    /// <summary>Leaves no draft behind another test's: every test here starts from the published versions alone.</summary>
    private async Task DiscardAnyDraftAsync()
    {
        await using var scope = Fixture.Services.CreateAsyncScope();
        var drafts = scope.ServiceProvider.GetRequiredService<QuestionnaireDrafts>();
        if (await drafts.FindDraftAsync(CancellationToken.None) is { } draft)
        {
            var outcome = await drafts.DiscardAsync(draft.Revision, CancellationToken.None);
            Assert.Null(outcome.Refusal);
        }
    }

    private async Task<int> CurrentVersionAsync()
    {
        using var response = await Api.GetAsync("api/questionnaire");
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("version").GetInt32();
    }

    /// <summary>The version new assessments start on, as the app has it.</summary>
    private QuestionnaireDefinition Current()
    {
        using var scope = Fixture.Services.CreateScope();
        return QuestionnaireDefinition.Of(scope.ServiceProvider.GetRequiredService<IQuestionnaireCatalog>().Current);
    }

    [Fact]
    public async Task Admin_PublishesAVersion_ThenASponsorReassessesOntoIt_AndAnswersTheNewQuestion()
    {
        await DiscardAnyDraftAsync();
        var current = Current();
        var from = current.Version;
        var next = from + 1;
        var integration = current.Sections.Single(s => s.Key == SectionKeys.Integration);
        var ownership = current.Sections.Single(s => s.Key == SectionKeys.Ownership);
        var budgetStatus = current.Questions.Single(q => q.Key == "commitment.budget-status");

        // A pilot submitted on the current version, before anything is published.
        var first = await CreateAssessmentAsync($"Claims triage helper {Guid.NewGuid():N}"[..29], "Insurance", "Lena Okafor");
        await AnswerAsync(first, ReadyAnswers());
        using (var submit = await Api.PostAsync($"api/assessments/{first}/submit", content: null))
        {
            Assert.True(submit.IsSuccessStatusCode, await submit.Content.ReadAsStringAsync());
        }

        // The admin starts a draft from the current version.
        var admin = await OpenAdminPageAsync();
        await admin.GotoAsync("/admin/questionnaires");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Start a draft from the current version" }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(new Regex("/admin/questionnaires/draft$"));
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Draft version {next}");

        // Integration weighs twice as much.
        var weight = admin.GetByLabel(integration.Title, new() { Exact = true });
        await weight.FillAsync((integration.Weight * 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save scoring and weights" }).ClickAsync();
        await Expect(admin.Locator(".notice-success")).ToContainTextAsync("Scoring and weights saved.");

        // A question reworded, its approved option worth more.
        await admin.GetByRole(AriaRole.Link, new() { Name = $"Edit '{budgetStatus.Text}'" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Edit a question");
        await admin.GetByLabel("Question", new() { Exact = true }).FillAsync(Reworded);
        await admin.GetByLabel("Points of option approved").FillAsync("25");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save the question" }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(new Regex("/admin/questionnaires/draft#questions-title$"));
        await Expect(admin.Locator(".notice-success")).ToContainTextAsync("is saved");

        // A yes/no question at the end of the ownership section.
        var add = admin.Locator("form.add-question").Filter(new() { Has = admin.Locator($"input[name=section][value={SectionKeys.Ownership}]") });
        await add.GetByLabel($"New question in {ownership.Title}, answered as").SelectOptionAsync(new SelectOptionValue { Label = "yes or no" });
        await add.GetByRole(AriaRole.Button, new() { Name = "Add a question" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("New question");
        await admin.GetByLabel("Key", new() { Exact = true }).FillAsync("support-rota");
        await admin.GetByLabel("Question", new() { Exact = true }).FillAsync(NewQuestion);
        await admin.GetByLabel("Why it matters").FillAsync("The first weeks in production bring the questions nobody planned for.");
        await admin.GetByLabel("Recommended action").FillAsync("Agree who is on call for the first three months, and how to reach them.");
        await admin.GetByLabel("Points of option yes").FillAsync("15");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add the question" }).ClickAsync();
        await Expect(admin.Locator(".notice-success")).ToContainTextAsync("ownership.support-rota");
        await Expect(admin.Locator(".question-list").Last).ToContainTextAsync(NewQuestion);

        // Preview over the portfolio, then publish.
        await admin.GetByRole(AriaRole.Link, new() { Name = "Preview the changes" }).ClickAsync();
        await Expect(admin.Locator("section[aria-labelledby=preview-title]")).ToContainTextAsync("current assessments re-scored on this draft, in memory (nothing was written)");
        await Screenshots.SaveAsync(admin, "desktop-admin-draft-preview");
        await admin.GetByRole(AriaRole.Button, new() { Name = $"Publish version {next}" }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(new Regex("/admin/questionnaires$"));
        await Expect(admin.Locator(".notice-success")).ToContainTextAsync($"Version {next} is published");
        await Expect(admin.GetByRole(AriaRole.Row, new() { Name = $"Version {next}" })).ToContainTextAsync(AdminEmail);
        Assert.Equal(next, await CurrentVersionAsync());

        // The sponsor re-assesses the submitted pilot: offered the new version, with what changed.
        var page = await OpenPageAsync();
        await page.GotoAsync($"/assessments/{first}/results");
        var onto = page.Locator("fieldset.reassess-onto");
        await Expect(onto).ToContainTextAsync("Which questionnaire should the re-assessment use?");
        await page.GetByText($"What changed from version {from}").ClickAsync();
        await Expect(page.Locator(".version-changes")).ToContainTextAsync($"New question: \"{NewQuestion}\"");
        await Expect(page.Locator(".version-changes")).ToContainTextAsync($"\"{budgetStatus.Text}\" now reads \"{Reworded}\".");
        await Expect(page.Locator(".version-changes")).ToContainTextAsync($"\"{integration.Title}\" weighs {integration.Weight * 2} instead of {integration.Weight}.");
        await Screenshots.SaveAsync(page, "desktop-reassess-onto");
        await page.GetByLabel($"Version {next}, the newest").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Re-assess this pilot" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/steps/commitment$"));
        var second = IdFromUrl(page.Url);
        Assert.Equal(next, (await GetAssessmentAsync(second)).GetProperty("questionnaireVersion").GetInt32());

        // The reworded question carries its answer; the new one waits in its section; answer it and submit.
        await Expect(page.Group(Reworded)).ToBeVisibleAsync();
        await page.GotoAsync(WizardPage.StepUrl(second, SectionKeys.Ownership));
        await page.ChooseAsync(NewQuestion, "Yes");
        await page.SaveAndContinueAsync("/review", "Save and review");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Expect(page.Locator(".notice-success")).ToContainTextAsync("Submitted for review");
        Assert.True((await SavedAnswerAsync(second, "ownership.support-rota"))?.GetBoolean());
        await page.GotoAsync($"/assessments/{second}/results");
        await Expect(page.GetByText($"Questionnaire version {next} · scoring model version {next}")).ToBeVisibleAsync();
        var score = await GetScoreAsync(second);
        Assert.Equal(integration.Weight * 2, score.GetProperty("sections").EnumerateArray()
            .Single(s => s.GetProperty("key").GetString() == SectionKeys.Integration).GetProperty("weight").GetInt32());
    }

    [Theory]
    [InlineData("versions", "desktop")]
    [InlineData("versions", "phone")]
    [InlineData("draft", "desktop")]
    [InlineData("draft", "phone")]
    [InlineData("question", "desktop")]
    [InlineData("question", "phone")]
    [InlineData("new-question", "phone")]
    public async Task QuestionnaireAdminPages_HaveNoAxeViolations(string pageName, string device)
    {
        await DiscardAnyDraftAsync();
        var page = await OpenAdminPageAsync(device == "phone" ? BrowserFixture.Phone : BrowserFixture.Desktop);
        await page.GotoAsync("/admin/questionnaires");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start a draft from the current version" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/questionnaires/draft$"));
        try
        {
            switch (pageName)
            {
                case "versions":
                    await page.GotoAsync("/admin/questionnaires");
                    await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Edit the draft" })).ToBeVisibleAsync();
                    break;
                case "draft":
                    // Without the production-budget gate, so the preview lists the pilots whose verdict would change.
                    await page.GetByRole(AriaRole.Checkbox, new() { Name = GateSet.ProductionUnderBudgeted.ToLabel() }).UncheckAsync();
                    await page.GetByRole(AriaRole.Button, new() { Name = "Save scoring and weights" }).ClickAsync();
                    await Expect(page.Locator(".notice-success")).ToContainTextAsync("Scoring and weights saved.");
                    await page.GotoAsync("/admin/questionnaires/draft?preview=true");
                    await Expect(page.Locator("section[aria-labelledby=preview-title]")).ToContainTextAsync("re-scored on this draft");
                    break;
                case "question":
                    await page.GotoAsync("/admin/questionnaires/draft/question?key=commitment.budget-status");
                    // With a refusal on show: an option's points that are not a number.
                    await page.GetByLabel("Points of option approved").FillAsync("lots");
                    await page.GetByRole(AriaRole.Button, new() { Name = "Save the question" }).ClickAsync();
                    await Expect(page.Locator(".error-summary")).ToContainTextAsync("whole number");
                    break;
                default:
                    await page.GotoAsync($"/admin/questionnaires/draft/question?section={SectionKeys.Ownership}&type=choice");
                    await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("New question");
                    break;
            }

            await Screenshots.SaveAsync(page, $"{device}-admin-questionnaire-{pageName}");
            await Accessibility.AssertNoViolationsAsync(page, $"questionnaire admin, {pageName} ({device})");
        }
        finally
        {
            await DiscardAnyDraftAsync();
        }
    }
}
