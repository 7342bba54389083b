using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.EvidenceFiles;

namespace PilotReadiness.Web.Pages.Assessments;

/// <summary>
/// The evidence behind one answer: the list, adding a file or a link, removing one. An upload is read by
/// <see cref="EvidenceUpload"/> (limits, a temporary file) before model binding, and its text fields become the request's
/// form; so this page checks the antiforgery token itself, on every POST, after that read (the framework's check would
/// have read the whole body first).
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class EvidenceModel(AssessmentAccess access, EvidenceChanges changes, IAntiforgery antiforgery, IOptions<EvidenceOptions> options, TimeProvider time)
    : AssessmentPageModel(access)
{
    private EvidenceUpload? _upload;
    private UploadProblem? _uploadProblem;
    private bool _antiforgeryValid;

    /// <summary>Where to go after a change: back to the review page (its forms say so) or this page.</summary>
    [BindProperty]
    public string? ReturnTo { get; set; }

    public Question Question { get; private set; } = null!;

    public string AnswerText { get; private set; } = "";

    public EvidenceListView List { get; private set; } = null!;

    public bool CanChange { get; private set; }

    public DateOnly Today { get; private set; }

    /// <summary>The field's message after a refused upload, by field ("file", "url", "date", "questionKey").</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    [NonHandler]
    public override async Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context)
    {
        if (HttpMethods.IsPost(Request.Method) && Request.HasFormContentType && Request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            (_upload, _uploadProblem) = await EvidenceUpload.ReadAsync(Request, HttpContext.RequestAborted);
            // The text fields read become the form that model binding and the antiforgery check see; the body is not read again.
            HttpContext.Features.Set<IFormFeature>(new FormFeature(new FormCollection(
                _upload?.Fields.ToDictionary(f => f.Key, f => f.Value, StringComparer.OrdinalIgnoreCase))));
        }

        _antiforgeryValid = !HttpMethods.IsPost(Request.Method)
            || (_uploadProblem is { Status: StatusCodes.Status413PayloadTooLarge } ? true : await antiforgery.IsRequestValidAsync(HttpContext));
    }

    [NonHandler]
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!_antiforgeryValid)
        {
            context.Result = BadRequest();
            return;
        }

        try
        {
            await next();
        }
        finally
        {
            if (_upload is not null)
            {
                await _upload.DisposeAsync();
            }
        }
    }

    public async Task<IActionResult> OnGetAsync(Guid id, string questionKey, CancellationToken ct) =>
        await LoadAsync(id, ct) && Question is not null ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddAsync(Guid id, string questionKey, CancellationToken ct)
    {
        if (_uploadProblem is { } problem)
        {
            // An upload that could not be read (too large: not even its form version was read) changes nothing.
            if (!await LoadAsync(id, ct) || Question is null)
            {
                return NotFound();
            }

            Errors[problem.Field == "$" ? "file" : problem.Field] = problem.Message;
            return ShowProblem(null, problem.Status);
        }

        if (await ForChangeAsync(id, AssessmentAction.ChangeEvidence, ct) is { } refused)
        {
            return refused;
        }

        if (Assessment.VersionIn(Catalog).Questionnaire.FindQuestion(questionKey) is null)
        {
            return NotFound();
        }

        if (_upload is null)
        {
            Errors["file"] = "Send the form as multipart/form-data, with a file or a link.";
            return await ShowErrorsAsync(StatusCodes.Status415UnsupportedMediaType, ct);
        }

        var outcome = await changes.AddAsync(Assessment, questionKey, _upload, ct);
        if (outcome.Refusal is { } refusal)
        {
            return await RefuseAsync(refusal, await Access.FindAsync(User, id, ct), ct);
        }

        if (outcome.Added is null)
        {
            foreach (var error in outcome.Errors)
            {
                Errors.TryAdd(error.Field, error.Message);
            }

            return await ShowErrorsAsync(outcome.Status, ct);
        }

        return Done(id, questionKey, outcome.Added.Kind == EvidenceKind.File ? $"{outcome.Added.FileName} added as evidence." : "Link added as evidence.");
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, string questionKey, Guid evidenceId, CancellationToken ct)
    {
        if (await ForChangeAsync(id, AssessmentAction.ChangeEvidence, ct) is { } refused)
        {
            return refused;
        }

        var (found, refusal) = await changes.RemoveAsync(Assessment, evidenceId, ct);
        if (refusal is not null)
        {
            return await RefuseAsync(refusal, await Access.FindAsync(User, id, ct), ct);
        }

        return found ? Done(id, questionKey, "Evidence removed.") : NotFound();
    }

    /// <summary>The page again with the fields' messages in <see cref="Errors"/>; nothing was changed.</summary>
    private async Task<IActionResult> ShowErrorsAsync(int status, CancellationToken ct)
    {
        await ShowAsync(ct);
        return ShowProblem(null, status);
    }

    private RedirectResult Done(Guid id, string questionKey, string message)
    {
        TempData["Message"] = message;
        return Redirect(ReturnTo == "review"
            ? $"/assessments/{id}/review#{EvidenceListView.IdFor(questionKey)}"
            : $"/assessments/{id}/evidence/{Uri.EscapeDataString(questionKey)}");
    }

    protected override Task ShowAsync(CancellationToken ct)
    {
        var assessment = Assessment;
        var key = (string?)RouteData.Values["questionKey"] ?? "";
        Question = assessment.VersionIn(Catalog).Questionnaire.FindQuestion(key)!;
        Today = time.Today();
        CanChange = User.May(AssessmentAction.ChangeEvidence, assessment) && assessment.WhyNot(AssessmentAction.ChangeEvidence) is null;
        if (Question is not null)
        {
            AnswerText = Question.Describe(assessment.ReadAnswers(Catalog).GetValueOrDefault(key));
            List = new EvidenceListView(assessment.Id, [.. assessment.Evidence.Where(e => e.QuestionKey == key)],
                Today, options.Value.StaleAfterDays, CanChange ? assessment.Version : null);
        }

        return Task.CompletedTask;
    }
}
