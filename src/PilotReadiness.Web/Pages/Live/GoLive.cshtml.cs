using Microsoft.AspNetCore.Mvc;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Live;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Live;
using PilotReadiness.Web.Security;

namespace PilotReadiness.Web.Pages.Live;

/// <summary>
/// A sponsor or reviewer records that a pilot with a go decision went live, with its monitoring plan (started from the
/// assessment's answers). A production owner or quality reviewer named in the assessment who has not confirmed the
/// role is asked to, as from the review page.
/// </summary>
public sealed class GoLiveModel(LiveAccess access, AppDbContext db, ConfirmationRequests confirmations, IQuestionnaireCatalog catalog, TimeProvider time)
    : LivePageModel(access), IPlanPage
{
    [BindProperty]
    public PlanForm Input { get; set; } = new();

    public DateOnly? GoLiveFixed => null;

    /// <summary>Why this pilot cannot go live now, or null.</summary>
    public string? NotPossible { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid pilotId, CancellationToken ct)
    {
        if (!await LoadAsync(pilotId, ct))
        {
            return NotFound();
        }

        if (!User.May(LiveAction.GoLive, Current))
        {
            return Forbid();
        }

        Input = PlanForm.From(MonitoringPlan.Suggested(Current, catalog, time.Today()));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid pilotId, CancellationToken ct)
    {
        var requests = new List<(string Token, Confirmation Confirmation)>();
        var by = await UserNames.DisplayNameAsync(db, User, ct);
        var refused = await ChangeAsync(pilotId, LiveAction.GoLive, Precondition.None, target =>
        {
            requests.Clear();
            var reader = new FormReader();
            var draft = Input.ToInput(reader).ToDraft();
            var now = time.GetUtcNow();
            IReadOnlyList<FieldError> errors = [.. reader.Errors, .. MonitoringPlan.Check(draft, now.Day()).Where(e => reader.Errors.All(r => r.Field != e.Field))];
            if (errors.Count > 0)
            {
                return Task.FromResult(errors);
            }

            db.LivePilots.Add(LivePilot.GoLive(target.Current, null, draft, by, now));
            requests.AddRange(AskToConfirm(target.Current, draft, now));
            return Task.FromResult<IReadOnlyList<FieldError>>([]);
        }, ct);
        if (refused is not null)
        {
            return refused;
        }

        foreach (var (token, confirmation) in requests)
        {
            await confirmations.SendAsync(Current, confirmation, token, by, ct);
        }

        TempData["Message"] = "The pilot is live. The first check-in is due at the end of its first period" +
            (requests.Count > 0 ? $"; {string.Join(" and ", requests.Select(r => r.Confirmation.PersonName))} asked to confirm their role." : ".");
        return Redirect($"/live/{pilotId}");
    }

    /// <summary>
    /// The owner and quality reviewer named both in the plan and in the assessment, whose claim is neither confirmed nor
    /// waiting for an answer, are asked to confirm it at the plan's email address.
    /// </summary>
    private IEnumerable<(string Token, Confirmation Confirmation)> AskToConfirm(Assessment current, PlanDraft plan, DateTimeOffset now)
    {
        var claims = current.ClaimStates(now);
        foreach (var (key, name, email) in new[] { (QuestionKeys.ProductionOwner, plan.OwnerName, plan.OwnerEmail), (QuestionKeys.QualityReviewer, plan.ReviewerName, plan.ReviewerEmail) })
        {
            var answered = current.Answers.FirstOrDefault(a => a.QuestionKey == key)?.Value;
            if (email is null || answered is null || answered != name?.Trim()
                || claims.GetValueOrDefault(key) is ClaimState.Confirmed or ClaimState.Pending
                || current.WhyNot(AssessmentAction.RequestConfirmation) is not null || current.CheckConfirmationRequest(catalog, key, email).Count > 0)
            {
                continue;
            }

            var token = Tokens.New();
            yield return (token, current.RequestConfirmation(catalog, key, email, Tokens.Hash(token), now, ConfirmationRequests.ValidFor));
        }
    }

    protected override Task ShowAsync(CancellationToken ct)
    {
        ViewData["Nav"] = "assessments";
        NotPossible = LivePilot.WhyNotGoLive(Current, Live, time.Today())?.Message;
        return Task.CompletedTask;
    }
}
