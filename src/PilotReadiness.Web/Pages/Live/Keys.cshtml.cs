using Microsoft.AspNetCore.Mvc;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Live;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Live;
using PilotReadiness.Web.Security;

namespace PilotReadiness.Web.Pages.Live;

/// <summary>
/// The live pilot's ingestion key: issued (or rotated) and revoked by the assessment's owner or an admin. A new key is
/// shown on this page once, right after it is issued; only its hash is kept.
/// </summary>
public sealed class KeysModel(LiveAccess access, AppDbContext db, TimeProvider time) : LivePageModel(access)
{
    /// <summary>The key just issued, shown once.</summary>
    public string? NewKey { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid pilotId, CancellationToken ct)
    {
        if (!await LoadAsync(pilotId, ct))
        {
            return NotFound();
        }

        if (!User.May(LiveAction.ManageKeys, Current))
        {
            return Forbid();
        }

        return Live is null ? Redirect($"/live/{pilotId}") : Page();
    }

    public async Task<IActionResult> OnPostIssueAsync(Guid pilotId, CancellationToken ct)
    {
        var by = await UserNames.DisplayNameAsync(db, User, ct);
        var secret = IngestionKeys.New();
        var refused = await ChangeAsync(pilotId, LiveAction.ManageKeys, Precondition.None, target =>
        {
            target.Live!.IssueKey(Tokens.Hash(secret), IngestionKeys.Prefix(secret), by, time.GetUtcNow());
            return Task.FromResult<IReadOnlyList<FieldError>>([]);
        }, ct);
        if (refused is not null)
        {
            return refused;
        }

        // Shown now and never again: the page is not redirected, so the key is not in any address or history.
        await LoadAsync(pilotId, ct);
        NewKey = secret;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid pilotId, Guid keyId, CancellationToken ct)
    {
        var by = await UserNames.DisplayNameAsync(db, User, ct);
        var refused = await ChangeAsync(pilotId, LiveAction.ManageKeys, Precondition.None, target =>
        {
            var now = time.GetUtcNow();
            IReadOnlyList<FieldError> errors = target.Live!.Keys.All(k => k.Id != keyId) ? [new FieldError("keyId", "This pilot has no such key.")]
                : target.Live.WhyNotRevoke(keyId, now.Day()) is { } why ? [new FieldError("keyId", why.Message)]
                : [];
            if (errors.Count == 0)
            {
                target.Live.RevokeKey(keyId, by, now);
            }

            return Task.FromResult(errors);
        }, ct);
        if (refused is not null)
        {
            return refused;
        }

        TempData["Message"] = "Key revoked: the production system can no longer post with it.";
        return Redirect($"/live/{pilotId}/keys");
    }

    protected override Task ShowAsync(CancellationToken ct)
    {
        ViewData["Nav"] = "assessments";
        return Task.CompletedTask;
    }
}
