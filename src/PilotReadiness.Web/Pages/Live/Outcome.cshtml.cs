using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Live;
using PilotReadiness.Domain.Outcomes;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Live;

namespace PilotReadiness.Web.Pages.Live;

/// <summary>A reviewer records how a pilot turned out; a new outcome supersedes the last, and all are kept.</summary>
[Authorize(Policy = Policies.Reviewer)]
public sealed class OutcomeModel(LiveAccess access, AppDbContext db, TimeProvider time) : LivePageModel(access)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<PilotOutcome> Outcomes { get; private set; } = [];

    /// <summary>The outcomes this pilot can have: the launched ones once it went live, else stopped before launch.</summary>
    public IReadOnlyList<OutcomeKind> Kinds => [.. OutcomeNames.All.Where(k => k.Launched() == (Live is not null))];

    public string? NotPossible { get; private set; }

    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid pilotId, string? kind, CancellationToken ct)
    {
        if (!await LoadAsync(pilotId, ct))
        {
            return NotFound();
        }

        Input = new InputModel { Kind = OutcomeNames.FromKey(kind) is { } k && Kinds.Contains(k) ? kind : null, Date = LiveDisplay.IsoDay(Today) };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid pilotId, CancellationToken ct)
    {
        var by = await UserNames.DisplayNameAsync(db, User, ct);
        PilotOutcome? recorded = null;
        var refused = await ChangeAsync(pilotId, LiveAction.RecordOutcome, Precondition.None, async target =>
        {
            var reader = new FormReader();
            var date = reader.Date(Input.Date, "date");
            if (reader.Errors.Count > 0)
            {
                return reader.Errors;
            }

            (recorded, var errors) = await PilotReadiness.Web.Live.Outcomes.RecordAsync(db, target, Input.Kind, date, Input.Note, User.UserId(), by, time.GetUtcNow(), ct);
            return errors;
        }, ct);
        if (refused is not null)
        {
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
    }

    public sealed class InputModel
    {
        public string? Kind { get; set; }

        /// <summary>yyyy-MM-dd, as a date field sends it.</summary>
        public string? Date { get; set; }

        public string? Note { get; set; }
    }
}
