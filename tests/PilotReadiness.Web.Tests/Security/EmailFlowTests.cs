using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Pages.Account;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Security;

/// <summary>
/// Invitations and password resets end to end, through a real SMTP server: the emailed link works once, and what a
/// person typed is HTML-encoded in the email.
/// </summary>
public sealed class EmailFlowTests(PostgresAppFactory app, SmtpFixture smtp) : SecurityTest(app), IClassFixture<SmtpFixture>
{
    private const string ScriptName = "<script>alert(1)</script>";
    private const string EncodedScriptName = "&lt;script&gt;alert(1)&lt;/script&gt;";
    private const string NewPassword = "a-brand-new-passphrase";

    private WebApplicationFactory<Program> Host => smtp.HostFor(App);

    [Fact]
    public async Task Invitation_EmailedLinkLetsThePersonChooseAPasswordAndSignsThemInWithTheInvitedRole()
    {
        var email = NewEmail("invited");
        using var admin = new PageSession(Host, TestUsers.Admin);
        var users = (await admin.GetAsync("/admin/users")).Expect(HttpStatusCode.OK);

        var invited = await users.Form("form[action$='handler=Invite']")
            .Set("Invite.Email", email).Set("Invite.DisplayName", "Ines Invited").Set("Invite.Role", Roles.Sponsor).SubmitAsync();

        Assert.Equal("/admin/users", invited.RedirectLocation());
        var message = await smtp.EmailToAsync(email);
        Assert.Equal("You are invited to PilotReadiness", message.Subject);
        var link = SecurityUsers.FirstLink(message.TextBody ?? "");
        Assert.Equal("/account/accept-invitation", link.AbsolutePath);
        Assert.Contains(WebUtility.HtmlEncode(link.ToString()), message.HtmlBody, StringComparison.Ordinal);

        using var person = new PageSession(Host);
        var accept = (await person.GetAsync(link.PathAndQuery)).Expect(HttpStatusCode.OK);
        Assert.Equal("Ines Invited", accept.Form().Value("Input.DisplayName"));
        var joined = await accept.Form().Set("Input.NewPassword", NewPassword).Set("Input.ConfirmPassword", NewPassword).SubmitAsync();

        Assert.Equal("/", joined.RedirectLocation());
        var home = (await person.FollowAsync(joined)).Expect(HttpStatusCode.OK);
        Assert.Contains("Welcome to PilotReadiness, Ines Invited.", home.Text, StringComparison.Ordinal);
        Assert.Contains(email, home.TextOf("header nav"), StringComparison.Ordinal);
        (await person.GetAsync("/assessments/new")).Expect(HttpStatusCode.OK); // a sponsor may start assessments
        Assert.Equal("/Status/403", new Uri((await person.GetAsync("/admin/users")).RedirectLocation()).AbsolutePath);
        await TestUsers.LoginAsync(Host, new TestUser(email, "", ""), NewPassword);
    }

    [Fact]
    public async Task Invitation_LinkWorksOnce()
    {
        var email = NewEmail("invited");
        using var admin = new PageSession(Host, TestUsers.Admin);
        await (await admin.GetAsync("/admin/users")).Form("form[action$='handler=Invite']")
            .Set("Invite.Email", email).Set("Invite.DisplayName", "Ines Invited").Set("Invite.Role", Roles.Reviewer).SubmitAsync();
        var link = SecurityUsers.FirstLink((await smtp.EmailToAsync(email)).TextBody ?? "");
        using var person = new PageSession(Host);
        var first = (await person.GetAsync(link.PathAndQuery)).Expect(HttpStatusCode.OK);
        var form = first.Form().Set("Input.NewPassword", NewPassword).Set("Input.ConfirmPassword", NewPassword);
        Assert.Equal("/", (await form.SubmitAsync()).RedirectLocation());

        // Someone else opens the link again, then posts the whole form again (with an antiforgery token of their own).
        using var thief = new PageSession(Host);
        var again = await thief.GetAsync(link.PathAndQuery);
        var token = SecurityUsers.AntiforgeryToken(await thief.GetAsync("/account/login"));
        var replayed = await thief.PostAsync("/account/accept-invitation",
            [.. form.Fields.Where(f => f.Key != PageSession.TokenField), new(PageSession.TokenField, token)]);

        Assert.Contains(AccountForms.LinkExpired, again.Expect(HttpStatusCode.BadRequest).Text, StringComparison.Ordinal);
        Assert.Contains(AccountForms.LinkExpired, replayed.Expect(HttpStatusCode.BadRequest).Text, StringComparison.Ordinal);
        Assert.Empty(again.Document.QuerySelectorAll("input[name='Input.NewPassword']"));
    }

