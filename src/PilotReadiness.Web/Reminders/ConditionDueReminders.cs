using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Email;

namespace PilotReadiness.Web.Reminders;

/// <summary>
/// A week before a condition of a conditional go is due, and until its date while it is still open, reminds the people
/// who answer for the pilot in the app: the owner and collaborators of the pilot's current assessment. (A condition's
/// owner is a name typed by the reviewer, not an account, so the email names them and asks the sponsors to make sure
/// they know.) One email per condition, due date and recipient; a condition marked met, or a decision superseded, before
/// the scan sends nothing.
/// </summary>
public sealed class ConditionDueReminders(AppDbContext db, ReminderRecipients people, PublicLinks links) : IReminderSource
{
    public const string Kind = "condition-due";
    public const int DaysBefore = 7;

    public async Task<IReadOnlyList<Reminder>> DueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = now.Day();
        var horizon = today.AddDays(DaysBefore);
        // Narrowed by date in the database; whether each condition is still open is the domain's to say (State).
        var decisions = await db.Decisions.AsNoTracking().Current()
            .Where(d => d.Conditions.Any(c => c.DueDate >= today && c.DueDate <= horizon))
            .ToListAsync(cancellationToken);
        var due = decisions
            .SelectMany(d => d.Conditions.Where(c => c.DueDate <= horizon && c.State(today) == ConditionState.Open).Select(c => (Decision: d, Condition: c)))
            .ToList();
        if (due.Count == 0)
        {
            return [];
        }

        var pilotIds = due.Select(x => x.Decision.PilotId).Distinct().ToList();
        var pilots = await db.Assessments.AsNoTracking().IgnoreAutoIncludes().Include(a => a.Collaborators).Current()
            .Where(a => pilotIds.Contains(a.PilotId)).ToDictionaryAsync(a => a.PilotId, cancellationToken);
        var userIds = pilots.Values.SelectMany(a => a.Collaborators.Select(c => c.UserId).Prepend(a.OwnerId)).Distinct().ToList();
        var emails = await people.EmailsAsync(userIds, now, cancellationToken);

        var reminders = new List<Reminder>();
        foreach (var (decision, condition) in due)
        {
            if (!pilots.TryGetValue(decision.PilotId, out var pilot))
            {
                continue;
            }

            var recipients = pilot.Collaborators.Select(c => c.UserId).Prepend(pilot.OwnerId)
                .Select(id => emails.GetValueOrDefault(id)).OfType<string>().ToList();
            if (recipients.Count == 0)
            {
                continue;
            }

            var date = condition.DueDate.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
            var days = condition.DueDate.DayNumber - today.DayNumber;
            var when = days switch { 0 => "today", 1 => "tomorrow", _ => $"in {days} days" };
            var body = new EmailBody()
                .Paragraph("Hello,")
                .Paragraph($"The go-with-conditions decision on \"{pilot.Title}\" has a condition due {when}, on {date}:")
                .List([(condition.Description, null), ($"Who answers for it: {condition.Owner}", null)])
                .Paragraph("When it is met, a reviewer marks it met on the pilot's results page. If it is still open after that date, " +
                    "the go lapses and the portfolio shows the pilot as lapsed.")
                .Link("Open the pilot", links.To($"/assessments/{pilot.Id}/results"))
                .Paragraph($"You get this email because you own or collaborate on this assessment in PilotReadiness. " +
                    $"Please make sure {condition.Owner} knows.");
            reminders.Add(new Reminder(Kind, $"{condition.Id}/{condition.DueDate:yyyy-MM-dd}", recipients,
                $"Condition due {date}: {pilot.Title}", body.Text, body.Html,
                new DateTimeOffset(condition.DueDate.AddDays(-DaysBefore).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)));
        }

        return reminders;
    }
}
