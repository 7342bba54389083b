using System.Net;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Pages;

/// <summary>The "change the details" page: a draft's title, business unit, sponsor and description.</summary>
public sealed class DetailsPageTests(PostgresAppFactory app) : PageTest(app)
{
    private static string DetailsUrl(Guid id) => $"/assessments/{id}/details";

    [Fact]
    public async Task Details_ShowsTheSavedValues_AndSavingThemGoesBackToTheReview()
    {
        var id = await StartAsync();
        var form = (await Browser.GetAsync(DetailsUrl(id))).Expect(HttpStatusCode.OK).Form();
        Assert.Equal("Invoice matching assistant", form.Value("Input.Title"));

        var saved = await form.Set("Input.Title", "Invoice matching, phase 2").Set("Input.BusinessUnit", "Finance Ops").SubmitAsync();

        Assert.Equal(ReviewUrl(id), saved.RedirectLocation());
        var review = await Browser.FollowAsync(saved);
        Assert.Contains("Details saved.", review.TextOf(".notice-success"), StringComparison.Ordinal);
        var stored = (await Client.GetAssessmentAsync(id)).Body;
        Assert.Equal(("Invoice matching, phase 2", "Finance Ops"), (stored.GetProperty("title").GetString(), stored.GetProperty("businessUnit").GetString()));
    }

    [Fact]
    public async Task Details_WithProblems_Answers400WithEachMessageBesideItsField_AndSavesNothing()
    {
        var id = await StartAsync();
        var form = (await Browser.GetAsync(DetailsUrl(id))).Form();

        var refused = await form.Set("Input.Title", "").Set("Input.Sponsor", new string('s', 201)).SubmitAsync();

        refused.Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["Enter a title for the pilot.", "Keep the sponsor's name to 200 characters or fewer."], refused.Texts(".notice-error li"));
        Assert.Equal("Invoice matching assistant", (await Client.GetAssessmentAsync(id)).Body.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Details_FromAStalePage_IsRefusedWithTheStaleMessage()
    {
        var id = await StartAsync();
        var form = (await Browser.GetAsync(DetailsUrl(id))).Form();
        await Client.AnswerAsync(id, new Dictionary<string, object?> { ["commitment.purpose"] = "explore" });

        var refused = await form.Set("Input.Title", "Renamed").SubmitAsync();

        Assert.StartsWith("This assessment changed since you opened this page", refused.Expect(HttpStatusCode.Conflict).TextOf(".notice-warning"),
            StringComparison.Ordinal);
        Assert.Equal("Invoice matching assistant", (await Client.GetAssessmentAsync(id)).Body.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Details_OfASubmittedAssessment_SendsToTheReview_AndTheReviewOffersTheLinkOnlyOnADraft()
    {
        var id = await StartReadyAsync();
        Assert.NotNull((await Browser.GetAsync(ReviewUrl(id))).Find($"a[href='{DetailsUrl(id)}']"));
        using (var submit = await Client.PostActionAsync(id, "submit"))
        {
            Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        }

        Assert.Equal(ReviewUrl(id), (await Browser.GetAsync(DetailsUrl(id))).RedirectLocation());
        Assert.Empty((await Browser.GetAsync(ReviewUrl(id))).Document.QuerySelectorAll($"a[href='{DetailsUrl(id)}']"));
    }
}
