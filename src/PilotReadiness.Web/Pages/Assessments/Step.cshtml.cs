using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
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
public sealed class StepModel(AssessmentAccess access, AppDbContext db, TimeProvider time) : AssessmentPageModel(access)
{
    /// <summary>The organisation's currency: amounts are read and shown in it.</summary>
    public Currency Currency { get; private set; } = Currency.Default;

    public Section Section { get; private set; } = null!;

    public int StepNumber { get; private set; }

    public IReadOnlyDictionary<string, string[]> Values { get; private set; } = new Dictionary<string, string[]>();

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    /// <summary>When a save was refused: what is saved now, for each question where it differs from the form.</summary>
    public IReadOnlyDictionary<string, string> SavedElsewhere { get; private set; } = new Dictionary<string, string>();

    public bool Conflict { get; private set; }

    /// <summary>Why each saved answer that does not count under the assessment's scoring model does not (shown beside its field).</summary>
    public IReadOnlyDictionary<string, string> NotCounted { get; private set; } = new Dictionary<string, string>();


    /// <summary>The questions of this step marked "not applicable", with the reason (as saved, or as posted).</summary>
    public IReadOnlyDictionary<string, string> NotApplicable { get; private set; } = new Dictionary<string, string>();

    /// <summary>Whether the scoring model lets <paramref name="question"/> be marked not applicable (the box is offered only then).</summary>
    public bool MayBeNotApplicable(Question question) => Assessment.VersionIn(Catalog).Model.WhyNotApplicable(question) is null;

    public bool IsLast => StepNumber == Questionnaire.Sections.Count;

    public int AnsweredIn(Section section) =>
        section.Questions.Count(q => Assessment.Answers.Any(a => a.QuestionKey == q.Key) || Assessment.NotApplicable.Any(m => m.QuestionKey == q.Key));

    public async Task<IActionResult> OnGetAsync(Guid id, string section, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || !FindSection(section))
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

        Values = SavedValues();
        NotCounted = SectionNotCounted();
        NotApplicable = Assessment.NotApplicableReasons;
        Currency = await OrganisationSettings.CurrencyAsync(db, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string section, string? nav, CancellationToken ct)
    {
        var (result, denied) = await ForAnswersAsync(id, ct);
        if (denied is not null)
        {
            return denied;
        }

        if (result.Refusal is { Reason: not AccessRefusalReason.Stale } refusal)
        {
            TempData["Warning"] = $"Your last changes were not saved. {refusal.Message}";
            return Redirect($"/assessments/{id}/review");
        }

        var outcome = await SaveAsync(result, section, ct);
        return outcome switch
        {
            SaveOutcome.NotFound => NotFound(),
            SaveOutcome.Saved => Redirect(Destination(nav)),
            _ => Shown(outcome),
        };
    }

    /// <summary>Save-as-you-go from the page's script: same rules as a normal save, answered in JSON.</summary>
    public async Task<IActionResult> OnPostAutosaveAsync(Guid id, string section, CancellationToken ct)
    {
        var (result, denied) = await ForAnswersAsync(id, ct);
        if (denied is not null)
        {
            return denied;
        }

        if (result.Refusal is { Reason: not AccessRefusalReason.Stale } refusal)
        {
            return new JsonResult(new { message = $"Changes are no longer saved here. {refusal.Message}" }) { StatusCode = StatusCodes.Status409Conflict };
        }

        var outcome = await SaveAsync(result, section, ct);
        return outcome switch
        {
            SaveOutcome.NotFound => NotFound(),
            SaveOutcome.Conflict => new JsonResult(new
            {
                message = "Someone else saved this assessment while you were editing. Your latest changes are not saved yet: reload the page to see their answers.",
            })
            { StatusCode = StatusCodes.Status409Conflict },
            _ => new JsonResult(new
            {
                version = Assessment.Version,
                savedAt = ViewerTime.Clock(time.GetUtcNow(), HttpContext.TimeZone()),
                errors = Errors,
                notCounted = NotCounted,
            })
            { StatusCode = outcome == SaveOutcome.Saved ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest },
        };
    }

