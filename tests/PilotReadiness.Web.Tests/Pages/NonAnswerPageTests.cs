using System.Net;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Pages;

/// <summary>
/// What the pages say about answers that do not count: beside the field as the sponsor types (the autosave's answer) and
/// when the page is drawn, and on the review page, which lists what blocks submitting and refuses to submit.
/// </summary>
public sealed class NonAnswerPageTests(PostgresAppFactory app) : PageTest(app)
{
    [Fact]
    public async Task Autosave_ANonAnswer_IsSavedAndTheAnswerSaysWhyItDoesNotCount()
    {
        var id = await StartAsync();
        var form = (await Browser.GetAsync(StepUrl(id, "commitment"))).Form();

        var saved = await form.Set("commitment.adoption", "tbd").Set("commitment.what-then-owner", "IT Service Desk (to be confirmed)")
            .Set("commitment.success-criteria", "At least 85% of invoices matched without a person over four weeks.")
            .PostToAsync(AutosaveUrl(id, "commitment"));

        var json = saved.Expect(HttpStatusCode.OK).Json();
        var notCounted = json.GetProperty("notCounted");
        Assert.Equal(["commitment.adoption", "commitment.what-then-owner"], notCounted.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Contains("placeholder", notCounted.GetProperty("commitment.adoption").GetString(), StringComparison.Ordinal);
        Assert.Contains("not a person", notCounted.GetProperty("commitment.what-then-owner").GetString(), StringComparison.Ordinal);
        Assert.Equal("tbd", (await Client.GetAssessmentAsync(id)).Answers.GetProperty("commitment.adoption").GetString());
    }

    [Fact]
    public async Task Step_ASavedNonAnswer_ShowsTheReasonBesideTheFieldAndDescribesTheFieldWithIt()
    {
        var id = await StartAsync();
        await Client.AnswerAsync(id, new Dictionary<string, object?> { ["commitment.adoption"] = "We'll figure that out once we see the pilot results." });

        var page = (await Browser.GetAsync(StepUrl(id, "commitment"))).Expect(HttpStatusCode.OK);

        var note = page.Find("#q-commitment-adoption-note");
        Assert.Equal("polite", note.GetAttribute("aria-live"));
        Assert.Contains("puts the answer off", note.TextContent, StringComparison.Ordinal);
        Assert.Contains("q-commitment-adoption-note", page.Find("#q-commitment-adoption").GetAttribute("aria-describedby"), StringComparison.Ordinal);
        // An answer that counts, or none, has an empty note, still there for the script to fill.
        Assert.Equal("", page.Find("#q-commitment-integration-built-note").TextContent);
        Assert.Empty(page.Document.QuerySelectorAll("#q-commitment-purpose-note"));
    }

    [Fact]
    public async Task Review_WithRequiredQuestionsOpen_ListsThemWithLinksAndRefusesToSubmit()
    {
        var id = await StartAsync();
        var answers = SampleAnswers.Ready();
        answers["commitment.success-criteria"] = "tbd";
        answers.Remove("involvement.level");
        await Client.AnswerAsync(id, answers);

        var review = (await Browser.GetAsync(ReviewUrl(id))).Expect(HttpStatusCode.OK);

        var items = review.Document.QuerySelectorAll(".blockers li").ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal($"/assessments/{id}/steps/commitment#q-commitment-success-criteria-block", items[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("placeholder", items[0].TextContent, StringComparison.Ordinal);
        Assert.Equal($"/assessments/{id}/steps/involvement#q-involvement-level-block", items[1].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Not answered yet.", items[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Not counted: “tbd” is a placeholder", review.Text, StringComparison.Ordinal);

        var refused = (await review.Form().ClickAsync("button[formaction*='handler=Submit']")).Expect(HttpStatusCode.Conflict);

        Assert.StartsWith("2 questions required to proceed need a real answer first", refused.TextOf(".notice-warning"), StringComparison.Ordinal);
        Assert.Equal(2, refused.Document.QuerySelectorAll(".blockers li").Length);
        Assert.Equal("draft", (await Client.GetAssessmentAsync(id)).Status);

        await Client.AnswerAsync(id, new Dictionary<string, object?>
        {
            ["commitment.success-criteria"] = "Nine in ten invoices matched without a person: 90% over four weeks.",
            ["involvement.level"] = "involved",
        });
        var ready = (await Browser.GetAsync(ReviewUrl(id))).Expect(HttpStatusCode.OK);
        Assert.Empty(ready.Document.QuerySelectorAll(".blockers"));
        var submitted = await ready.Form().ClickAsync("button[formaction*='handler=Submit']");
        Assert.Equal(ReviewUrl(id), submitted.RedirectLocation());
        Assert.Equal("submitted", (await Client.GetAssessmentAsync(id)).Status);
    }
}
