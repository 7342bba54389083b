using System.Net;
using Microsoft.AspNetCore.Identity;
using PilotReadiness.Web.Auth;

namespace PilotReadiness.Web.Email;

/// <summary>The account emails (password reset, invitation), used by the account pages and the /api/auth endpoints alike.</summary>
public sealed class IdentityEmails(IEmailSender sender, IHttpContextAccessor http) : IEmailSender<AppUser>
{
    public Task SendConfirmationLinkAsync(AppUser user, string email, string confirmationLink) =>
        Send(email, "Confirm your PilotReadiness email",
            $"Hello {user?.DisplayName},\n\nConfirm your email address by opening this link:\n{confirmationLink}\n",
            $"<p>Hello {Enc(user?.DisplayName)},</p><p><a href=\"{Enc(confirmationLink)}\">Confirm your email address</a>.</p>");

    public Task SendPasswordResetLinkAsync(AppUser user, string email, string resetLink) =>
        Send(email, "Reset your PilotReadiness password",
            $"Hello {user?.DisplayName},\n\nSomeone (hopefully you) asked to reset your password. Choose a new one here:\n{resetLink}\n\nIf it was not you, ignore this email.\n",
            $"<p>Hello {Enc(user?.DisplayName)},</p><p>Someone (hopefully you) asked to reset your password. <a href=\"{Enc(resetLink)}\">Choose a new password</a>.</p><p>If it was not you, ignore this email.</p>");

    public Task SendPasswordResetCodeAsync(AppUser user, string email, string resetCode) =>
        SendPasswordResetLinkAsync(user, email, ResetLink(email, resetCode));

    /// <summary>An admin invited someone: the link lets them choose a password (a password-reset token underneath).</summary>
    public Task SendInvitationAsync(AppUser user, string invitedBy, string resetCode) =>
        Send(user.Email!, "You are invited to PilotReadiness",
            $"Hello {user.DisplayName},\n\n{invitedBy} invited you to PilotReadiness. Choose your password to sign in:\n{Link("/account/accept-invitation", user.Email!, resetCode)}\n",
            $"<p>Hello {Enc(user.DisplayName)},</p><p>{Enc(invitedBy)} invited you to PilotReadiness. <a href=\"{Enc(Link("/account/accept-invitation", user.Email!, resetCode))}\">Choose your password</a> to sign in.</p>");

    public string ResetLink(string email, string code) => Link("/account/reset-password", email, code);

    private string Link(string path, string email, string code)
    {
        var request = http.HttpContext?.Request
            ?? throw new InvalidOperationException("Account emails are sent while handling a request.");
        return $"{request.Scheme}://{request.Host}{request.PathBase}{path}?email={Uri.EscapeDataString(email)}&code={Uri.EscapeDataString(code)}";
    }

    private Task Send(string to, string subject, string text, string html) => sender.SendAsync(new EmailMessage(to, subject, text, html));

    private static string Enc(string? value) => WebUtility.HtmlEncode(value ?? "");
}
