using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Live;
using PilotReadiness.Domain.Outcomes;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Live;

namespace PilotReadiness.Web.Pages.Live;

/// <summary>
/// A pilot after launch: its health and alarms with their evidence and actions, the next check-in, the series of
/// usage and quality against the plan, every check-in, the plan and the outcome. Anyone who reads the assessment
/// reads this page; what they may change is offered by role.
/// </summary>
public sealed class IndexModel(LiveAccess access, AppDbContext db, CheckInLinks links, TimeProvider time) : LivePageModel(access)
{
    public DateOnly Today { get; private set; }

    public MonitoringResult? Result { get; private set; }

    public IReadOnlyList<LiveChart> Charts { get; private set; } = [];

    public LiveHealth? Health { get; private set; }

    public PilotOutcome? Outcome { get; private set; }

    /// <summary>Why go-live is not possible now (for a pilot not live), or null.</summary>
    public string? NotReadyToGoLive { get; private set; }

    public Period? OpenPeriod { get; private set; }

    public bool May(LiveAction action) => User.May(action, Current);

    public async Task<IActionResult> OnGetAsync(Guid pilotId, CancellationToken ct) =>
        await LoadAsync(pilotId, ct) ? Page() : NotFound();

    /// <summary>Emails the production owner a new single-use link for the next check-in.</summary>
    public async Task<IActionResult> OnPostSendLinkAsync(Guid pilotId, CancellationToken ct)
    {
        var (change, emailed) = await links.SendAsync(User, pilotId, ct);
        if (!change.Saved)
        {
            return await ShowAsync(change, pilotId, ct);
        }

        TempData["Message"] = emailed
            ? $"A check-in link is on its way to {change.Target!.Live!.Plan.OwnerEmail}; it works once and for 21 days."
            : "The link is saved, but the email could not be sent. Try again in a few minutes.";
        return Redirect($"/live/{pilotId}");
    }

    protected override async Task ShowAsync(CancellationToken ct)
    {
        ViewData["Nav"] = "assessments";
        Today = time.Today();
        Outcome = await db.PilotOutcomes.AsNoTracking().FirstOrDefaultAsync(o => o.PilotId == PilotId && o.SupersededAt == null, ct);
        if (Live is null)
        {
            NotReadyToGoLive = LivePilot.WhyNotGoLive(Current, null, Today)?.Message;
            return;
        }

        Result = Live.Evaluate(await Access.SignalsAsync(PilotId, ct), Today);
        Charts = LiveChart.For(Result, Live.Plan);
        Health = Live.Ended ? null : Result.Health;
        OpenPeriod = Live.OpenPeriod(Today);
    }
}
