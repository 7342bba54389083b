using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain.Assessments;
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
public sealed class DecideModel(AppDbContext db, IValidator<DecisionInput> validator, TimeProvider time) : PageModel
{
    /// <summary>How many condition rows the form offers; rows left empty are ignored, so it works without script.</summary>
    public const int ConditionRows = 5;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public int Version { get; set; }

    public Assessment Assessment { get; private set; } = null!;

    public ScoreResult Score { get; private set; } = null!;

    /// <summary>The pilot's decision as it stands, which a new one would supersede.</summary>
    public Decision? Current { get; private set; }

    /// <summary>Why no decision can be recorded on this assessment (a draft, or an older version), or null.</summary>
    public string? NotDecidable { get; private set; }

    /// <summary>A conflict: someone else changed the assessment or decided since the form was opened.</summary>
    public string? Problem { get; private set; }

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

    private static readonly string[] TopFields = ["Input.Outcome", "Input.Rationale", "Input.KillCriteria"];

    /// <summary>The form key of a gate's reason field.</summary>
    public static string ReasonKey(string gateKey) => $"Input.GateReasons[{gateKey}]";

    public bool Invalid(string key) => ModelState.GetFieldValidationState(key) == ModelValidationState.Invalid;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Version = Assessment.Version;
        Input.Pad();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Input.Pad();
        if (NotDecidable is not null)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        if (Version != Assessment.Version)
        {
            return Stale();
        }

        var (input, rows) = Input.ToDecisionInput();
        var validation = await validator.ValidateAsync(input, ct);
        if (!validation.IsValid)
        {
            foreach (var error in validation.Errors)
            {
                ModelState.AddModelError(FormKey(error.PropertyName, rows), error.ErrorMessage);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Decision decision;
        try
        {
            decision = Decision.Record(Assessment, Current, input.ParsedOutcome, input.Rationale, input.KillCriteria, input.ToDrafts(),
                User.UserId(), await DecisionHistory.DeciderNameAsync(db, User, ct), time.GetUtcNow(), input.GivenReasons());
        }
        catch (ArgumentException e) when (e.ParamName is not null)
        {
            ModelState.AddModelError(FormKey(e.ParamName, rows), e.Message.Split(" (Parameter", 2)[0]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        db.Decisions.Add(decision);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsConflict(e))
        {
            db.ChangeTracker.Clear();
            await LoadAsync(id, ct);
            return Stale();
        }

        TempData["Message"] = $"Decision recorded: {decision.Outcome.ToLabel()}. It is shown below beside the computed recommendation.";
        return Redirect($"/assessments/{id}/results#decision-heading");
    }

    /// <summary>Marks one condition of the current decision met; answers with the results page either way.</summary>
    public async Task<IActionResult> OnPostMarkMetAsync(Guid id, Guid decisionId, Guid conditionId, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var decision = Current is { } current && current.Id == decisionId ? current : null;
        var condition = decision?.Conditions.FirstOrDefault(c => c.Id == conditionId);
        if (!Assessment.IsCurrent || decision is null || condition is null || condition.MetAt is not null || Version != Assessment.Version)
        {
            return Results(id, problem: "Nothing was marked: the decision or the assessment changed since you opened the page. Check the conditions below, then try again.");
        }

        decision.MarkConditionMet(conditionId, Assessment, await DecisionHistory.DeciderNameAsync(db, User, ct), time.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsConflict(e))
        {
            return Results(id, problem: "Nothing was marked: someone else changed the assessment at the same moment. Check the conditions below, then try again.");
        }

        return Results(id, message: $"Condition marked met: {condition.Description}");
    }

    private RedirectResult Results(Guid id, string? message = null, string? problem = null)
    {
        TempData["Message"] = message;
        TempData[ResultsModel.DecisionProblemKey] = problem;
        return Redirect($"/assessments/{id}/results#decision-heading");
    }

    private PageResult Stale()
    {
        Problem = "Nothing was saved: this assessment changed since you opened the form" +
            (Current is null ? "." : ", and the decision shown below may be newer than the one you saw.") +
            " Your entries are still in the form: check them against the current decision, then record again if you still mean to.";
        Version = Assessment.Version;
        ModelState.Remove(nameof(Version));
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    /// <summary>A validator or domain field name (<c>Conditions[1].DueDate</c>, <c>conditions[1].dueDate</c>) as the form's key.</summary>
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

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var assessment = await db.Assessments.VisibleTo(User).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null)
        {
            return false;
        }

        Assessment = assessment;
        Score = assessment.Score(time.GetUtcNow());
        Today = time.Today();
        Current = await DecisionHistory.CurrentAsync(db, assessment.PilotId, ct);
        NotDecidable = DecisionHistory.WhyNotDecidable(assessment);
        ReasonGates = [.. Decision.GatesAccepted(Score, DecisionOutcome.Go).Select(gate => (gate, (IReadOnlyList<DecisionOutcome>)
            [.. Enum.GetValues<DecisionOutcome>().Where(o => Decision.GatesAccepted(Score, o).Any(g => g.Key == gate.Key))]))];
        return true;
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
