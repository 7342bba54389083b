using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Questionnaires;

namespace PilotReadiness.Web.Pages.Admin.Questionnaires;

/// <summary>
/// The questionnaire versions: every published one (exported as JSON), the draft if there is one, starting a draft from
/// the current version, and importing one from a file (checked against the published schema; every problem named, nothing
/// stored unless there is none).
/// </summary>
public sealed class IndexModel(AppDbContext db, QuestionnaireDrafts drafts) : PageModel
{
    public IReadOnlyList<StoredQuestionnaire> Versions { get; private set; } = [];

    public StoredQuestionnaire? Draft => Versions.FirstOrDefault(v => v.IsDraft);

    /// <summary>Why the last start or import was refused, and every problem with the file.</summary>
    public string? Problem { get; private set; }

    public IReadOnlyList<FieldError> Problems { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostStartAsync(CancellationToken ct)
    {
        var outcome = await drafts.StartAsync(User.Identity?.Name ?? "An admin", ct);
        return outcome.Refusal is null ? RedirectToDraft("Draft started from the current version.") : await RefusedAsync(outcome, ct);
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            return await RefusedAsync(new DraftOutcome(null, DraftRefusal.Invalid, [new FieldError("file", "Choose a JSON file exported from PilotReadiness.")]), ct);
        }

        if (file.Length > DefinitionSchema.MaxBytes)
        {
            return await RefusedAsync(new DraftOutcome(null, DraftRefusal.Invalid,
                [new FieldError("file", $"The file is larger than {DefinitionSchema.MaxBytes / 1024} KB; a questionnaire is a few dozen.")]), ct);
        }

        using var reader = new StreamReader(file.OpenReadStream(), new UTF8Encoding(false, throwOnInvalidBytes: true));
        string json;
        try
        {
            json = await reader.ReadToEndAsync(ct);
        }
        catch (DecoderFallbackException)
        {
            return await RefusedAsync(new DraftOutcome(null, DraftRefusal.Invalid, [new FieldError("file", "The file is not UTF-8 text.")]), ct);
        }

        var outcome = await drafts.ImportAsync(json, User.Identity?.Name ?? "An admin", ct);
        return outcome.Refusal is null ? RedirectToDraft("Draft imported. Check it, preview it, then publish it.") : await RefusedAsync(outcome, ct);
    }

    private RedirectResult RedirectToDraft(string message)
    {
        TempData["Message"] = message;
        return Redirect("/admin/questionnaires/draft");
    }

    private async Task<IActionResult> RefusedAsync(DraftOutcome outcome, CancellationToken ct)
    {
        Problem = outcome.Message;
        Problems = outcome.Problems;
        Response.StatusCode = outcome.Refusal == DraftRefusal.Invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        ViewData["Nav"] = "admin";
        Versions = await db.QuestionnaireVersions.AsNoTracking().OrderByDescending(v => v.Version).ToListAsync(ct);
    }
}
