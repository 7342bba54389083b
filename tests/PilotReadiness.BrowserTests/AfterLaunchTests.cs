using PilotReadiness.Domain.Questionnaires;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PilotReadiness.BrowserTests.Infrastructure;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace PilotReadiness.BrowserTests;

/// <summary>
/// After launch in Chromium: the sponsor records go-live, the production owner files a check-in from the emailed link
/// without an account, and the reviewer sees the alarm on the portfolio and opens the pilot. Every after-launch page is
/// scanned with axe and captured at desktop (1280 px) and phone (390 px) widths.
/// </summary>
public sealed class AfterLaunchTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Owner_FilesACheckInFromTheEmailedLink_ReviewerSeesTheAlarmOnThePortfolio_AndOpensThePilot()
    {
        var title = $"Supplier reply drafter {Guid.NewGuid():N}"[..32];
        var owner = $"owner-{Guid.NewGuid():N}@example.com";
        var pilotId = await DecidedGoAsync(title);

        // The sponsor records go-live four weeks ago (so the first check-in is due), naming the owner.
        await GoLiveAsync(pilotId, owner, Today.AddDays(-28));
        var sponsor = await OpenPageAsync();
        await sponsor.GotoAsync($"/live/{pilotId}");
        await Expect(sponsor.Locator("h1")).ToContainTextAsync("After launch");

        // The sponsor emails the owner the check-in link.
        await sponsor.GetByRole(AriaRole.Button, new() { Name = "Email the check-in link to Sofia Lindqvist" }).ClickAsync();
        var link = await LinkFromEmailAsync(owner);

        // The owner, with no account, opens the link and files the check-in: few outputs met the users' definition.
        var context = await Fixture.NewContextAsync(signedIn: false);
        Track(context);
        var ownerPage = await context.NewPageAsync();
        await ownerPage.GotoAsync(link);
        await Expect(ownerPage.Locator("body")).ToContainTextAsync("what a senior handler would decide");
        await ownerPage.Locator("[name='Input.ActiveUsers']").FillAsync("31");
        await ownerPage.Locator("[name='Input.CasesHandled']").FillAsync("420");
        await ownerPage.Locator("[name='Input.CasesEscalated']").FillAsync("12");
        await ownerPage.Locator("[name='Input.CasesOverridden']").FillAsync("8");
        await ownerPage.Locator("[name='Input.QualityReviewed']").FillAsync("20");
        await ownerPage.Locator("[name='Input.QualityMet']").FillAsync("11");
        await ownerPage.Locator("[name='Input.Incidents']").FillAsync("0");
        await ownerPage.Locator("#workarounds-none").CheckAsync();
        await ownerPage.Locator("#ownership-still-owner").CheckAsync();
        await ownerPage.Locator("#improvement-yes").CheckAsync();
        await ownerPage.Locator("[name='Input.ImprovementNote']").FillAsync("Added the supplier's order history to the prompt.");
        await ownerPage.GetByRole(AriaRole.Button, new() { Name = "File the check-in" }).ClickAsync();
        await Expect(ownerPage.GetByRole(AriaRole.Heading, new() { Name = "Thank you" })).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(ownerPage, "the check-in link, filed");

        // The link worked once.
        await ownerPage.GotoAsync(link);
        await Expect(ownerPage.GetByRole(AriaRole.Heading, new() { Name = "Thank you" })).Not.ToBeVisibleAsync();
        await Expect(ownerPage.Locator("body")).ToContainTextAsync("used");

        // The reviewer sees the decaying pilot in the After launch panel and opens it.
        var reviewer = await OpenReviewerPageAsync();
        await reviewer.GotoAsync("/portfolio?health=decaying");
        var panel = reviewer.Locator("section.after-launch");
        await Expect(panel).ToContainTextAsync(title);
        await Expect(reviewer.Locator(".attention")).ToContainTextAsync("Live, and decaying");
        await panel.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await reviewer.WaitForURLAsync(new Regex($"/live/{pilotId}$"));
        await Expect(reviewer.Locator(".alarms")).ToContainTextAsync("11 of 20");
        await Expect(reviewer.Locator(".alarms")).ToContainTextAsync("quality reviewer");
        await Expect(reviewer.Locator(".live-summary .health")).ToHaveTextAsync("Decaying");
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task EveryAfterLaunchPage_HasNoAxeViolations(string device)
    {
        var viewport = device == "phone" ? BrowserFixture.Phone : BrowserFixture.Desktop;
        var title = $"Claims triage {device} {Guid.NewGuid():N}"[..30];
        var pilotId = await DecidedGoAsync(title);
        var sponsor = await OpenPageAsync(viewport);

        await ScanAsync(sponsor, $"/live/{pilotId}", $"{device}-live-not-live");
        await ScanAsync(sponsor, $"/live/{pilotId}/go-live", $"{device}-live-go-live");
        await sponsor.Locator("[name='Input.UsingTeam']").FillAsync("");
        await sponsor.GetByRole(AriaRole.Button, new() { Name = "Record go-live" }).ClickAsync();
        await Expect(sponsor.Locator(".error-summary")).ToBeVisibleAsync();
        await ScanAsync(sponsor, null, $"{device}-live-go-live-with-errors");

        var owner = $"owner-{Guid.NewGuid():N}@example.com";
        await GoLiveAsync(pilotId, owner, Today.AddDays(-84));

        // The owner's page from the emailed link, before the check-in is filed (afterwards the link has nothing to file).
        await sponsor.GotoAsync($"/live/{pilotId}");
        await sponsor.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Email the check-in link") }).ClickAsync();
        var link = await LinkFromEmailAsync(owner);
        var context = await Fixture.NewContextAsync(viewport, signedIn: false);
        Track(context);
        var ownerPage = await context.NewPageAsync();
        await ScanAsync(ownerPage, link, $"{device}-check-in-link");
        await ScanAsync(ownerPage, "/check-in/not-a-link-anyone-was-sent", $"{device}-check-in-link-unknown");

        await FileCheckInsAsync(pilotId);
        await ScanAsync(sponsor, $"/live/{pilotId}", $"{device}-live");
        await ScanAsync(sponsor, $"/live/{pilotId}/plan", $"{device}-live-plan");
        await ScanAsync(sponsor, $"/live/{pilotId}/check-in", $"{device}-live-check-in");
        await ScanAsync(sponsor, $"/live/{pilotId}/keys", $"{device}-live-keys");
        await sponsor.GetByRole(AriaRole.Button, new() { Name = "Issue a key" }).ClickAsync();
        await Expect(sponsor.Locator(".new-key")).ToBeVisibleAsync();
        await ScanAsync(sponsor, null, $"{device}-live-keys-new");

        var reviewer = await OpenReviewerPageAsync(viewport);
        await ScanAsync(reviewer, $"/live/{pilotId}/outcome", $"{device}-live-outcome");
        await ScanAsync(reviewer, "/portfolio", $"{device}-portfolio-after-launch");
        await ScanAsync(reviewer, $"/live/{pilotId}", $"{device}-live-reviewer");
    }

    private static async Task ScanAsync(IPage page, string? url, string name)
    {
        if (url is not null)
        {
            var response = await page.GotoAsync(url);
            Assert.True(response is { Ok: true } || url.Contains("not-a-link", StringComparison.Ordinal), $"{url}: {response?.Status}");
        }

        await Screenshots.SaveAsync(page, name);
        await Accessibility.AssertNoViolationsAsync(page, name);
    }

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A submitted pilot with a go recorded by a reviewer (through the domain, as the decide page would).</summary>
    private async Task<Guid> DecidedGoAsync(string title)
    {
        var id = await CreateAssessmentAsync(title, "Procurement", "Jonas Berg");
        await AnswerAsync(id, ReadyAnswers());
        using (var submit = await Api.PostAsync($"api/assessments/{id}/submit", content: null))
        {
            Assert.True(submit.IsSuccessStatusCode, await submit.Content.ReadAsStringAsync());
        }

        await using var scope = Fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var assessment = await db.Assessments.SingleAsync(a => a.Id == id);
        db.Decisions.Add(Decision.Record(assessment, ShippedQuestionnaires.Catalog, null, DecisionOutcome.Go, "Ready, owned and budgeted.", null, [],
            "browser-reviewer", "Helena Marsh", DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        return assessment.PilotId;
    }

    private async Task GoLiveAsync(Guid pilotId, string ownerEmail, DateOnly goLive)
    {
        using var response = await Api.PostAsJsonAsync($"api/live/{pilotId}/go-live", new
        {
            goLiveDate = Day(goLive),
            usingTeam = "Claims handlers",
            eligibleUsers = 40,
            targetShare = 80,
            cadenceWeeks = 4,
            ownerName = "Sofia Lindqvist",
            ownerEmail,
            reviewerName = "Daniel Abara",
            goodOutput = "The triage matches what a senior handler would decide.",
            acceptableShare = 80,
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The open period's check-in through the API (the periods missed before it stay empty), so the charts and the history have something to draw.</summary>
    private async Task FileCheckInsAsync(Guid pilotId)
    {
        foreach (var (users, met) in new[] { (12, 14) })
        {
            using var response = await Api.PostAsJsonAsync($"api/live/{pilotId}/check-ins", new
            {
                activeUsers = users,
                casesHandled = users * 12,
                casesEscalated = 4,
                casesOverridden = 3,
                qualityReviewed = 20,
                qualityMet = met,
                incidents = 0,
                workarounds = "some",
                workaroundNote = "A few handlers keep their own spreadsheet.",
                ownership = "still-owner",
                improvementDone = false,
                blockers = "",
            });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    private async Task<string> LinkFromEmailAsync(string to)
    {
        string? body = null;
        for (var i = 0; i < 50 && body is null; i++)
        {
            body = Fixture.Smtp.ReceivedEmail.Where(m => m.ToAddresses.Any(a => a.Address == to))
                .Select(m => string.Join("\n", m.MessageParts.Select(p => p.BodyData))).FirstOrDefault();
            if (body is null)
            {
                await Task.Delay(100);
            }
        }

        var link = Regex.Match(body ?? "", @"/check-in/[A-Za-z0-9_\-]+").Value;
        Assert.False(string.IsNullOrEmpty(link), $"No check-in link was emailed to {to}: {body}");
        return link;
    }
}
