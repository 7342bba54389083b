using System.Net;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Pages;

public sealed class ValidationPageTests(PostgresAppFactory app) : PageTest(app)
{
    [Fact]
    public async Task New_EmptyForm_Returns400WithAMessageAtEachFieldAndASummary()
    {
        var form = (await Browser.GetAsync("/assessments/new")).Expect(HttpStatusCode.OK).Form();

        var page = await form.SubmitAsync();

        page.Expect(HttpStatusCode.BadRequest);
        string[] messages = ["Enter a title for the pilot.", "Enter the business unit that runs the pilot.", "Enter the sponsor's name."];
        Assert.Equal("Please check these fields", page.TextOf(".notice-error h2"));
        Assert.Equal(messages.Order(), page.Texts(".notice-error li").Order());
        Assert.Equal(["#Input_BusinessUnit", "#Input_Sponsor", "#Input_Title"],
            page.Document.QuerySelectorAll(".notice-error li a").Select(a => a.GetAttribute("href")).Order());
        Assert.Equal(messages, page.Texts(".field.has-error .field-error"));
        Assert.Equal(["Input.Title", "Input.BusinessUnit", "Input.Sponsor"],
            page.Document.QuerySelectorAll(".field.has-error input").Select(i => i.GetAttribute("name")));
        Assert.Equal(0, await CountAssessmentsAsync());
    }

    [Fact]
    public async Task New_EmptyForm_SummaryListsTheErrorsInTheOrderOfTheFields()
    {
        var page = await (await Browser.GetAsync("/assessments/new")).Form().SubmitAsync();

        page.Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["#Input_Title", "#Input_BusinessUnit", "#Input_Sponsor"],
            page.Document.QuerySelectorAll(".notice-error li a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task New_WhitespaceOnly_Returns400LikeEmpty()
    {
        var form = (await Browser.GetAsync("/assessments/new")).Form()
            .Set("Input.Title", "   ").Set("Input.BusinessUnit", "\t").Set("Input.Sponsor", "Amira Haddad");

        var page = await form.SubmitAsync();

        page.Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["Enter a title for the pilot.", "Enter the business unit that runs the pilot."], page.Texts(".field-error").Where(t => t.Length > 0));
        Assert.Equal(0, await CountAssessmentsAsync());
    }

    [Fact]
    public async Task New_TitleTooLong_Returns400AndKeepsWhatWasTyped()
    {
        var title = new string('t', 201);
        var form = (await Browser.GetAsync("/assessments/new")).Form()
            .Set("Input.Title", title).Set("Input.BusinessUnit", "Finance").Set("Input.Sponsor", "Amira Haddad");

        var page = await form.SubmitAsync();

        page.Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["Keep the title to 200 characters or fewer."], page.Texts(".notice-error li"));
        var again = page.Form();
        Assert.Equal(title, again.Value("Input.Title"));
        Assert.Equal("Amira Haddad", again.Value("Input.Sponsor"));
        Assert.Equal(0, await CountAssessmentsAsync());
    }

    [Fact]
    public async Task New_ControlCharacterInTitle_Returns400WithAMessage()
    {
        var form = (await Browser.GetAsync("/assessments/new")).Form()
            .Set("Input.Title", "Invoice\u0007matching").Set("Input.BusinessUnit", "Finance").Set("Input.Sponsor", "Amira Haddad");

        var page = await form.SubmitAsync();

        page.Expect(HttpStatusCode.BadRequest);
        Assert.Contains("Remove control characters", page.TextOf(".notice-error li"), StringComparison.Ordinal);
        Assert.Equal(0, await CountAssessmentsAsync());
    }

    [Theory]
    [InlineData("-5", "Enter an amount of zero or more.")]
    [InlineData("abc", "Enter an amount (a number of zero or more, like 125000, 125,000.50 or €125 000).")]
    [InlineData("60.000", "\"60.000\" could mean 60,000 or 60: write 60000 for the first, 60 for the second.")]
    [InlineData("£60,000", "Amounts here are in EUR; \"£\" is another currency. Enter the amount in EUR.")]
    public async Task Step_OneBadMoneyAnswerAndGoodOnes_Returns400ShowsTheErrorAndSavesTheGoodOnes(string amount, string message)
    {
        var id = await StartAsync();
        var form = (await Browser.GetAsync(StepUrl(id, "integration"))).Form();

        var page = await form
            .Set("integration.state", "built")
            .Set("integration.budgeted", "yes")
            .Set("integration.prototype-cost", amount)
            .ClickAsync("nav", "next");

        page.Expect(HttpStatusCode.BadRequest);
        Assert.Equal(message, page.TextOf("#q-integration-prototype-cost-block .field-error"));
        Assert.Equal("true", page.Find("#q-integration-prototype-cost").GetAttribute("aria-invalid"));
        Assert.Equal(amount, page.Find("#q-integration-prototype-cost").GetAttribute("value"));
        Assert.Contains("The other answers on this step are saved.", page.TextOf(".notice-error"), StringComparison.Ordinal);
        Assert.Equal([$"What does the prototype cost?: {message}"], page.Texts(".notice-error li"));
        var stored = await Client.GetAssessmentAsync(id);
        Assert.Equal("built", stored.Answers.GetProperty("integration.state").GetString());
        Assert.True(stored.Answers.GetProperty("integration.budgeted").GetBoolean());
        Assert.False(stored.Answers.TryGetProperty("integration.prototype-cost", out _));

        // The form carries the saved version: fixing the amount and saving again is not a conflict.
        Assert.Equal("2", page.Form().Value("Version"));
        var fixedUp = await page.Form().Set("integration.prototype-cost", "40,000").ClickAsync("nav", "next");
        Assert.Equal(StepUrl(id, "workflow"), fixedUp.RedirectLocation());
        Assert.Equal(40000, (await Client.GetAssessmentAsync(id)).Answers.GetProperty("integration.prototype-cost").GetDecimal());
    }

