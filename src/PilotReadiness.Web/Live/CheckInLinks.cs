using System.Net;
using System.Security.Claims;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Live;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Email;
using PilotReadiness.Web.Security;

namespace PilotReadiness.Web.Live;

/// <summary>
/// Emails the production owner a single-use link to file the next check-in without an account. The link is recorded
/// through <see cref="LiveAccess"/> (only the hash of its token is kept); the email is sent once that is saved.
/// </summary>
public sealed class CheckInLinks(LiveAccess access, IEmailSender email, IHttpContextAccessor http, TimeProvider time, ILogger<CheckInLinks> logger)
{
    /// <summary>Records a new link for the next check-in and emails it; <c>Emailed</c> is false when only the email failed.</summary>
    public async Task<(LiveChange Change, bool Emailed)> SendAsync(ClaimsPrincipal user, Guid pilotId, CancellationToken ct)
    {
        string? token = null;
        CheckInLink? link = null;
        var change = await access.ChangeAsync(user, pilotId, LiveAction.SendCheckInLink, Precondition.None, target =>
        {
            token = Tokens.New();
            link = target.Live!.SendCheckInLink(Tokens.Hash(token), time.GetUtcNow());
            return Task.FromResult<IReadOnlyList<FieldError>>([]);
        }, ct);
        if (!change.Saved)
        {
            return (change, false);
        }

        try
        {
            await email.SendAsync(Message(BaseUrl(), change.Target!.Current, change.Target.Live!, link!, token!), ct);
            return (change, true);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The link is saved; only the email failed. Sending again makes a new link (and ends this one).
            logger.LogError(e, "Could not email the check-in link for pilot {PilotId}", pilotId);
            return (change, false);
        }
    }

    /// <summary>The email with the link to <c>/check-in/{token}</c>; every value a person typed is HTML-encoded.</summary>
    public static EmailMessage Message(string baseUrl, Assessment current, LivePilot live, CheckInLink link, string token)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(link);
        var url = $"{baseUrl.TrimEnd('/')}/check-in/{token}";
        var due = LiveNames.Day(link.DueDate);
        var expires = LiveNames.Day(link.ExpiresAt.Day());
        static string Enc(string value) => WebUtility.HtmlEncode(value);
        return new EmailMessage(
            link.Email,
            $"Check-in due {due}: \"{current.Title}\"",
            $"Hello {live.Plan.OwnerName},\n\nThe check-in for \"{current.Title}\" ({current.BusinessUnit}) is due on {due}. It takes about two minutes: " +
            $"how many people used it, a quality sample against the users' definition of good output, workarounds, and whether you still own it.\n\n" +
            $"{url}\n\nThe link works once, needs no account, and expires on {expires}. What you type is kept as you go.\n",
            $"<p>Hello {Enc(live.Plan.OwnerName)},</p><p>The check-in for \"{Enc(current.Title)}\" ({Enc(current.BusinessUnit)}) is due on {due}. " +
            "It takes about two minutes: how many people used it, a quality sample against the users' definition of good output, workarounds, " +
            $"and whether you still own it.</p><p><a href=\"{Enc(url)}\">File the check-in</a></p>" +
            $"<p>The link works once, needs no account, and expires on {expires}. What you type is kept as you go.</p>");
    }

    private string BaseUrl()
    {
        var request = http.HttpContext?.Request ?? throw new InvalidOperationException("Check-in links are sent while handling a request.");
        return $"{request.Scheme}://{request.Host}{request.PathBase}";
    }
}
