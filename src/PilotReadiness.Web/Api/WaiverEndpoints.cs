using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Decisions;
using PilotReadiness.Web.Security;
using PilotReadiness.Web.Waivers;

namespace PilotReadiness.Web.Api;

/// <summary>A waiver of a gate as the API shows it; <see cref="Holds"/> is whether it stops the gate capping the verdict now.</summary>
public sealed record WaiverDto(
    Guid Id, string Gate, string Label, string Status, bool Holds, string Reason, string RequestedBy, DateTimeOffset RequestedAt,
    string? DecidedBy, DateTimeOffset? DecidedAt, string? Note, DateOnly? Until, DateTimeOffset? ExpiresAt);

/// <summary>
/// Waivers of an assessment's gates (ADR 0020): sponsors ask for one on a submitted assessment, reviewers approve it
/// until a day or refuse it. Changes need If-Match with the assessment's ETag (428 without, 412 when stale).
/// </summary>
public static class WaiverEndpoints
{
    public static IEndpointRouteBuilder MapWaiverEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assessments/{id:guid}/waivers").WithTags("Waivers").RequireRateLimiting(SecuritySetup.ApiLimit);
        group.MapGet("/", List).WithName("ListWaivers").WithSummary("The assessment's waivers, oldest first, with whether each holds now.");
        group.MapPost("/", Request).Accepts<WaiverRequestInput>("application/json")
            .ChangesAssessment(AssessmentAction.RequestWaiver, ifMatchRequired: true)
            .WithName("RequestWaiver")
            .WithSummary("Ask for a waiver of a triggered gate, with a reason. The owner and collaborators, as sponsors; needs If-Match.");
        group.MapPost("/{waiverId:guid}/approve", Approve).Accepts<WaiverApprovalInput>("application/json").RequireAuthorization(Policies.Reviewer)
            .ChangesAssessment(AssessmentAction.DecideWaiver, ifMatchRequired: true)
            .WithName("ApproveWaiver")
            .WithSummary("Approve a waiver until a day after today: the gate stops capping the verdict until then. Reviewers; needs If-Match.");
        group.MapPost("/{waiverId:guid}/refuse", Refuse).Accepts<WaiverRefusalInput>("application/json").RequireAuthorization(Policies.Reviewer)
            .ChangesAssessment(AssessmentAction.DecideWaiver, ifMatchRequired: true)
            .WithName("RefuseWaiver")
            .WithSummary("Refuse a waiver, saying why. Reviewers; needs If-Match.");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<WaiverDto>>, NotFound>> List(
        Guid id, HttpContext http, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        var assessment = await db.Assessments.AsNoTracking().VisibleTo(http.User).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null)
        {
            return TypedResults.NotFound();
        }

