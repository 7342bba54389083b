using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Live;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Live;
using PilotReadiness.Web.Pages.Assessments;

namespace PilotReadiness.Web.Pages.Live;

/// <summary>
/// A page about a pilot after launch. Changes go through <see cref="LiveAccess"/>; a refusal is shown in one way, as on
/// the assessment pages: 404, 403, or the page again with the message in <see cref="Problem"/> (409), and the domain's
/// field errors against the form's fields (400).
/// </summary>
public abstract class LivePageModel(LiveAccess access) : PageModel
{
    protected LiveAccess Access { get; } = access;

    public LiveTarget Target { get; private set; } = null!;

    public Assessment Current => Target.Current;

    public LivePilot? Live => Target.Live;

    public Guid PilotId => Current.PilotId;

    /// <summary>Why the last change was not made, shown at the top of the page.</summary>
    public string? Problem { get; private set; }

    public bool Invalid(string key) => ModelState.Invalid(key);

    /// <summary>Fills what the page shows about <see cref="Target"/>, which is set.</summary>
    protected abstract Task ShowAsync(CancellationToken ct);

    /// <summary>Loads the pilot for showing (a GET); false when the user cannot see it.</summary>
    protected async Task<bool> LoadAsync(Guid pilotId, CancellationToken ct)
    {
        if (await Access.FindAsync(User, pilotId, ct) is not { } target)
        {
            return false;
        }

        Target = target;
        await ShowAsync(ct);
        return true;
    }

    /// <summary>
    /// Makes the change through the door: null when it was saved; otherwise the result that shows the refusal or the
    /// field errors (with the page's input as it was posted).
    /// </summary>
    protected async Task<IActionResult?> ChangeAsync(
        Guid pilotId, LiveAction action, Precondition precondition, Func<LiveTarget, Task<IReadOnlyList<FieldError>>> change, CancellationToken ct)
    {
        var result = await Access.ChangeAsync(User, pilotId, action, precondition, change, ct);
        return result.Saved ? null : await ShowAsync(result, pilotId, ct);
    }

    /// <summary>404, 403, the page again with the refusal's message (409), or with the field errors (400).</summary>
    protected async Task<IActionResult> ShowAsync(LiveChange result, Guid pilotId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Refusal is { Reason: AccessRefusalReason.NotFound } || result.Target is null)
        {
            return NotFound();
        }

        if (result.Refusal is { Reason: AccessRefusalReason.Forbidden })
        {
            return Forbid();
        }

        // Show the pilot as it is now, with what the person typed still in the form.
        Target = await Access.FindAsync(User, pilotId, ct) ?? result.Target;
        await ShowAsync(ct);
        if (result.Refusal is { } refusal)
        {
            return ShowProblem(refusal.Reason == AccessRefusalReason.Stale ? StaleProblem : refusal.PageMessage());
        }

        ModelState.AddErrors(result.Errors);
        return ShowProblem(null, StatusCodes.Status400BadRequest);
    }

    protected PageResult ShowProblem(string? problem, int status = StatusCodes.Status409Conflict)
    {
        Problem = problem;
        Response.StatusCode = status;
        return Page();
    }

    public const string StaleMessage = "The plan changed since you opened this page, so nothing was saved. Check what is shown below, then try again.";

    /// <summary>What a stale form is told: what it read has changed.</summary>
    protected virtual string StaleProblem => StaleMessage;
}
