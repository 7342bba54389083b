using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.EvidenceFiles;
using PilotReadiness.Web.Security;

namespace PilotReadiness.Web.Api;

/// <summary>One piece of evidence behind an answer. <c>file</c> is the download address of a file; <c>stale</c> says it is older than the configured age.</summary>
public sealed record EvidenceDto(
    Guid Id, string QuestionKey, string Kind, string? Url, string? FileName, string? MediaType, long? Size,
    DateOnly Date, DateTimeOffset AddedAt, bool Stale, string? File);

/// <summary>The form of <c>POST /api/assessments/{id}/evidence</c> (multipart/form-data), for the OpenAPI document.</summary>
public sealed record EvidenceUploadForm(string QuestionKey, DateOnly? Date, string? Url, IFormFile? File);

/// <summary>Evidence behind answers: list, add (a link or a file), download, remove.</summary>
public static class EvidenceEndpoints
{
    public static IEndpointRouteBuilder MapEvidenceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assessments").WithTags("Evidence").RequireRateLimiting(SecuritySetup.ApiLimit);

        group.MapGet("/{id:guid}/evidence", List)
            .WithName("ListEvidence").WithSummary("The evidence behind the assessment's answers, oldest first, each with its date and whether it is stale.");
        group.MapPost("/{id:guid}/evidence", Add).ChangesAssessment(AssessmentAction.ChangeEvidence)
            .Accepts<EvidenceUploadForm>("multipart/form-data")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithName("AddEvidence")
            .WithSummary("Add a link (url) or a file (PDF, PNG, JPEG, WebP, .docx, .xlsx, .pptx; at most 10 MB; its content is checked) behind an answer of a draft. Honours If-Match.");
        string[] fileTypes = [.. Enum.GetValues<EvidenceFileType>().Select(t => t.MediaType())];
        group.MapGet("/{id:guid}/evidence/{evidenceId:guid}/file", Download)
            .Produces<Stream>(StatusCodes.Status200OK, fileTypes[0], fileTypes[1..])
            .WithName("DownloadEvidence").WithSummary("The file of a piece of evidence, as an attachment, with the type its content has.");
        group.MapDelete("/{id:guid}/evidence/{evidenceId:guid}", Remove).ChangesAssessment(AssessmentAction.ChangeEvidence)
            .WithName("RemoveEvidence").WithSummary("Remove a piece of evidence from a draft. Honours If-Match.");
        return app;
    }

    public static EvidenceDto ToDto(this Evidence e, Guid assessmentId, DateOnly today, int staleAfterDays)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Id, e.QuestionKey, e.Kind.ToString().ToLowerInvariant(), e.Url, e.FileName, e.FileType?.MediaType(), e.Size,
            e.Date, e.AddedAt, e.IsStale(today, staleAfterDays), e.Kind == EvidenceKind.File ? FileAddress(assessmentId, e.Id) : null);
    }

    /// <summary>Where a file of evidence is downloaded from (pages link here too).</summary>
    public static string FileAddress(Guid assessmentId, Guid evidenceId) => $"/api/assessments/{assessmentId}/evidence/{evidenceId}/file";

    private static async Task<Results<Ok<IReadOnlyList<EvidenceDto>>, NotFound>> List(
        Guid id, HttpContext http, AppDbContext db, TimeProvider time, IOptions<EvidenceOptions> options, CancellationToken ct)
    {
        var assessment = await db.Assessments.AsNoTracking().VisibleTo(http.User).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null)
        {
            return TypedResults.NotFound();
        }

        http.SetETag(assessment);
        var today = time.Today();
        return TypedResults.Ok<IReadOnlyList<EvidenceDto>>(
            [.. assessment.Evidence.Select(e => e.ToDto(assessment.Id, today, options.Value.StaleAfterDays))]);
    }

    private static async Task<Results<Created<EvidenceDto>, ValidationProblem, ProblemHttpResult>> Add(
        HttpContext http, AssessmentAccess access, EvidenceChanges changes, TimeProvider time, IOptions<EvidenceOptions> options, CancellationToken ct)
    {
        var assessment = access.Loaded;
        var (upload, problem) = await EvidenceUpload.ReadAsync(http.Request, ct);
        if (problem is not null)
        {
            return problem.Status == StatusCodes.Status400BadRequest
                ? new[] { new FieldError(problem.Field, problem.Message) }.ToValidationProblem("The upload could not be read; nothing was saved.")
                : TypedResults.Problem(statusCode: problem.Status, title: problem.Status == StatusCodes.Status413PayloadTooLarge
                    ? "The file is too large" : "Not a type of file that is accepted", detail: problem.Message);
        }

        await using (upload)
        {
            var outcome = await changes.AddAsync(assessment, upload!.Field("questionKey"), upload, ct);
            if (outcome.Refusal is { } refusal)
            {
                return refusal.ToProblem();
            }

            if (outcome.Added is not { } added)
            {
                return outcome.Status == StatusCodes.Status415UnsupportedMediaType
                    ? TypedResults.Problem(statusCode: outcome.Status, title: "Not a type of file that is accepted", detail: outcome.Errors[0].Message)
                    : outcome.Errors.ToValidationProblem("Some fields were not accepted; nothing was saved.");
            }

            http.SetETag(assessment);
            var dto = added.ToDto(assessment.Id, time.Today(), options.Value.StaleAfterDays);
            return TypedResults.Created(dto.File, dto);
        }
    }

    private static async Task<Results<PushStreamHttpResult, NotFound>> Download(
        Guid id, Guid evidenceId, HttpContext http, AppDbContext db, EvidenceStore store, CancellationToken ct)
    {
        var assessment = await db.Assessments.AsNoTracking().VisibleTo(http.User).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assessment?.Evidence.FirstOrDefault(e => e.Id == evidenceId) is not { FileId: { } fileId, FileType: { } type } evidence)
        {
            return TypedResults.NotFound();
        }

        EvidenceDownload.SetHeaders(http.Response, evidence.Size);
        return TypedResults.Stream(body => store.CopyToAsync(fileId, body, ct), type.MediaType(), evidence.FileName);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Remove(
        Guid evidenceId, HttpContext http, AssessmentAccess access, EvidenceChanges changes, CancellationToken ct)
    {
        var (found, refusal) = await changes.RemoveAsync(access.Loaded, evidenceId, ct);
        if (!found)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such evidence",
                detail: "This assessment has no evidence with that id.");
        }

        if (refusal is not null)
        {
            return refusal.ToProblem();
        }

        http.SetETag(access.Loaded);
        return TypedResults.NoContent();
    }
}

/// <summary>The headers every evidence download carries: never shown inline, never sniffed, never cached by a shared cache.</summary>
public static class EvidenceDownload
{
    public static void SetHeaders(HttpResponse response, long? size)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        response.Headers[HeaderNames.CacheControl] = "private, no-store";
        // Should a browser render it anyway (a PDF viewer), it runs no script and reaches nothing.
        response.Headers[HeaderNames.ContentSecurityPolicy] = "default-src 'none'; sandbox";
        response.ContentLength = size;
    }
}
