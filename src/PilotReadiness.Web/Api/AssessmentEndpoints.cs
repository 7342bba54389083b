using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;
using PilotReadiness.Domain;
using PilotReadiness.Web.Security;

namespace PilotReadiness.Web.Api;

public sealed record AnswersRequest(Dictionary<string, JsonElement>? Answers);

public sealed record CollaboratorRequest(string? Email);

public sealed record ConfirmationRequest(string? QuestionKey, string? Email);

public static class AssessmentEndpoints
{
    public static IEndpointRouteBuilder MapAssessmentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assessments").WithTags("Assessments").RequireRateLimiting(SecuritySetup.ApiLimit);

        group.MapPost("/", Create).Accepts<DetailsInput>("application/json").RequireAuthorization(Policies.Sponsor)
            .WithName("CreateAssessment").WithSummary("Start an assessment of a proposed pilot.");
        group.MapGet("/", List)
            .WithName("ListAssessments").WithSummary("The current version of each pilot, newest change first, with its score and verdict.");
        group.MapGet("/{id:guid}", Get)
            .WithName("GetAssessment").WithSummary("One assessment with its answers. The ETag header carries its version.");
        group.MapPut("/{id:guid}/details", PutDetails).Accepts<DetailsInput>("application/json")
            .ChangesAssessment(AssessmentAction.ChangeDetails)
            .WithName("PutDetails")
            .WithSummary("Change a draft's title, business unit, sponsor and description. Honours If-Match (a stale one gets 412 and changes nothing).");
        group.MapPut("/{id:guid}/answers", PutAnswers).Accepts<AnswersRequest>("application/json")
            .ChangesAssessment(AssessmentAction.ChangeAnswers)
            .WithName("PutAnswers")
            .WithSummary("Merge answers (null clears one). Send If-Match with the ETag you read; a stale one gets 412 and changes nothing.");
        group.MapGet("/{id:guid}/score", GetScore)
            .WithName("GetScore").WithSummary("The readiness score, verdict, gates, findings and the reason for every point.");
        group.MapPost("/{id:guid}/submit", Submit).ChangesAssessment(AssessmentAction.Submit)
            .WithName("SubmitAssessment").WithSummary("Submit a draft for review; it is read-only until re-opened. Honours If-Match.");
        group.MapPost("/{id:guid}/reopen", Reopen).ChangesAssessment(AssessmentAction.Reopen)
            .WithName("ReopenAssessment").WithSummary("Take a submitted assessment back to draft. Honours If-Match.");
        group.MapPost("/{id:guid}/confirmations", RequestConfirmation).Accepts<ConfirmationRequest>("application/json")
            .ChangesAssessment(AssessmentAction.RequestConfirmation)
            .WithName("RequestConfirmation")
            .WithSummary("Email the person named in a role question (production owner, quality reviewer, team sponsor, system owner) a link to confirm or decline.");
        group.MapGet("/{id:guid}/history", GetHistory)
            .WithName("GetHistory").WithSummary("The audit trail: every change, who made it and when, newest first.");
        group.MapPost("/{id:guid}/collaborators", AddCollaborator).Accepts<CollaboratorRequest>("application/json")
            .ChangesAssessment(AssessmentAction.ManageCollaborators)
            .WithName("AddCollaborator").WithSummary("The owner lets another sponsor (by email) edit this assessment.");
        group.MapDelete("/{id:guid}/collaborators/{userId}", RemoveCollaborator).ChangesAssessment(AssessmentAction.ManageCollaborators)
            .WithName("RemoveCollaborator").WithSummary("The owner takes a collaborator's access away.");
        return app;
    }

    private static async Task<Results<Ok<ScoreDto>, ValidationProblem, ProblemHttpResult>> RequestConfirmation(
        HttpContext http, AssessmentAccess access, ConfirmationRequests confirmations, TimeProvider time, CancellationToken ct)
    {
        var assessment = access.Loaded;
        var (body, problem) = await JsonBody.ReadAsync<ConfirmationRequest>(http.Request, ct);
        if (problem is not null)
        {
            return problem.AsProblem();
        }

        var (errors, refusal) = await confirmations.RequestAsync(assessment, body!.QuestionKey, body.Email, http.User.Identity?.Name ?? "The sponsor", ct);
        if (refusal is not null)
        {
            return refusal.ToProblem();
        }

        if (errors.Count > 0)
        {
            return errors.ToValidationProblem();
        }

        http.SetETag(assessment);
        return TypedResults.Ok(assessment.ToScoreDto(access.Catalog, time.GetUtcNow()));
    }

    private static async Task<Results<Ok<IReadOnlyList<HistoryLine>>, NotFound>> GetHistory(
        Guid id, HttpContext http, AppDbContext db, IQuestionnaireCatalog catalog, CancellationToken ct)
    {
        var assessment = await db.Assessments.AsNoTracking().VisibleTo(http.User).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await AuditText.HistoryAsync(db, catalog, assessment, ct));
    }

    private static async Task<Results<Ok<AssessmentDto>, ValidationProblem, ProblemHttpResult>> AddCollaborator(
        HttpContext http, AssessmentAccess access, UserManager<AppUser> users, TimeProvider time, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<CollaboratorRequest>(http.Request, ct);
        if (problem is not null)
        {
            return problem.AsProblem();
        }

        var (user, error) = await Collaborators.FindSponsorAsync(users, body!.Email);
        if (user is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["email"] = [error!] });
        }

        access.Loaded.AddCollaborator(user.Id, time.GetUtcNow());
        return await SavedAsync(http, access, time, ct);
    }

    private static async Task<Results<Ok<AssessmentDto>, ValidationProblem, ProblemHttpResult>> RemoveCollaborator(
        string userId, HttpContext http, AssessmentAccess access, TimeProvider time, CancellationToken ct)
    {
        if (!access.Loaded.RemoveCollaborator(userId, time.GetUtcNow()))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not a collaborator",
                detail: "That user is not a collaborator on this assessment.");
        }

        return await SavedAsync(http, access, time, ct);
    }

    private static async Task<Results<Created<AssessmentDto>, ValidationProblem, ProblemHttpResult>> Create(
        HttpContext http, AppDbContext db, IQuestionnaireCatalog catalog, IValidator<DetailsInput> validator, TimeProvider time, CancellationToken ct)
    {
        var (input, problem) = await ReadDetailsAsync(http, validator, ct);
        if (problem is not null)
        {
            return problem;
        }

        var assessment = new Assessment(input!.ToDetails(), catalog.Current, http.User.UserId(), time.GetUtcNow());
        db.Assessments.Add(assessment);
        await db.SaveChangesAsync(ct);
        http.SetETag(assessment);
        return TypedResults.Created($"/api/assessments/{assessment.Id}", assessment.ToDto(catalog, time.Today()));
    }

    private static async Task<Results<Ok<AssessmentDto>, ValidationProblem, ProblemHttpResult>> PutDetails(
        HttpContext http, AssessmentAccess access, IValidator<DetailsInput> validator, TimeProvider time, CancellationToken ct)
    {
        var (input, problem) = await ReadDetailsAsync(http, validator, ct);
        if (problem is not null)
        {
            return problem;
        }

        access.Loaded.UpdateDetails(input!.ToDetails(), time.GetUtcNow());
        return await SavedAsync(http, access, time, ct);
    }

    private static async Task<Results<Ok<PageDto<AssessmentSummaryDto>>, ValidationProblem>> List(
        [AsParameters] ListQuery query, ClaimsPrincipal user, AppDbContext db, IValidator<ListQuery> validator, TimeProvider time, CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(query, ct);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.ToApiErrors());
        }

        var page = await AssessmentList.PageAsync(db, user, AssessmentStatusNames.FromKey(query.Status), query.Q, query.PageNumber, query.PageSizeNumber, clamp: false, ct);
        var today = time.Today();
        return TypedResults.Ok(new PageDto<AssessmentSummaryDto>(
            [.. page.Items.Select(a => a.ToSummaryDto(today))], page.Page, page.PageSize, page.TotalCount, page.TotalPages));
    }

    private static async Task<Results<Ok<AssessmentDto>, NotFound>> Get(
        Guid id, HttpContext http, AppDbContext db, IQuestionnaireCatalog catalog, TimeProvider time, CancellationToken ct)
    {
        var assessment = await db.Assessments.AsNoTracking().VisibleTo(http.User).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null)
        {
            return TypedResults.NotFound();
        }

        http.SetETag(assessment);
        return TypedResults.Ok(assessment.ToDto(catalog, time.Today()));
    }

    private static async Task<Results<Ok<AssessmentDto>, ValidationProblem, ProblemHttpResult>> PutAnswers(
        HttpContext http, AssessmentAccess access, TimeProvider time, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<AnswersRequest>(http.Request, ct);
        if (problem is not null)
        {
            return problem.AsProblem();
        }

        if (body!.Answers is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["answers"] = ["Send an object of answers keyed by question key, e.g. {\"answers\": {\"involvement.level\": \"involved\"}}."],
            });
        }

        var assessment = access.Loaded;
        var (answers, errors) = AnswerInput.FromJson(assessment.VersionIn(access.Catalog).Questionnaire, body.Answers);
        if (errors.Count == 0)
        {
            foreach (var refused in assessment.CheckNotApplicable(access.Catalog, answers).GroupBy(e => e.Field))
            {
                errors[$"answers.{refused.Key}"] = [.. refused.Select(e => e.Message)];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Some answers were not accepted; nothing was saved.");
        }

        assessment.SetAnswers(access.Catalog, answers, time.GetUtcNow());
        return await SavedAsync(http, access, time, ct);
    }

    private static async Task<Results<Ok<ScoreDto>, NotFound>> GetScore(
        Guid id, HttpContext http, AppDbContext db, IQuestionnaireCatalog catalog, TimeProvider time, CancellationToken ct)
    {
        var assessment = await db.Assessments.AsNoTracking().VisibleTo(http.User).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null)
        {
            return TypedResults.NotFound();
        }

        http.SetETag(assessment);
        return TypedResults.Ok(assessment.ToScoreDto(catalog, time.GetUtcNow()));
    }

    private static Task<Results<Ok<AssessmentDto>, ValidationProblem, ProblemHttpResult>> Submit(
        HttpContext http, AssessmentAccess access, TimeProvider time, CancellationToken ct)
    {
        if (BlockersOpen(access.Loaded, access.Catalog) is { } blocked)
        {
            return Task.FromResult<Results<Ok<AssessmentDto>, ValidationProblem, ProblemHttpResult>>(blocked);
        }

        access.Loaded.Submit(access.Catalog, time.GetUtcNow());
        return SavedAsync(http, access, time, ct);
    }

    private static Task<Results<Ok<AssessmentDto>, ValidationProblem, ProblemHttpResult>> Reopen(
        HttpContext http, AssessmentAccess access, TimeProvider time, CancellationToken ct)
    {
        access.Loaded.Reopen(access.Catalog, time.GetUtcNow());
        return SavedAsync(http, access, time, ct);
    }

    /// <summary>409 naming the questions required to proceed that lack a real answer (the domain's list), or null.</summary>
    private static ProblemHttpResult? BlockersOpen(Assessment assessment, IQuestionnaireCatalog catalog)
    {
        var blockers = assessment.SubmitBlockers(catalog);
        return blockers.Count == 0 ? null
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Required questions lack a real answer",
                detail: assessment.WhyNotSubmit(catalog), extensions: new Dictionary<string, object?>
                {
                    ["missing"] = blockers.Select(b => b.QuestionKey).ToArray(),
                    ["reasons"] = blockers.ToDictionary(b => b.QuestionKey, b => b.Reason),
                });
    }

    /// <summary>The details in the body, checked: the input, or the problem to answer (400, 413, 415).</summary>
    private static async Task<(DetailsInput? Input, ProblemHttpResult? Problem)> ReadDetailsAsync(
        HttpContext http, IValidator<DetailsInput> validator, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<DetailsInput>(http.Request, ct);
        if (problem is not null)
        {
            return (null, problem.AsProblem());
        }

        var validation = await validator.ValidateAsync(input!, ct);
        return validation.IsValid ? (input, null) : (null, TypedResults.Problem(TypedResults.ValidationProblem(validation.ToApiErrors()).ProblemDetails));
    }

    /// <summary>Saves the change; answers with the assessment and its new ETag, or 412 when someone else saved first.</summary>
    private static async Task<Results<Ok<AssessmentDto>, ValidationProblem, ProblemHttpResult>> SavedAsync(
        HttpContext http, AssessmentAccess access, TimeProvider time, CancellationToken ct)
    {
        var assessment = access.Loaded;
        if (await access.SaveAsync(ct) is { } conflict)
        {
            return conflict.ToProblem();
        }

        http.SetETag(assessment);
        return TypedResults.Ok(assessment.ToDto(access.Catalog, time.Today()));
    }
}

