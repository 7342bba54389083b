using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Email;

namespace PilotReadiness.Web.Reminders;

/// <summary>
/// A week before an approved waiver of a gate ends, and until it does, reminds the people who answer for the pilot (the
/// owner and collaborators of its current assessment) and the reviewer who approved it, that the gate will cap the
/// verdict again. One email per waiver, last day and recipient.
/// </summary>
public sealed class WaiverExpiryReminders(AppDbContext db, ReminderRecipients people, PublicLinks links) : IReminderSource
{
    public const string Kind = "waiver-expiry";
    public const int DaysBefore = 7;

    public async Task<IReadOnlyList<Reminder>> DueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var horizon = now.AddDays(DaysBefore);
        var approved = WaiverStatus.Approved;
        // Narrowed by date in the database; whether each waiver still holds is the domain's to say (HoldsAt).
        var pilots = await db.Assessments.AsNoTracking().IgnoreAutoIncludes().Include(a => a.Collaborators).Include(a => a.Waivers).Current()
            .Where(a => a.Waivers.Any(w => w.Status == approved && w.ExpiresAt > now && w.ExpiresAt <= horizon))
            .ToListAsync(cancellationToken);
        var due = pilots.SelectMany(a => a.Waivers.Where(w => w.HoldsAt(now) && w.ExpiresAt <= horizon).Select(w => (Assessment: a, Waiver: w))).ToList();
        if (due.Count == 0)
        {
            return [];
        }

        var userIds = due.SelectMany(x => x.Assessment.Collaborators.Select(c => c.UserId).Append(x.Assessment.OwnerId).Append(x.Waiver.DecidedById!))
            .Distinct().ToList();
        var emails = await people.EmailsAsync(userIds, now, cancellationToken);
        var reminders = new List<Reminder>();
        foreach (var (pilot, waiver) in due)
        {
            var recipients = pilot.Collaborators.Select(c => c.UserId).Prepend(pilot.OwnerId).Append(waiver.DecidedById!).Distinct()
                .Select(id => emails.GetValueOrDefault(id)).OfType<string>().ToList();
            if (recipients.Count == 0)
            {
                continue;
            }

            var until = waiver.Until!.Value;
            var date = until.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
            var body = new EmailBody()
                .Paragraph("Hello,")
                .Paragraph($"The waiver of the gate \"{waiver.Label}\" on \"{pilot.Title}\", approved by {waiver.DecidedByName}, ends on {date}. " +
                    "From the next day the gate caps the pilot's verdict again.")
                .List([($"Reason given: {waiver.Reason}", null)])
                .Paragraph("Fix what the gate asks for before then, or ask for a new waiver once this one has ended.")
                .Link("Open the pilot", links.To($"/assessments/{pilot.Id}/results"))
                .Paragraph("You get this email because you own or collaborate on this assessment in PilotReadiness, or approved the waiver.");
            reminders.Add(new Reminder(Kind, $"{waiver.Id}/{until:yyyy-MM-dd}", recipients,
                $"Waiver ends {date}: {pilot.Title}", body.Text, body.Html, waiver.ExpiresAt!.Value.AddDays(-DaysBefore)));
        }

        return reminders;
    }
}
