using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Decisions;

namespace PilotReadiness.Web.Pages.Assessments;

/// <summary>
/// A reviewer records leadership's decision beside the computed recommendation, and marks conditions met. The form
/// carries the assessment's version: if someone else decided (or changed the assessment) meanwhile, nothing is saved
/// and the newer decision is shown.
/// </summary>
[Authorize(Policy = Policies.Reviewer)]
public sealed class DecideModel(AppDbContext db, AssessmentAccess access, IValidator<DecisionInput> validator, TimeProvider time)
    : AssessmentPageModel(access)
{
    /// <summary>How many condition rows the form offers; rows left empty are ignored, so it works without script.</summary>
    public const int ConditionRows = 5;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public ScoreResult Score { get; private set; } = null!;

    /// <summary>The pilot's decision as it stands, which a new one would supersede.</summary>
    public Decision? Current { get; private set; }

    /// <summary>Why no decision can be recorded on this assessment (a draft, or an older version), or null.</summary>
    public string? NotDecidable { get; private set; }

    public DateOnly Today { get; private set; }

    /// <summary>
    /// The gates a decision above the recommendation would go ahead despite, each with the outcomes that accept it (the
    /// domain's <see cref="Decision.GatesAccepted"/>): a reason field per gate, shown for those outcomes only.
    /// </summary>
    public IReadOnlyList<(GateResult Gate, IReadOnlyList<DecisionOutcome> NeededFor)> ReasonGates { get; private set; } = [];

    /// <summary>The form's fields in page order, for the error summary.</summary>
    public IEnumerable<string> FieldOrder =>
        TopFields.Concat(ReasonGates.Select(g => ReasonKey(g.Gate.Key))).Append("Input.Conditions")
            .Concat(Enumerable.Range(0, Input.Conditions.Count).SelectMany(i =>
                new[] { $"Input.Conditions[{i}].Description", $"Input.Conditions[{i}].Owner", $"Input.Conditions[{i}].DueDate", $"Input.Conditions[{i}].Gate" }));

    /// <summary>The form's error summary; a link goes to the field's control (the first choice, the first condition's text).</summary>
    public ErrorSummary Summary => new("The decision was not recorded: please check these fields", ErrorSummary.ForKeys(FieldOrder, key => key switch
    {
        "Input.Outcome" => "outcome-" + DecisionOutcome.Go.ToKey(),
        "Input.Conditions" => "Input_Conditions_0__Description",
        _ when key.StartsWith("Input.GateReasons[", StringComparison.Ordinal) => "reason-" + key["Input.GateReasons[".Length..^1],
        _ => null,
    }));

    private static readonly string[] TopFields = ["Input.Outcome", "Input.Rationale", "Input.KillCriteria"];

    /// <summary>The form key of a gate's reason field.</summary>
    public static string ReasonKey(string gateKey) => $"Input.GateReasons[{gateKey}]";

    public bool Invalid(string key) => ModelState.GetFieldValidationState(key) == ModelValidationState.Invalid;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await ForChangeAsync(id, AssessmentAction.RecordDecision, ct) is { } refused)
        {
            return refused;
        }

        var (input, rows) = Input.ToDecisionInput();
        var validation = await validator.ValidateAsync(input, ct);
        if (!validation.IsValid)
        {
            foreach (var error in validation.Errors)
            {
                ModelState.AddModelError(FormKey(error.PropertyName, rows), error.ErrorMessage);
            }

            await ShowAsync(ct);
            return ShowProblem(null, StatusCodes.Status400BadRequest);
        }

        var current = await DecisionHistory.CurrentAsync(db, Assessment.PilotId, ct);
        Decision decision;
        try
        {
            decision = Decision.Record(Assessment, Catalog, current, input.ParsedOutcome, input.Rationale, input.KillCriteria, input.ToDrafts(),
                User.UserId(), await DecisionHistory.DeciderNameAsync(db, User, ct), time.GetUtcNow(), input.GivenReasons());
        }
        catch (FieldErrorsException e)
        {
            // The gates' rules need the assessment's score, so the domain checks them when recording.
            foreach (var error in e.Errors)
            {
                ModelState.AddModelError(FormKey(error.Field, rows), error.Message);
            }

            await ShowAsync(ct);
            return ShowProblem(null, StatusCodes.Status400BadRequest);
        }

        db.Decisions.Add(decision);
        if (await SaveAsync(ct) is { } conflict)
        {
            return conflict;
        }

        TempData["Message"] = $"Decision recorded: {decision.Outcome.ToLabel()}. It is shown below beside the computed recommendation.";
        return Redirect($"/assessments/{id}/results#decision-heading");
    }

    /// <summary>Marks one condition of the current decision met; answers with the results page either way.</summary>
    public async Task<IActionResult> OnPostMarkMetAsync(Guid id, Guid decisionId, Guid conditionId, CancellationToken ct)
    {
        var result = await Access.ForChangeAsync(User, id, AssessmentAction.MarkConditionMet, Precondition.FormVersion(Version), ct);
        if (result.Refusal is { Reason: AccessRefusalReason.NotFound })
        {
            return NotFound();
        }

        if (result.Refusal is { } refusal)
        {
            return Results(id, problem: refusal.PageMessage());
        }

        var assessment = result.Assessment!;
        var decision = await DecisionHistory.CurrentAsync(db, assessment.PilotId, ct);
        var condition = decision?.Conditions.FirstOrDefault(c => c.Id == conditionId);
        if (decision is null || decision.Id != decisionId || condition is null)
        {
            return Results(id, problem: PageRefusals.StaleMessage);
        }

        if (decision.WhyNotMarkMet(conditionId) is { } why)
        {
            return Results(id, problem: why.Message);
        }

        decision.MarkConditionMet(conditionId, assessment, await DecisionHistory.DeciderNameAsync(db, User, ct), time.GetUtcNow());
        return await Access.SaveAsync(ct) is { } conflict
            ? Results(id, problem: conflict.PageMessage())
            : Results(id, message: $"Condition marked met: {condition.Description}");
    }

    private RedirectResult Results(Guid id, string? message = null, string? problem = null)
    {
        TempData["Message"] = message;
        TempData[ResultsModel.DecisionProblemKey] = problem;
        return Redirect($"/assessments/{id}/results#decision-heading");
    }

    /// <summary>A validator field name (<c>conditions[1].dueDate</c>) as the form's key, by the form row it came from.</summary>
    private static string FormKey(string field, IReadOnlyList<int> rows)
    {
        if (field.StartsWith("gateReasons.", StringComparison.OrdinalIgnoreCase))
        {
            return ReasonKey(field["gateReasons.".Length..]);
        }

        var match = System.Text.RegularExpressions.Regex.Match(field, @"^[Cc]onditions\[(\d+)\]\.(\w+)$");
        if (match.Success && int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) is var k && k < rows.Count)
        {
            var name = match.Groups[2].Value;
            return $"Input.Conditions[{rows[k]}].{char.ToUpperInvariant(name[0])}{name[1..]}";
        }

        var top = field.Split('[', 2)[0];
        return top.Length == 0 ? "Input.Conditions" : $"Input.{char.ToUpperInvariant(top[0])}{top[1..]}";
    }

    protected override async Task ShowAsync(CancellationToken ct)
    {
        Input.Pad();
        Score = Assessment.Score(Catalog, time.GetUtcNow());
        Today = time.Today();
        Current = await DecisionHistory.CurrentAsync(db, Assessment.PilotId, ct);
        NotDecidable = Assessment.WhyNot(AssessmentAction.RecordDecision)?.Message;
        ReasonGates = [.. Decision.GatesAccepted(Score, DecisionOutcome.Go).Select(gate => (gate, (IReadOnlyList<DecisionOutcome>)
            [.. Enum.GetValues<DecisionOutcome>().Where(o => Decision.GatesAccepted(Score, o).Any(g => g.Key == gate.Key))]))];
    }

    public sealed class InputModel
    {
        /// <summary><c>go</c>, <c>go-with-conditions</c> or <c>no-go</c>.</summary>
        public string? Outcome { get; set; }

        public string? Rationale { get; set; }

        public string? KillCriteria { get; set; }

        public List<ConditionRow> Conditions { get; set; } = [];

        /// <summary>Why the decision goes ahead despite each gate, by gate key; only those it accepts are kept.</summary>
        public Dictionary<string, string?> GateReasons { get; set; } = [];

        /// <summary>Makes sure the form shows at least <see cref="ConditionRows"/> rows.</summary>
        public void Pad()
        {
            while (Conditions.Count < ConditionRows)
            {
                Conditions.Add(new ConditionRow());
            }
        }

        /// <summary>The input without the rows left empty, and the form row of each condition kept.</summary>
        public (DecisionInput Input, IReadOnlyList<int> Rows) ToDecisionInput()
        {
            var rows = Conditions.Select((row, index) => (Row: row, Index: index))
                .Where(r => r.Row is not null && !r.Row.AsInput().IsBlank).ToList();
            return (new DecisionInput
            {
                Outcome = Outcome,
                Rationale = Rationale,
                KillCriteria = KillCriteria,
                Conditions = [.. rows.Select(r => r.Row.AsInput())],
                GateReasons = GateReasons,
            }, [.. rows.Select(r => r.Index)]);
        }
    }

    public sealed class ConditionRow
    {
        public string? Description { get; set; }

        public string? Owner { get; set; }

        /// <summary>As a date field sends it: yyyy-MM-dd.</summary>
        public string? DueDate { get; set; }

        /// <summary>The key of the gate the condition is meant to clear, or empty.</summary>
        public string? Gate { get; set; }

        public ConditionInput AsInput() =>
            new() { Description = Description, Owner = Owner, DueDate = DueDate, Gate = string.IsNullOrWhiteSpace(Gate) ? null : Gate };
    }
}