        var now = time.GetUtcNow();
        http.SetETag(assessment);
        return TypedResults.Ok<IReadOnlyList<WaiverDto>>([.. assessment.Waivers.OrderBy(w => w.RequestedAt).Select(w => w.ToDto(now))]);
    }

    private static async Task<Results<Created<WaiverDto>, ValidationProblem, ProblemHttpResult>> Request(
        Guid id, HttpContext http, AppDbContext db, AssessmentAccess access, IValidator<WaiverRequestInput> validator, TimeProvider time, CancellationToken ct)
    {
        var (input, problem) = await ReadAsync(http, validator, ct);
        if (problem is not null)
        {
            return problem;
        }

        var assessment = access.Loaded;
        var now = time.GetUtcNow();
        if (assessment.CheckWaiverRequest(access.Catalog, input!.Gate, input.Reason, now) is { Count: > 0 } errors)
        {
            return errors.ToValidationProblem("The waiver was not asked for");
        }

        var waiver = assessment.RequestWaiver(access.Catalog, input.Gate!, input.Reason!, http.User.UserId(), await DecisionHistory.DeciderNameAsync(db, http.User, ct), now);
        if (await access.SaveAsync(ct) is { } conflict)
        {
            return conflict.ToProblem();
        }

        http.SetETag(assessment);
        return TypedResults.Created($"/api/assessments/{id}/waivers", waiver.ToDto(now));
    }

    private static async Task<Results<Ok<WaiverDto>, NotFound, ValidationProblem, ProblemHttpResult>> Approve(
        Guid waiverId, HttpContext http, AppDbContext db, AssessmentAccess access, IValidator<WaiverApprovalInput> validator, TimeProvider time, CancellationToken ct)
    {
        var (input, problem) = await ReadAsync(http, validator, ct);
        return problem is not null ? problem : await DecideAsync(waiverId, http, db, access, time, approve: true,
            WaiverApprovalInput.ParseDate(input?.Until), input?.Note, ct);
    }

    private static async Task<Results<Ok<WaiverDto>, NotFound, ValidationProblem, ProblemHttpResult>> Refuse(
        Guid waiverId, HttpContext http, AppDbContext db, AssessmentAccess access, IValidator<WaiverRefusalInput> validator, TimeProvider time, CancellationToken ct)
    {
        var (input, problem) = await ReadAsync(http, validator, ct);
        return problem is not null ? problem : await DecideAsync(waiverId, http, db, access, time, approve: false, null, input?.Note, ct);
    }

    private static async Task<Results<Ok<WaiverDto>, NotFound, ValidationProblem, ProblemHttpResult>> DecideAsync(
        Guid waiverId, HttpContext http, AppDbContext db, AssessmentAccess access, TimeProvider time, bool approve, DateOnly? until, string? note, CancellationToken ct)
    {
        var assessment = access.Loaded;
        var now = time.GetUtcNow();
        if (assessment.Waivers.All(w => w.Id != waiverId))
        {
            return TypedResults.NotFound();
        }

        if (assessment.WhyNotDecideWaiver(waiverId) is { } refusal)
        {
            return AccessRefusal.From(refusal).ToProblem();
        }

        if (Assessment.CheckWaiverDecision(approve, until, note, now.Day()) is { Count: > 0 } errors)
        {
            return errors.ToValidationProblem("The waiver was not answered");
        }

        var name = await DecisionHistory.DeciderNameAsync(db, http.User, ct);
        if (approve)
        {
            assessment.ApproveWaiver(access.Catalog, waiverId, until!.Value, note, http.User.UserId(), name, now);
        }
        else
        {
            assessment.RefuseWaiver(waiverId, note!, http.User.UserId(), name, now);
        }

        if (await access.SaveAsync(ct) is { } conflict)
        {
            return conflict.ToProblem();
        }

        http.SetETag(assessment);
        return TypedResults.Ok(assessment.Waivers.Single(w => w.Id == waiverId).ToDto(now));
    }

    /// <summary>The JSON body, checked for shape: the input, or the problem to answer (415, or 400 with field messages).</summary>
    private static async Task<(T? Input, ProblemHttpResult? Problem)> ReadAsync<T>(HttpContext http, IValidator<T> validator, CancellationToken ct)
        where T : class
    {
        var (input, problem) = await JsonBody.ReadAsync<T>(http.Request, ct);
        if (problem is not null)
        {
            return (null, problem.AsProblem());
        }

        var validation = await validator.ValidateAsync(input!, ct);
        return validation.IsValid ? (input, null)
            : (null, TypedResults.ValidationProblem(validation.ToApiErrors(), title: "The waiver was not changed").AsProblem());
    }

    public static WaiverDto ToDto(this GateWaiver w, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(w);
        return new WaiverDto(w.Id, w.GateKey, w.Label, w.Status.ToKey(), w.HoldsAt(now), w.Reason, w.RequestedByName, w.RequestedAt,
            w.DecidedByName, w.DecidedAt, w.Note, w.Until, w.ExpiresAt);
    }
}
