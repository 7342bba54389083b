using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Decisions;
using PilotReadiness.Web.Security;

namespace PilotReadiness.Web.Api;

public sealed record ConditionDto(
    Guid Id, string Description, string Owner, DateOnly DueDate, string State, DateTimeOffset? MetAt, string? MetBy, string? Gate);

/// <summary>A gate a decision above the recommendation goes ahead despite, and why.</summary>
public sealed record AcceptedGateDto(string Gate, string Label, string Reason);

/// <summary>A decision as the API shows it, with where each condition stands today.</summary>
public sealed record DecisionDto(
    Guid Id, Guid AssessmentId, int Revision, string Outcome, string Rationale, string? KillCriteria,
    string RecommendedVerdict, int RecommendedScore, string DecidedBy, DateTimeOffset DecidedAt,
    DateTimeOffset? SupersededAt, Guid? SupersededById, bool Current, bool Lapsed, IReadOnlyList<ConditionDto> Conditions,
    bool AboveRecommendation, IReadOnlyList<AcceptedGateDto> AcceptedGates);

/// <summary>
/// Leadership's decisions about a pilot: recorded by reviewers beside the computed recommendation, never edited,
/// superseded by the next one. Changes need If-Match with the assessment's ETag (428 without, 412 when stale).
/// </summary>
public static class DecisionEndpoints
{
    public static IEndpointRouteBuilder MapDecisionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assessments/{id:guid}/decisions").WithTags("Decisions").RequireRateLimiting(SecuritySetup.ApiLimit);

        group.MapPost("/", Record).Accepts<DecisionInput>("application/json").RequireAuthorization(Policies.Reviewer)
            .ChangesAssessment(AssessmentAction.RecordDecision, ifMatchRequired: true)
            .WithName("RecordDecision")
            .WithSummary("Record go, go-with-conditions or no-go with a rationale; it supersedes the pilot's current decision. Reviewers; needs If-Match.");
        group.MapGet("/", List)
            .WithName("ListDecisions")
            .WithSummary("The pilot's decisions over all its versions, newest first, with each condition's state today.");
        group.MapGet("/{decisionId:guid}", Get)
            .WithName("GetDecision").WithSummary("One decision of the pilot.");
        group.MapPost("/{decisionId:guid}/conditions/{conditionId:guid}/met", MarkMet).RequireAuthorization(Policies.Reviewer)
            .ChangesAssessment(AssessmentAction.MarkConditionMet, ifMatchRequired: true)
            .WithName("MarkConditionMet")
            .WithSummary("Mark a condition of the current decision met; a lapsed go stands again once none is overdue. Reviewers; needs If-Match.");
        return app;
    }

    private static async Task<Results<Created<DecisionDto>, ValidationProblem, ProblemHttpResult>> Record(
        Guid id, HttpContext http, AppDbContext db, AssessmentAccess access, IValidator<DecisionInput> validator, TimeProvider time, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<DecisionInput>(http.Request, ct);
        if (problem is not null)
        {
            return problem.AsProblem();
        }

        var validation = await validator.ValidateAsync(input!, ct);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.ToApiErrors(), title: "The decision was not recorded");
        }

        var assessment = access.Loaded;
        var current = await DecisionHistory.CurrentAsync(db, assessment.PilotId, ct);
        Decision decision;
        try
        {
            decision = Decision.Record(assessment, access.Catalog, current, input!.ParsedOutcome, input.Rationale, input.KillCriteria, input.ToDrafts(),
                http.User.UserId(), await DecisionHistory.DeciderNameAsync(db, http.User, ct), time.GetUtcNow(), input.GivenReasons());
        }
        catch (FieldErrorsException e)
        {
            // The gates' rules need the assessment's score, so the domain checks them when recording.
            return e.Errors.ToValidationProblem("The decision was not recorded");
        }

        db.Decisions.Add(decision);
        if (await access.SaveAsync(ct) is { } conflict)
        {
            return conflict.ToProblem();
        }

        http.SetETag(assessment);
        return TypedResults.Created($"/api/assessments/{id}/decisions/{decision.Id}", decision.ToDto(time.Today()));
    }

    private static async Task<Results<Ok<IReadOnlyList<DecisionDto>>, NotFound>> List(
        Guid id, HttpContext http, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        var assessment = await db.Assessments.AsNoTracking().VisibleTo(http.User).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null)
        {
            return TypedResults.NotFound();
        }

        var today = time.Today();
        var decisions = await DecisionHistory.ForPilotAsync(db, assessment.PilotId, ct);
        http.SetETag(assessment);
        return TypedResults.Ok<IReadOnlyList<DecisionDto>>([.. decisions.Select(d => d.ToDto(today))]);
    }

    private static async Task<Results<Ok<DecisionDto>, NotFound>> Get(
        Guid id, Guid decisionId, HttpContext http, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        var assessment = await db.Assessments.AsNoTracking().VisibleTo(http.User).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null)
        {
            return TypedResults.NotFound();
        }

        var decision = await db.Decisions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == decisionId && d.PilotId == assessment.PilotId, ct);
        return decision is null ? TypedResults.NotFound() : TypedResults.Ok(decision.ToDto(time.Today()));
    }

    private static async Task<Results<Ok<DecisionDto>, NotFound, ProblemHttpResult>> MarkMet(
        Guid decisionId, Guid conditionId, HttpContext http, AppDbContext db, AssessmentAccess access, TimeProvider time, CancellationToken ct)
    {
        var assessment = access.Loaded;
        var decision = await db.Decisions.FirstOrDefaultAsync(d => d.Id == decisionId && d.PilotId == assessment.PilotId, ct);
        if (decision is null || decision.Conditions.All(c => c.Id != conditionId))
        {
            return TypedResults.NotFound();
        }

        if (decision.WhyNotMarkMet(conditionId) is { } refusal)
        {
            return AccessRefusal.From(refusal).ToProblem();
        }

        decision.MarkConditionMet(conditionId, assessment, await DecisionHistory.DeciderNameAsync(db, http.User, ct), time.GetUtcNow());
        if (await access.SaveAsync(ct) is { } conflict)
        {
            return conflict.ToProblem();
        }

        http.SetETag(assessment);
        return TypedResults.Ok(decision.ToDto(time.Today()));
    }

    public static DecisionDto ToDto(this Decision d, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new DecisionDto(d.Id, d.AssessmentId, d.Revision, d.Outcome.ToKey(), d.Rationale, d.KillCriteria,
            d.RecommendedVerdict.ToKey(), d.RecommendedScore, d.DecidedByName, d.DecidedAt, d.SupersededAt, d.SupersededById,
            d.IsCurrent, d.IsLapsed(today),
            [.. d.Conditions.Select(c => new ConditionDto(c.Id, c.Description, c.Owner, c.DueDate, c.State(today).ToKey(), c.MetAt, c.MetByName, c.GateKey))],
            d.IsAboveRecommendation, [.. d.AcceptedGates.Select(g => new AcceptedGateDto(g.GateKey, g.Label, g.Reason))]);
    }
}
