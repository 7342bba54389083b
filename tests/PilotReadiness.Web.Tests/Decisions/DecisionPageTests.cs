using System.Net;
using PilotReadiness.Web.Tests.Infrastructure;
using static PilotReadiness.Web.Tests.Decisions.DecisionSupport;

namespace PilotReadiness.Web.Tests.Decisions;

public sealed class DecisionPageTests(PostgresAppFactory app) : PageTest(app), IDisposable
{
    private HttpClient? _reviewerApi;

    private HttpClient ReviewerApi => _reviewerApi ??= App.ClientFor(TestUsers.Reviewer);

    private static string DecideUrl(Guid id) => $"/assessments/{id}/decide";

    [Fact]
    public async Task DecideForm_RecordsAConditionalGo_AndTheResultsShowItBesideTheRecommendation()
    {
        var id = await SubmittedAsync(Client);
        var reviewer = NewSession(TestUsers.Reviewer);
        var page = (await reviewer.GetAsync(DecideUrl(id))).Expect(HttpStatusCode.OK);
        Assert.Contains("The computed recommendation", page.Text, StringComparison.Ordinal);
        Assert.Equal(5, page.Document.QuerySelectorAll("fieldset.condition-row").Length);

        var saved = await page.Form()
            .Set("Input.Outcome", "go-with-conditions")
            .Set("Input.Rationale", "Strong case; the budget must be signed off.")
            .Set("Input.KillCriteria", "Stop if usage halves.")
            .Set("Input.Conditions[0].Description", "Integration budget signed off")
            .Set("Input.Conditions[0].Owner", "Priya Natarajan")
            .Set("Input.Conditions[0].DueDate", Day(Today.AddDays(30)))
            .Set("Input.Conditions[2].Description", "Training plan agreed")
            .Set("Input.Conditions[2].Owner", "Sam Okafor")
            .Set("Input.Conditions[2].DueDate", Day(Today.AddDays(60)))
            .SubmitAsync();

        Assert.Equal($"/assessments/{id}/results#decision-heading", saved.RedirectLocation());
        var results = (await reviewer.FollowAsync(saved)).Expect(HttpStatusCode.OK);
        Assert.Contains("Decision recorded: Go with conditions", results.Text, StringComparison.Ordinal);
        var section = results.TextOf("section.decision-card");
        Assert.Contains("Strong case; the budget must be signed off.", section, StringComparison.Ordinal);
        Assert.Contains("Stop if usage halves.", section, StringComparison.Ordinal);
        Assert.Contains("Integration budget signed off", section, StringComparison.Ordinal);
        Assert.Contains("Owner: Sam Okafor", section, StringComparison.Ordinal);
        Assert.Contains($"Decided by {TestUsers.Reviewer.Name}", section, StringComparison.Ordinal);
        Assert.Equal("Go", results.TextOf(".score-hero .verdict"));
        Assert.Equal(2, results.Document.QuerySelectorAll("form[action$='handler=MarkMet']").Length);

        var history = await Client.HistoryAsync(id);
        Assert.Equal(["Integration budget signed off", "Training plan agreed"],
            Assert.Single(history).GetProperty("conditions").EnumerateArray().Select(c => c.GetProperty("description").GetString()));
    }

    [Fact]
    public async Task DecideForm_BadInput_ShowsTheFormAgainWithFieldMessages_AndSavesNothing()
    {
        var id = await SubmittedAsync(Client);
        var reviewer = NewSession(TestUsers.Reviewer);
        var page = (await reviewer.GetAsync(DecideUrl(id))).Expect(HttpStatusCode.OK);

        var refused = (await page.Form()
            .Set("Input.Outcome", "go-with-conditions")
            .Set("Input.Rationale", "   ")
            .Set("Input.Conditions[1].Description", "Budget signed off")
            .Set("Input.Conditions[3].Description", "Plan agreed")
            .Set("Input.Conditions[3].Owner", "Sam Okafor")
            .Set("Input.Conditions[3].DueDate", "2001-01-01")
            .SubmitAsync()).Expect(HttpStatusCode.BadRequest);

        Assert.Equal("Give the reason for the decision.", refused.TextOf("#rationale-error"));
        Assert.Equal("Name who answers for the condition.", refused.TextOf("#Input_Conditions_1__Owner-error"));
        Assert.Equal("Give the date by which the condition must be met.", refused.TextOf("#Input_Conditions_1__DueDate-error"));
        Assert.Equal("The due date cannot be in the past.", refused.TextOf("#Input_Conditions_3__DueDate-error"));
        Assert.Equal("", refused.TextOf("#Input_Conditions_0__Description-error"));
        Assert.Equal(4, refused.Document.QuerySelectorAll(".error-summary li").Length);
        // What was typed stays in the form.
        var form = refused.Form();
        Assert.Equal("Budget signed off", form.Value("Input.Conditions[1].Description"));
        Assert.Equal("go-with-conditions", form.Value("Input.Outcome"));
        Assert.Empty(await Client.HistoryAsync(id));

        var noConditions = (await refused.Form()
            .Set("Input.Rationale", "Fine.")
            .Set("Input.Conditions[1].Description", "")
            .Set("Input.Conditions[3].Description", "").Set("Input.Conditions[3].Owner", "").Set("Input.Conditions[3].DueDate", "")
            .SubmitAsync()).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("needs at least one condition", noConditions.TextOf("#conditions-error"), StringComparison.Ordinal);

        var withoutOutcome = (await noConditions.Form().Set("Input.Outcome").SubmitAsync()).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("Choose the decision", withoutOutcome.TextOf("#outcome-error"), StringComparison.Ordinal);
        Assert.Empty(await Client.HistoryAsync(id));
    }