    /// <summary>
    /// The door for saving answers: <c>Denied</c> is the 404 or 403 to answer, or 415 when the body is not a form (the
    /// answers are read from the form). A refusal by the state (superseded, submitted) is the handler's to say in its
    /// shape; a stale form is shown against what is saved (<see cref="SaveAsync"/>).
    /// </summary>
    private async Task<(AccessResult Result, IActionResult? Denied)> ForAnswersAsync(Guid id, CancellationToken ct)
    {
        var result = await Access.ForChangeAsync(User, id, AssessmentAction.ChangeAnswers, Precondition.FormVersion(Version), ct);
        return (result, result.Refusal?.Reason switch
        {
            AccessRefusalReason.NotFound => NotFound(),
            AccessRefusalReason.Forbidden => Forbid(),
            _ when !Request.HasFormContentType => new StatusCodeResult(StatusCodes.Status415UnsupportedMediaType),
            _ => null,
        });
    }

    private enum SaveOutcome
    {
        Saved,
        Invalid,
        Conflict,
        NotFound,
    }

    private PageResult Shown(SaveOutcome outcome)
    {
        Response.StatusCode = outcome == SaveOutcome.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>
    /// Saves the valid answers of this step in one SaveChanges; invalid ones stay in the form with their message.
    /// Nothing is saved when the form was filled against an older version of the assessment (a stale refusal).
    /// </summary>
    private async Task<SaveOutcome> SaveAsync(AccessResult result, string sectionKey, CancellationToken ct)
    {
        if (result.Assessment is null || !Show(result.Assessment, sectionKey))
        {
            return SaveOutcome.NotFound;
        }

        Currency = await OrganisationSettings.CurrencyAsync(db, ct);
        var (answers, errors) = AnswerInput.FromForm(Section, Request.Form, Currency);
        Values = Section.Questions.ToDictionary(q => q.Key, q => Request.Form[q.Key].Select(v => v ?? "").ToArray(), StringComparer.Ordinal);
        NotApplicable = Section.Questions.Where(q => Request.Form[AnswerInput.NotApplicableField(q.Key)].Contains("on"))
            .ToDictionary(q => q.Key, q => Request.Form[AnswerInput.NotApplicableReasonField(q.Key)].ToString(), StringComparer.Ordinal);
        if (result.Assessment is { } loaded && result.Refusal is null)
        {
            AnswerInput.DropRefusedMarks(loaded, Catalog, answers, errors);
        }

        Errors = errors;
        if (result.Refusal is not null)
        {
            ShowConflict(answers);
            return SaveOutcome.Conflict;
        }

        Assessment.SetAnswers(Catalog, answers, time.GetUtcNow());
        if (await Access.SaveAsync(ct) is not null)
        {
            if (await Access.FindAsync(User, result.Assessment.Id, ct) is not { } now || !Show(now, sectionKey))
            {
                return SaveOutcome.NotFound;
            }

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
        Assessment.NotCounted(Catalog).Where(n => Section.Questions.Any(q => q.Key == n.Key))
            .ToDictionary(n => n.Key, n => n.Value, StringComparer.Ordinal);

    private Dictionary<string, string[]> SavedValues()
    {
        var answers = Assessment.ReadAnswers(Questionnaire);
        return Section.Questions.ToDictionary(q => q.Key, q => AssessmentDisplay.FormValues(answers.GetValueOrDefault(q.Key)), StringComparer.Ordinal);
    }

    /// <summary>Shows <paramref name="assessment"/> at the step of <paramref name="sectionKey"/>; false when it has no such step.</summary>
    private bool Show(Assessment assessment, string sectionKey)
    {
        Assessment = assessment;
        return FindSection(sectionKey);
    }

    private bool FindSection(string sectionKey)
    {
        var section = Questionnaire.FindSection(sectionKey);
        if (section is null)
        {
            return false;
        }

        Section = section;
        StepNumber = Questionnaire.Sections.ToList().IndexOf(section) + 1;
        return true;
    }

    protected override Task ShowAsync(CancellationToken ct) => Task.CompletedTask;
}
