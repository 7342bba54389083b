using System.Net;
using System.Net.Http.Json;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Security;

/// <summary>
/// Hostile text typed into every free-text field (the assessment's details, every text and person question, the name
/// an admin gives an invited person, the comment of a person confirming a role) is shown as text on every page that
/// shows it, and in the emails, never run as markup.
/// </summary>
public sealed class EncodingTests(PostgresAppFactory app, SmtpFixture smtp) : SecurityTest(app), IClassFixture<SmtpFixture>
{
    public static TheoryData<string> Payloads => new("<script>alert('x')</script>", "\"><img src=x onerror=alert(1)>");

    private static readonly IReadOnlyList<Question> FreeText =
        [.. ShippedQuestionnaires.Catalog.Current.Questionnaire.Questions.Where(q => q.Type is QuestionType.Text or QuestionType.Person)];

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task Payload_InEveryFreeTextField_IsShownEncodedOnEveryPage(string payload)
    {
        var (title, unit, sponsor, description) = ($"{payload} title", $"{payload} unit", $"{payload} sponsor", $"{payload} description");
        var answers = FreeText.ToDictionary(q => q.Key, q => $"{payload} {q.Key}");
        var personName = $"{payload} name";
        var comment = $"{payload} comment";
        var invitedEmail = NewEmail("invited");
        var confirmerEmail = NewEmail("confirmer");
        // The instance that emails to the test's SMTP server, so the confirmation link can be followed.
        var host = smtp.HostFor(App);
        using var owner = new PageSession(host, TestUsers.Sponsor);
        using var admin = new PageSession(host, TestUsers.Admin);
        using var person = new PageSession(host);
        using var api = host.CreateClient().Authorize(await TestUsers.LoginAsync(App, TestUsers.Sponsor));

        // Typed into the forms: the details on the "new" page, the invited person's name on the admin page, every text
        // and person question on the wizard's steps.
        var created = await (await owner.GetAsync("/assessments/new")).Form()
            .Set("Input.Title", title).Set("Input.BusinessUnit", unit).Set("Input.Sponsor", sponsor).Set("Input.Description", description)
            .SubmitAsync();
        var id = Guid.Parse(created.RedirectLocation().Split('/')[2]);
        var invited = await (await admin.GetAsync("/admin/users")).Form("form[action$='handler=Invite']")
            .Set("Invite.Email", invitedEmail).Set("Invite.DisplayName", personName).Set("Invite.Role", Roles.Sponsor).SubmitAsync();
        Assert.Equal("/admin/users", invited.RedirectLocation());
        foreach (var section in FreeText.GroupBy(q => q.SectionKey))
        {
            var step = (await owner.GetAsync($"/assessments/{id}/steps/{section.Key}")).Expect(HttpStatusCode.OK);
            var saved = await step.Form().Set(section.Select(q => KeyValuePair.Create(q.Key, new[] { answers[q.Key] }))).ClickAsync("nav", "next");
            Assert.Equal(HttpStatusCode.Found, saved.Status);
        }

        // The invited person becomes a collaborator; the person named as production owner confirms through the emailed
        // link, typing a comment.
        using (var added = await api.PostAsJsonAsync($"/api/assessments/{id}/collaborators", new { email = invitedEmail }))
        {
            await added.ReadJsonAsync(HttpStatusCode.OK);
        }

        var confirmation = new { questionKey = QuestionKeys.ProductionOwner, email = confirmerEmail };
        using (var asked = await api.PostAsJsonAsync($"/api/assessments/{id}/confirmations", confirmation))
        {
            await asked.ReadJsonAsync(HttpStatusCode.OK);
        }

        var email = await smtp.EmailToAsync(confirmerEmail);
        Assert.DoesNotContain(payload, email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(title), email.HtmlBody, StringComparison.Ordinal);
        var link = SecurityUsers.FirstLink(email.TextBody ?? "").PathAndQuery;
        var confirm = AssertEncoded(await person.GetAsync(link), payload, [title, unit, sponsor, description, answers[QuestionKeys.ProductionOwner]]);
        AssertEncoded(await confirm.Form().Set("Input.Comment", comment).ClickAsync("Input.Decision", "confirm"), payload, [title]);

        string[] heading = [title, unit, sponsor];
        var allAnswers = answers.Values.ToList();
        await AssertShownEncodedAsync(owner, $"/assessments/{id}/review", payload, [.. heading, description, .. allAnswers, personName, comment]);
        await AssertShownEncodedAsync(owner, $"/assessments/{id}/results", payload, [.. heading, .. allAnswers]);
        await AssertShownEncodedAsync(owner, $"/assessments/{id}/history", payload, [.. heading, .. allAnswers, personName, comment]);
        await AssertShownEncodedAsync(owner, "/assessments", payload, heading);
        await AssertShownEncodedAsync(owner, "/", payload, heading);
        await AssertShownEncodedAsync(admin, "/admin/users", payload, [personName]);
        foreach (var section in FreeText.GroupBy(q => q.SectionKey))
        {
            // A step shows its answers inside its fields.
            var step = await AssertShownEncodedAsync(owner, $"/assessments/{id}/steps/{section.Key}", payload, [title]);
            Assert.All(section, q => Assert.Equal(answers[q.Key], step.Form().Value(q.Key)));
        }
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task Payload_InQueryValuesThePagesShowBack_IsEncoded(string payload)
    {
        var value = Uri.EscapeDataString(payload);
        using var anonymous = new PageSession(App);
        using var owner = new PageSession(App, TestUsers.Sponsor);

        var login = AssertEncoded(await anonymous.GetAsync($"/account/login?ReturnUrl={value}"), payload, []);
        AssertEncoded(await owner.GetAsync($"/assessments?q={value}"), payload, []);

        Assert.Equal(payload, login.Form().Value("ReturnUrl"));
        Assert.Equal(payload, (await owner.GetAsync($"/assessments?q={value}")).Find("#q").GetAttribute("value"));
    }

    /// <summary>
    /// The page shows every value as text, its raw markup never appears in the HTML, and the document has no element the
    /// payload could have made: no inline script, no event-handler attribute, no image from "x".
    /// </summary>
    private static async Task<WebPage> AssertShownEncodedAsync(PageSession session, string url, string payload, IReadOnlyList<string> shown) =>
        AssertEncoded(await session.GetAsync(url), payload, shown);

    /// <inheritdoc cref="AssertShownEncodedAsync"/>

    private static WebPage AssertEncoded(WebPage page, string payload, IReadOnlyList<string> shown)
    {
        var url = page.Url;
        page.Expect(HttpStatusCode.OK);
        Assert.True(!page.Body.Contains(payload, StringComparison.Ordinal), $"{url} contains the raw markup {payload}.");
        Assert.Empty(page.Document.QuerySelectorAll("script:not([src])"));
        Assert.Empty(page.Document.QuerySelectorAll("img[src='x']"));
        var handlers = page.Document.All.SelectMany(e => e.Attributes)
            .Where(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(handlers.Count == 0, $"{url} has event-handler attributes: {string.Join(", ", handlers.Select(a => a.Name))}");
        var missing = shown.Where(value => !page.Text.Contains(value, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"{url} does not show: {string.Join(" | ", missing)}");
        return page;
    }
}
