using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PilotReadiness.Domain;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Email;

namespace PilotReadiness.Web.Reminders;

/// <summary>The reminders' settings (<c>Reminders:*</c>).</summary>
public sealed class ReminderOptions
{
    /// <summary>The day of the week from which the reviewers' weekly digest goes out (UTC).</summary>
    public DayOfWeek DigestDay { get; set; } = DayOfWeek.Monday;
}

/// <summary>
/// Once a week (ISO week, from <see cref="ReminderOptions.DigestDay"/>), every reviewer gets the list of pilots waiting for
/// leadership's decision (<see cref="AssessmentQueries.AwaitingDecision"/>), oldest first. Nothing is sent in a week when
/// none is waiting at the scan.
/// </summary>
public sealed class ReviewerDigest(AppDbContext db, ReminderRecipients people, PublicLinks links, IOptions<ReminderOptions> options) : IReminderSource
{
    public const string Kind = "reviewer-digest";

    /// <summary>The most pilots one digest lists; the rest are counted and the portfolio shows them.</summary>
    public const int MaxListed = 50;

    public async Task<IReadOnlyList<Reminder>> DueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = now.Day();
        var digestDay = IsoDay(options.Value.DigestDay);
        if (IsoDay(today.DayOfWeek) < digestDay)
        {
            return [];
        }

        var waiting = db.Assessments.AsNoTracking().IgnoreAutoIncludes().Current().AwaitingDecision(DateTimeOffset.MaxValue);
        var total = await waiting.CountAsync(cancellationToken);
        if (total == 0)
        {
            return [];
        }

        var listed = await waiting.OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id).Take(MaxListed)
            .Select(a => new { a.Id, a.Title, a.BusinessUnit, a.SubmittedAt }).ToListAsync(cancellationToken);
        var reviewers = await people.InRoleAsync(Roles.Reviewer, now, cancellationToken);

        var week = ISOWeek.GetWeekOfYear(today.ToDateTime(TimeOnly.MinValue));
        var year = ISOWeek.GetYear(today.ToDateTime(TimeOnly.MinValue));
        var dueAt = new DateTimeOffset(ISOWeek.ToDateTime(year, week, options.Value.DigestDay), TimeSpan.Zero);
        var key = string.Create(CultureInfo.InvariantCulture, $"{year}-W{week:00}");
        var subject = total == 1 ? "1 pilot is waiting for your decision" : $"{total} pilots are waiting for your decision";
        var items = listed.Select(a => (
            $"{a.Title} ({a.BusinessUnit}), submitted {a.SubmittedAt!.Value.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}, " +
            $"waiting {Days(today.DayNumber - a.SubmittedAt.Value.Day().DayNumber)}",
            (string?)links.To($"/assessments/{a.Id}/results"))).ToList();

        return [.. reviewers.Select(reviewer =>
        {
            var body = new EmailBody()
                .Paragraph($"Hello {reviewer.DisplayName},")
                .Paragraph(total == 1
                    ? "This pilot was submitted for review and waits for leadership's decision:"
                    : $"These {total} pilots were submitted for review and wait for leadership's decision, longest waiting first:")
                .List(items);
            if (total > listed.Count)
            {
                body.Paragraph($"…and {total - listed.Count} more.");
            }

            body.Link("Open the portfolio", links.To("/portfolio"))
                .Paragraph($"You get this digest every week because you are a reviewer in PilotReadiness ({key}).");
            return new Reminder(Kind, key, [reviewer.Email!], subject, body.Text, body.Html, dueAt);
        })];
    }

    private static string Days(int days) => days == 1 ? "1 day" : string.Create(CultureInfo.InvariantCulture, $"{days} days");

    /// <summary>Monday 1 … Sunday 7.</summary>
    private static int IsoDay(DayOfWeek day) => day == DayOfWeek.Sunday ? 7 : (int)day;
}
