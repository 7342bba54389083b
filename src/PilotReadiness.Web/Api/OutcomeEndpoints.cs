using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Live;
using PilotReadiness.Domain.Outcomes;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Live;
using PilotReadiness.Web.Security;

namespace PilotReadiness.Web.Api;

/// <summary>
/// A pilot's outcomes: <see cref="Current"/> and every one recorded, newest first. <see cref="Revision"/> is how many
/// were recorded (the ETag); <see cref="SuggestStalled"/> is the monitoring model's "stalled?".
/// </summary>
public sealed record OutcomesDto(Guid PilotId, int Revision, bool SuggestStalled, OutcomeDto? Current, IReadOnlyList<OutcomeDto> Outcomes);

/// <summary>
/// <c>/api/live/{pilotId}/outcome</c>: how a pilot turned out. Whoever reads the pilot reads its outcomes; reviewers
/// record them through <see cref="LiveAccess"/>, with If-Match carrying the outcome revision they read (428 without,
/// 412 when another reviewer recorded one since).
/// </summary>
public static class OutcomeEndpoints
{
    public static IEndpointRouteBuilder MapOutcomeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/live/{pilotId:guid}/outcome").WithTags("After launch").RequireRateLimiting(SecuritySetup.ApiLimit);
        group.MapGet("/", Get).WithName("GetOutcomes")
            .WithSummary("The pilot's current outcome and every one recorded before, newest first, and whether the monitoring model suggests \"stalled?\". The ETag is the outcome revision.");
        group.MapPost("/", Record).Accepts<OutcomeInput>("application/json").RequireAuthorization(Policies.Reviewer).WithName("RecordOutcome")
            .WithSummary("Record how the pilot turned out; it supersedes the current outcome. Reviewers; needs If-Match with the outcome revision's ETag from GET (428 without, 412 when stale).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .RequiresIfMatch("The outcome revision's ETag from GET /api/live/{pilotId}/outcome (\"0\" before the first). Without it the change is refused (428); a stale one gets 412.");
        return app;
    }

    private static async Task<Results<Ok<OutcomesDto>, NotFound>> Get(
        Guid pilotId, HttpContext http, LiveAccess access, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (await access.FindAsync(http.User, pilotId, ct) is not { } target)
        {
            return TypedResults.NotFound();
        }

        var outcomes = await Outcomes.ForPilotAsync(db, pilotId, ct);
        http.Response.Headers.ETag = AssessmentChanges.ETagFor(outcomes.Count);
        var suggest = await Outcomes.SuggestStalledAsync(access, target, time.Today(), ct);
        return TypedResults.Ok(new OutcomesDto(pilotId, outcomes.Count, suggest,
            outcomes.FirstOrDefault(o => o.IsCurrent)?.ToDto(), [.. outcomes.Select(o => o.ToDto())]));
    }

    private static async Task<Results<Created<OutcomeDto>, ValidationProblem, ProblemHttpResult>> Record(
        Guid pilotId, HttpContext http, LiveAccess access, AppDbContext db, IValidator<OutcomeInput> validator, TimeProvider time, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<OutcomeInput>(http.Request, ct);
        if (problem is not null)
        {
            return problem.AsProblem();
        }

        var validation = await validator.ValidateAsync(input!, ct);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.ToApiErrors(), title: "The outcome was not recorded");
        }

        var by = await UserNames.DisplayNameAsync(db, http.User, ct);
        PilotOutcome? recorded = null;
        var result = await access.ChangeAsync(http.User, pilotId, LiveAction.RecordOutcome,
            Precondition.FromIfMatch(http.Request.Headers.IfMatch, required: true), async target =>
            {
                (recorded, var errors) = await Outcomes.RecordAsync(db, target, input!, http.User.UserId(), by, time.GetUtcNow(), ct);
                return errors;
            }, ct);
        if (result.Refusal is { } refusal)
        {
            return refusal.ToProblem();
        }

        if (result.Errors.Count > 0)
        {
            return result.Errors.ToValidationProblem("The outcome was not recorded");
        }

        http.Response.Headers.ETag = AssessmentChanges.ETagFor(await Outcomes.RevisionAsync(db, pilotId, ct));
        return TypedResults.Created($"/api/live/{pilotId}/outcome", recorded!.ToDto());
    }
}
