using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Outbox;
using PilotReadiness.Web.Scheduling;

namespace PilotReadiness.Web.Pages.Admin;

/// <summary>
/// Admins see every email the app sent on its own initiative (reminders, digests, escalations): to whom, when, how many
/// attempts, and why a failed one failed; newest first, filtered by kind and state, paged. A failed email can be tried
/// again at once.
/// </summary>
public sealed class OutboxModel(AppDbContext db, TimeProvider time, IOptions<SchedulerOptions> scheduler) : PageModel
{
    public const int PageSize = 25;
    public const string NotFailed = "That email is not failed any more (it was retried or sent meanwhile), so nothing changed.";

    public IReadOnlyList<OutboxMessage> Rows { get; private set; } = [];

    /// <summary>Every kind in the outbox, for the filter.</summary>
    public IReadOnlyList<string> Kinds { get; private set; } = [];

    /// <summary>How many emails are in each state (of the chosen kind).</summary>
    public IReadOnlyDictionary<OutboxState, int> Counts { get; private set; } = new Dictionary<OutboxState, int>();

    public string? Kind { get; private set; }

    public OutboxState? State { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public int TotalCount { get; private set; }

    public int TotalPages => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);

    /// <summary>Set when a retry changed nothing; shown above the table.</summary>
    public string? Problem { get; private set; }

    public bool SchedulerEnabled => scheduler.Value.Enabled;

    public async Task OnGetAsync(string? kind, string? state, int? p, CancellationToken ct) => await LoadAsync(kind, state, p, ct);

    /// <summary>Puts a failed email back in line for the next sender run; its attempts so far are kept.</summary>
    public async Task<IActionResult> OnPostRetryAsync(Guid id, string? kind, string? state, int? p, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var changed = await db.OutboxMessages.Where(m => m.Id == id).Where(OutboxMessage.InState(OutboxState.Failed))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.FailedAt, (DateTimeOffset?)null).SetProperty(m => m.NextAttemptAt, now), ct);
        if (changed == 0)
        {
            Problem = NotFailed;
            Response.StatusCode = StatusCodes.Status409Conflict;
            await LoadAsync(kind, state, p, ct);
            return Page();
        }

        TempData["Message"] = SchedulerEnabled
            ? string.Create(CultureInfo.InvariantCulture, $"The email will be tried again within {scheduler.Value.OutboxSendSeconds} seconds.")
            : "The email is back in line; it is sent when the outbox sender next runs.";
        return Redirect(ViewUrl(Blank(kind), ParseState(state), p ?? 1));
    }

    /// <summary>The page's address for a view (kind, state, page); what the filters, the pager and the retry return to.</summary>
    public string ViewUrl(string? kind, OutboxState? state, int page)
    {
        var parts = new List<string>();
        if (kind is not null)
        {
            parts.Add("kind=" + Uri.EscapeDataString(kind));
        }

        if (state is { } s)
        {
            parts.Add("state=" + StateKey(s));
        }

        if (page > 1)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"p={page}"));
        }

        return "/admin/outbox" + (parts.Count == 0 ? "" : "?" + string.Join("&", parts));
    }

    public static string StateKey(OutboxState state) => state.ToString().ToLowerInvariant();

    public static string StateLabel(OutboxState state) => state switch
    {
        OutboxState.Waiting => "Waiting",
        OutboxState.Sending => "Sending",
        OutboxState.Retrying => "Retrying",
        OutboxState.Sent => "Sent",
        OutboxState.Failed => "Failed",
        _ => state.ToString(),
    };

    private async Task LoadAsync(string? kind, string? state, int? p, CancellationToken ct)
    {
        ViewData["Nav"] = "outbox";
        Kind = Blank(kind);
        State = ParseState(state);
        var all = db.OutboxMessages.AsNoTracking();
        Kinds = await all.Select(m => m.Kind).Distinct().OrderBy(k => k).ToListAsync(ct);
        var ofKind = Kind is null ? all : all.Where(m => m.Kind == Kind);
        var counts = new Dictionary<OutboxState, int>();
        foreach (var s in Enum.GetValues<OutboxState>())
        {
            counts[s] = await ofKind.CountAsync(OutboxMessage.InState(s), ct);
        }

        Counts = counts;
        var query = State is { } chosen ? ofKind.Where(OutboxMessage.InState(chosen)) : ofKind;
        TotalCount = State is { } only ? counts[only] : counts.Values.Sum();
        PageNumber = Math.Clamp(p ?? 1, 1, TotalPages);
        Rows = await query.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
    }

    private static string? Blank(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim()[..Math.Min(value.Trim().Length, OutboxMessage.KindMaxLength)];

    private static OutboxState? ParseState(string? state) =>
        Enum.GetValues<OutboxState>().Cast<OutboxState?>().FirstOrDefault(s => StateKey(s!.Value) == state?.Trim().ToLowerInvariant());
}
