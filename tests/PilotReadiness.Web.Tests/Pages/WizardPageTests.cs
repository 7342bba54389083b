using System.Net;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Pages;

public sealed class WizardPageTests(PostgresAppFactory app) : PageTest(app)
{
    private static readonly string[] Sections = ["commitment", "involvement", "after-demo", "integration", "workflow", "ownership"];

    [Fact]
    public async Task Wizard_AllSixStepsWithReadyAnswers_ReviewListsThemAndResultsSayGo()
    {
        var id = await StartAsync();
        var ready = SampleAnswers.Ready();

        var page = await Browser.GetAsync(StepUrl(id, "commitment"));
        for (var step = 0; step < Sections.Length; step++)
        {
            page.Expect(HttpStatusCode.OK);
            Assert.Contains($"Step {step + 1} of 6", page.TextOf("h1"), StringComparison.Ordinal);
            var saved = await page.Form().Set(FormFields(ready, Sections[step])).ClickAsync("nav", "next");
            var expected = step < Sections.Length - 1 ? StepUrl(id, Sections[step + 1]) : ReviewUrl(id);
            Assert.Equal(expected, saved.RedirectLocation());
            page = await Browser.FollowAsync(saved);
        }

        page.Expect(HttpStatusCode.OK);
        var stored = await Client.GetAssessmentAsync(id);
        Assert.Equal(ready.Count, stored.Answers.EnumerateObject().Count());
        Assert.Equal("\"7\"", stored.ETag); // created at 1, one save per step
        Assert.Contains("41 of 41 questions answered", page.Text, StringComparison.Ordinal);
        Assert.Empty(page.Document.QuerySelectorAll("dl.answers dd.empty"));
        Assert.Empty(page.Document.QuerySelectorAll(".blockers"));
        var shown = page.Texts("dl.answers dd:not(.answer-evidence)");
        Assert.Equal(41, shown.Count);
        Assert.Contains("De-risking a rollout we have already decided on", shown);
        Assert.Contains("1 March 2027", shown);
        Assert.Contains("Helena Marsh, COO", shown);
        Assert.Contains((string)ready["commitment.what-then"]!, shown);
        Assert.Contains("ERP", shown);
        Assert.Contains("EUR 40,000", shown);
        Assert.Contains("Automated checks with human review", shown);
        Assert.Equal("Go", page.TextOf("section .verdict"));

        var results = (await Browser.GetAsync(ResultsUrl(id))).Expect(HttpStatusCode.OK);
        // The four named people have not confirmed yet: half their points each, so 92 and still a go.
        Assert.Equal("92 / 100", results.TextOf(".score-big"));
        var verdict = results.Find(".score-hero .verdict");
        Assert.Equal("Go", verdict.TextContent);
        Assert.Contains("verdict-go", verdict.ClassList);
        Assert.Empty(results.Document.QuerySelectorAll(".theatre"));
        Assert.Contains("No gate is triggered", results.Text, StringComparison.Ordinal);
        Assert.Equal(4, results.Texts("ol.findings > li").Count(f => f.Contains("has not confirmed the role yet", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Review_SubmitThenReopen_LocksTheStepsAndUnlocksThemAgain()
    {
        var id = await StartAsync();
        await Client.AnswerAsync(id, SampleAnswers.Ready());
        var review = (await Browser.GetAsync(ReviewUrl(id))).Expect(HttpStatusCode.OK);
        Assert.Equal("Draft", review.TextOf("span.status"));

        var submitted = await review.Form().ClickAsync("button[formaction*='handler=Submit']");

        Assert.Equal(ReviewUrl(id), submitted.RedirectLocation());
        review = (await Browser.FollowAsync(submitted)).Expect(HttpStatusCode.OK);
        Assert.Equal("Submitted for review", review.TextOf("span.status"));
        Assert.StartsWith("Submitted for review. The answers are now read-only", review.TextOf(".notice-success"), StringComparison.Ordinal);
        Assert.Empty(review.Document.QuerySelectorAll("a[href*='/steps/']"));
        Assert.Equal("submitted", (await Client.GetAssessmentAsync(id)).Status);
        foreach (var section in Sections)
        {
            Assert.Equal(ReviewUrl(id), (await Browser.GetAsync(StepUrl(id, section))).RedirectLocation());
        }

        var reopened = await review.Form().ClickAsync("button[formaction*='handler=Reopen']");

        Assert.Equal(ReviewUrl(id), reopened.RedirectLocation());
        review = (await Browser.FollowAsync(reopened)).Expect(HttpStatusCode.OK);
        Assert.Equal("Draft", review.TextOf("span.status"));
        Assert.StartsWith("Re-opened as a draft.", review.TextOf(".notice-success"), StringComparison.Ordinal);
        Assert.Equal("draft", (await Client.GetAssessmentAsync(id)).Status);
        (await Browser.GetAsync(StepUrl(id, "ownership"))).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Step_PostAfterTheAssessmentWasSubmitted_RedirectsToReviewAndSavesNothing()
    {
        var id = await StartReadyAsync();
        var step = (await Browser.GetAsync(StepUrl(id, "commitment"))).Expect(HttpStatusCode.OK);
        using (var submit = await Client.PostActionAsync(id, "submit"))
        {
            Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        }

        var posted = await step.Form().Set("commitment.purpose", "explore").ClickAsync("nav", "next");

        Assert.Equal(ReviewUrl(id), posted.RedirectLocation());
        var review = await Browser.FollowAsync(posted);
        Assert.Contains("Your last changes were not saved", review.TextOf(".notice-warning[role=alert]"), StringComparison.Ordinal);
        Assert.Empty(review.Texts(".notice-success"));
        Assert.Equal("de-risk", (await Client.GetAssessmentAsync(id)).Answers.GetProperty("commitment.purpose").GetString());
    }

    [Fact]
    public async Task Step_BackAndProgressButtons_SaveTheStepThenGoWhereAsked()
    {
        var id = await StartAsync();
        var involvement = (await Browser.GetAsync(StepUrl(id, "involvement"))).Expect(HttpStatusCode.OK);
        Assert.Equal(6, involvement.Document.QuerySelectorAll("nav ol.progress button[name=nav]").Length);

        var back = await involvement.Form().Set("involvement.level", "consulted").ClickAsync("nav", "prev");

        Assert.Equal(StepUrl(id, "commitment"), back.RedirectLocation());
        var commitment = (await Browser.FollowAsync(back)).Expect(HttpStatusCode.OK);
        Assert.Empty(commitment.Document.QuerySelectorAll("button[value=prev]"));
        Assert.Contains("Step 2 · 1/7 answered", commitment.Texts("ol.progress .step-no"));

        var jump = await commitment.Form().Set("commitment.budget-status", "requested").ClickAsync("nav", "workflow");

        Assert.Equal(StepUrl(id, "workflow"), jump.RedirectLocation());
        var workflow = (await Browser.FollowAsync(jump)).Form().Set("workflow.change-plan", "drafted").Set("nav", "somewhere-else");
        var stay = await workflow.PostToAsync(workflow.Action);

        Assert.Equal(StepUrl(id, "workflow"), stay.RedirectLocation());
        var answers = (await Client.GetAssessmentAsync(id)).Answers;
        Assert.Equal("consulted", answers.GetProperty("involvement.level").GetString());
        Assert.Equal("requested", answers.GetProperty("commitment.budget-status").GetString());
        Assert.Equal("drafted", answers.GetProperty("workflow.change-plan").GetString());
    }

    [Fact]
    public async Task Step_SavedAnswers_AreShownCheckedAndFilledOnTheNextVisit()
    {
        var id = await StartAsync();
        await Client.AnswerAsync(id, SampleAnswers.Ready());

        var integration = (await Browser.GetAsync(StepUrl(id, "integration"))).Form();

        Assert.Equal(["erp"], integration.Values("integration.systems"));
        Assert.Equal("built", integration.Value("integration.state"));
        Assert.Equal("yes", integration.Value("integration.budgeted"));
        Assert.Equal("40000", integration.Value("integration.prototype-cost"));
        var commitment = (await Browser.GetAsync(StepUrl(id, "commitment"))).Form();
        Assert.Equal("2027-03-01", commitment.Value("commitment.rollout-date"));
        Assert.Equal(SampleAnswers.Ready()["commitment.what-then"], commitment.Value("commitment.what-then"));
    }

    [Fact]
    public async Task Step_EmptyOrMissingField_ClearsTheAnswer()
    {
        var id = await StartAsync();
        await Client.AnswerAsync(id, SampleAnswers.Ready());
        var form = (await Browser.GetAsync(StepUrl(id, "commitment"))).Form();

        var saved = await form
            .Set("commitment.purpose", "")          // "Not answered yet"
            .Set("commitment.executive-sponsor", "   ")
            .Set("commitment.what-then")            // not sent at all
            .ClickAsync("nav", "next");

        saved.RedirectLocation();
        var answers = (await Client.GetAssessmentAsync(id)).Answers;
        Assert.False(answers.TryGetProperty("commitment.purpose", out _));
        Assert.False(answers.TryGetProperty("commitment.executive-sponsor", out _));
        Assert.False(answers.TryGetProperty("commitment.what-then", out _));
        Assert.Equal("approved", answers.GetProperty("commitment.budget-status").GetString());
    }

    [Fact]
    public async Task Step_EveryBoxUnchecked_ClearsTheMultiSelectAnswer()
    {
        var id = await StartAsync();
        await Client.AnswerAsync(id, new Dictionary<string, object?> { ["integration.systems"] = (string[])["crm", "erp"] });
        var form = (await Browser.GetAsync(StepUrl(id, "integration"))).Form();
        Assert.Equal(["crm", "erp"], form.Values("integration.systems"));

        var saved = await form.Set("integration.systems").ClickAsync("nav", "next");

        saved.RedirectLocation();
        Assert.Empty((await Client.GetAssessmentAsync(id)).Answers.EnumerateObject());
    }

    [Theory]
    [InlineData("/assessments/{random}/steps/commitment")]
    [InlineData("/assessments/{id}/steps/not-a-section")]
    [InlineData("/assessments/{id}/steps/commitment.purpose")]
    [InlineData("/assessments/{random}/review")]
    [InlineData("/assessments/{random}/results")]
    [InlineData("/assessments/not-a-guid/review")]
    public async Task Get_UnknownAssessmentOrSection_Returns404Page(string template)
    {
        var id = await StartAsync();

        var page = await Browser.GetAsync(template.Replace("{id}", id.ToString(), StringComparison.Ordinal)
            .Replace("{random}", Guid.NewGuid().ToString(), StringComparison.Ordinal));

        page.Expect(HttpStatusCode.NotFound);
        Assert.Equal("Page not found", page.TextOf("main h1"));
    }

    [Theory]
    [InlineData("/assessments/{random}/steps/commitment")]
    [InlineData("/assessments/{id}/steps/not-a-section")]
    [InlineData("/assessments/{random}/steps/commitment?handler=Autosave")]
    [InlineData("/assessments/{random}/review?handler=Submit")]
    [InlineData("/assessments/{random}/review?handler=Reopen")]
    public async Task Post_UnknownAssessmentOrSection_Returns404(string template)
    {
        var id = await StartAsync();
        var form = (await Browser.GetAsync(StepUrl(id, "commitment"))).Form().Set("commitment.purpose", "explore");

        var page = await form.PostToAsync(template.Replace("{id}", id.ToString(), StringComparison.Ordinal)
            .Replace("{random}", Guid.NewGuid().ToString(), StringComparison.Ordinal));

        page.Expect(HttpStatusCode.NotFound);
        Assert.Empty((await Client.GetAssessmentAsync(id)).Answers.EnumerateObject());
    }
}
