using Microsoft.AspNetCore.Mvc;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Live;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Live;

namespace PilotReadiness.Web.Pages.Live;

/// <summary>
/// Changes a live pilot's monitoring plan; every change is audited. The form carries the plan revision it was read at:
/// if someone else changed the plan meanwhile, nothing is saved (figures arriving from the production system do not count).
/// </summary>
public sealed class PlanModel(LiveAccess access, AppDbContext db, TimeProvider time) : LivePageModel(access), IPlanPage
{
    [BindProperty]
    public PlanForm Input { get; set; } = new();

    /// <summary>The plan revision the form was read at.</summary>
    [BindProperty]
    public int PlanRevision { get; set; }

    public DateOnly? GoLiveFixed { get; private set; }

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

        if (!User.May(LiveAction.ChangePlan, Current))
        {
            return Forbid();
        }

        Input = PlanForm.From(Live.Plan.ToDraft());
        PlanRevision = Live.PlanRevision;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid pilotId, CancellationToken ct)
    {
        var by = await UserNames.DisplayNameAsync(db, User, ct);
        var changed = false;
        var refused = await ChangeAsync(pilotId, LiveAction.ChangePlan, Precondition.FormVersion(PlanRevision), target =>
        {
            var reader = new FormReader();
            var draft = Input.ToInput(reader).ToDraft();
            var now = time.GetUtcNow();
            IReadOnlyList<FieldError> errors = [.. reader.Errors, .. target.Live!.CheckPlan(draft, now.Day()).Where(e => reader.Errors.All(r => r.Field != e.Field))];
            if (errors.Count == 0)
            {
                changed = target.Live.ChangePlan(draft, by, now);
            }

            return Task.FromResult(errors);
        }, ct);
        if (refused is not null)
        {
            return refused;
        }

        TempData["Message"] = changed ? "Plan saved. The change is in the pilot's history." : "Nothing changed: the plan is as it was.";
        return Redirect($"/live/{pilotId}");
    }

    protected override Task ShowAsync(CancellationToken ct)
    {
        ViewData["Nav"] = "assessments";
        GoLiveFixed = Live?.GoLiveFixed(time.Today());
        if (Live is not null)
        {
            PlanRevision = Live.PlanRevision;
            ModelState.Remove(nameof(PlanRevision));
        }

        return Task.CompletedTask;
    }
}
