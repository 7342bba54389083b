using System.Net;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Pages;

public sealed class ResultsPageTests(PostgresAppFactory app) : PageTest(app)
{
    [Fact]
    public async Task Results_WhatThenUnanswered_ShowsPilotTheatreAndTheFindingToFixIt()
    {
        var id = await StartAsync();
        var answers = SampleAnswers.Ready();
        answers.Remove("commitment.what-then");
        await Client.AnswerAsync(id, answers);

        var page = (await Browser.GetAsync(ResultsUrl(id))).Expect(HttpStatusCode.OK);

        Assert.StartsWith("Pilot theatre.", page.TextOf(".theatre"), StringComparison.Ordinal);
        Assert.NotEqual("Go", page.TextOf(".score-hero .verdict"));
        var findings = page.Texts("ol.findings > li");
        Assert.NotEmpty(findings);
        Assert.Contains("Write down what happens the week after a successful pilot", findings[0], StringComparison.Ordinal);
        Assert.Equal($"/assessments/{id}/steps/commitment#q-commitment-what-then-block",
            page.Find("ol.findings > li a").GetAttribute("href"));
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
        var id = await StartAsync();
        using (var submit = await Client.PostActionAsync(id, "submit"))
        {
            Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        }

        var page = (await Browser.GetAsync(ResultsUrl(id))).Expect(HttpStatusCode.OK);

        Assert.Equal("Submitted for review", page.TextOf("span.status"));
        Assert.Empty(page.Document.QuerySelectorAll("a[href*='/steps/']"));
        Assert.NotNull(page.Find($"a[href='/assessments/{id}/review']"));
    }
}
