using PilotReadiness.Domain.Questionnaires;
using Microsoft.Extensions.Options;
using PilotReadiness.Domain;
using System.Globalization;
using System.IO.Compression;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.OpenApi;
using PilotReadiness.Domain.Answers;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Decisions;
using PilotReadiness.Web.Exports;
using PilotReadiness.Web.Portfolio;
using PilotReadiness.Web.Reports;
using PilotReadiness.Web.Security;

using PilotReadiness.Web.EvidenceFiles;

namespace PilotReadiness.Web.Api;

/// <summary>
/// The portfolio as the dashboard filters it, as a file: CSV, XLSX or JSON, or a ZIP of every pilot's go/no-go report.
/// Every pilot is read in batches and written as it comes, so neither the memory nor the wait for the first byte
/// grows with the portfolio (the XLSX's action sheet, written after the pilots, is the one exception).
/// </summary>
public static class ExportEndpoints
{
    public const string ZipContentType = "application/zip";

    /// <summary>The response header that tells a client how many reports the ZIP will hold, for a progress bar.</summary>
    public const string ReportCountHeader = "X-Report-Count";

    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/portfolio").WithTags("Portfolio")
            .RequireAuthorization(Policies.Portfolio).RequireRateLimiting(SecuritySetup.ApiLimit);
        group.MapGet("/export", Export).WithName("ExportPortfolio")
            .Produces<Stream>(StatusCodes.Status200OK, "text/csv", PortfolioXlsx.ContentType)
            .AddOpenApiOperationTransformer(async (operation, context, ct) =>
                // One status, three formats: the JSON one has a shape of its own.
                operation.Responses!["200"].Content!["application/json"] = new OpenApiMediaType
                {
                    Schema = (await context.GetOrCreateSchemaAsync(typeof(ExportedPortfolio), null, ct)).WithNullableObjects(typeof(ExportedPortfolio)),
                })
            .WithSummary("Every pilot the dashboard's filters select (paging ignored) as format=csv, xlsx or json, with its scores, decision and action plan.");
        group.MapGet("/reports.zip", Reports).WithName("ExportPortfolioReports")
            .Produces<Stream>(StatusCodes.Status200OK, ZipContentType)
            .WithSummary("A ZIP of the go/no-go report (PDF) of every pilot the filters select, streamed as it is made. paper=a4 or letter. X-Report-Count says how many.");
        return app;
    }

    private static async Task<Results<PushStreamHttpResult, ValidationProblem>> Export(
        [AsParameters] PortfolioRequest request, string? format, HttpContext http, PortfolioQueries portfolio, PilotRecords records,
        IQuestionnaireCatalog catalog, IValidator<PortfolioRequest> validator, CancellationToken ct)
    {
        var errors = await ValidateAsync(request, validator, ct);
        var kind = format?.Trim().ToLowerInvariant();
        if (kind is not ("csv" or "xlsx" or "json"))
        {
            errors["format"] = ["Choose a format: csv, xlsx or json."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = portfolio.Now;
        var pilots = records.ReadAsync(Ids(portfolio, request.ToFilter()), ct);
        var name = $"portfolio-{now:yyyy-MM-dd}.{kind}";
        NoStore(http);
        return kind switch
        {
            "csv" => TypedResults.Stream(stream => PortfolioCsv.WriteAsync(stream, pilots, catalog.Current.Questionnaire, portfolio.Today, ct), PortfolioCsv.ContentType, name),
            "json" => TypedResults.Stream(stream => PortfolioJson.WriteAsync(stream, pilots, now, ct), PortfolioJson.ContentType, name),
            _ => TypedResults.Stream(async stream =>
            {
                // The workbook is a ZIP whose parts are written one after the other: made in a temporary file, then sent.
                await using var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
                    FileOptions.DeleteOnClose | FileOptions.Asynchronous);
                await PortfolioXlsx.WriteAsync(file, pilots, catalog.Current.Questionnaire, portfolio.Today, ct);
                file.Position = 0;
                await file.CopyToAsync(stream, ct);
            }, PortfolioXlsx.ContentType, name),
        };
    }

    private static async Task<Results<PushStreamHttpResult, ValidationProblem>> Reports(
        [AsParameters] PortfolioRequest request, string? paper, HttpContext http, PortfolioQueries portfolio, PilotRecords records,
        AppDbContext db, IValidator<PortfolioRequest> validator, IOptions<EvidenceOptions> evidence, CancellationToken ct)
    {
        var errors = await ValidateAsync(request, validator, ct);
        var size = ReportPaperNames.FromQuery(paper);
        if (size is null)
        {
            errors["paper"] = [ReportPaperNames.QueryHelp];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var filter = request.ToFilter();
        var now = portfolio.Now;
        http.Response.Headers[ReportCountHeader] = (await portfolio.Apply(filter).CountAsync(ct)).ToString(CultureInfo.InvariantCulture);
        NoStore(http);
        var pilots = records.ReadAsync(Ids(portfolio, filter), ct);
        var currency = await OrganisationSettings.CurrencyAsync(db, ct);
        return TypedResults.Stream(stream => ReportZip.WriteAsync(stream, pilots, size!.Value, now, currency, evidence.Value.StaleAfterDays, ct), ZipContentType, $"reports-{now:yyyy-MM-dd}.zip");
    }

    private static async Task<Dictionary<string, string[]>> ValidateAsync(PortfolioRequest request, IValidator<PortfolioRequest> validator, CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(request, ct);
        return validation.IsValid ? [] : new Dictionary<string, string[]>(validation.ToApiErrors());
    }

    /// <summary>The ids of the filtered portfolio in the dashboard's order, streamed from the database.</summary>
    private static IAsyncEnumerable<Guid> Ids(PortfolioQueries portfolio, PortfolioFilter filter) =>
        portfolio.Apply(filter).Select(a => a.Id).AsAsyncEnumerable();

    /// <summary>Exports hold answers and names: never keep them in a shared cache.</summary>
    private static void NoStore(HttpContext http) => http.Response.Headers.CacheControl = "private, no-store";
}

/// <summary>A ZIP of go/no-go reports, one PDF per pilot, each written into the archive as soon as it is made.</summary>
public static class ReportZip
{
    public static async Task WriteAsync(
        Stream output, IAsyncEnumerable<PilotRecord> pilots, ReportPaper paper, DateTimeOffset now, Currency currency, int staleAfterDays, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pilots);
        var today = now.Day();
        await using var spool = new Spool(output);
        var zip = new ZipArchive(spool, ZipArchiveMode.Create, leaveOpen: true);
        await foreach (var pilot in pilots.WithCancellation(ct))
        {
            var a = pilot.Assessment;
            var model = ReportBuilder.Build(a, pilot.Version, pilot.Score, a.ClaimStates(now), ReportBuilder.Decisions(pilot.Decisions, today), now, a.Revision, currency, staleAfterDays);
            var pdf = PdfReport.Render(model, paper);
            var name = ReportText.AsciiFileName(a.Title, "pdf").Replace(".pdf", $"-v{a.Revision}-{a.Id.ToString("N")[..8]}.pdf", StringComparison.Ordinal);
            var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
            entry.LastWriteTime = a.UpdatedAt;
            using (var stream = entry.Open())
            {
                stream.Write(pdf);
            }

            await spool.DrainAsync(ct);
        }

        zip.Dispose(); // writes the central directory into the spool
        await spool.DrainAsync(ct);
    }
}
