using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Live;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Live;
using PilotReadiness.Web.Pages.Assessments;
using PilotReadiness.Web.Pages.Live;

namespace PilotReadiness.Web.Pages;

/// <summary>
/// Where the production owner files a check-in through the single-use link emailed to them: no account needed. The
/// link works until the check-in is filed, it expires (21 days) or a newer link replaces it; what is typed is kept as
/// it goes, so it can be finished later from the same link.
/// </summary>
public sealed class CheckInLinkModel(LiveAccess access, AppDbContext db, TimeProvider time) : PageModel, ICheckInPage
{
    [BindProperty]
    public CheckInFields Input { get; set; } = new();

    public Assessment? Current { get; private set; }

    public LivePilot? Live { get; private set; }

    public CheckInLink? Link { get; private set; }

    public MonitoringPlan Plan => Live!.Plan;

    public Period Period { get; private set; }

    public string? AutosaveUrl { get; private set; }

    /// <summary>Why the link cannot be used (it is shown with 410 Gone), or null.</summary>
    public string? Unusable { get; private set; }

    public string? Problem { get; private set; }

    public bool Done { get; private set; }

    public bool Invalid(string key) => ModelState.Invalid(key);

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        if (!await LoadAsync(token, ct))
        {
            return Gone();
        }

        Input = CheckInFields.From(await CheckInDrafts.FindAsync(db, Live!.PilotId, ct) ?? CheckInForm.Empty);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        var result = await access.ChangeByLinkAsync(token, LiveAction.FileCheckIn, async (target, link) =>
        {
            HttpContext.Items[AuditInterceptor.AnonymousActorKey] = link.Email;
            var (form, shape) = Input.Read();
            var errors = CheckInFields.Merge(shape, CheckIn.Check(form));
            if (errors.Count > 0)
            {
                return errors;
            }

            target.Live!.FileCheckInByLink(link.Id, form, time.GetUtcNow());
            await CheckInDrafts.ClearAsync(db, target.Live.PilotId, ct);
            return [];
        }, ct);
        if (result.Saved)
        {
            (Current, Live) = (result.Target!.Current, result.Target.Live);
            Done = true;
            return Page();
        }

        return await ShowAsync(token, result, ct);
    }

    /// <summary>Keeps what has been typed so far (called by the page's script as the owner types).</summary>
    public async Task<IActionResult> OnPostAutosaveAsync(string token, CancellationToken ct)
    {
        var result = await KeepAsync(token, ct);
        return result.Refusal is not null
            ? new JsonResult(new { saved = false, message = Unusable ?? "This link can no longer be used." }) { StatusCode = StatusCodes.Status410Gone }
            : result.Errors.Count > 0
                ? new JsonResult(new { saved = false, errors = result.Errors.ToDictionary(e => e.Field, e => e.Message) }) { StatusCode = StatusCodes.Status400BadRequest }
                : new JsonResult(new { saved = true, at = time.GetUtcNow() });
    }

    /// <summary>"Save for later" without script.</summary>
    public async Task<IActionResult> OnPostSaveDraftAsync(string token, CancellationToken ct)
    {
        var result = await KeepAsync(token, ct);
        if (!result.Saved)
        {
            return await ShowAsync(token, result, ct);
        }

        TempData["Message"] = "Saved for later: open the same link to finish the check-in.";
        return Redirect($"/check-in/{token}");
    }

    private Task<LiveChange> KeepAsync(string token, CancellationToken ct) =>
        access.ChangeByLinkAsync(token, LiveAction.FileCheckIn, async (target, _) =>
        {
            var (form, shape) = Input.Read();
            return shape.Count > 0 ? shape : await CheckInDrafts.KeepAsync(db, target.Current.PilotId, form, time.GetUtcNow(), ct);
        }, ct);

    private async Task<IActionResult> ShowAsync(string token, LiveChange result, CancellationToken ct)
    {
        if (!await LoadAsync(token, ct))
        {
            return Gone();
        }

        if (result.Refusal is { } refusal)
        {
            Problem = refusal.Reason == AccessRefusalReason.Stale ? "Someone filed or changed this check-in at the same moment; check the answers and send them again." : refusal.Message;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        ModelState.AddErrors(result.Errors);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(string token, CancellationToken ct)
    {
        var (target, link, refusal) = await access.LinkAsync(token, LiveAction.FileCheckIn, tracked: false, ct);
        if (target is null || link is null)
        {
            return false;
        }

        (Current, Live, Link) = (target.Current, target.Live, link);
        Unusable = refusal?.Message;
        Period = Live!.OpenPeriod(time.Today()) ?? Live.NextCheckIn;
        AutosaveUrl = $"/check-in/{token}?handler=Autosave";
        return refusal is null;
    }

    private PageResult Gone()
    {
        Response.StatusCode = StatusCodes.Status410Gone;
        return Page();
    }
}