    [Fact]
    public async Task Step_PersonLongerThan200_Returns400AndIsNotSaved()
    {
        var id = await StartAsync();
        var form = (await Browser.GetAsync(StepUrl(id, "after-demo"))).Form();

        var page = await form
            .Set("after-demo.production-owner", new string('p', 201))
            .Set("after-demo.quality-reviewer", new string('q', 200))
            .ClickAsync("nav", "next");

        page.Expect(HttpStatusCode.BadRequest);
        Assert.Equal("Keep this to 200 characters or fewer.", page.TextOf("#q-after-demo-production-owner-block .field-error"));
        var answers = (await Client.GetAssessmentAsync(id)).Answers;
        Assert.False(answers.TryGetProperty("after-demo.production-owner", out _));
        Assert.Equal(new string('q', 200), answers.GetProperty("after-demo.quality-reviewer").GetString());
    }

    [Theory]
    [InlineData("commitment", "commitment.purpose", new[] { "world-peace" }, "'world-peace' is not one of the options (explore, evaluate, de-risk).")]
    [InlineData("integration", "integration.systems", new[] { "erp", "mainframe" }, "'mainframe' is not one of the options (none, crm, ticketing, erp, data-platform, identity, other).")]
    [InlineData("integration", "integration.systems", new[] { "none", "erp" }, "'None: it stands alone' cannot be combined with other options.")]
    [InlineData("involvement", "involvement.real-inputs", new[] { "maybe" }, "Choose yes or no.")]
    [InlineData("workflow", "workflow.edge-cases", new[] { "none", "from-workers" }, "Give one answer.")]
    public async Task Step_ValueThatIsNotAnOption_Returns400AndIsNotSaved(string section, string key, string[] values, string message)
    {
        var id = await StartAsync();
        var form = (await Browser.GetAsync(StepUrl(id, section))).Form();

        var page = await form.Set(key, values).ClickAsync("nav", "next");

        page.Expect(HttpStatusCode.BadRequest);
        Assert.Equal(message, page.TextOf($"#q-{key.Replace('.', '-')}-block .field-error"));
        Assert.False((await Client.GetAssessmentAsync(id)).Answers.TryGetProperty(key, out _));
    }

    [Theory]
    [InlineData("commitment", "commitment.rollout-date", "2027-02-30")]
    [InlineData("commitment", "commitment.rollout-date", "01/03/2027")]
    [InlineData("commitment", "commitment.rollout-date", "1999-12-31")]
    [InlineData("commitment", "commitment.rollout-date", "9999-12-31")]
    [InlineData("commitment", "commitment.executive-sponsor", "Helena\u0007Marsh")]
    [InlineData("commitment", "commitment.what-then", "Roll out\u0001 next spring")]
    [InlineData("involvement", "involvement.daily-users", "1e9")]
    [InlineData("involvement", "involvement.daily-users", "2.5.1")]
    [InlineData("involvement", "involvement.daily-users", "1000000001")]
    [InlineData("integration", "integration.production-budget", "99999999999999999999999999999999")]
    [InlineData("integration", "integration.production-budget", "1,000,000,000,001")]
    [InlineData("integration", "integration.production-budget", "1,23,456")]
    [InlineData("ownership", "ownership.run-cost", "NaN")]
    [InlineData("ownership", "ownership.run-cost", "٣٠٠٠")]
    public async Task Step_MalformedAnswer_Returns400WithAMessageNeverA500(string section, string key, string value)
    {
        var id = await StartAsync();
        var form = (await Browser.GetAsync(StepUrl(id, section))).Form();

        var page = await form.Set(key, value).ClickAsync("nav", "next");

        page.Expect(HttpStatusCode.BadRequest);
        Assert.NotEmpty(page.TextOf($"#q-{key.Replace('.', '-')}-block .field-error"));
        Assert.Empty((await Client.GetAssessmentAsync(id)).Answers.EnumerateObject());
    }

