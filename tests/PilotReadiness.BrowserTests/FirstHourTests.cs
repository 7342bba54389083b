using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using PilotReadiness.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PilotReadiness.BrowserTests;

/// <summary>
/// What a new sponsor, reviewer or admin notices in their first hour: each role's home, pages that keep their width
/// whatever people type, forms whose messages sit under their inputs, the small alignments, times in the viewer's zone.
/// At 1280 and 390 px, with axe where a page changed; screenshots in artifacts/screenshots/.
/// </summary>
public sealed class FirstHourTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string AdminEmail = "admin@demo.local";

    public static TheoryData<int> Widths => [BrowserFixture.Desktop.Width, BrowserFixture.Phone.Width];

    private static ViewportSize Viewport(int width) => width == BrowserFixture.Phone.Width ? BrowserFixture.Phone : BrowserFixture.Desktop;

    private static string Device(int width) => width == BrowserFixture.Phone.Width ? "phone" : "desktop";

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task Home_EachRole_SeesItsOwnLists_WithNoAxeViolations(int width)
    {
        var sponsor = await OpenPageAsync(Viewport(width));
        await sponsor.GotoAsync("/");
        await Expect(sponsor.GetByRole(AriaRole.Heading, new() { Name = "Your drafts" })).ToBeVisibleAsync();
        await Expect(sponsor.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Start an assessment" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(sponsor, $"{Device(width)}-home-sponsor");
        await Accessibility.AssertNoViolationsAsync(sponsor, $"home, sponsor ({Device(width)})");

        var reviewer = await OpenReviewerPageAsync(Viewport(width));
        await reviewer.GotoAsync("/");
        await Expect(reviewer.GetByRole(AriaRole.Heading, new() { Name = "What needs you" })).ToBeVisibleAsync();
        await Expect(reviewer.Locator("#awaiting")).ToBeVisibleAsync();
        await Expect(reviewer.Locator("#attention")).ToBeVisibleAsync();
        await Expect(reviewer.GetByRole(AriaRole.Link, new() { Name = "Start an assessment" })).ToHaveCountAsync(0);
        await Expect(reviewer.GetByRole(AriaRole.Link, new() { Name = "New assessment" })).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(reviewer, $"{Device(width)}-home-reviewer");
        await Accessibility.AssertNoViolationsAsync(reviewer, $"home, reviewer ({Device(width)})");

        var admin = await OpenAsAsync(AdminEmail, Viewport(width));
        await admin.GotoAsync("/");
        await Expect(admin.Locator("#invited")).ToBeVisibleAsync();
        await Expect(admin.Locator("#locked")).ToBeVisibleAsync();
        await Expect(admin.GetByRole(AriaRole.Link, new() { Name = "Start an assessment" })).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(admin, $"{Device(width)}-home-admin");
        await Accessibility.AssertNoViolationsAsync(admin, $"home, admin ({Device(width)})");
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task LongUnbrokenWord_InWhatPeopleType_WidensNoPage(int width)
    {
        var word = string.Concat(Enumerable.Repeat("unbrokenword", 146))[..1750];
        var unit = $"Wide-{Guid.NewGuid():N}"[..13];
        using var created = await Api.PostAsJsonAsync("api/assessments",
            new { title = word[..200], businessUnit = unit, sponsor = word[..200], description = word });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var answers = ReadyAnswers();
        answers["ownership.failure-handling"] = word;
        await AnswerAsync(id, answers);
        using (var submitted = await Api.PostAsync($"api/assessments/{id}/submit", null))
        {
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        }

        var sponsor = await OpenPageAsync(Viewport(width));
        var reviewer = await OpenReviewerPageAsync(Viewport(width));
        foreach (var (page, url, name) in new[]
        {
            (sponsor, $"/assessments/{id}/review", "review"),
            (sponsor, $"/assessments/{id}/results", "results"),
            (sponsor, $"/assessments/{id}/report", "report"),
            (sponsor, $"/assessments?q={unit}", "list"),
            (reviewer, $"/assessments/{id}/decide", "decide"),
            (reviewer, $"/portfolio?q={unit}", "portfolio"),
        })
        {
            await page.GotoAsync(url);
            await Expect(page.Locator("main")).ToContainTextAsync(word[..40]);
            await Screenshots.SaveAsync(page, $"{Device(width)}-long-word-{name}");
            var pageWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(pageWidth <= width, $"The {name} page is {pageWidth} px wide in a {width} px window.");
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task NewAssessmentWithErrors_InputsAligned_MessagesUnderTheirInputs_OneSummaryLookWithTheDecisionPage(int width)
    {
        var page = await OpenPageAsync(Viewport(width));
        await page.GotoAsync("/assessments/new");
        await page.GetByLabel("Pilot title").FillAsync("Only a title");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the questions" }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, $"{Device(width)}-new-with-errors");
        await Accessibility.AssertNoViolationsAsync(page, $"new with errors ({Device(width)})");

        var layout = await page.EvaluateAsync<JsonElement>("""
            () => [...document.querySelectorAll('form .field')].map(f => {
                const input = f.querySelector('input, textarea').getBoundingClientRect();
                const error = f.querySelector('.field-error:not(:empty)');
                return { left: input.left, inputBottom: input.bottom, errorTop: error ? error.getBoundingClientRect().top : null };
            })
            """);
        var fields = layout.EnumerateArray().ToList();
        Assert.Equal(4, fields.Count);
        Assert.All(fields, f => Assert.Equal(fields[0].GetProperty("left").GetDouble(), f.GetProperty("left").GetDouble(), 0.5));
        var withErrors = fields.Where(f => f.GetProperty("errorTop").ValueKind == JsonValueKind.Number).ToList();
        Assert.NotEmpty(withErrors);
        Assert.All(withErrors, f => Assert.True(f.GetProperty("errorTop").GetDouble() >= f.GetProperty("inputBottom").GetDouble() - 0.5,
            "An error message should sit under its input."));

        var newSummary = await SummaryLookAsync(page);
        var id = await CreateAssessmentAsync("Summary look");
        await AnswerAsync(id, ReadyAnswers());
        (await Api.PostAsync($"api/assessments/{id}/submit", null)).Dispose();
        var reviewer = await OpenReviewerPageAsync(Viewport(width));
        await reviewer.GotoAsync($"/assessments/{id}/decide");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
        await Expect(reviewer.Locator(".error-summary")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(reviewer, $"{Device(width)}-decide-with-errors");
        Assert.Equal(newSummary, await SummaryLookAsync(reviewer));
    }

    [Fact]
    public async Task SmallAlignments_SignOutMenu_DemoPassword_StepTabs_TitleBadge_TableBorders()
    {
        var id = await CreateAssessmentAsync(string.Join(' ', Enumerable.Repeat("A rather long pilot title", 7)));
        var page = await OpenPageAsync();

        await page.GotoAsync($"/assessments/{id}/results");
        var nav = await page.EvaluateAsync<double[]>("""
            () => [document.querySelector('.nav a'), document.querySelector('.nav-button')].map(e => { const r = e.getBoundingClientRect(); return r.top + r.height / 2; })
            """);
        Assert.Equal(nav[0], nav[1], 1.0);
        var title = await page.EvaluateAsync<double[]>("""
            () => { const h = document.querySelector('.title-row h1').getBoundingClientRect(), b = document.querySelector('.title-row .badges').getBoundingClientRect();
                    return [h.right, h.top, b.left, b.top]; }
            """);
        Assert.True(title[2] >= title[0] - 0.5, "The status badge should stay beside a long title.");
        Assert.True(title[3] < title[1] + 40, "The status badge should be level with the title's first line.");
        await Screenshots.SaveAsync(page, "desktop-long-title-results");

        await page.GotoAsync($"/assessments/{id}/steps/integration");
        var tabs = await page.EvaluateAsync<double[]>("() => [...document.querySelectorAll('.progress .step-no')].map(e => e.getBoundingClientRect().top)");
        Assert.Equal(6, tabs.Length);
        Assert.All(tabs, top => Assert.Equal(tabs[0], top, 0.5));
        await Expect(page.Locator(".money-currency").First).ToHaveTextAsync("EUR");
        await Screenshots.SaveAsync(page, "desktop-step-4-integration");

        var reviewer = await OpenReviewerPageAsync();
        await reviewer.GotoAsync("/portfolio");
        var borders = await reviewer.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('.portfolio-table tbody tr:last-child > *')].map(c => getComputedStyle(c).borderBottomWidth)");
        Assert.NotEmpty(borders);
        Assert.All(borders, b => Assert.Equal(borders[0], b));

        foreach (var width in new[] { BrowserFixture.Desktop.Width, BrowserFixture.Phone.Width })
        {
            var signedOut = await OpenPageAsync(Viewport(width), signedIn: false);
            await signedOut.GotoAsync("/account/login");
            // The demo hint shows only in Development; its password is set in the site's nowrap-code style, tried here in a narrow box.
            Assert.Equal(1, await signedOut.EvaluateAsync<int>("""
                () => { const box = document.createElement('p'); box.style.width = '3rem';
                        box.innerHTML = 'password <code class="nowrap-code">pilot-demo-2026</code>'; document.querySelector('main').append(box);
                        return box.querySelector('code').getClientRects().length; }
                """));
            await Screenshots.SaveAsync(signedOut, $"{Device(width)}-login");
        }
    }

    [Fact]
    public async Task Portfolio_At1280_TheTableFitsOrItsPilotColumnStaysInView()
    {
        var page = await OpenReviewerPageAsync();
        await page.GotoAsync("/portfolio");
        await Screenshots.SaveAsync(page, "desktop-portfolio");
        await Accessibility.AssertNoViolationsAsync(page, "portfolio (desktop)");

        var result = await page.EvaluateAsync<double[]>("""
            () => {
                const scroll = document.querySelector('.portfolio-table').closest('.table-scroll');
                const overflows = scroll.scrollWidth > scroll.clientWidth + 1;
                scroll.scrollLeft = 400;
                const first = document.querySelector('.portfolio-table tbody th.pilot').getBoundingClientRect();
                return [overflows ? 1 : 0, first.left - scroll.getBoundingClientRect().left];
            }
            """);
        if (result[0] == 1)
        {
            Assert.True(Math.Abs(result[1]) <= 2, $"After scrolling sideways the pilot column is {result[1]} px from the table's edge.");
        }
    }

    [Fact]
    public async Task Times_ShowInTheViewersTimeZone_WithTheOffset()
    {
        await CreateAssessmentAsync("Time zone check");
        var context = await Fixture.NewContextAsync(BrowserFixture.Desktop, timeZone: "Asia/Kolkata");
        Track(context);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/assessments"); // the browser tells the app its time zone
        await page.GotoAsync("/assessments?q=Time%20zone%20check");

        var time = page.Locator("table tbody time").First;
        await Expect(time).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC\+5:30$"));
        Assert.EndsWith("Z", await time.GetAttributeAsync("datetime"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task AdminSettings_CurrencyField_HasNoAxeViolations(int width)
    {
        var page = await OpenAsAsync(AdminEmail, Viewport(width));
        await page.GotoAsync("/admin/settings");
        await Expect(page.GetByLabel("Currency of every amount")).ToHaveValueAsync("EUR");
        await Screenshots.SaveAsync(page, $"{Device(width)}-admin-settings");
        await Accessibility.AssertNoViolationsAsync(page, $"admin settings ({Device(width)})");
    }

    private async Task<IPage> OpenAsAsync(string email, ViewportSize viewport)
    {
        var context = await Fixture.NewContextAsAsync(email, viewport);
        Track(context);
        return await context.NewPageAsync();
    }

    private async Task<IPage> OpenPageAsync(ViewportSize viewport, bool signedIn)
    {
        var context = await Fixture.NewContextAsync(viewport, signedIn);
        Track(context);
        return await context.NewPageAsync();
    }

    /// <summary>How an error summary looks: its colours, border and heading size.</summary>
    private static Task<string> SummaryLookAsync(IPage page) => page.Locator(".error-summary").EvaluateAsync<string>("""
        e => { const s = getComputedStyle(e), h = getComputedStyle(e.querySelector('h2'));
               return [s.backgroundColor, s.color, s.borderTopColor, s.borderTopWidth, s.borderRadius, h.fontSize, h.fontWeight].join(' '); }
        """);
}
