using Microsoft.AspNetCore.Mvc;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Live;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Live;
using PilotReadiness.Web.Pages.Assessments;

namespace PilotReadiness.Web.Pages.Live;

/// <summary>
/// A sponsor of the pilot files the period's check-in signed in (the production owner usually uses the emailed link),
/// or corrects one (<c>?correct={checkInId}</c>): a correction is a new entry that supersedes the old one. The answers
/// are kept as they are typed (the <c>Autosave</c> handler, with script) or on "Save for later" (without).
/// </summary>
public sealed class CheckInModel(LiveAccess access, AppDbContext db, TimeProvider time) : LivePageModel(access), ICheckInPage
{
    [BindProperty]
    public CheckInFields Input { get; set; } = new();

    /// <summary>The check-in being corrected, if this is a correction.</summary>
    [BindProperty(SupportsGet = true, Name = "correct")]
    public Guid? Correct { get; set; }

    public MonitoringPlan Plan => Live!.Plan;

    public Period Period { get; private set; }

    public string? AutosaveUrl => Correct is null ? $"/live/{PilotId}/check-in?handler=Autosave" : null;

    /// <summary>Why no check-in can be filed now, or null.</summary>
    public string? NotOpen { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid pilotId, CancellationToken ct)
    {
        if (!await LoadAsync(pilotId, ct))
        {
            return NotFound();
        }

        if (Live is null)
        {
            return Redirect($"/live/{pilotId}");
        }

        if (!User.May(Correct is null ? LiveAction.FileCheckIn : LiveAction.CorrectCheckIn, Current))
        {
            return Forbid();
        }

        var form = Correct is { } id ? Live.CheckIns.FirstOrDefault(c => c.Id == id)?.ToForm() : await CheckInDrafts.FindAsync(db, PilotId, ct);
        if (Correct is not null && form is null)
        {
            return NotFound();
        }

        Input = CheckInFields.From(form ?? CheckInForm.Empty);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid pilotId, CancellationToken ct)
    {
        var by = await UserNames.DisplayNameAsync(db, User, ct);
        var action = Correct is null ? LiveAction.FileCheckIn : LiveAction.CorrectCheckIn;
        var refused = await ChangeAsync(pilotId, action, Precondition.None, async target =>
        {
            var (form, shape) = Input.Read();
            var errors = CheckInFields.Merge(shape, CheckIn.Check(form));
            if (errors.Count > 0)
            {
                return errors;
            }

            var now = time.GetUtcNow();
            if (Correct is { } id)
            {
                if (target.Live!.CheckIns.All(c => c.Id != id))
                {
                    return [new FieldError("correct", "This pilot has no such check-in.")];
                }

                if (target.Live.WhyNotCorrect(id, now.Day()) is { } why)
                {
                    return [new FieldError("correct", why.Message)];
                }

                target.Live.CorrectCheckIn(id, form, by, CheckInChannel.SignedIn, now);
            }
            else
            {
                target.Live!.FileCheckIn(form, by, CheckInChannel.SignedIn, now);
                await CheckInDrafts.ClearAsync(db, target.Live.PilotId, ct);
            }

            return [];
        }, ct);
        if (refused is not null)
        {
            return refused;
        }

        TempData["Message"] = Correct is null ? "Check-in filed. Thank you: the alarms below reflect it." : "Correction filed; the earlier entry is kept, marked corrected.";
        return Redirect($"/live/{pilotId}");
    }

    /// <summary>Keeps what has been typed so far (called by the page's script as the owner types).</summary>
    public async Task<IActionResult> OnPostAutosaveAsync(Guid pilotId, CancellationToken ct)
    {
        var result = await KeepAsync(pilotId, ct);
        if (result.Refusal is { Reason: AccessRefusalReason.NotFound } || result.Target is null)
        {
            return NotFound();
        }

        if (result.Refusal is { Reason: AccessRefusalReason.Forbidden })
        {
            return Forbid();
        }

        return result.Refusal is { } refusal
            ? new JsonResult(new { saved = false, message = refusal.PageMessage() }) { StatusCode = StatusCodes.Status409Conflict }
            : result.Errors.Count > 0
                ? new JsonResult(new { saved = false, errors = result.Errors.ToDictionary(e => e.Field, e => e.Message) }) { StatusCode = StatusCodes.Status400BadRequest }
                : new JsonResult(new { saved = true, at = time.GetUtcNow() });
    }

    /// <summary>"Save for later" without script: keeps the answers and shows the page again.</summary>
    public async Task<IActionResult> OnPostSaveDraftAsync(Guid pilotId, CancellationToken ct)
    {
        var result = await KeepAsync(pilotId, ct);
        if (!result.Saved)
        {
            return await ShowAsync(result, pilotId, ct);
        }

        TempData["Message"] = "Saved for later. Come back to this page to finish the check-in.";
        return Redirect($"/live/{pilotId}/check-in");
    }

    private async Task<LiveChange> KeepAsync(Guid pilotId, CancellationToken ct) =>
        await Access.ChangeAsync(User, pilotId, LiveAction.FileCheckIn, Precondition.None, async target =>
        {
            var (form, shape) = Input.Read();
            return shape.Count > 0 ? shape : await CheckInDrafts.KeepAsync(db, target.Current.PilotId, form, time.GetUtcNow(), ct);
        }, ct);

    protected override Task ShowAsync(CancellationToken ct)
    {
        ViewData["Nav"] = "assessments";
        if (Live is null)
        {
            return Task.CompletedTask;
        }

        var today = time.Today();
        var corrected = Correct is { } id ? Live.CheckIns.FirstOrDefault(c => c.Id == id) : null;
        Period = corrected is not null ? Live.Schedule.Period(corrected.Period) : Live.OpenPeriod(today) ?? Live.NextCheckIn;
        NotOpen = corrected is not null ? Live.WhyNotCorrect(corrected.Id, today)?.Message : Live.WhyNot(LiveAction.FileCheckIn, today)?.Message;
        return Task.CompletedTask;
    }
}
