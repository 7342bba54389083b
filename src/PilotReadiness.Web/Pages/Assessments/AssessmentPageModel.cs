using PilotReadiness.Domain.Questionnaires;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Web.Assessments;

namespace PilotReadiness.Web.Pages.Assessments;

/// <summary>How a page words a refusal of <see cref="AssessmentAccess"/>: the one translator for pages.</summary>
public static class PageRefusals
{
    public const string StaleMessage =
        "This assessment changed since you opened this page, so nothing was done. Check what is shown below, then try again.";

    /// <summary>The domain's message for a superseded version or the wrong status; the page's own for a stale form.</summary>
    public static string PageMessage(this AccessRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return refusal.Reason is AccessRefusalReason.Stale or AccessRefusalReason.PreconditionRequired || refusal.Message is null
            ? StaleMessage
            : refusal.Message;
    }
}

/// <summary>
/// A page that shows an assessment and changes it. Changes go through <see cref="AssessmentAccess"/> with the version
/// the form was rendered with (<see cref="Version"/>); a refusal is shown in one way: 404, 403, or the page again with
/// the message in <see cref="Problem"/> and 409. Saves report a lost race the same way.
/// </summary>
public abstract class AssessmentPageModel(AssessmentAccess access) : PageModel
{
    /// <summary>The door, for a handler that answers a refusal in its own shape (JSON, a redirect).</summary>
    protected AssessmentAccess Access { get; } = access;

    /// <summary>The assessment version the page's forms were rendered with.</summary>
    [BindProperty]
    public int Version { get; set; }

    public Assessment Assessment { get; protected set; } = null!;

    /// <summary>The published questionnaire versions: every change is made, and every score computed, with them.</summary>
    protected IQuestionnaireCatalog Catalog => Access.Catalog;

    /// <summary>The questionnaire version and scoring model <see cref="Assessment"/> is on.</summary>
    public PublishedVersion Published => Assessment.VersionIn(Catalog);

    public Questionnaire Questionnaire => Published.Questionnaire;

    /// <summary>Why the last change was not made, shown at the top of the page.</summary>
    public string? Problem { get; private set; }

    /// <summary>Fills what the page shows about <see cref="Assessment"/>, which is set.</summary>
    protected abstract Task ShowAsync(CancellationToken ct);

    /// <summary>Loads the assessment for showing (a GET); false when the user cannot see it.</summary>
    protected async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await Access.FindAsync(User, id, ct) is not { } assessment)
        {
            return false;
        }

        Assessment = assessment;
        Version = assessment.Version;
        await ShowAsync(ct);
        return true;
    }

    /// <summary>
    /// Lets the change through the door and sets <see cref="Assessment"/>: null when allowed, otherwise the result that
    /// shows the refusal.
    /// </summary>
    protected async Task<IActionResult?> ForChangeAsync(Guid id, AssessmentAction action, CancellationToken ct)
    {
        var result = await Access.ForChangeAsync(User, id, action, Precondition.FormVersion(Version), ct);
        if (result.Refusal is { } refusal)
        {
            return await RefuseAsync(refusal, result.Assessment, ct);
        }

        Assessment = result.Assessment!;
        return null;
    }

    /// <summary>Saves the change: null when saved, otherwise the page showing the assessment as someone else left it.</summary>
    protected async Task<IActionResult?> SaveAsync(CancellationToken ct)
    {
        if (await Access.SaveAsync(ct) is not { } conflict)
        {
            return null;
        }

        return await RefuseAsync(conflict, await Access.FindAsync(User, Assessment.Id, ct), ct);
    }

    /// <summary>404, 403, or the page shown again with the refusal's message (409).</summary>
    protected virtual async Task<IActionResult> RefuseAsync(AccessRefusal refusal, Assessment? assessment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        if (assessment is null || refusal.Reason == AccessRefusalReason.NotFound)
        {
            return NotFound();
        }

        if (refusal.Reason == AccessRefusalReason.Forbidden)
        {
            return Forbid();
        }

        Assessment = assessment;
        await ShowAsync(ct);
        return ShowProblem(refusal.PageMessage());
    }

    /// <summary>The page again, with <paramref name="problem"/> (if any) at its top and a fresh version in its forms.</summary>
    protected PageResult ShowProblem(string? problem, int status = StatusCodes.Status409Conflict)
    {
        Problem = problem;
        Version = Assessment.Version;
        ModelState.Remove(nameof(Version));
        Response.StatusCode = status;
        return Page();
    }
}
