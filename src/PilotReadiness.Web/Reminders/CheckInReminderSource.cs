using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Live;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Email;
using PilotReadiness.Web.Live;

namespace PilotReadiness.Web.Reminders;

/// <summary>
/// Reminders about a live pilot's next check-in, as <see cref="CheckInReminders"/> schedules them: the production owner
/// (the plan's email) three days before it is due and again three days after while it is missing, the reviewers at seven
/// days overdue and the admins at fourteen. Each kind is keyed by the pilot and the check-in's due date, so each goes
/// once per check-in; a check-in filed, or monitoring ended, before the scan sends nothing more for that date. The
/// owner's emails leave their single-use link as a placeholder, made when the email is sent (<see cref="CheckInReminderLinks"/>).
/// </summary>
public sealed class CheckInReminderSource(AppDbContext db, ReminderRecipients people, PublicLinks links) : IReminderSource
{
    public const string DueKind = "checkin-due";
    public const string OverdueOwnerKind = "checkin-overdue-owner";
    public const string OverdueReviewersKind = "checkin-overdue-reviewers";
    public const string OverdueAdminsKind = "checkin-orphaned-admins";

    public static string KindOf(CheckInReminderStep step) => step switch
    {
        CheckInReminderStep.OwnerDueSoon => DueKind,
        CheckInReminderStep.OwnerOverdue => OverdueOwnerKind,
        CheckInReminderStep.ReviewersOverdue => OverdueReviewersKind,
        CheckInReminderStep.AdminsOverdue => OverdueAdminsKind,
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Unknown step."),
    };

    public async Task<IReadOnlyList<Reminder>> DueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = now.Day();
        // Narrowed by the kept next due date in the database; which steps hold is the domain's to say.
        var horizon = today.AddDays(CheckInReminders.Horizon);
        var live = await db.LivePilots.AsNoTracking().AsSplitQuery().Monitored().Where(l => l.NextCheckInDue <= horizon).ToListAsync(cancellationToken);
        var due = live.SelectMany(l => CheckInReminders.Due(l, today).Select(step => (Live: l, Step: step))).ToList();
        if (due.Count == 0)
        {
            return [];
        }

        var pilotIds = due.Select(d => d.Live.PilotId).Distinct().ToList();
        var titles = await db.Assessments.AsNoTracking().IgnoreAutoIncludes().Current().Where(a => pilotIds.Contains(a.PilotId))
            .ToDictionaryAsync(a => a.PilotId, a => a.Title, cancellationToken);
        IReadOnlyList<string>? reviewers = null;
        IReadOnlyList<string>? admins = null;

        var reminders = new List<Reminder>();
        foreach (var (pilot, step) in due)
        {
            var title = titles.GetValueOrDefault(pilot.PilotId, "a live pilot");
            var checkInDue = pilot.NextCheckIn.Due;
            IReadOnlyList<string> recipients = step switch
            {
                CheckInReminderStep.ReviewersOverdue => reviewers ??= await EmailsAsync(Roles.Reviewer, now, cancellationToken),
                CheckInReminderStep.AdminsOverdue => admins ??= await EmailsAsync(Roles.Admin, now, cancellationToken),
                _ => [pilot.Plan.OwnerEmail],
            };
            if (recipients.Count == 0)
            {
                continue;
            }

            var body = Body(step, pilot, title, checkInDue, today);
            var dueAt = new DateTimeOffset(CheckInReminders.DueOn(step, checkInDue).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            reminders.Add(new Reminder(KindOf(step), $"{pilot.PilotId}/{checkInDue:yyyy-MM-dd}", recipients,
                Subject(step, title, checkInDue), body.Text, body.Html, dueAt));
        }

        return reminders;
    }

    private async Task<IReadOnlyList<string>> EmailsAsync(string role, DateTimeOffset now, CancellationToken ct) =>
        [.. (await people.InRoleAsync(role, now, ct)).Select(u => u.Email!)];

    private static string Subject(CheckInReminderStep step, string title, DateOnly due) => step switch
    {
        CheckInReminderStep.OwnerDueSoon => $"Check-in due {LiveNames.Day(due)}: {title}",
        CheckInReminderStep.AdminsOverdue => $"Nobody has checked in for two weeks: {title}",
        _ => $"Check-in overdue since {LiveNames.Day(due)}: {title}",
    };

    private EmailBody Body(CheckInReminderStep step, LivePilot pilot, string title, DateOnly due, DateOnly today)
    {
        var date = LiveNames.Day(due);
        var late = today.DayNumber - due.DayNumber;
        var page = links.To($"/live/{pilot.PilotId}");
        var owner = pilot.Plan.OwnerName;
        return step switch
        {
            CheckInReminderStep.OwnerDueSoon => new EmailBody()
                .Paragraph($"Hello {owner},")
                .Paragraph($"The check-in for \"{title}\" is due on {date}. It takes about two minutes: how many people used it, " +
                    "a quality sample against the users' definition of good output, workarounds, and whether you still own it.")
                .Link("File the check-in", CheckInReminderLinks.LinkPlaceholder)
                .Paragraph(CheckInReminderLinks.NotePlaceholder)
                .Paragraph("You get this email because the pilot's monitoring plan names you as its production owner."),
            CheckInReminderStep.OwnerOverdue => new EmailBody()
                .Paragraph($"Hello {owner},")
                .Paragraph($"The check-in for \"{title}\" was due on {date} and is {late} days overdue. Until it is filed, " +
                    "nobody can tell whether the system is still used and still good enough.")
                .Paragraph("If you no longer own the system, say so in the check-in and name who does.")
                .Link("File the check-in", CheckInReminderLinks.LinkPlaceholder)
                .Paragraph(CheckInReminderLinks.NotePlaceholder)
                .Paragraph("You get this email because the pilot's monitoring plan names you as its production owner."),
            CheckInReminderStep.ReviewersOverdue => new EmailBody()
                .Paragraph("Hello,")
                .Paragraph($"The production owner of \"{title}\", {owner}, has not filed the check-in due on {date}: it is {late} days overdue " +
                    $"and the owner was reminded. At {MonitoringModel.OrphanedAfterDays + 1} days overdue the pilot counts as orphaned.")
                .Paragraph("Ask the owner or the sponsor what happened, or send the owner a new check-in link from the pilot's page.")
                .Link("Open the pilot after launch", page)
                .Paragraph("You get this email because you are a reviewer in PilotReadiness."),
            _ => new EmailBody()
                .Paragraph("Hello,")
                .Paragraph($"Nobody has filed the check-in of \"{title}\" due on {date}: it is {late} days overdue, the owner " +
                    $"({owner}) and the reviewers were reminded. At {MonitoringModel.OrphanedAfterDays + 1} days overdue the pilot counts as orphaned: nobody owns it.")
                .Paragraph("Find who owns the system now, and have the plan changed to name them, or record the pilot's outcome if it was stopped.")
                .Link("Open the pilot after launch", page)
                .Paragraph("You get this email because you are an admin in PilotReadiness."),
        };
    }
}
