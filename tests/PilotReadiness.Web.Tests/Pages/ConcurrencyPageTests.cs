using System.Net;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Pages;

public sealed class ConcurrencyPageTests(PostgresAppFactory app) : PageTest(app)
{
    private const string WhatThen = "Accounts payable adopts it from the spring release.";

    [Fact]
    public async Task Step_StaleVersion_Returns409ShowsTheWarningAndSavesNothing_ThenSavingAgainFromTheFormWins()
    {
        var id = await StartAsync();
        var mine = (await Browser.GetAsync(StepUrl(id, "commitment"))).Form();
        var colleague = NewSession();
        var theirs = await (await colleague.GetAsync(StepUrl(id, "commitment"))).Form()
            .Set("commitment.purpose", "explore").ClickAsync("nav", "next");
        theirs.RedirectLocation();

        var refused = await mine.Set("commitment.purpose", "de-risk").Set("commitment.what-then", WhatThen).ClickAsync("nav", "next");

        refused.Expect(HttpStatusCode.Conflict);
        Assert.StartsWith("Someone else saved this assessment", refused.TextOf(".notice-warning h2"), StringComparison.Ordinal);
        Assert.Contains("not saved", refused.TextOf(".notice-warning p"), StringComparison.Ordinal);
        Assert.Equal("Saved by someone else: Exploring whether the idea has merit", refused.TextOf("#q-commitment-purpose-block .saved-elsewhere"));
        Assert.Equal("Saved by someone else: Not answered", refused.TextOf("#q-commitment-what-then-block .saved-elsewhere"));
        Assert.Empty(refused.Document.QuerySelectorAll("#q-commitment-budget-status-block .saved-elsewhere"));
        var stored = await Client.GetAssessmentAsync(id);
        Assert.Equal("\"2\"", stored.ETag);
        var only = Assert.Single(stored.Answers.EnumerateObject());
        Assert.Equal("explore", only.Value.GetString());

        // The refused form keeps my answers and carries the current version: saving again is a deliberate overwrite.
        var again = refused.Form();
        Assert.Equal("2", again.Value("Version"));
        Assert.Equal("de-risk", again.Value("commitment.purpose"));
        Assert.Equal(WhatThen, again.Value("commitment.what-then"));
        var saved = await again.ClickAsync("nav", "next");

        Assert.Equal(StepUrl(id, "involvement"), saved.RedirectLocation());
        var after = await Client.GetAssessmentAsync(id);
        Assert.Equal("\"3\"", after.ETag);
        Assert.Equal("de-risk", after.Answers.GetProperty("commitment.purpose").GetString());
        Assert.Equal(WhatThen, after.Answers.GetProperty("commitment.what-then").GetString());
    }

    [Fact]
    public async Task Step_StaleVersionWithAnInvalidAnswer_IsStillAConflictAndSavesNothing()
    {
        var id = await StartAsync();
        var mine = (await Browser.GetAsync(StepUrl(id, "integration"))).Form();
        await Client.AnswerAsync(id, new Dictionary<string, object?> { ["integration.state"] = "designed" });

        var refused = await mine.Set("integration.state", "built").Set("integration.prototype-cost", "-5").ClickAsync("nav", "next");

        refused.Expect(HttpStatusCode.Conflict);
        Assert.NotNull(refused.Find(".notice-warning"));
        var answer = Assert.Single((await Client.GetAssessmentAsync(id)).Answers.EnumerateObject());
        Assert.Equal("designed", answer.Value.GetString());
    }

    [Fact]
    public async Task Step_TwoBrowsersSaveTheSameVersionAtOnce_OneWinsTheOtherGets409Never500()
    {
        var outcomes = new List<string>();
        for (var round = 0; round < 10; round++)
        {
            var id = await StartAsync($"Race {round}");
            var forms = new List<HtmlForm>();
            foreach (var level in (string[])["involved", "consulted"])
            {
                var session = NewSession();
                forms.Add((await session.GetAsync(StepUrl(id, "involvement"))).Form().Set("involvement.level", level));
            }

            var pages = await Task.WhenAll(forms.Select(f => f.ClickAsync("nav", "next")));

            outcomes.Add(string.Join("+", pages.Select(p => (int)p.Status).Order()));
            var stored = await Client.GetAssessmentAsync(id);
            Assert.Equal("\"2\"", stored.ETag);
        }

        Assert.All(outcomes, o => Assert.True(o == "302+409", $"Outcomes: {string.Join(", ", outcomes)}"));
    }