/// <summary>Query of <c>GET /api/assessments</c>; bound as text so bad values get a field message, not a bare 400.</summary>
public sealed record ListQuery(string? Status, string? Q, string? Page, string? PageSize)
{
    public const int MaxPageSize = 100;

    public int PageNumber => int.TryParse(Page, CultureInfo.InvariantCulture, out var p) ? p : 1;

    public int PageSizeNumber => int.TryParse(PageSize, CultureInfo.InvariantCulture, out var s) ? s : 20;
}

public sealed class ListQueryValidator : AbstractValidator<ListQuery>
{
    public ListQueryValidator()
    {
        RuleFor(q => q.Status).Must(s => s is null || AssessmentStatusNames.FromKey(s) is not null)
            .WithMessage("Use status=draft or status=submitted.");
        RuleFor(q => q.Q).Must(q => q is null || q.Length <= AssessmentList.SearchMaxLength)
            .WithMessage($"Keep the search to {AssessmentList.SearchMaxLength} characters or fewer.");
        RuleFor(q => q.Page).Must(p => p is null || (int.TryParse(p, CultureInfo.InvariantCulture, out var n) && n >= 1))
            .WithMessage("page is a whole number from 1.");
        RuleFor(q => q.PageSize).Must(p => p is null || (int.TryParse(p, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= ListQuery.MaxPageSize))
            .WithMessage($"pageSize is a whole number from 1 to {ListQuery.MaxPageSize}.");
    }
}
