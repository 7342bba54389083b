using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Pages;

/// <summary>
/// An admin changes the draft's questions on the page: rewords one, moves an option's points, adds and removes options,
/// adds a question to a section. What the domain refuses comes back against the field it concerns, with nothing stored.
/// </summary>
public sealed class QuestionEditorTests(PostgresAppFactory app) : PageTest(app)
{
    private const string BudgetStatus = "commitment.budget-status";

    private PageSession? _admin;

    private PageSession Admin => _admin ??= NewSession(TestUsers.Admin);

    private static string EditUrl(string key) => $"/admin/questionnaires/draft/question?key={key}";

    private async Task StartDraftAsync()
    {
        var started = await (await Admin.GetAsync("/admin/questionnaires")).Expect(HttpStatusCode.OK)
            .Form("form[action*='handler=Start']").SubmitAsync();
        Assert.Equal("/admin/questionnaires/draft", started.RedirectLocation());
    }

    private async Task<(int Revision, QuestionnaireDefinition Definition)> DraftAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var draft = await scope.ServiceProvider.GetRequiredService<AppDbContext>().QuestionnaireVersions.AsNoTracking()
            .SingleAsync(q => q.PublishedAt == null);
        return (draft.Revision, draft.Read());
    }

    private static QuestionDefinition QuestionOf(QuestionnaireDefinition definition, string key) => definition.Questions.Single(q => q.Key == key);

    [Fact]
    public async Task Edit_RewordsMovesPointsAddsAndRemovesOptions_AndTheDraftListsIt()
    {
        await StartDraftAsync();
        var draftPage = (await Admin.GetAsync("/admin/questionnaires/draft")).Expect(HttpStatusCode.OK);
        Assert.NotNull(draftPage.Document.QuerySelector($"a[href='{EditUrl(BudgetStatus)}']"));

        var form = (await Admin.GetAsync(EditUrl(BudgetStatus))).Expect(HttpStatusCode.OK).Form("form.question-form");
        Assert.Equal("Is there a budget for production, not just for the pilot?", form.Value("Input.Text"));
        Assert.Equal(["none", "requested", "approved", "", "", ""], Enumerable.Range(0, 6).Select(i => form.Value($"Input.Options[{i}].Value")));

        var saved = await form
            .Set("Input.Text", "Is production funded,\r\nbeyond the pilot?")
            .Set("Input.Options[1].Remove", "true")
            .Set("Input.Options[2].Points", "25")
            .Set("Input.Options[3].Label", "Approved for the first year only")
            .Set("Input.Options[3].Points", "12")
            .SubmitAsync();

        Assert.Equal("/admin/questionnaires/draft#questions-title", saved.RedirectLocation());
        var question = QuestionOf((await DraftAsync()).Definition, BudgetStatus);
        Assert.Equal("Is production funded, beyond the pilot?", question.Text);
        Assert.Equal(
            [("none", "No production budget yet", 0), ("approved", "Approved", 25), ("approved-for-the-first-year-only", "Approved for the first year only", 12)],
            question.Options.Select(o => (o.Value, o.Label, o.Points)));
        Assert.Contains("Is production funded, beyond the pilot?", (await Admin.GetAsync("/admin/questionnaires/draft")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_AYesNoQuestionToASection_ItIsAskedAtTheEndOfTheSection()
    {
        await StartDraftAsync();
        var draftPage = (await Admin.GetAsync("/admin/questionnaires/draft")).Expect(HttpStatusCode.OK);
        var chooser = draftPage.Form("form.add-question:has(input[name=section][value=ownership])");
        var blank = await Admin.GetAsync($"/admin/questionnaires/draft/question?section={chooser.Value("section")}&type=yes-no");

        var added = await blank.Expect(HttpStatusCode.OK).Form("form.question-form")
            .Set("Input.Name", "support-rota")
            .Set("Input.Text", "Is there a support rota for the first three months?")
            .Set("Input.Help", "Early problems need someone on call who knows the system.")
            .Set("Input.Action", "Agree a support rota before launch.")
            .Set("Input.Options[0].Points", "15")
            .SubmitAsync();

        Assert.Equal("/admin/questionnaires/draft#questions-title", added.RedirectLocation());
        var definition = (await DraftAsync()).Definition;
        var ownership = definition.Sections.Single(s => s.Key == SectionKeys.Ownership);
        var question = ownership.Questions[^1];
        Assert.Equal(("ownership.support-rota", "yes-no", 15), (question.Key, question.Type, question.MaxPoints));
        Assert.Equal([("yes", 15), ("no", 0)], question.Options.Select(o => (o.Value, o.Points)));
    }

    public static TheoryData<string, string, string, string> BadEdits() => new()
    {
        // field, value typed, where the message shows, what it says
        { "Input.Options[2].Points", "five", "Input_Options_2__Points", "whole number" },
        { "Input.Options[2].Points", "5000", "Input_Options_2__Points", "from 0 to 1000" },
        { "Input.Text", "", "Input_Text", "Write the question." },
        { "Input.Text", new string('x', 2_000), "Input_Text", "300 characters or fewer" },
        { "Input.Options[3].Label", "Partly funded", "Input_Options_3__Points", "whole number" },
    };

    [Theory]
    [MemberData(nameof(BadEdits))]
    public async Task Edit_WithWhatTheDomainRefuses_Is400AgainstTheField_AndStoresNothing(string field, string value, string controlId, string message)
    {
        await StartDraftAsync();
        var before = await DraftAsync();
        var form = (await Admin.GetAsync(EditUrl(BudgetStatus))).Expect(HttpStatusCode.OK).Form("form.question-form");

        var refused = (await form.Set(field, value).SubmitAsync()).Expect(HttpStatusCode.BadRequest);

        Assert.Contains(message, refused.TextOf(".error-summary"), StringComparison.Ordinal);
        Assert.Equal($"#{controlId}", refused.Find(".error-summary a").GetAttribute("href"));
        Assert.Equal("true", refused.Find($"#{controlId}").GetAttribute("aria-invalid"));
        var after = await DraftAsync();
        Assert.Equal(before.Revision, after.Revision);
        Assert.Equal(before.Definition.ToJson(), after.Definition.ToJson());
    }

    [Fact]
    public async Task Edit_ANewOptionWhoseLabelMakesNoValue_AsksForTheValue()
    {
        await StartDraftAsync();
        var form = (await Admin.GetAsync(EditUrl(BudgetStatus))).Expect(HttpStatusCode.OK).Form("form.question-form");

        var refused = (await form.Set("Input.Options[3].Label", "€").Set("Input.Options[3].Points", "5").SubmitAsync()).Expect(HttpStatusCode.BadRequest);

        Assert.Equal("#Input_Options_3__Value", refused.Find(".error-summary a").GetAttribute("href"));
        Assert.Contains("lower-case letters", refused.TextOf(".error-summary"), StringComparison.Ordinal);
        Assert.Equal("€", refused.Form("form.question-form").Value("Input.Options[3].Label"));
    }

    [Fact]
    public async Task Add_WithAKeyThatIsNotAName_Is400AgainstTheKey()
    {
        await StartDraftAsync();
        var blank = await Admin.GetAsync("/admin/questionnaires/draft/question?section=ownership&type=text");
        var refused = (await blank.Form("form.question-form").Set("Input.Name", "Support Rota").Set("Input.Text", "Who is on call?")
            .Set("Input.Help", "h").Set("Input.Action", "a").Set("Input.Points", "5").SubmitAsync()).Expect(HttpStatusCode.BadRequest);

        Assert.Equal("true", refused.Find("#Input_Name").GetAttribute("aria-invalid"));
        Assert.Contains("lower-case letters", refused.TextOf("#name-error"), StringComparison.Ordinal);
        Assert.DoesNotContain((await DraftAsync()).Definition.Questions, q => q.Text == "Who is on call?");
    }

    [Fact]
    public async Task Remove_AQuestion_LeavesTheDraft_AndAQuestionTheRulesReadHasNoRemoveButton()
    {
        await StartDraftAsync();
        var page = (await Admin.GetAsync(EditUrl("workflow.mapped-with-users"))).Expect(HttpStatusCode.OK);
        var removed = await page.Form("form[action*='handler=Remove']").SubmitAsync();
        Assert.Equal("/admin/questionnaires/draft#questions-title", removed.RedirectLocation());
        Assert.DoesNotContain((await DraftAsync()).Definition.Questions, q => q.Key == "workflow.mapped-with-users");

        var fixedQuestion = (await Admin.GetAsync(EditUrl(QuestionKeys.IntegrationBudgeted))).Expect(HttpStatusCode.OK);
        Assert.Null(fixedQuestion.Document.QuerySelector("form[action*='handler=Remove']"));
        var other = (await Admin.GetAsync(EditUrl("workflow.edge-cases"))).Form("form[action*='handler=Remove']");
        var refused = (await other.PostToAsync($"/admin/questionnaires/draft/question?key={QuestionKeys.IntegrationBudgeted}&handler=Remove"))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Contains(QuestionKeys.IntegrationBudgeted, refused.TextOf(".error-summary"), StringComparison.Ordinal);
        Assert.Contains((await DraftAsync()).Definition.Questions, q => q.Key == QuestionKeys.IntegrationBudgeted);
    }

    [Fact]
    public async Task Edit_FromAStaleForm_Is409_AndTheOtherAdminsChangeStays()
    {
        await StartDraftAsync();
        var mine = (await Admin.GetAsync(EditUrl(BudgetStatus))).Form("form.question-form");
        var theirs = (await NewSession(TestUsers.Admin).GetAsync(EditUrl(BudgetStatus))).Form("form.question-form");
        Assert.Equal("/admin/questionnaires/draft#questions-title",
            (await theirs.Set("Input.Text", "Is production funded?").SubmitAsync()).RedirectLocation());

        var stale = (await mine.Set("Input.Text", "Is there money for production?").SubmitAsync()).Expect(HttpStatusCode.Conflict);

        Assert.Equal("Is production funded?", QuestionOf((await DraftAsync()).Definition, BudgetStatus).Text);
        Assert.Equal("Is production funded?", stale.Form("form.question-form").Value("Input.Text"));
        Assert.NotEmpty(stale.TextOf("[role=alert]"));
    }

    [Fact]
    public async Task Open_WithoutADraft_GoesToTheVersions_AndAnUnknownQuestionGoesToTheDraft_EachSayingWhyInAWarning()
    {
        var noDraft = await Admin.GetAsync(EditUrl(BudgetStatus));
        Assert.Equal("/admin/questionnaires", noDraft.RedirectLocation());
        await AssertWarnedAsync(noDraft, "There is no draft: start one to change the questions.");
        await StartDraftAsync();
        var unknown = await Admin.GetAsync(EditUrl("commitment.no-such-question"));
        Assert.Equal("/admin/questionnaires/draft#questions-title", unknown.RedirectLocation());
        await AssertWarnedAsync(unknown, "The draft has no question 'commitment.no-such-question'.");
        var badType = await Admin.GetAsync("/admin/questionnaires/draft/question?section=ownership&type=slider");
        Assert.Equal("/admin/questionnaires/draft#questions-title", badType.RedirectLocation());
        await AssertWarnedAsync(badType, "Choose how the new question is answered.");
    }

    /// <summary>The redirect's next page says <paramref name="why"/> in the amber warning, not as a success.</summary>
    private async Task AssertWarnedAsync(WebPage redirect, string why)
    {
        var next = await Admin.FollowAsync(redirect);
        Assert.Equal(why, next.TextOf(".notice-warning[role=alert]"));
        Assert.DoesNotContain(why, next.Texts(".notice-success"));
    }
}
