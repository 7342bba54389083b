using System.Net;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Pages;

public sealed class AntiforgeryPageTests(PostgresAppFactory app) : PageTest(app)
{
    [Fact]
    public async Task New_PostWithoutToken_Returns400AndCreatesNothing()
    {
        var form = (await Browser.GetAsync("/assessments/new")).Form()
            .Set("Input.Title", "Invoice matching assistant").Set("Input.BusinessUnit", "Finance").Set("Input.Sponsor", "Amira Haddad")
            .Set(PageSession.TokenField);

        var page = await form.SubmitAsync();

        page.Expect(HttpStatusCode.BadRequest);
        Assert.Equal(0, await CountAssessmentsAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("?handler=Autosave")]
    public async Task Step_PostWithoutToken_Returns400AndSavesNothing(string handler)
    {
        var id = await StartAsync();
        var form = (await Browser.GetAsync(StepUrl(id, "commitment"))).Form()
            .Set("commitment.purpose", "de-risk").Set("nav", "next").Set(PageSession.TokenField);

        var page = await form.PostToAsync(StepUrl(id, "commitment") + handler);

        page.Expect(HttpStatusCode.BadRequest);
        Assert.Empty((await Client.GetAssessmentAsync(id)).Answers.EnumerateObject());
    }

    [Fact]
    public async Task Review_SubmitWithoutToken_Returns400AndStaysDraft()
    {
        var id = await StartAsync();
        var form = (await Browser.GetAsync(ReviewUrl(id))).Form().Set(PageSession.TokenField);

        var page = await form.ClickAsync("button[formaction*='handler=Submit']");

        page.Expect(HttpStatusCode.BadRequest);
        Assert.Equal("draft", (await Client.GetAssessmentAsync(id)).Status);
    }

    [Fact]
    public async Task Step_TokenFromAnotherBrowser_Returns400AndSavesNothing()
    {
        var id = await StartAsync();
        var mine = (await Browser.GetAsync(StepUrl(id, "commitment"))).Form();
        var stranger = NewSession();
        await stranger.GetAsync(StepUrl(id, "commitment")); // has an antiforgery cookie of its own

        // The stranger replays my form (my token) with their own cookie.
        var page = await stranger.PostAsync(StepUrl(id, "commitment"),
            [.. mine.Set("commitment.purpose", "de-risk").Fields, new("nav", "next")]);

        page.Expect(HttpStatusCode.BadRequest);
        Assert.Empty((await Client.GetAssessmentAsync(id)).Answers.EnumerateObject());
    }

    [Fact]
    public async Task Step_TokenWithoutItsCookie_Returns400AndSavesNothing()
    {
        var id = await StartAsync();
        var mine = (await Browser.GetAsync(StepUrl(id, "commitment"))).Form();
        var cookieless = NewSession();

        var page = await cookieless.PostAsync(StepUrl(id, "commitment"),
            [.. mine.Set("commitment.purpose", "de-risk").Fields, new("nav", "next")]);

        page.Expect(HttpStatusCode.BadRequest);
        Assert.Empty((await Client.GetAssessmentAsync(id)).Answers.EnumerateObject());
    }

    [Theory]
    [InlineData("/assessments?q=%00")]
    [InlineData("/portfolio?q=a%0Ab")]
    public async Task PageWithAControlCharacterInTheQuery_ShowsTheFriendly400Page(string url)
    {
        var page = await Browser.GetAsync(url);

        page.Expect(HttpStatusCode.BadRequest);
        Assert.Equal("That request could not be read", page.TextOf("main h1"));
    }

    [Fact]
    public async Task PostWithoutToken_ShowsTheFriendly400Page()
    {
        var form = (await Browser.GetAsync("/assessments/new")).Form()
            .Set("Input.Title", "Invoice matching assistant").Set("Input.BusinessUnit", "Finance").Set("Input.Sponsor", "Amira Haddad")
            .Set(PageSession.TokenField);

        var page = await form.SubmitAsync();

        page.Expect(HttpStatusCode.BadRequest);
        Assert.Equal("That request could not be read", page.TextOf("main h1"));
    }
}
