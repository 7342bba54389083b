using System.Net;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Pages;

/// <summary>"Not applicable" through the wizard and the API, on the results and review pages, and across the portfolio.</summary>
public sealed class NotApplicablePageTests(PostgresAppFactory app) : PageTest(app)
{
    private const string Review = "after-demo.review-cadence";
    private const string Reason = "The vendor's board reviews it; we have no say in the cadence.";

    [Fact]
    public async Task Step_NotApplicableWithAReason_IsSaved_AndShownOnReviewResultsAndThePortfolio()
    {
        var id = await StartAsync();
        var step = (await Browser.GetAsync(StepUrl(id, "after-demo"))).Expect(HttpStatusCode.OK);
        Assert.NotNull(step.Document.QuerySelector($"input[name='{Review}.not-applicable']"));
        Assert.Null(step.Document.QuerySelector("input[name='after-demo.production-owner.not-applicable']"));

        var noReason = await step.Form().Set($"{Review}.not-applicable", "on").ClickAsync("nav", "next");
        noReason.Expect(HttpStatusCode.BadRequest);
        Assert.Contains("Say why this question does not apply", noReason.Text, StringComparison.Ordinal);

        var saved = await noReason.Form().Set($"{Review}.not-applicable", "on").Set($"{Review}.not-applicable-reason", Reason).ClickAsync("nav", "next");
        Assert.Equal(StepUrl(id, "integration"), saved.RedirectLocation());

        var stored = await Client.GetAssessmentAsync(id);
        Assert.Equal(Reason, stored.Answers.GetProperty(Review).GetProperty("notApplicable").GetString());
        var again = (await Browser.GetAsync(StepUrl(id, "after-demo"))).Expect(HttpStatusCode.OK);
        Assert.Equal("checked", again.Find($"input[name='{Review}.not-applicable']").GetAttribute("checked"));
        Assert.Equal(Reason, again.Find($"textarea[name='{Review}.not-applicable-reason']").TextContent);

        var review = (await Browser.GetAsync(ReviewUrl(id))).Expect(HttpStatusCode.OK);
        Assert.Contains($"Not applicable: {Reason}", review.Texts("dl.answers dd"));
        var results = (await Browser.GetAsync(ResultsUrl(id))).Expect(HttpStatusCode.OK);
        Assert.Contains(results.Texts(".reason-table td"), t => t == $"Not applicable: {Reason}");

        var reviewer = NewSession(TestUsers.Reviewer);
        var portfolio = (await reviewer.GetAsync("/portfolio/not-applicable")).Expect(HttpStatusCode.OK);
        Assert.Contains(Reason, portfolio.Texts(".not-applicable-table td"));
        Assert.Contains("Invoice matching assistant", portfolio.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Step_NotApplicableOnAGateQuestion_IsRefusedByName_AndTheRestIsSaved()
    {
        var id = await StartAsync();
        var step = (await Browser.GetAsync(StepUrl(id, "integration"))).Expect(HttpStatusCode.OK);

        var refused = await step.Form()
            .Set("integration.budgeted.not-applicable", "on").Set("integration.budgeted.not-applicable-reason", "No budget lines here.")
            .Set("integration.prototype-cost", "40000")
            .ClickAsync("nav", "next");

        refused.Expect(HttpStatusCode.BadRequest);
        Assert.Contains("read by the gate \"Integration not budgeted\"", refused.Text, StringComparison.Ordinal);
        var stored = await Client.GetAssessmentAsync(id);
        Assert.Equal(40000m, stored.Answers.GetProperty("integration.prototype-cost").GetDecimal());
        Assert.False(stored.Answers.TryGetProperty("integration.budgeted", out _));
    }

    [Fact]
    public async Task Api_NotApplicable_LeavesTheDenominator_AndIsRefusedWithoutAReasonOrOnABlocker()
    {
        var id = await StartAsync();
        await Client.AnswerAsync(id, SampleAnswers.Ready());
        using var before = await Client.GetAsync(new Uri($"/api/assessments/{id}/score", UriKind.Relative));
        var max = SectionMax(await before.ReadJsonAsync(HttpStatusCode.OK), "after-demo");

        using var blank = await Client.PutAnswersAsync(id, new Dictionary<string, object?> { [Review] = new { notApplicable = " " } });
        var blankProblem = await blank.ReadJsonAsync(HttpStatusCode.BadRequest);
        Assert.True(blankProblem.GetProperty("errors").TryGetProperty($"answers.{Review}", out _));
        using var blocker = await Client.PutAnswersAsync(id, new Dictionary<string, object?>
        {
            [Review] = new { notApplicable = Reason },
            ["after-demo.production-owner"] = new { notApplicable = "Nobody yet." },
        });
        var blockerProblem = await blocker.ReadJsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains("required to proceed", blockerProblem.GetProperty("errors").GetProperty("answers.after-demo.production-owner")[0].GetString(), StringComparison.Ordinal);
        Assert.False((await Client.GetAssessmentAsync(id)).Answers.GetProperty(Review).ValueKind == System.Text.Json.JsonValueKind.Object);

        var marked = await Client.AnswerAsync(id, new Dictionary<string, object?> { [Review] = new { notApplicable = Reason } });

        Assert.Equal(Reason, marked.Answers.GetProperty(Review).GetProperty("notApplicable").GetString());
        using var after = await Client.GetAsync(new Uri($"/api/assessments/{id}/score", UriKind.Relative));
        var score = await after.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(Reason, score.GetProperty("notApplicable").GetProperty(Review).GetString());
        var reason = score.GetProperty("reasons").EnumerateArray().Single(r => r.GetProperty("questionKey").GetString() == Review);
        Assert.Equal(("not-applicable", 0), (reason.GetProperty("rule").GetString(), reason.GetProperty("max").GetInt32()));
        Assert.Equal(max - 10, SectionMax(score, "after-demo"));
    }

    private static int SectionMax(System.Text.Json.JsonElement score, string section) =>
        score.GetProperty("reasons").EnumerateArray().Where(r => r.GetProperty("questionKey").GetString()!.StartsWith(section + ".", StringComparison.Ordinal))
            .Sum(r => r.GetProperty("max").GetInt32());
}