    [Fact]
    public async Task DecideForm_Stale_SavesNothingAndShowsTheNewerDecision()
    {
        var id = await SubmittedAsync(Client);
        var reviewer = NewSession(TestUsers.Reviewer);
        var page = (await reviewer.GetAsync(DecideUrl(id))).Expect(HttpStatusCode.OK);
        await ReviewerApi.DecideAsync(id, Plain("no-go", "Decided elsewhere first."));

        var stale = (await page.Form()
            .Set("Input.Outcome", "go")
            .Set("Input.Rationale", "My go.")
            .SubmitAsync()).Expect(HttpStatusCode.Conflict);

        Assert.Contains("nothing was done", stale.TextOf("#stale-problem"), StringComparison.Ordinal);
        Assert.Contains("Decided elsewhere first.", stale.TextOf("section.decision-card"), StringComparison.Ordinal);
        Assert.Equal("My go.", stale.Form().Value("Input.Rationale"));
        Assert.Equal("no-go", Assert.Single(await Client.HistoryAsync(id)).GetProperty("outcome").GetString());

        // Sent again knowingly, with the version the page now carries, it supersedes the newer decision.
        var again = await stale.Form().SubmitAsync();
        again.RedirectLocation();
        Assert.Equal(["go", "no-go"], (await Client.HistoryAsync(id)).Select(d => d.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task DecidePage_OnADraft_ExplainsAndOffersNoForm()
    {
        var draft = await Client.CreateAssessmentAsync();
        var reviewer = NewSession(TestUsers.Reviewer);

        var page = (await reviewer.GetAsync(DecideUrl(draft.Id))).Expect(HttpStatusCode.OK);

        Assert.Contains("Only an assessment submitted for review can be decided on", page.Text, StringComparison.Ordinal);
        Assert.Empty(page.Document.QuerySelectorAll("main form[method=post]"));
    }

    [Fact]
    public async Task ResultsPage_ShowsTheCurrentDecisionAndTheSupersededOnes_AndOnlyReviewersGetTheButtons()
    {
        var id = await SubmittedAsync(Client);
        await ReviewerApi.DecideAsync(id, Plain("no-go", "First look: users not involved."));
        await ReviewerApi.DecideAsync(id, ConditionalGo());

        var asReviewer = (await NewSession(TestUsers.Reviewer).GetAsync(ResultsUrl(id))).Expect(HttpStatusCode.OK);
        var asSponsor = (await Browser.GetAsync(ResultsUrl(id))).Expect(HttpStatusCode.OK);

        foreach (var page in new[] { asReviewer, asSponsor })
        {
            Assert.Equal("Go with conditions", page.Texts("section.decision-card .decision")[0]);
            Assert.Contains("Earlier decisions (1), superseded", page.TextOf(".decision-history summary"), StringComparison.Ordinal);
            Assert.Contains("First look: users not involved.", page.TextOf(".decision-history"), StringComparison.Ordinal);
            Assert.Contains("No-go", page.TextOf(".decision-history .decision"), StringComparison.Ordinal);
        }

        Assert.Single(asReviewer.Document.QuerySelectorAll($"a[href='/assessments/{id}/decide']"));
        Assert.Single(asReviewer.Document.QuerySelectorAll("form[action$='handler=MarkMet']"));
        Assert.Empty(asSponsor.Document.QuerySelectorAll($"a[href='/assessments/{id}/decide']"));
        Assert.Empty(asSponsor.Document.QuerySelectorAll("form[action$='handler=MarkMet']"));
    }

    [Fact]
    public async Task MarkMetButton_MarksTheCondition_AndAStaleOneChangesNothing()
    {
        var id = await SubmittedAsync(Client);
        await ReviewerApi.DecideAsync(id, ConditionalGo(("First", "Priya Natarajan", Today.AddDays(3)), ("Second", "Sam Okafor", Today.AddDays(9))));
        var reviewer = NewSession(TestUsers.Reviewer);
        var results = (await reviewer.GetAsync(ResultsUrl(id))).Expect(HttpStatusCode.OK);
        var forms = results.Document.QuerySelectorAll("form[action$='handler=MarkMet']").Select((_, i) => i).ToList();
        Assert.Equal(2, forms.Count);

        var marked = await results.Form("li.condition:nth-child(1) form").SubmitAsync();
        var after = (await reviewer.FollowAsync(marked)).Expect(HttpStatusCode.OK);
        Assert.Contains("Condition marked met: First", after.Text, StringComparison.Ordinal);
        Assert.StartsWith("Met on", after.Texts("li.condition .condition-state")[0], StringComparison.Ordinal);

        // The second button on the old page carries the old version: refused, with a message, nothing marked.
        var stale = await results.Form("li.condition:nth-child(2) form").SubmitAsync();
        var refused = (await reviewer.FollowAsync(stale)).Expect(HttpStatusCode.OK);
        Assert.Contains("nothing was done", refused.TextOf("section.decision-card [role=alert]"), StringComparison.Ordinal);
        var states = (await Client.HistoryAsync(id))[0].GetProperty("conditions").EnumerateArray().Select(c => c.GetProperty("state").GetString());
        Assert.Equal(["met", "open"], states);
    }

    [Fact]
    public async Task LapsedGo_ShowsLapsedOnTheResultsAndTheList()
    {
        var id = await SubmittedAsync(Client);
        await ReviewerApi.DecideAsync(id, ConditionalGo(("Owner confirmed", "Sam Okafor", Today)));
        using var later = ClockedApp.Start(App, DateTimeOffset.UtcNow.AddDays(1));
        using var sponsor = new PageSession(later.Factory, TestUsers.Sponsor);

        var results = (await sponsor.GetAsync(ResultsUrl(id))).Expect(HttpStatusCode.OK);
        var list = (await sponsor.GetAsync("/assessments")).Expect(HttpStatusCode.OK);
        var today = (await Browser.GetAsync("/assessments")).Expect(HttpStatusCode.OK);

        Assert.Equal("Lapsed", results.TextOf("section.decision-card .lapsed-badge"));
        Assert.Contains("This go has lapsed.", results.TextOf(".lapsed-note"), StringComparison.Ordinal);
        Assert.StartsWith("Lapsed: due", results.TextOf("li.condition .condition-state"), StringComparison.Ordinal);
        Assert.Equal("Lapsed", list.TextOf("td .lapsed-badge"));
        Assert.Empty(today.Document.QuerySelectorAll(".lapsed-badge"));
        Assert.Contains("Decided: Go with conditions", today.TextOf("td .decision-line"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecideForm_AboveTheRecommendation_AsksAReasonPerGate_ThenTheResultsShowThem()
    {
        var id = await SubmittedAsync(Client, answers: Consulted());
        var reviewer = NewSession(TestUsers.Reviewer);
        var page = (await reviewer.GetAsync(DecideUrl(id))).Expect(HttpStatusCode.OK);

        // One reason field per gate a favourable decision would accept, saying which decisions need it (for the script).
        var field = Assert.Single(page.Document.QuerySelectorAll("[data-needed-for]"));
        Assert.Equal("go-with-conditions go", field.GetAttribute("data-needed-for"));
        Assert.NotNull(field.QuerySelector("textarea#reason-users-not-involved[name='Input.GateReasons[users-not-involved]']"));
        Assert.Equal(["", "users-not-involved"], page.Document.QuerySelectorAll("#Input_Conditions_0__Gate option").Select(o => o.GetAttribute("value")));

        var refused = (await page.Form()
            .Set("Input.Outcome", "go")
            .Set("Input.Rationale", "The team leads want it now.")
            .SubmitAsync()).Expect(HttpStatusCode.BadRequest);

        Assert.Contains("Daily users not involved", refused.TextOf("#reason-users-not-involved-error"), StringComparison.Ordinal);
        Assert.Equal("#reason-users-not-involved", refused.Find(".error-summary li a").GetAttribute("href"));
        Assert.Empty(await Client.HistoryAsync(id));

        var saved = await refused.Form().Set("Input.GateReasons[users-not-involved]", "The team leads sign off every release.").SubmitAsync();

        Assert.Equal($"/assessments/{id}/results#decision-heading", saved.RedirectLocation());
        var results = (await reviewer.FollowAsync(saved)).Expect(HttpStatusCode.OK);
        var section = results.TextOf("section.decision-card");
        Assert.Contains("Above the recommendation", section, StringComparison.Ordinal);
        Assert.Contains("Gates accepted, and why", section, StringComparison.Ordinal);
        Assert.Contains("Daily users not involved: The team leads sign off every release.", section, StringComparison.Ordinal);
        Assert.True(Assert.Single(await Client.HistoryAsync(id)).GetProperty("aboveRecommendation").GetBoolean());
    }

    [Fact]
    public async Task DecideForm_NoGateTriggered_AsksNoReason()
    {
        var id = await SubmittedAsync(Client);
        var reviewer = NewSession(TestUsers.Reviewer);

        var page = (await reviewer.GetAsync(DecideUrl(id))).Expect(HttpStatusCode.OK);

        Assert.Empty(page.Document.QuerySelectorAll("[data-reasons]"));
        Assert.Empty(page.Document.QuerySelectorAll("#Input_Conditions_0__Gate"));
    }

    public void Dispose() => _reviewerApi?.Dispose();
}
