using System.Net;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Pages;

public sealed class ResultsPageTests(PostgresAppFactory app) : PageTest(app)
{
    [Fact]
    public async Task Results_WhatThenAnsweredTbd_ShowsPilotTheatreAndTheFindingToFixIt()
    {
        var id = await StartAsync();
        await Client.AnswerAsync(id, SampleAnswers.ReadyWith("commitment.integration-built", "tbd"));

        var page = (await Browser.GetAsync(ResultsUrl(id))).Expect(HttpStatusCode.OK);

        Assert.StartsWith("Pilot theatre.", page.TextOf(".theatre"), StringComparison.Ordinal);
        Assert.Equal("No-go", page.TextOf(".score-hero .verdict"));
        var findings = page.Texts("ol.findings > li");
        Assert.NotEmpty(findings);
        Assert.Contains("which integration gets built", findings[0], StringComparison.Ordinal);
        Assert.Equal($"/assessments/{id}/steps/commitment#q-commitment-integration-built-block",
            page.Document.QuerySelector("ol.findings > li a")!.GetAttribute("href"));
        var reason = page.Document.QuerySelectorAll("table.reason-table tr").Single(r => r.TextContent.Contains("which integration gets built?", StringComparison.Ordinal));
        Assert.Contains("Not counted: “tbd” is a placeholder", reason.TextContent, StringComparison.Ordinal);
        var score = await Client.GetScoreAsync(id);
        Assert.Equal($"{score.GetProperty("overall").GetInt32()} / 100", page.TextOf(".score-big"));
        Assert.Equal(score.GetProperty("findings").GetArrayLength(), findings.Count);
        Assert.Equal(score.GetProperty("gates").GetArrayLength(), page.Document.QuerySelectorAll("section[aria-labelledby=gates-heading] li").Length);
    }

    [Fact]
    public async Task Results_NewAssessment_ShowsNoGoWithTheatreAndSixSectionScores()
    {
        var id = await StartAsync();

        var page = (await Browser.GetAsync(ResultsUrl(id))).Expect(HttpStatusCode.OK);

        Assert.Equal("0 / 100", page.TextOf(".score-big"));
        Assert.Equal("No-go", page.TextOf(".score-hero .verdict"));
        Assert.NotNull(page.Find(".theatre"));
        Assert.Equal(6, page.Document.QuerySelectorAll("ul.bars > li").Length);
        Assert.Equal(6, page.Document.QuerySelectorAll("details table.reason-table").Length);
    }

    [Fact]
    public async Task Results_Submitted_HasNoLinksBackIntoTheSteps()
    {
        var id = await StartReadyAsync();
        using (var submit = await Client.PostActionAsync(id, "submit"))
        {
            Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        }

        var page = (await Browser.GetAsync(ResultsUrl(id))).Expect(HttpStatusCode.OK);

        Assert.Equal("Submitted for review", page.TextOf("span.status"));
        Assert.Empty(page.Document.QuerySelectorAll("a[href*='/steps/']"));
        Assert.NotNull(page.Find($"a[href='/assessments/{id}/review']"));
    }

    [Fact]
    public async Task Results_ADeclinedPerson_ShowsTheDeclineAndTheirComment()
    {
        var id = await StartReadyAsync();
        await Portfolio.PortfolioData.DeclineAsync(App.Services, id, "after-demo.quality-reviewer");

        var page = (await Browser.GetAsync(ResultsUrl(id))).Expect(HttpStatusCode.OK);

        var claim = page.Document.QuerySelectorAll("section[aria-labelledby=claims-heading] li.claim")
            .Single(c => c.TextContent.Contains("Daniel Abara", StringComparison.Ordinal));
        Assert.Contains("Declined", claim.QuerySelector(".claim-state")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("\"Not me.\"", claim.QuerySelector(".claim-comment")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("counts as unanswered", claim.TextContent, StringComparison.Ordinal);
    }
}
