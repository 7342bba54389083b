using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.Pages.Assessments;

/// <summary>
/// One step of the questionnaire wizard (one section). Answers are saved whenever the step is left, and by the page's
/// script as they are typed. A save based on an old version of the assessment is refused and shown, never applied.
/// </summary>
public sealed class StepModel(AppDbContext db, TimeProvider time) : PageModel
{
    /// <summary>The assessment version the form was filled against.</summary>
    [BindProperty]
    public int Version { get; set; }

    public Assessment Assessment { get; private set; } = null!;

    public Section Section { get; private set; } = null!;

    public int StepNumber { get; private set; }

    public IReadOnlyDictionary<string, string[]> Values { get; private set; } = new Dictionary<string, string[]>();

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    /// <summary>When a save was refused: what is saved now, for each question where it differs from the form.</summary>
    public IReadOnlyDictionary<string, string> SavedElsewhere { get; private set; } = new Dictionary<string, string>();

    public bool Conflict { get; private set; }

    /// <summary>Why each saved answer that does not count under the assessment's scoring model does not (shown beside its field).</summary>
    public IReadOnlyDictionary<string, string> NotCounted { get; private set; } = new Dictionary<string, string>();

    public Questionnaire Questionnaire => Assessment.Questionnaire;

    public bool IsLast => StepNumber == Questionnaire.Sections.Count;

    public int AnsweredIn(Section section) => section.Questions.Count(q => Assessment.Answers.Any(a => a.QuestionKey == q.Key));

    public async Task<IActionResult> OnGetAsync(Guid id, string section, CancellationToken ct)
    {
        if (!await LoadAsync(id, section, ct))
        {
            return NotFound();
        }

        if (!User.CanEdit(Assessment))
        {
            return Redirect($"/assessments/{id}/results");
        }

        if (!Assessment.IsEditable)
        {
            return Redirect($"/assessments/{id}/review");
        }

        Version = Assessment.Version;
        Values = SavedValues();
        NotCounted = SectionNotCounted();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string section, string? nav, CancellationToken ct)
    {
        if (!await LoadAsync(id, section, ct))
        {
            return NotFound();
        }

        if (!User.CanEdit(Assessment))
        {
            return Forbid();
        }

        if (!Assessment.IsEditable)
        {
            TempData["Message"] = Assessment.IsCurrent
                ? "This assessment was submitted for review, so your last changes were not saved. Re-open it to change answers."
                : "A newer version of this assessment exists, so your last changes were not saved here. Make them in the current version.";
            return Redirect($"/assessments/{id}/review");
        }

        var outcome = await SaveAsync(ct);
        if (outcome != SaveOutcome.Saved)
        {
            Response.StatusCode = outcome == SaveOutcome.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            return Page();
        }

        return Redirect(Destination(nav));
    }

    /// <summary>Save-as-you-go from the page's script: same rules as a normal save, answered in JSON.</summary>
    public async Task<IActionResult> OnPostAutosaveAsync(Guid id, string section, CancellationToken ct)
    {
        if (!await LoadAsync(id, section, ct))
        {
            return NotFound();
        }

        if (!User.CanEdit(Assessment))
        {
            return Forbid();
        }

        if (!Assessment.IsEditable)
        {
            return new JsonResult(new
            {
                message = Assessment.IsCurrent
                    ? "This assessment has been submitted for review; changes are no longer saved."
                    : "A newer version of this assessment exists; changes are no longer saved here.",
            })
            { StatusCode = StatusCodes.Status409Conflict };
        }

        var outcome = await SaveAsync(ct);
        if (outcome == SaveOutcome.Conflict)
        {
            return new JsonResult(new
            {
                message = "Someone else saved this assessment while you were editing. Your latest changes are not saved yet: reload the page to see their answers.",
            })
            { StatusCode = StatusCodes.Status409Conflict };
        }

        return new JsonResult(new
        {
            version = Assessment.Version,
            savedAt = time.GetUtcNow().ToString("HH:mm", CultureInfo.InvariantCulture),
            errors = Errors,
            notCounted = NotCounted,
        })
        { StatusCode = outcome == SaveOutcome.Saved ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest };
    }

