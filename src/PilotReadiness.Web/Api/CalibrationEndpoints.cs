using PilotReadiness.Web.Pages.Assessments;
using PilotReadiness.Domain.Questionnaires;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;
using PilotReadiness.Domain.Outcomes;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Exports;
using PilotReadiness.Web.Live;
using PilotReadiness.Web.Security;

namespace PilotReadiness.Web.Api;

/// <summary>
/// How many of <see cref="Pilots"/> went wrong (<see cref="WentWrong"/>), with the 90% Wilson interval as shares from 0
/// to 1, both null with <see cref="TooFewToTell"/> under <see cref="Calibration.MinimumPilots"/> pilots.
/// <see cref="Reading"/> says it in words: "7 of 23 (90% interval 18%–48%)" or "2 of 6: too few to tell".
/// </summary>
public sealed record RateDto(int WentWrong, int Pilots, bool TooFewToTell, double? Low, double? High, string Reading);

/// <summary>Launched pilots that had a warning against those that did not.</summary>
public sealed record WarningRowDto(string Key, string Label, RateDto With, RateDto Without);

public sealed record SectionBandsDto(string Key, string Title, IReadOnlyList<WarningRowDto> Bands);

/// <summary>How many pilots with this recommended verdict ended with each outcome (keys as in <c>OutcomeDto.Kind</c>).</summary>
public sealed record VerdictOutcomesDto(string Verdict, string Label, int Pilots, IReadOnlyDictionary<string, int> Outcomes);

/// <summary>The calibration of the organisation's own pilots with an outcome; "went wrong" is stalled or rolled back.</summary>
public sealed record CalibrationDto(
    DateTimeOffset GeneratedAt, int Pilots, int Launched, int MinimumPilots, double IntervalLevel,
    IReadOnlyList<VerdictOutcomesDto> Verdicts, IReadOnlyList<WarningRowDto> Gates, IReadOnlyList<SectionBandsDto> Sections)
{
    /// <summary>The report's figures, with sections named as <paramref name="current"/> (the newest questionnaire) names them.</summary>
    public static CalibrationDto From(CalibrationReport report, Questionnaire current, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new CalibrationDto(now, report.Pilots, report.Launched, Calibration.MinimumPilots, 0.9,
            [.. report.VerdictOutcomes.Select(v => new VerdictOutcomesDto(v.Verdict.ToKey(), v.Verdict.ToLabel(), v.Outcomes.Values.Sum(),
                v.Outcomes.ToDictionary(o => o.Key.ToKey(), o => o.Value, StringComparer.Ordinal)))],
            [.. report.Gates.Select(Row)],
            [.. report.Sections.Select(s => new SectionBandsDto(s.SectionKey, AssessmentDisplay.SectionTitle(current, s.SectionKey), [.. s.Bands.Select(Row)]))]);
    }

    private static WarningRowDto Row(WarningRow row) => new(row.Key, row.Label, Rate(row.With), Rate(row.Without));

    private static RateDto Rate(Rate rate) =>
        new(rate.Count, rate.Total, rate.TooFewToTell, rate.Interval?.Low, rate.Interval?.High, rate.Describe());
}

/// <summary>
/// <c>/api/calibration</c>: whether the warnings before the pilots came true, over the organisation's pilots with an
/// outcome. Reviewers and admins, as the portfolio.
/// </summary>
public static class CalibrationEndpoints
{
    public static IEndpointRouteBuilder MapCalibrationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/calibration").WithTags("Calibration")
            .RequireAuthorization(Policies.Portfolio).RequireRateLimiting(SecuritySetup.ApiLimit);
        group.MapGet("/", Get).WithName("GetCalibration")
            .WithSummary("Recommended verdict against outcome (counts); for each gate and section-score band, how many launched pilots that had it ended stalled or rolled back against those without, with 90% Wilson intervals (none under 10 pilots: too few to tell).");
        group.MapGet("/export", Export).WithName("ExportCalibration")
            .Produces<Stream>(StatusCodes.Status200OK, "text/csv")
            .AddOpenApiOperationTransformer(async (operation, context, ct) =>
                // One status, two formats: the JSON one is the shape of GET /api/calibration.
                operation.Responses!["200"].Content!["application/json"] = new OpenApiMediaType
                {
                    Schema = (await context.GetOrCreateSchemaAsync(typeof(CalibrationDto), null, ct)).WithNullableObjects(typeof(CalibrationDto)),
                })
            .WithSummary("The same figures as a file: format=csv (one row per figure) or json.");
        return app;
    }

    private static async Task<Ok<CalibrationDto>> Get(AppDbContext db, IQuestionnaireCatalog catalog, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(CalibrationDto.From(await CalibrationFigures.ComputeAsync(db, ct), catalog.Current.Questionnaire, time.GetUtcNow()));

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> Export(
        string? format, HttpContext http, AppDbContext db, IQuestionnaireCatalog catalog, TimeProvider time, CancellationToken ct)
    {
        var kind = format?.Trim().ToLowerInvariant();
        if (kind is not ("csv" or "json"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["Choose a format: csv or json."] });
        }

        var now = time.GetUtcNow();
        var figures = CalibrationDto.From(await CalibrationFigures.ComputeAsync(db, ct), catalog.Current.Questionnaire, now);
        http.Response.Headers.CacheControl = "private, no-store";
        var name = $"calibration-{now:yyyy-MM-dd}.{kind}";
        return kind == "csv"
            ? TypedResults.File(await CalibrationCsv.WriteAsync(figures), CalibrationCsv.ContentType, name)
            : TypedResults.File(CalibrationCsv.Json(figures), PortfolioJson.ContentType, name);
    }
}
