using System.Net;
using PilotReadiness.Web.Tests.Infrastructure;
using static PilotReadiness.Web.Tests.Decisions.DecisionSupport;

namespace PilotReadiness.Web.Tests.Outcomes;

public sealed class OutcomePageTests(PostgresAppFactory app) : PageTest(app), IDisposable
{
    private HttpClient? _reviewerClient;

    /// <summary>The API as the reviewer, signed in after the test's reset.</summary>
    private HttpClient _reviewerApi => _reviewerClient ??= App.ClientFor(TestUsers.Reviewer);

    public void Dispose() => _reviewerClient?.Dispose();

    private static string PageUrl(Guid id) => $"/live/{id}/outcome";

    [Fact]
    public async Task OutcomeForm_RecordsStoppedBeforeLaunch_AndListsIt()
    {
        var id = await SubmittedAsync(Client);
        var reviewer = NewSession(TestUsers.Reviewer);
        var page = (await reviewer.GetAsync(PageUrl(id))).Expect(HttpStatusCode.OK);
        // A pilot that never went live can only have stopped before launch.
        Assert.Equal(["Stopped before launch"], page.Texts("fieldset .choice span"));

        var saved = await page.Form("form.card")
            .Set("Input.Kind", "stopped-before-launch")
            .Set("Input.Note", "The budget went to another pilot.")
            .SubmitAsync();

        Assert.Equal($"/live/{id}", saved.RedirectLocation());
        var (outcomes, _) = await _reviewerApi.GetOutcomesAsync(id);
        Assert.Equal("The budget went to another pilot.", outcomes.GetProperty("current").GetProperty("note").GetString());
        var again = (await reviewer.GetAsync(PageUrl(id))).Expect(HttpStatusCode.OK);
        Assert.Contains("Stopped before launch since", again.TextOf("#outcomes-heading + ol"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutcomeForm_BadInput_ShowsTheFormAgainWithFieldMessages_AndSavesNothing()
    {
        var id = await SubmittedAsync(Client);
        var reviewer = NewSession(TestUsers.Reviewer);
        var page = (await reviewer.GetAsync(PageUrl(id))).Expect(HttpStatusCode.OK);

        var notADate = (await page.Form("form.card").Set("Input.Kind", "stopped-before-launch").Set("Input.Date", "next Tuesday").SubmitAsync())
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal("Give the date as YYYY-MM-DD, for example 2026-03-02.", notADate.TextOf("#date-error"));
        Assert.Equal("next Tuesday", notADate.Form("form.card").Value("Input.Date"));

        var refused = (await page.Form("form.card").Set("Input.Date", Day(Today.AddDays(1))).SubmitAsync()).Expect(HttpStatusCode.BadRequest);
        Assert.StartsWith("Choose the outcome:", refused.TextOf("#kind-error"), StringComparison.Ordinal);
        Assert.Equal("Record an outcome once it has happened: the date cannot be in the future.", refused.TextOf("#date-error"));
        Assert.Equal(2, refused.Document.QuerySelectorAll(".error-summary li").Length);
        Assert.Equal(0, (await _reviewerApi.GetOutcomesAsync(id)).Body.GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task OutcomeForm_SomeoneRecordedOneMeanwhile_409WithTheMessage_ThenTheSecondTryIsSaved()
    {
        var id = await SubmittedAsync(Client);
        var reviewer = NewSession(TestUsers.Reviewer);
        var page = (await reviewer.GetAsync(PageUrl(id))).Expect(HttpStatusCode.OK);
        using var other = await _reviewerApi.PostOutcomeAsync(id, new { kind = "stopped-before-launch", date = Day(Today), note = "By the other reviewer" }, "\"0\"");
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);

        var stale = (await page.Form("form.card").Set("Input.Kind", "stopped-before-launch").Set("Input.Note", "Mine").SubmitAsync())
            .Expect(HttpStatusCode.Conflict);
        Assert.Contains("Someone recorded an outcome for this pilot since you opened this page", stale.Text, StringComparison.Ordinal);
        Assert.Contains("By the other reviewer", stale.TextOf("#outcomes-heading + ol"), StringComparison.Ordinal);
        Assert.Equal("Mine", stale.Form("form.card").Value("Input.Note"));

        var saved = await stale.Form("form.card").SubmitAsync();
        Assert.Equal($"/live/{id}", saved.RedirectLocation());
        Assert.Equal("Mine", (await _reviewerApi.GetOutcomesAsync(id)).Body.GetProperty("current").GetProperty("note").GetString());
    }

    [Fact]
    public async Task OutcomePage_SponsorIsRefused()
    {
        var id = await SubmittedAsync(Client);
        var sponsor = NewSession(TestUsers.Sponsor);

        var page = await sponsor.GetAsync(PageUrl(id));

        Assert.Equal("/Status/403", new Uri(new Uri("http://localhost"), page.RedirectLocation()).AbsolutePath);
    }
}