    [Fact]
    public async Task ForgotPassword_EmailedLinkSetsANewPasswordOnce()
    {
        var user = await CreateUserAsync(Roles.Sponsor, "Rosa Reset");
        using var browser = new PageSession(Host);
        var asked = await (await browser.GetAsync("/account/forgot-password")).Form().Set("Input.Email", user.Email).SubmitAsync();
        Assert.Contains(ForgotPasswordModel.Confirmation, asked.Expect(HttpStatusCode.OK).Text, StringComparison.Ordinal);

        var message = await smtp.EmailToAsync(user.Email);
        var link = SecurityUsers.FirstLink(message.TextBody ?? "");
        Assert.Equal("/account/reset-password", link.AbsolutePath);
        var reset = await (await browser.GetAsync(link.PathAndQuery)).Expect(HttpStatusCode.OK).Form()
            .Set("Input.NewPassword", NewPassword).Set("Input.ConfirmPassword", NewPassword).SubmitAsync();

        Assert.Equal("/account/login", reset.RedirectLocation());
        await TestUsers.LoginAsync(Host, user, NewPassword);
        using var client = App.CreateClient();
        using var oldPassword = await client.PostAsync(new Uri("/api/auth/login", UriKind.Relative),
            System.Net.Http.Json.JsonContent.Create(new { email = user.Email, password = TestUsers.Password }));
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
        using var thief = new PageSession(Host);
        var again = await thief.GetAsync(link.PathAndQuery);
        Assert.Contains(AccountForms.LinkExpired, again.Expect(HttpStatusCode.BadRequest).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgotPassword_UnknownEmail_SameAnswerAndNoEmail()
    {
        var email = NewEmail("nobody");
        using var browser = new PageSession(Host);

        var asked = await (await browser.GetAsync("/account/forgot-password")).Form().Set("Input.Email", email).SubmitAsync();

        Assert.Contains(ForgotPasswordModel.Confirmation, asked.Expect(HttpStatusCode.OK).Text, StringComparison.Ordinal);
        await Task.Delay(200);
        Assert.DoesNotContain(smtp.Server.ReceivedEmail, m => m.ToAddresses.Any(a => a.Address == email));
    }

    [Fact]
    public async Task Emails_HtmlBodyEncodesTheDisplayName()
    {
        var invitedEmail = NewEmail("invited");
        using var admin = new PageSession(Host, TestUsers.Admin);
        await (await admin.GetAsync("/admin/users")).Form("form[action$='handler=Invite']")
            .Set("Invite.Email", invitedEmail).Set("Invite.DisplayName", ScriptName).Set("Invite.Role", Roles.Sponsor).SubmitAsync();
        var user = await CreateUserAsync(Roles.Sponsor, ScriptName);
        using var browser = new PageSession(Host);
        await (await browser.GetAsync("/account/forgot-password")).Form().Set("Input.Email", user.Email).SubmitAsync();

        foreach (var message in new[] { await smtp.EmailToAsync(invitedEmail), await smtp.EmailToAsync(user.Email) })
        {
            Assert.Contains($"Hello {EncodedScriptName},", message.HtmlBody, StringComparison.Ordinal);
            Assert.DoesNotContain("<script", message.HtmlBody, StringComparison.OrdinalIgnoreCase);
        }
    }
}
