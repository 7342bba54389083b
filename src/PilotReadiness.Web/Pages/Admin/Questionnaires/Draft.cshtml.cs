using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Web.Questionnaires;

namespace PilotReadiness.Web.Pages.Admin.Questionnaires;

/// <summary>
/// The draft version: its scoring (verdict thresholds, the production-to-prototype multiple, which gates apply) and section
/// weights, its questions, a preview over the portfolio, publishing and discarding. Every form posts the revision it
/// was drawn from: two admins saving at once cannot both win.
/// </summary>
public sealed class DraftModel(QuestionnaireDrafts drafts, IValidator<DraftModel.ScoringInput> validator) : PageModel
{
    [BindProperty]
    public ScoringInput Input { get; set; } = new();

    public StoredQuestionnaire Draft { get; private set; } = null!;

    public QuestionnaireDefinition Definition { get; private set; } = null!;

    public DraftPreview? Preview { get; private set; }

    public string? Problem { get; private set; }

    public IReadOnlyList<FieldError> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(bool preview, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return Redirect("/admin/questionnaires");
        }

        Input = ScoringInput.Of(Definition, Draft.Revision);
        if (preview)
        {
            Preview = await drafts.PreviewAsync(Definition.Build(), ct);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostScoringAsync(CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(Input, ct);
        if (!validation.IsValid)
        {
            return await ShowAsync(new DraftOutcome(null, DraftRefusal.Invalid,
                [.. validation.Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage))]), ct);
        }

        var outcome = await drafts.SaveAsync(Input.Revision, Input.ApplyTo, By, ct);
        return Done(outcome, "Scoring and weights saved.") ?? await ShowAsync(outcome, ct);
    }

    public async Task<IActionResult> OnPostPublishAsync(int revision, CancellationToken ct)
    {
        var outcome = await drafts.PublishAsync(revision, By, ct);
        if (outcome.Refusal is null)
        {
            TempData["Message"] = $"Version {outcome.Draft!.Version} is published: new assessments start on it, and re-assessments are offered the move.";
            return Redirect("/admin/questionnaires");
        }

        return await ShowAsync(outcome, ct);
    }

    public async Task<IActionResult> OnPostDiscardAsync(int revision, CancellationToken ct)
    {
        var outcome = await drafts.DiscardAsync(revision, ct);
        if (outcome.Refusal is null)
        {
            TempData["Message"] = "The draft is discarded.";
            return Redirect("/admin/questionnaires");
        }

        return await ShowAsync(outcome, ct);
    }

    public static string Label(string gateKey) => GateSetNames.LabelOf(gateKey);

    /// <summary>How a question of <paramref name="type"/> is answered, in words.</summary>
    public static string TypeLabel(QuestionType type) => type switch
    {
        QuestionType.Choice => "one choice of several",
        QuestionType.YesNo => "yes or no",
        QuestionType.MultiSelect => "any of several choices",
        QuestionType.Number => "a number",
        QuestionType.Money => "an amount of money",
        QuestionType.Date => "a date",
        QuestionType.Person => "a named person",
        QuestionType.Text => "text",
        _ => type.ToKey(),
    };

    private string By => User.Identity?.Name ?? "An admin";

    private RedirectResult? Done(DraftOutcome outcome, string message)
    {
        if (outcome.Refusal is not null)
        {
            return null;
        }

        TempData["Message"] = message;
        return Redirect("/admin/questionnaires/draft");
    }

    /// <summary>The page again with why the change was refused; a stale form is redrawn from the draft as saved now.</summary>
    private async Task<IActionResult> ShowAsync(DraftOutcome outcome, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            TempData["Warning"] = outcome.Message;
            return Redirect("/admin/questionnaires");
        }

        Problem = outcome.Message;
        Problems = outcome.Problems;
        if (outcome.Refusal == DraftRefusal.Stale)
        {
            ModelState.Clear();
            Input = ScoringInput.Of(Definition, Draft.Revision);
        }

        Response.StatusCode = outcome.Refusal == DraftRefusal.Invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        ViewData["Nav"] = "admin";
        if (await drafts.FindDraftAsync(ct) is not { } draft)
        {
            return false;
        }

        Draft = draft;
        Definition = draft.Read();
        return true;
    }

    /// <summary>The scoring settings and section weights, as the form sends them.</summary>
    public sealed class ScoringInput
    {
        public int Revision { get; set; }

        public int GoAt { get; set; }

        public int ConditionsAt { get; set; }

        public int NotReadyAt { get; set; }

        /// <summary>As typed, e.g. "3" or "2.5": read with a point whatever the browser's language.</summary>
        public string? ProductionMultiple { get; set; }

        public List<string> Gates { get; set; } = [];

        /// <summary>The six sections' weights, in section order.</summary>
        public List<int> Weights { get; set; } = [];

        public static ScoringInput Of(QuestionnaireDefinition definition, int revision) => new()
        {
            Revision = revision,
            GoAt = definition.Scoring.GoAt,
            ConditionsAt = definition.Scoring.ConditionsAt,
            NotReadyAt = definition.Scoring.NotReadyAt,
            ProductionMultiple = ScoringModel.FormatMultiple(definition.Scoring.ProductionMultiple),
            Gates = [.. definition.Scoring.Gates],
            Weights = [.. definition.Sections.Select(s => s.Weight)],
        };

        public QuestionnaireDefinition ApplyTo(QuestionnaireDefinition definition) => definition with
        {
            Sections = [.. definition.Sections.Select((s, i) => s with { Weight = i < Weights.Count ? Weights[i] : s.Weight })],
            Scoring = definition.Scoring with
            {
                GoAt = GoAt,
                ConditionsAt = ConditionsAt,
                NotReadyAt = NotReadyAt,
                ProductionMultiple = decimal.Parse(ProductionMultiple!, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture),
                Gates = [.. ScoringModel.GateKeysOf(definition.Scoring.Rules).Where(Gates.Contains)],
            },
        };
    }

    /// <summary>Shape only: numbers that can be read, six weights. The domain says what values make a version.</summary>
    public sealed class ScoringValidator : AbstractValidator<ScoringInput>
    {
        public ScoringValidator()
        {
            RuleFor(x => x.ProductionMultiple).Must(m => decimal.TryParse(m, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
                .WithMessage("Give the production multiple as a number, like 3 or 2.5.");
            RuleFor(x => x.Weights).Must(w => w.Count == SectionKeys.All.Count).WithMessage("Give a weight for each of the six sections.");
        }
    }
}
