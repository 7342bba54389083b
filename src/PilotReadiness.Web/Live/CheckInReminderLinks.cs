using System.Globalization;
using System.Net;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Live;
using PilotReadiness.Web.Email;
using PilotReadiness.Web.Outbox;
using PilotReadiness.Web.Reminders;
using PilotReadiness.Web.Security;

namespace PilotReadiness.Web.Live;

/// <summary>
/// The production owner's check-in reminders carry a single-use link, made when the email is sent (through
/// <see cref="LiveAccess.ChangeForSchedulerAsync"/>, which ends any earlier link), so that the outbox never stores its
/// secret. When no link can be made any more (the check-in was filed, or monitoring ended, after the reminder was
/// queued), the email points to the signed-in check-in page instead.
/// </summary>
public sealed class CheckInReminderLinks(LiveAccess access, PublicLinks links, TimeProvider time) : IOutboxLinks
{
    /// <summary>Where the reminder's body puts the link.</summary>
    public const string LinkPlaceholder = "[[check-in-link]]";

    /// <summary>Where the reminder's body says what the link is (it differs for a single-use link and the signed-in page).</summary>
    public const string NotePlaceholder = "[[check-in-link-note]]";

    public async Task<(string Text, string Html)> FillAsync(OutboxMessage message, string text, string html, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Kind is not (CheckInReminderSource.DueKind or CheckInReminderSource.OverdueOwnerKind)
            || !text.Contains(LinkPlaceholder, StringComparison.Ordinal)
            || message.Key.Split('/') is not [var pilotText, var dueText]
            || !Guid.TryParse(pilotText, out var pilotId)
            || !DateOnly.TryParseExact(dueText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due))
        {
            return (text, html);
        }

        string? token = null;
        CheckInLink? link = null;
        var change = await access.ChangeForSchedulerAsync(pilotId, LiveAction.SendCheckInLink, target =>
        {
            if (target.Live!.NextCheckIn.Due != due)
            {
                return Task.FromResult<IReadOnlyList<FieldError>>([new FieldError("checkIn", "The check-in this reminder is about has been filed.")]);
            }

            token = Tokens.New();
            link = target.Live.SendCheckInLink(Tokens.Hash(token), time.GetUtcNow());
            return Task.FromResult<IReadOnlyList<FieldError>>([]);
        }, cancellationToken);

        var (url, note) = change.Saved
            ? (links.To($"/check-in/{token}"),
                $"The link needs no account, works once and expires on {LiveNames.Day(link!.ExpiresAt.Day())}; a newer reminder or link replaces it. What you type is kept as you go.")
            : (links.To($"/live/{pilotId}/check-in"), "Sign in to file it, or ask the pilot's sponsor to send you a single-use link.");
        return (Fill(text, url, note), Fill(html, WebUtility.HtmlEncode(url), WebUtility.HtmlEncode(note)));
    }

    private static string Fill(string body, string url, string note) =>
        body.Replace(LinkPlaceholder, url, StringComparison.Ordinal).Replace(NotePlaceholder, note, StringComparison.Ordinal);
}