    [Fact]
    public async Task Autosave_CurrentVersion_Returns200AndTheVersionGoesUpWithEachSave()
    {
        var id = await StartAsync();
        var step = (await Browser.GetAsync(StepUrl(id, "commitment"))).Expect(HttpStatusCode.OK);
        Assert.Equal(AutosaveUrl(id, "commitment"), step.Find("form[data-autosave]").GetAttribute("data-autosave"));
        var form = step.Form();

        var first = (await form.Set("commitment.purpose", "evaluate").PostToAsync(AutosaveUrl(id, "commitment"))).Expect(HttpStatusCode.OK).Json();

        Assert.Equal(2, first.GetProperty("version").GetInt32());
        Assert.Matches("^[0-2][0-9]:[0-5][0-9]$", first.GetProperty("savedAt").GetString());
        Assert.Empty(first.GetProperty("errors").EnumerateObject());

        // The script copies the returned version into the form before its next save.
        var second = (await form.Set("Version", "2").Set("commitment.what-then", WhatThen).PostToAsync(AutosaveUrl(id, "commitment")))
            .Expect(HttpStatusCode.OK).Json();

        Assert.Equal(3, second.GetProperty("version").GetInt32());
        var stored = await Client.GetAssessmentAsync(id);
        Assert.Equal("\"3\"", stored.ETag);
        Assert.Equal("evaluate", stored.Answers.GetProperty("commitment.purpose").GetString());
        Assert.Equal(WhatThen, stored.Answers.GetProperty("commitment.what-then").GetString());

        // Nothing changed since: the version stays.
        var unchanged = (await form.Set("Version", "3").PostToAsync(AutosaveUrl(id, "commitment"))).Expect(HttpStatusCode.OK).Json();
        Assert.Equal(3, unchanged.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Autosave_StaleVersion_Returns409JsonAndSavesNothing()
    {
        var id = await StartAsync();
        var form = (await Browser.GetAsync(StepUrl(id, "commitment"))).Form();
        await Client.AnswerAsync(id, new Dictionary<string, object?> { ["commitment.purpose"] = "explore" });

        var refused = await form.Set("commitment.purpose", "de-risk").PostToAsync(AutosaveUrl(id, "commitment"));

        var json = refused.Expect(HttpStatusCode.Conflict).Json();
        Assert.StartsWith("Someone else saved this assessment", json.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(json.TryGetProperty("version", out _));
        var stored = await Client.GetAssessmentAsync(id);
        Assert.Equal("\"2\"", stored.ETag);
        Assert.Equal("explore", stored.Answers.GetProperty("commitment.purpose").GetString());
    }

    [Fact]
    public async Task Autosave_SubmittedAssessment_Returns409JsonAndSavesNothing()
    {
        var id = await StartReadyAsync();
        var form = (await Browser.GetAsync(StepUrl(id, "commitment"))).Form();
        using (var submit = await Client.PostActionAsync(id, "submit"))
        {
            Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        }

        var refused = await form.Set("Version", "2").Set("commitment.purpose", "explore").PostToAsync(AutosaveUrl(id, "commitment"));

        var json = refused.Expect(HttpStatusCode.Conflict).Json();
        Assert.Contains("submitted for review", json.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("de-risk", (await Client.GetAssessmentAsync(id)).Answers.GetProperty("commitment.purpose").GetString());
    }

    [Fact]
    public async Task Review_SubmitWithStaleVersion_Returns409StaysDraft_ThenSubmittingFromTheReturnedFormWorks()
    {
        var id = await StartReadyAsync();
        var review = (await Browser.GetAsync(ReviewUrl(id))).Form();
        await Client.AnswerAsync(id, new Dictionary<string, object?> { ["commitment.purpose"] = "explore" });

        var refused = await review.ClickAsync("button[formaction*='handler=Submit']");

        refused.Expect(HttpStatusCode.Conflict);
        Assert.StartsWith("This assessment changed since you opened this page, so nothing was done.", refused.TextOf(".notice-warning"), StringComparison.Ordinal);
        Assert.Contains("41 of 41 questions answered", refused.Text, StringComparison.Ordinal);
        Assert.Contains("Exploring whether the idea has merit", refused.Texts("dl.answers dd"));
        Assert.Equal("draft", (await Client.GetAssessmentAsync(id)).Status);

        var submitted = await refused.Form().ClickAsync("button[formaction*='handler=Submit']");

        Assert.Equal(ReviewUrl(id), submitted.RedirectLocation());
        Assert.Equal("submitted", (await Client.GetAssessmentAsync(id)).Status);
    }

    [Fact]
    public async Task Review_ReopenWithStaleVersion_Returns409AndStaysSubmitted()
    {
        var id = await StartReadyAsync();
        var review = (await Browser.GetAsync(ReviewUrl(id))).Form();
        var submitted = await review.ClickAsync("button[formaction*='handler=Submit']");
        var readOnly = (await Browser.FollowAsync(submitted)).Form();
        using (var reopen = await Client.PostActionAsync(id, "reopen"))
        {
            Assert.Equal(HttpStatusCode.OK, reopen.StatusCode);
        }

        using (var resubmit = await Client.PostActionAsync(id, "submit"))
        {
            Assert.Equal(HttpStatusCode.OK, resubmit.StatusCode);
        }

        var refused = await readOnly.ClickAsync("button[formaction*='handler=Reopen']");

        refused.Expect(HttpStatusCode.Conflict);
        Assert.NotNull(refused.Find(".notice-warning"));
        var stored = await Client.GetAssessmentAsync(id);
        Assert.Equal("submitted", stored.Status);
        Assert.Equal("\"5\"", stored.ETag);
    }

    [Fact]
    public async Task Review_SubmitTwiceFromTheSamePage_SecondIsRefusedWith409()
    {
        var id = await StartReadyAsync();
        var review = (await Browser.GetAsync(ReviewUrl(id))).Form();

        (await review.ClickAsync("button[formaction*='handler=Submit']")).RedirectLocation();
        var again = await review.ClickAsync("button[formaction*='handler=Submit']");

        again.Expect(HttpStatusCode.Conflict);
        Assert.Equal("submitted", (await Client.GetAssessmentAsync(id)).Status);
    }
}
