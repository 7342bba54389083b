using System.Net;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Versions;

public sealed class VersionPageTests(PostgresAppFactory app) : PageTest(app)
{
    private const string ReassessForm = "form[action$='handler=Reassess']";

    /// <summary>A pilot answered with <paramref name="answers"/> and submitted through the API.</summary>
    private async Task<Guid> SubmittedAsync(Dictionary<string, object?> answers, string title = "Invoice matching assistant")
    {
        var created = await Client.CreateAssessmentAsync(title);
        await Client.AnswerAsync(created.Id, answers);
        using var submit = await Client.PostActionAsync(created.Id, "submit");
        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        return created.Id;
    }

    /// <summary>Presses "Re-assess" on the results page; returns the new version's id (the redirect opens its first step).</summary>
    private async Task<Guid> ReassessAsync(Guid id)
    {
        var results = (await Browser.GetAsync(ResultsUrl(id))).Expect(HttpStatusCode.OK);
        var started = await results.Form(ReassessForm).SubmitAsync();
        var match = StepLocation().Match(started.RedirectLocation());
        Assert.True(match.Success, $"Re-assessing redirected to {started.Location}, not to a first step.");
        Assert.Equal("commitment", match.Groups["section"].Value);
        return Guid.Parse(match.Groups["id"].Value);
    }

    private async Task SubmitAsync(Guid id)
    {
        using var submit = await Client.PostActionAsync(id, "submit");
        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
    }

    [Fact]
    public async Task ReassessButton_StartsTheNextVersionAndOpensItsFirstStep_WithTheAnswersCarried()
    {
        var id = await SubmittedAsync(SampleAnswers.ReadyWith("involvement.level", "consulted"));

        var newId = await ReassessAsync(id);

        var step = (await Browser.GetAsync(StepUrl(newId, "commitment"))).Expect(HttpStatusCode.OK);
        Assert.Contains("Version 2 started from the answers of version 1", step.TextOf(".notice-success"), StringComparison.Ordinal);
        var involvement = (await Browser.GetAsync(StepUrl(newId, "involvement"))).Expect(HttpStatusCode.OK);
        Assert.Equal("consulted", involvement.Find("input[name='involvement.level']:checked").GetAttribute("value"));
        var next = await Client.GetAssessmentAsync(newId);
        Assert.Equal(2, next.Body.GetProperty("revision").GetInt32());
        Assert.Equal(id, next.Body.GetProperty("pilotId").GetGuid());
        Assert.False((await Client.GetAssessmentAsync(id)).Body.GetProperty("current").GetBoolean());
    }

    [Fact]
    public async Task ReassessButton_OnlyForASubmittedCurrentVersion_AndOnlyForThoseWhoMayEdit()
    {
        var draft = (await Client.CreateAssessmentAsync("Draft pilot")).Id;
        var submitted = await SubmittedAsync(SampleAnswers.Ready());
        var reviewer = NewSession(TestUsers.Reviewer);

        Assert.Empty((await Browser.GetAsync(ResultsUrl(draft))).Expect(HttpStatusCode.OK).Document.QuerySelectorAll(ReassessForm));
        Assert.Empty((await reviewer.GetAsync(ResultsUrl(submitted))).Expect(HttpStatusCode.OK).Document.QuerySelectorAll(ReassessForm));
        var page = (await Browser.GetAsync(ResultsUrl(submitted))).Expect(HttpStatusCode.OK);
        Assert.Contains("starts version 2 from these answers", page.TextOf(ReassessForm), StringComparison.Ordinal);
        Assert.Empty(page.Document.QuerySelectorAll($"a[href='/assessments/{submitted}/versions']"));
    }

    [Fact]
    public async Task ReassessButton_StaleVersion_IsRefusedWith409AndStartsNothing()
    {
        var id = await SubmittedAsync(SampleAnswers.Ready());
        var form = (await Browser.GetAsync(ResultsUrl(id))).Expect(HttpStatusCode.OK).Form(ReassessForm);
        using (var reopen = await Client.PostActionAsync(id, "reopen"))
        {
            Assert.Equal(HttpStatusCode.OK, reopen.StatusCode);
        }

        await SubmitAsync(id);

        var refused = (await form.SubmitAsync()).Expect(HttpStatusCode.Conflict);

        Assert.Contains("changed since you opened this page", refused.TextOf(".notice-warning[role=alert]"), StringComparison.Ordinal);
        using var versions = await Client.GetAsync($"/api/assessments/{id}/versions");
        Assert.Single((await versions.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("versions").EnumerateArray());
        // The refused page offers the button again, with the version it now shows.
        Assert.Equal((await Client.GetAssessmentAsync(id)).Body.GetProperty("version").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture),
            refused.Form(ReassessForm).Value("Version"));
    }