    private enum SaveOutcome
    {
        Saved,
        Invalid,
        Conflict,
    }

    /// <summary>
    /// Saves the valid answers of this step in one SaveChanges; invalid ones stay in the form with their message.
    /// Nothing is saved when the form was filled against an older version of the assessment.
    /// </summary>
    private async Task<SaveOutcome> SaveAsync(CancellationToken ct)
    {
        var (answers, errors) = AnswerInput.FromForm(Section, Request.Form);
        Values = Section.Questions.ToDictionary(q => q.Key, q => Request.Form[q.Key].Select(v => v ?? "").ToArray(), StringComparer.Ordinal);
        Errors = errors;

        if (Version != Assessment.Version)
        {
            ShowConflict(answers);
            return SaveOutcome.Conflict;
        }

        Assessment.SetAnswers(Questionnaire, answers, time.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsConflict(e))
        {
            db.ChangeTracker.Clear();
            await LoadAsync(Assessment.Id, Section.Key, ct);
            ShowConflict(answers);
            return SaveOutcome.Conflict;
        }

        Version = Assessment.Version;
        ModelState.Remove(nameof(Version));
        NotCounted = SectionNotCounted();
        return errors.Count == 0 ? SaveOutcome.Saved : SaveOutcome.Invalid;
    }

    private void ShowConflict(Dictionary<string, Answer?> posted)
    {
        Conflict = true;
        var saved = Assessment.ReadAnswers(Questionnaire);
        SavedElsewhere = Section.Questions
            .Where(q => posted.TryGetValue(q.Key, out var mine) && !Equals(mine, saved.GetValueOrDefault(q.Key)))
            .ToDictionary(q => q.Key, q => q.Describe(saved.GetValueOrDefault(q.Key)), StringComparer.Ordinal);

        // Saving again from this form is a deliberate choice to replace what is shown as saved elsewhere.
        Version = Assessment.Version;
        ModelState.Remove(nameof(Version));
    }

    private string Destination(string? nav)
    {
        var sections = Questionnaire.Sections;
        var index = StepNumber - 1;
        var target = nav switch
        {
            "prev" when index > 0 => sections[index - 1].Key,
            "next" when index < sections.Count - 1 => sections[index + 1].Key,
            "next" or "review" => null,
            _ when nav is not null && Questionnaire.FindSection(nav) is not null => nav,
            _ => Section.Key,
        };
        return target is null ? $"/assessments/{Assessment.Id}/review" : $"/assessments/{Assessment.Id}/steps/{target}";
    }

    /// <summary>The scoring model's judgement of this step's saved answers: why each one that does not count does not.</summary>
    private Dictionary<string, string> SectionNotCounted() =>
        Assessment.NotCounted().Where(n => Section.Questions.Any(q => q.Key == n.Key))
            .ToDictionary(n => n.Key, n => n.Value, StringComparer.Ordinal);

    private Dictionary<string, string[]> SavedValues()
    {
        var answers = Assessment.ReadAnswers(Questionnaire);
        return Section.Questions.ToDictionary(q => q.Key, q => AssessmentDisplay.FormValues(answers.GetValueOrDefault(q.Key)), StringComparer.Ordinal);
    }

    private async Task<bool> LoadAsync(Guid id, string sectionKey, CancellationToken ct)
    {
        var assessment = await db.Assessments.VisibleTo(User).FirstOrDefaultAsync(a => a.Id == id, ct);
        var section = assessment?.Questionnaire.FindSection(sectionKey);
        if (assessment is null || section is null)
        {
            return false;
        }

        Assessment = assessment;
        Section = section;
        StepNumber = assessment.Questionnaire.Sections.ToList().IndexOf(section) + 1;
        return true;
    }
}