    [Fact]
    public async Task NulCharacterInAForm_Returns400AndSavesNothing()
    {
        // ASP.NET Core's form reader refuses %00 before any handler runs (so the antiforgery check fails): a 400, never a 500.
        var id = await StartAsync();
        var step = (await Browser.GetAsync(StepUrl(id, "commitment"))).Form()
            .Set("commitment.purpose", "explore").Set("commitment.what-then", "Roll out\0 next spring");
        var details = (await Browser.GetAsync("/assessments/new")).Form()
            .Set("Input.Title", "Invoice\0matching").Set("Input.BusinessUnit", "Finance").Set("Input.Sponsor", "Amira Haddad");

        (await step.ClickAsync("nav", "next")).Expect(HttpStatusCode.BadRequest);
        (await step.PostToAsync(AutosaveUrl(id, "commitment"))).Expect(HttpStatusCode.BadRequest);
        (await details.SubmitAsync()).Expect(HttpStatusCode.BadRequest);

        Assert.Empty((await Client.GetAssessmentAsync(id)).Answers.EnumerateObject());
        Assert.Equal(1, await CountAssessmentsAsync());
    }

    [Fact]
    public async Task Step_VeryLongValues_AreRefusedWithAMessageNotA500()
    {
        var id = await StartAsync();
        var form = (await Browser.GetAsync(StepUrl(id, "commitment"))).Form();

        var page = await form
            .Set("commitment.what-then", new string('w', 4001))
            .Set("commitment.purpose", new string('x', 10_000))
            .Set("commitment.executive-sponsor", new string('e', 50_000))
            .ClickAsync("nav", "next");

        page.Expect(HttpStatusCode.BadRequest);
        Assert.Equal("Keep this to 4000 characters or fewer.", page.TextOf("#q-commitment-what-then-block .field-error"));
        Assert.StartsWith("'xxxxxxxx", page.TextOf("#q-commitment-purpose-block .field-error"), StringComparison.Ordinal);
        Assert.Equal(3, page.Texts(".notice-error li").Count);
        Assert.Empty((await Client.GetAssessmentAsync(id)).Answers.EnumerateObject());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("99999999999999999999")]
    [InlineData("-1")]
    [InlineData("")]
    public async Task Step_TamperedVersion_IsAConflictAndSavesNothing(string version)
    {
        var id = await StartAsync();
        var form = (await Browser.GetAsync(StepUrl(id, "commitment"))).Form().Set("commitment.purpose", "explore").Set("Version", version);

        var page = await form.ClickAsync("nav", "next");

        page.Expect(HttpStatusCode.Conflict);
        Assert.Empty((await Client.GetAssessmentAsync(id)).Answers.EnumerateObject());
    }

    [Theory]
    [InlineData("../../review")]
    [InlineData("https://example.com/")]
    [InlineData("")]
    public async Task Step_UnknownNav_SavesAndStaysOnTheStep(string nav)
    {
        var id = await StartAsync();
        var form = (await Browser.GetAsync(StepUrl(id, "commitment"))).Form().Set("commitment.purpose", "explore").Set("nav", nav);

        var page = await form.PostToAsync(form.Action);

        Assert.Equal(StepUrl(id, "commitment"), page.RedirectLocation());
        Assert.Equal("explore", (await Client.GetAssessmentAsync(id)).Answers.GetProperty("commitment.purpose").GetString());
    }

    [Fact]
    public async Task Autosave_InvalidAnswer_Returns400WithItsErrorAndSavesTheValidOnes()
    {
        var id = await StartAsync();
        var form = (await Browser.GetAsync(StepUrl(id, "ownership"))).Form()
            .Set("ownership.run-cost", "-5").Set("ownership.improvement-budget", "funded");

        var page = await form.PostToAsync(AutosaveUrl(id, "ownership"));

        page.Expect(HttpStatusCode.BadRequest);
        var json = page.Json();
        Assert.Equal(2, json.GetProperty("version").GetInt32());
        var error = Assert.Single(json.GetProperty("errors").EnumerateObject());
        Assert.Equal("ownership.run-cost", error.Name);
        Assert.Equal("Enter an amount of zero or more.", error.Value.GetString());
        var answers = (await Client.GetAssessmentAsync(id)).Answers;
        Assert.Equal("funded", answers.GetProperty("ownership.improvement-budget").GetString());
        Assert.False(answers.TryGetProperty("ownership.run-cost", out _));
    }

    [Fact]
    public async Task ReviewAndResults_PostWithoutAKnownHandler_IsRefusedNotA500()
    {
        var id = await StartAsync();
        var review = (await Browser.GetAsync(ReviewUrl(id))).Form();

        foreach (var url in new[] { ReviewUrl(id), ReviewUrl(id) + "?handler=Bogus", ResultsUrl(id) })
        {
            var page = await review.PostToAsync(url);

            Assert.True((int)page.Status is >= 400 and < 500, $"POST {url} gave {(int)page.Status}");
        }

        Assert.Equal("draft", (await Client.GetAssessmentAsync(id)).Status);
    }
}
