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
using PilotReadiness.Web.Decisions;
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
        group.MapPut("/{id:guid}/answers", PutAnswers).Accepts<AnswersRequest>("application/json")
            .WithName("PutAnswers")
            .WithSummary("Merge answers (null clears one). Send If-Match with the ETag you read; a stale one gets 412 and changes nothing.");
        group.MapGet("/{id:guid}/score", GetScore)
            .WithName("GetScore").WithSummary("The readiness score, verdict, gates, findings and the reason for every point.");
        group.MapPost("/{id:guid}/submit", Submit)
            .WithName("SubmitAssessment").WithSummary("Submit a draft for review; it is read-only until re-opened.");
        group.MapPost("/{id:guid}/reopen", Reopen)
            .WithName("ReopenAssessment").WithSummary("Take a submitted assessment back to draft.");
        group.MapPost("/{id:guid}/confirmations", RequestConfirmation).Accepts<ConfirmationRequest>("application/json")
            .WithName("RequestConfirmation")
            .WithSummary("Email the person named in a role question (production owner, quality reviewer, team sponsor, system owner) a link to confirm or decline.");
        group.MapGet("/{id:guid}/history", GetHistory)
            .WithName("GetHistory").WithSummary("The audit trail: every change, who made it and when, newest first.");
        group.MapPost("/{id:guid}/collaborators", AddCollaborator).Accepts<CollaboratorRequest>("application/json")
            .WithName("AddCollaborator").WithSummary("The owner lets another sponsor (by email) edit this assessment.");
        group.MapDelete("/{id:guid}/collaborators/{userId}", RemoveCollaborator)
            .WithName("RemoveCollaborator").WithSummary("The owner takes a collaborator's access away.");
        return app;
    }

    private static async Task<Results<Ok<ScoreDto>, NotFound, ValidationProblem, ProblemHttpResult>> RequestConfirmation(
        Guid id, HttpContext http, AppDbContext db, ConfirmationRequests confirmations, TimeProvider time, CancellationToken ct)
    {
        var assessment = await db.Assessments.VisibleTo(http.User).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null)
        {
            return TypedResults.NotFound();
        }

        if (!http.User.CanEdit(assessment))
        {
            return Forbidden();
        }

        if (StalePrecondition(http, assessment) is { } stale)
        {
            return stale;
        }

        if (ReadOnlyVersion(assessment) is { } readOnly)
        {
            return readOnly;
        }

        var (body, problem) = await JsonBody.ReadAsync<ConfirmationRequest>(http.Request, ct);
        if (problem is not null)
        {
            return AsProblem(problem);
        }

        string? error;
        try
        {
            error = await confirmations.RequestAsync(assessment, body!.QuestionKey ?? "", body.Email, http.User.Identity?.Name ?? "The sponsor", ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsConflict(e))
        {
            return PreconditionFailed("a newer version");
        }

        if (error is not null)
        {
            var field = QuestionKeys.Claimable.Contains(body.QuestionKey ?? "") ? "email" : "questionKey";
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [error] });
        }

        SetETag(http, assessment);
        return TypedResults.Ok(assessment.ToScoreDto(time.GetUtcNow()));
    }

    private static async Task<Results<Ok<IReadOnlyList<HistoryLine>>, NotFound>> GetHistory(Guid id, HttpContext http, AppDbContext db, CancellationToken ct)
    {
        var assessment = await db.Assessments.AsNoTracking().VisibleTo(http.User).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await AuditText.HistoryAsync(db, assessment, ct));
    }

    private static async Task<Results<Ok<AssessmentDto>, NotFound, ValidationProblem, ProblemHttpResult>> AddCollaborator(
        Guid id, HttpContext http, AppDbContext db, UserManager<AppUser> users, TimeProvider time, CancellationToken ct)
    {
        var assessment = await db.Assessments.VisibleTo(http.User).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null)
        {
            return TypedResults.NotFound();
        }

        if (!http.User.CanManageCollaborators(assessment))
        {
            return Forbidden();
        }

        if (StalePrecondition(http, assessment) is { } stale)
        {
            return stale;
        }

        if (ReadOnlyVersion(assessment) is { } readOnly)
        {
            return readOnly;
        }

        var (body, problem) = await JsonBody.ReadAsync<CollaboratorRequest>(http.Request, ct);
        if (problem is not null)
        {
            return AsProblem(problem);
        }

        var (user, error) = await Collaborators.FindSponsorAsync(users, body!.Email);
        if (user is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["email"] = [error!] });
        }

        assessment.AddCollaborator(user.Id, time.GetUtcNow());
        if (await TrySaveAsync(db, ct) is { } conflict)
        {
            return conflict;
        }

        SetETag(http, assessment);
        return TypedResults.Ok(assessment.ToDto(Today(http)));
    }

    private static async Task<Results<Ok<AssessmentDto>, NotFound, ProblemHttpResult>> RemoveCollaborator(
        Guid id, string userId, HttpContext http, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        var assessment = await db.Assessments.VisibleTo(http.User).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null)
        {
            return TypedResults.NotFound();
        }

        if (!http.User.CanManageCollaborators(assessment))
        {
            return Forbidden();
        }

        if (StalePrecondition(http, assessment) is { } stale)
        {
            return stale;
        }

        if (ReadOnlyVersion(assessment) is { } readOnly)
        {
            return readOnly;
        }

        if (!assessment.RemoveCollaborator(userId, time.GetUtcNow()))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not a collaborator",
                detail: "That user is not a collaborator on this assessment.");
        }

        if (await TrySaveAsync(db, ct) is { } conflict)
        {
            return conflict;
        }

        SetETag(http, assessment);
        return TypedResults.Ok(assessment.ToDto(Today(http)));
    }

    private static async Task<Results<Created<AssessmentDto>, ValidationProblem, ProblemHttpResult>> Create(
        HttpContext http, AppDbContext db, IValidator<DetailsInput> validator, TimeProvider time, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<DetailsInput>(http.Request, ct);
        if (problem is not null)
        {
            return AsProblem(problem);
        }

        var validation = await validator.ValidateAsync(input!, ct);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.ToApiErrors());
        }

        var assessment = new Assessment(input!.ToDetails(), Domain.Questionnaires.QuestionnaireCatalog.Current, http.User.UserId(), time.GetUtcNow());
        db.Assessments.Add(assessment);
        await db.SaveChangesAsync(ct);
        SetETag(http, assessment);
        return TypedResults.Created($"/api/assessments/{assessment.Id}", assessment.ToDto(Today(http)));
    }

    private static async Task<Results<Ok<PageDto<AssessmentSummaryDto>>, ValidationProblem>> List(
        [AsParameters] ListQuery query, ClaimsPrincipal user, AppDbContext db, IValidator<ListQuery> validator, TimeProvider time, CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(query, ct);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.ToApiErrors());
        }

        var page = query.PageNumber;
        var pageSize = query.PageSizeNumber;
        // Current versions only: earlier versions of a pilot are reached through GET .../{id}/versions.
        // A list row needs only the assessment's own columns and its stored score: no answers, people or confirmations.
        var assessments = db.Assessments.AsNoTracking().IgnoreAutoIncludes().VisibleTo(user).Where(a => a.SupersededAt == null);
        if (AssessmentStatusNames.FromKey(query.Status) is { } status)
        {
            assessments = assessments.Where(a => a.Status == status);
        }

        var total = await assessments.CountAsync(ct);
        var skip = (long)(page - 1) * pageSize;
        var items = skip >= total ? [] : await assessments.OrderByDescending(a => a.UpdatedAt).ThenBy(a => a.Id)
            .Skip((int)skip).Take(pageSize).ToListAsync(ct);
        return TypedResults.Ok(new PageDto<AssessmentSummaryDto>(
            [.. items.Select(a => a.ToSummaryDto(time.GetUtcNow()))], page, pageSize, total, (total + pageSize - 1) / pageSize));
    }

    private static async Task<Results<Ok<AssessmentDto>, NotFound>> Get(Guid id, HttpContext http, AppDbContext db, CancellationToken ct)
    {
        var assessment = await db.Assessments.AsNoTracking().VisibleTo(http.User).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null)
        {
            return TypedResults.NotFound();
        }

        SetETag(http, assessment);
        return TypedResults.Ok(assessment.ToDto(Today(http)));
    }

    private static async Task<Results<Ok<AssessmentDto>, NotFound, ValidationProblem, ProblemHttpResult>> PutAnswers(
        Guid id, HttpContext http, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        var assessment = await db.Assessments.VisibleTo(http.User).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null)
        {
            return TypedResults.NotFound();
        }

        if (!http.User.CanEdit(assessment))
        {
            return Forbidden();
        }

        if (StalePrecondition(http, assessment) is { } stale)
        {
            return stale;
        }

        if (ReadOnlyVersion(assessment) is { } readOnly)
        {
            return readOnly;
        }

        var (body, problem) = await JsonBody.ReadAsync<AnswersRequest>(http.Request, ct);
        if (problem is not null)
        {
            return AsProblem(problem);
        }

        if (body!.Answers is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["answers"] = ["Send an object of answers keyed by question key, e.g. {\"answers\": {\"involvement.level\": \"involved\"}}."],
            });
        }

        if (!assessment.IsEditable)
        {
            return NotEditable();
        }

        var (answers, errors) = AnswerInput.FromJson(assessment.Questionnaire, body.Answers);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Some answers were not accepted; nothing was saved.");
        }

        assessment.SetAnswers(assessment.Questionnaire, answers, time.GetUtcNow());
        if (await TrySaveAsync(db, ct) is { } conflict)
        {
            return conflict;
        }

        SetETag(http, assessment);
        return TypedResults.Ok(assessment.ToDto(Today(http)));
    }

    private static async Task<Results<Ok<ScoreDto>, NotFound>> GetScore(Guid id, HttpContext http, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        var assessment = await db.Assessments.AsNoTracking().VisibleTo(http.User).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null)
        {
            return TypedResults.NotFound();
        }

        SetETag(http, assessment);
        return TypedResults.Ok(assessment.ToScoreDto(time.GetUtcNow()));
    }

    private static Task<Results<Ok<AssessmentDto>, NotFound, ProblemHttpResult>> Submit(
        Guid id, HttpContext http, AppDbContext db, TimeProvider time, CancellationToken ct) =>
        ChangeStatus(id, http, db, a => a.Status == AssessmentStatus.Draft,
            "Only a draft can be submitted; this one is already submitted.", a => a.Submit(time.GetUtcNow()), ct,
            refuse: BlockersOpen);

    private static Task<Results<Ok<AssessmentDto>, NotFound, ProblemHttpResult>> Reopen(
        Guid id, HttpContext http, AppDbContext db, TimeProvider time, CancellationToken ct) =>
        ChangeStatus(id, http, db, a => a.Status == AssessmentStatus.Submitted,
            "Only a submitted assessment can be re-opened; this one is a draft.", a => a.Reopen(time.GetUtcNow()), ct);

    private static async Task<Results<Ok<AssessmentDto>, NotFound, ProblemHttpResult>> ChangeStatus(
        Guid id, HttpContext http, AppDbContext db, Func<Assessment, bool> allowed, string notAllowed, Action<Assessment> change,
        CancellationToken ct, Func<Assessment, ProblemHttpResult?>? refuse = null)
    {
        var assessment = await db.Assessments.VisibleTo(http.User).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null)
        {
            return TypedResults.NotFound();
        }

        if (!http.User.CanEdit(assessment))
        {
            return Forbidden();
        }

        if (StalePrecondition(http, assessment) is { } stale)
        {
            return stale;
        }

        if (ReadOnlyVersion(assessment) is { } readOnly)
        {
            return readOnly;
        }

        if (!allowed(assessment))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not possible in this status", detail: notAllowed);
        }

        if (refuse?.Invoke(assessment) is { } refused)
        {
            return refused;
        }

        change(assessment);
        if (await TrySaveAsync(db, ct) is { } conflict)
        {
            return conflict;
        }

        SetETag(http, assessment);
        return TypedResults.Ok(assessment.ToDto(Today(http)));
    }

    /// <summary>Today by the app's clock, for what depends on the date (a decision's lapse).</summary>
    private static DateOnly Today(HttpContext http) => http.RequestServices.GetRequiredService<TimeProvider>().Today();

    public static string ETagFor(Assessment assessment) => $"\"{assessment.Version.ToString(CultureInfo.InvariantCulture)}\"";

    internal static void SetETag(HttpContext http, Assessment assessment) => http.Response.Headers.ETag = ETagFor(assessment);

    /// <summary>
    /// 412 when the client sent If-Match for a version other than the current one. With <paramref name="required"/>
    /// (changes that replace what others decided, such as a decision), a missing If-Match is 428.
    /// </summary>
    internal static ProblemHttpResult? StalePrecondition(HttpContext http, Assessment assessment, bool required = false)
    {
        var ifMatch = http.Request.Headers.IfMatch;
        var current = ETagFor(assessment);
        if (ifMatch.Count == 0)
        {
            return !required ? null
                : TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "Send If-Match",
                    detail: $"Send If-Match with the assessment's ETag (now {current}), so that this change never replaces one you have not seen.");
        }

        var matches = ifMatch.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Any(tag => tag == "*" || tag == current || tag == "W/" + current);
        return matches ? null : PreconditionFailed(current);
    }

    private static ProblemHttpResult PreconditionFailed(string current) =>
        TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed,
            title: "The assessment changed since you read it",
            detail: $"Someone saved a newer version ({current}). Nothing was changed: read it again, then re-apply your change.");

    internal static ProblemHttpResult Forbidden() =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not yours to change",
            detail: "Only the assessment's owner and collaborators (as sponsors) may change it.");

    /// <summary>409 for a version a re-assessment replaced: it is kept as it was, whatever the change.</summary>
    internal static ProblemHttpResult? ReadOnlyVersion(Assessment assessment) => assessment.IsCurrent ? null
        : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "A newer version exists",
            detail: $"This is version {assessment.Revision}, kept read-only since the pilot was re-assessed (a newer version exists). " +
                $"Change the current version instead: GET /api/assessments/{assessment.Id}/versions names it.");

    /// <summary>409 naming the questions required to proceed that lack a real answer (the domain's list), or null.</summary>
    private static ProblemHttpResult? BlockersOpen(Assessment assessment)
    {
        var blockers = assessment.SubmitBlockers();
        return blockers.Count == 0 ? null
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Required questions lack a real answer",
                detail: assessment.WhyNotSubmit(), extensions: new Dictionary<string, object?>
                {
                    ["missing"] = blockers.Select(b => b.QuestionKey).ToArray(),
                    ["reasons"] = blockers.ToDictionary(b => b.QuestionKey, b => b.Reason),
                });
    }

    private static ProblemHttpResult NotEditable() =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The assessment is submitted",
            detail: "A submitted assessment is read-only. Re-open it (POST .../reopen) to change answers.");

    /// <summary>Saves; a concurrent save by someone else becomes 412 and nothing of this request is written.</summary>
    internal static async Task<ProblemHttpResult?> TrySaveAsync(AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException e) when (DbErrors.IsConflict(e))
        {
            return PreconditionFailed("a newer version");
        }
    }

    internal static ProblemHttpResult AsProblem(IResult result) => result switch
    {
        ProblemHttpResult p => p,
        ValidationProblem v => TypedResults.Problem(v.ProblemDetails),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, "Unexpected result type."),
    };
}

/// <summary>Query of <c>GET /api/assessments</c>; bound as text so bad values get a field message, not a bare 400.</summary>
public sealed record ListQuery(string? Status, string? Page, string? PageSize)
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
        RuleFor(q => q.Page).Must(p => p is null || (int.TryParse(p, CultureInfo.InvariantCulture, out var n) && n >= 1))
            .WithMessage("page is a whole number from 1.");
        RuleFor(q => q.PageSize).Must(p => p is null || (int.TryParse(p, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= ListQuery.MaxPageSize))
            .WithMessage($"pageSize is a whole number from 1 to {ListQuery.MaxPageSize}.");
    }
}