    [Fact]
    public async Task ReassessButton_PressedTwice_StartsOneVersion_AndTheSecondPressSaysWhy()
    {
        var id = await SubmittedAsync(SampleAnswers.Ready());
        var form = (await Browser.GetAsync(ResultsUrl(id))).Expect(HttpStatusCode.OK).Form(ReassessForm);

        (await form.SubmitAsync()).RedirectLocation();
        var second = (await form.SubmitAsync()).Expect(HttpStatusCode.Conflict);

        Assert.Contains("This is version 1, kept read-only", second.TextOf(".notice-warning[role=alert]"), StringComparison.Ordinal);
        using var versions = await Client.GetAsync($"/api/assessments/{id}/versions");
        Assert.Equal(2, (await versions.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("versions").GetArrayLength());
    }

    [Fact]
    public async Task SupersededVersion_EveryPageShowsTheBannerAndNoEditControls()
    {
        var id = await SubmittedAsync(SampleAnswers.Ready());
        var second = await ReassessAsync(id);
        await SubmitAsync(second);
        var third = await ReassessAsync(second);

        foreach (var url in new[] { ResultsUrl(id), ReviewUrl(id), $"/assessments/{id}/history" })
        {
            var page = (await Browser.GetAsync(url)).Expect(HttpStatusCode.OK);
            var banner = page.TextOf(".version-banner");
            Assert.Contains("This is version 1 of 3, kept read-only.", banner, StringComparison.Ordinal);
            Assert.Equal(ResultsUrl(third), page.Find(".version-banner a[href$='/results']").GetAttribute("href"));
            Assert.Empty(page.Document.QuerySelectorAll("main form[method=post]"));
            Assert.Empty(page.Document.QuerySelectorAll("a[href*='/steps/']"));
        }

        // The wizard of an old version is not offered: it goes to the read-only review.
        var step = await Browser.GetAsync(StepUrl(id, "commitment"));
        Assert.Equal(ReviewUrl(id), step.RedirectLocation());
        var current = (await Browser.GetAsync(ResultsUrl(third))).Expect(HttpStatusCode.OK);
        Assert.Empty(current.Document.QuerySelectorAll(".version-banner"));
        Assert.NotNull(current.Find($"a[href='/assessments/{third}/versions']"));
    }

    [Fact]
    public async Task SupersededVersion_PostsAreRefusedClearly_NotWith500()
    {
        var id = await SubmittedAsync(SampleAnswers.Ready());
        // Forms read before the re-assessment, posted after it.
        var review = (await Browser.GetAsync(ReviewUrl(id))).Expect(HttpStatusCode.OK);
        var reopen = review.Form("form.actions");
        var version = reopen.Value("Version");
        var newId = await ReassessAsync(id);
        var current = (await Client.GetAssessmentAsync(id)).Body.GetProperty("version").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);

        foreach (var (handler, fields) in new (string, Dictionary<string, string>)[]
        {
            ("Reopen", new() { ["Version"] = version }),
            ("Reopen", new() { ["Version"] = current }),
            ("Submit", new() { ["Version"] = current }),
            ("AddCollaborator", new() { ["Version"] = current, ["CollaboratorEmail"] = TestUsers.OtherSponsor.Email }),
            ("RequestConfirmation", new() { ["Version"] = current, ["questionKey"] = "after-demo.production-owner", ["ConfirmationEmail"] = "owner@example.com" }),
        })
        {
            var page = await Browser.PostAsync($"{ReviewUrl(id)}?handler={handler}",
                [new(PageSession.TokenField, reopen.Value(PageSession.TokenField)), .. fields]);
            page.Expect(HttpStatusCode.Conflict);
            Assert.Contains("kept read-only", page.TextOf(".notice-warning[role=alert]"), StringComparison.Ordinal);
        }

        var reassess = await Browser.PostAsync($"{ResultsUrl(id)}?handler=Reassess",
            [new(PageSession.TokenField, reopen.Value(PageSession.TokenField)), new("Version", current)]);
        Assert.Contains("kept read-only", reassess.Expect(HttpStatusCode.Conflict).TextOf(".notice-warning[role=alert]"), StringComparison.Ordinal);

        var step = await Browser.PostAsync(StepUrl(id, "commitment"),
            [new(PageSession.TokenField, reopen.Value(PageSession.TokenField)), new("Version", current), new("commitment.purpose", "explore")]);
        Assert.Equal(ReviewUrl(id), step.RedirectLocation());
        Assert.Contains("a newer version exists", (await Browser.FollowAsync(step)).TextOf(".notice-warning[role=alert]"), StringComparison.Ordinal);
        var autosave = await Browser.PostAsync(AutosaveUrl(id, "commitment"),
            [new(PageSession.TokenField, reopen.Value(PageSession.TokenField)), new("Version", current), new("commitment.purpose", "explore")]);
        Assert.Equal(HttpStatusCode.Conflict, autosave.Status);
        Assert.Contains("newer version", autosave.Json().GetProperty("message").GetString(), StringComparison.Ordinal);

        var after = await Client.GetAssessmentAsync(id);
        Assert.Equal(current, after.Body.GetProperty("version").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("submitted", after.Status);
        Assert.Equal("de-risk", after.Answers.GetProperty("commitment.purpose").GetString());
        Assert.Empty(after.Body.GetProperty("collaborators").EnumerateArray());
        Assert.Equal("draft", (await Client.GetAssessmentAsync(newId)).Status);
    }

    [Fact]
    public async Task VersionsPage_ListsVersionsAndDrawsAnAccessibleTrendWithADataTable()
    {
        var id = await SubmittedAsync(SampleAnswers.ReadyWith("involvement.level", "informed"));
        var second = await ReassessAsync(id);
        await Client.AnswerAsync(second, new Dictionary<string, object?> { ["involvement.level"] = "involved" });

        var page = (await Browser.GetAsync($"/assessments/{id}/versions")).Expect(HttpStatusCode.OK);

        Assert.Equal("Versions: Invoice matching assistant", page.TextOf("h1"));
        var rows = page.Document.QuerySelectorAll(".versions-table tbody tr");
        Assert.Equal(2, rows.Length);
        Assert.StartsWith("Version 1", rows[0].QuerySelector("th")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("(current)", rows[1].QuerySelector("th")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", rows[0].GetAttribute("aria-current"));
        Assert.Contains("Daily users not involved", rows[0].TextContent, StringComparison.Ordinal);

        var charts = page.Document.QuerySelectorAll("svg[role=img]");
        Assert.Equal(7, charts.Length);
        Assert.All(charts, svg =>
        {
            var labelledBy = svg.GetAttribute("aria-labelledby")!.Split(' ');
            Assert.Equal("title", page.Document.GetElementById(labelledBy[0])!.LocalName);
            Assert.Equal("desc", page.Document.GetElementById(labelledBy[1])!.LocalName);
        });
        var overall = await Client.GetScoreAsync(id);
        var overallAfter = await Client.GetScoreAsync(second);
        var before = overall.GetProperty("overall").GetInt32();
        var after = overallAfter.GetProperty("overall").GetInt32();
        Assert.Equal($"Overall score: {before} in version 1, {after} in version 2; up {after - before} points overall.",
            page.TextOf("#trend-desc-overall"));
        var table = page.Find(".trend-table");
        Assert.Equal(7, table.QuerySelectorAll("tbody tr").Length);
        Assert.Equal(["Overall score", before.ToString(System.Globalization.CultureInfo.InvariantCulture), after.ToString(System.Globalization.CultureInfo.InvariantCulture), $"+{after - before} up {after - before} points"],
            table.QuerySelectorAll("tbody tr")[0].Children.Select(c => string.Join(' ', c.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))));

        var compare = page.Find("form.compare-form");
        Assert.Equal($"/assessments/{second}/compare", compare.GetAttribute("action"));
        Assert.Equal(id.ToString(), page.Find("#compare-from option[selected]").GetAttribute("value"));
        Assert.Equal(second.ToString(), page.Find("#compare-with option[selected]").GetAttribute("value"));
    }

    [Fact]
    public async Task VersionsPage_OneVersion_SaysThereIsNothingToCompareYet()
    {
        var id = (await Client.CreateAssessmentAsync()).Id;

        var page = (await Browser.GetAsync($"/assessments/{id}/versions")).Expect(HttpStatusCode.OK);

        Assert.Contains("only one version so far", page.Text, StringComparison.Ordinal);
        Assert.Empty(page.Document.QuerySelectorAll("svg"));
        Assert.Empty(page.Document.QuerySelectorAll("form.compare-form"));
    }

    [Fact]
    public async Task ComparePage_ShowsVerdictScoresDeltasGatesAndChangedAnswers()
    {
        var id = await SubmittedAsync(SampleAnswers.ReadyWith("involvement.level", "consulted"));
        var second = await ReassessAsync(id);
        await Client.AnswerAsync(second, new Dictionary<string, object?>
        {
            ["involvement.level"] = "involved",
            ["commitment.adoption"] = "tbd",
        });

        // The form on the versions page sends both versions; the page settles on one address.
        var redirect = await Browser.GetAsync($"/assessments/{second}/compare?from={id}&with={second}");
        Assert.Equal($"/assessments/{id}/compare?with={second}", redirect.RedirectLocation());
        var page = (await Browser.FollowAsync(redirect)).Expect(HttpStatusCode.OK);

        var rows = page.Document.QuerySelectorAll(".compare-table tbody tr")
            .Select(r => string.Join(' ', r.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToList();
        Assert.Equal("Verdict Not ready No-go Worse", rows[0]);
        var involvement = rows.Single(r => r.StartsWith("Daily users involved", StringComparison.Ordinal));
        Assert.Matches(@"^Daily users involved from the start\? \d+ \d+ \+\d+ up \d+ points$", involvement);
        var commitment = rows.Single(r => r.StartsWith("Committed", StringComparison.Ordinal));
        Assert.Matches("\u2212\\d+ down \\d+ points$", commitment);
        Assert.Contains(rows, r => r.EndsWith("0 no change", StringComparison.Ordinal));

        Assert.StartsWith("Opened: Pilot theatre", page.TextOf("section[aria-labelledby=opened-heading] li"), StringComparison.Ordinal);
        Assert.StartsWith("Closed: Daily users are at", page.TextOf("section[aria-labelledby=closed-heading] li"), StringComparison.Ordinal);

        Assert.Equal("Answers that changed (2)", page.TextOf("#answers-heading"));
        var changes = page.Document.QuerySelectorAll(".changes-table tbody tr")
            .Select(r => r.Children.Select(c => string.Join(' ', c.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToList())
            .ToList();
        Assert.Contains(changes, c => c[0].StartsWith("Changed If this works: which team adopts it, and from when?", StringComparison.Ordinal) && c[2] == "tbd");
        Assert.Contains(changes, c => c[0].StartsWith("Changed", StringComparison.Ordinal) && c[1] == "Consulted for their views" && c[2] == "Involved in design, testing and acceptance");
    }

    [Fact]
    public async Task ComparePage_WithoutWith_ComparesWithTheNeighbour_AndRefusesAnotherPilotClearly()
    {
        var id = await SubmittedAsync(SampleAnswers.Ready());
        var second = await ReassessAsync(id);
        var otherPilot = (await Client.CreateAssessmentAsync("Another pilot")).Id;

        var neighbour = (await Browser.GetAsync($"/assessments/{second}/compare")).Expect(HttpStatusCode.OK);
        Assert.Contains("From version 1", neighbour.TextOf("p.lead"), StringComparison.Ordinal);
        Assert.Contains("Nothing changed between them.", neighbour.TextOf("p.lead"), StringComparison.Ordinal);

        var other = (await Browser.GetAsync($"/assessments/{id}/compare?with={otherPilot}")).Expect(HttpStatusCode.BadRequest);
        Assert.Equal("That is a version of another pilot; choose a version of this one.", other.TextOf(".notice-warning[role=alert]"));
        Assert.NotNull(other.Find("form.compare-form"));
        (await Browser.GetAsync($"/assessments/{id}/compare?with={Guid.NewGuid()}")).Expect(HttpStatusCode.NotFound);
        (await NewSession(TestUsers.OtherSponsor).GetAsync($"/assessments/{id}/compare?with={second}")).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AssessmentList_ShowsOneRowPerPilot_WithItsVersion()
    {
        var id = await SubmittedAsync(SampleAnswers.Ready(), "Re-assessed pilot");
        var second = await ReassessAsync(id);
        await Client.CreateAssessmentAsync("Never re-assessed");

        var page = (await Browser.GetAsync("/assessments")).Expect(HttpStatusCode.OK);

        var rows = page.Document.QuerySelectorAll("main table tbody tr");
        Assert.Equal(2, rows.Length);
        var reassessed = rows.Single(r => r.TextContent.Contains("Re-assessed pilot", StringComparison.Ordinal));
        Assert.Contains(StepUrl(second, "commitment"), reassessed.InnerHtml, StringComparison.Ordinal);
        Assert.Contains("version 2", reassessed.QuerySelector("td")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("version", rows.Single(r => r != reassessed).QuerySelector("td")!.TextContent, StringComparison.Ordinal);
    }
}
