using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Live;
using PilotReadiness.Domain.Outcomes;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Live;
using PilotReadiness.Web.Pages.Assessments;

namespace PilotReadiness.Web.Pages.Live;

/// <summary>
/// A reviewer records how a pilot turned out; a new outcome supersedes the last, and all are kept. The form carries the
/// outcome revision it was read at, so a reviewer never replaces an outcome recorded meanwhile without seeing it.
/// </summary>
[Authorize(Policy = Policies.Reviewer)]
public sealed class OutcomeModel(LiveAccess access, AppDbContext db, IValidator<OutcomeInput> validator, TimeProvider time) : LivePageModel(access)
{
    public const string StaleOutcomeMessage = "Someone recorded an outcome for this pilot since you opened this page, so nothing was saved. Check the outcomes below, then try again.";

    [BindProperty]
    public FormInput Input { get; set; } = new();

    /// <summary>How many outcomes had been recorded when the form was read.</summary>
    [BindProperty]
    public int Revision { get; set; }

    public IReadOnlyList<PilotOutcome> Outcomes { get; private set; } = [];

    /// <summary>The outcomes this pilot can have: the launched ones once it went live, else stopped before launch.</summary>
    public IReadOnlyList<OutcomeKind> Kinds => [.. OutcomeNames.All.Where(k => k.Launched() == (Live is not null))];

    public string? NotPossible { get; private set; }

    /// <summary>The monitoring model's "stalled?": decaying at each of the last period ends.</summary>
    public bool SuggestStalled { get; private set; }

    public DateOnly Today { get; private set; }

    protected override string StaleProblem => StaleOutcomeMessage;

    public async Task<IActionResult> OnGetAsync(Guid pilotId, string? kind, CancellationToken ct)
    {
        if (!await LoadAsync(pilotId, ct))
        {
            return NotFound();
        }

        var chosen = OutcomeNames.FromKey(kind) is { } k && Kinds.Contains(k) ? k
            : SuggestStalled ? OutcomeKind.Stalled : (OutcomeKind?)null;
        Input = new FormInput { Kind = chosen?.ToKey(), Date = LiveDisplay.IsoDay(Today) };
        Revision = Outcomes.Count;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid pilotId, CancellationToken ct)
    {
        var input = new OutcomeInput { Kind = Input.Kind, Date = Input.Date, Note = Input.Note };
        var validation = await validator.ValidateAsync(input, ct);
        if (!validation.IsValid)
        {
            if (!await LoadAsync(pilotId, ct))
            {
                return NotFound();
            }

            ModelState.AddErrors(validation);
            return ShowProblem(null, StatusCodes.Status400BadRequest);
        }

        var by = await UserNames.DisplayNameAsync(db, User, ct);
        PilotOutcome? recorded = null;
        var refused = await ChangeAsync(pilotId, LiveAction.RecordOutcome, Precondition.FormVersion(Revision), async target =>
        {
            (recorded, var errors) = await PilotReadiness.Web.Live.Outcomes.RecordAsync(db, target, input, User.UserId(), by, time.GetUtcNow(), ct);
            return errors;
        }, ct);
        if (refused is not null)
        {
            if (Problem == StaleOutcomeMessage)
            {
                // The page now shows the outcomes recorded meanwhile: a second try supersedes what it shows.
                ModelState.Remove(nameof(Revision));
                Revision = Outcomes.Count;
            }

            return refused;
        }

        TempData["Message"] = $"Outcome recorded: {recorded!.Kind.ToLabel()}." + (recorded.Kind.EndsMonitoring() && recorded.Kind.Launched() ? " Monitoring has ended." : "");
        return Redirect($"/live/{pilotId}");
    }

    protected override async Task ShowAsync(CancellationToken ct)
    {
        ViewData["Nav"] = "assessments";
        Today = time.Today();
        Outcomes = await PilotReadiness.Web.Live.Outcomes.ForPilotAsync(db, PilotId, ct);
        NotPossible = PilotOutcome.WhyNotRecord(Current, Live)?.Message;
        SuggestStalled = await PilotReadiness.Web.Live.Outcomes.SuggestStalledAsync(Access, Target, Today, ct);
    }

    /// <summary>The form's fields, as text (a date field sends <c>yyyy-MM-dd</c>).</summary>
    public sealed class FormInput
    {
        public string? Kind { get; set; }

        public string? Date { get; set; }

        public string? Note { get; set; }
    }
}
