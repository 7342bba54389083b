using PilotReadiness.Domain.Questionnaires;
using Microsoft.Extensions.Options;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http.HttpResults;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.EvidenceFiles;
using PilotReadiness.Web.Reports;
using PilotReadiness.Web.Security;

namespace PilotReadiness.Web.Api;

/// <summary>The go/no-go report of one assessment as a file: PDF to read and print, Word to edit and comment.</summary>
public static class ReportEndpoints
{
    public const string PdfContentType = "application/pdf";

    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assessments").WithTags("Reports").RequireRateLimiting(SecuritySetup.ApiLimit);

        group.MapGet("/{id:guid}/report.pdf", GetPdf)
            .Produces<Stream>(StatusCodes.Status200OK, PdfContentType)
            .WithName("GetReportPdf")
            .WithSummary("The go/no-go report as a PDF, to read, print or send. paper=a4 (the default) or paper=letter.");
        group.MapGet("/{id:guid}/report.docx", GetDocx)
            .Produces<Stream>(StatusCodes.Status200OK, DocxReport.ContentType)
            .WithName("GetReportDocx")
            .WithSummary("The go/no-go report as an editable Word document, with room for the sponsor's commentary. paper=a4 (the default) or paper=letter.");
        return app;
    }

    private static Task<Results<FileContentHttpResult, NotFound, ValidationProblem>> GetPdf(
        Guid id, string? paper, HttpContext http, AppDbContext db, IOptions<EvidenceOptions> evidence, TimeProvider time, CancellationToken ct) =>
        RenderAsync(id, paper, http, db, time, evidence.Value.StaleAfterDays, "pdf", PdfContentType, PdfReport.Render, ct);

    private static Task<Results<FileContentHttpResult, NotFound, ValidationProblem>> GetDocx(
        Guid id, string? paper, HttpContext http, AppDbContext db, IOptions<EvidenceOptions> evidence, TimeProvider time, CancellationToken ct) =>
        RenderAsync(id, paper, http, db, time, evidence.Value.StaleAfterDays, "docx", DocxReport.ContentType, DocxReport.Render, ct);

    private static async Task<Results<FileContentHttpResult, NotFound, ValidationProblem>> RenderAsync(
        Guid id, string? paper, HttpContext http, AppDbContext db, TimeProvider time, int staleAfterDays, string extension, string contentType,
        Func<ReportModel, ReportPaper, byte[]> render, CancellationToken ct)
    {
        if (ReportPaperNames.FromQuery(paper) is not { } size)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["paper"] = [ReportPaperNames.QueryHelp] });
        }

        var model = await ReportQuery.LoadAsync(db, http.RequestServices.GetRequiredService<IQuestionnaireCatalog>(), http.User, id, time.GetUtcNow(), staleAfterDays, ct);
        if (model is null)
        {
            return TypedResults.NotFound();
        }

        var disposition = new ContentDispositionHeaderValue("attachment")
        {
            FileName = "\"" + ReportText.AsciiFileName(model.Title, extension) + "\"",
            FileNameStar = ReportText.UnicodeFileName(model.Title, extension),
        };
        http.Response.Headers.ContentDisposition = disposition.ToString();
        // A report holds an assessment's answers and names: never keep it in a shared cache.
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(render(model, size), contentType);
    }
}
