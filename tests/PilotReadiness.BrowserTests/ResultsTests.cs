using Microsoft.Playwright;
using PilotReadiness.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PilotReadiness.BrowserTests;

/// <summary>What the results page tells a sponsor when the pilot has nowhere to go.</summary>
public sealed class ResultsTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Results_NoAnswerToWhatThen_ShowsPilotTheatreAndStartsWithACriticalFinding()
    {
        var id = await CreateAssessmentAsync("Chatbot for the intranet (theatre)");
        await AnswerAsync(id, new Dictionary<string, object>
        {
            ["commitment.purpose"] = "explore",
            ["commitment.budget-status"] = "approved",
            ["commitment.executive-sponsor"] = "Helena Marsh",
            ["after-demo.production-owner"] = "Sofia Lindqvist",
            ["involvement.level"] = "involved",
            ["integration.systems"] = new List<string> { "none" },
            ["integration.state"] = "not-needed",
            ["integration.budgeted"] = true,
        });

        var page = await OpenPageAsync();
        await page.GotoAsync($"/assessments/{id}/results");

        var callout = page.GetByRole(AriaRole.Note);
        await Expect(callout).ToContainTextAsync("Pilot theatre.");
        await Expect(callout).ToContainTextAsync("If this works, what do we do then?");
        await Expect(callout).ToContainTextAsync("in every part");
        await Expect(page.Locator(".score-hero .verdict")).ToHaveTextAsync("No-go");

        var first = page.Locator("ol.findings > li").First;
        await Expect(first).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bfinding-critical\b"));
        await Expect(first.Locator(".severity")).ToHaveTextAsync("critical");
        await Expect(first).ToContainTextAsync("Pilot theatre: nobody has said in full what happens if the pilot works");
        await Expect(first.GetByRole(AriaRole.Link, new() { Name = "Answer it" }))
            .ToHaveAttributeAsync("href", $"/assessments/{id}/steps/commitment#q-commitment-adoption-block");

        var score = await GetScoreAsync(id);
        Assert.True(score.GetProperty("pilotTheatre").GetBoolean());
        Assert.Equal("critical", score.GetProperty("findings")[0].GetProperty("severity").GetString());
    }
}
