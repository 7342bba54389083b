using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Live;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Portfolio;
using PilotReadiness.Web.Security;

namespace PilotReadiness.Web.Api;

public sealed record PortfolioItemDto(
    Guid Id, Guid PilotId, int Revision, string Title, string BusinessUnit, string Sponsor, string Status, string Verdict,
    int Overall, IReadOnlyDictionary<string, int> Sections, IReadOnlyList<string> Gates, string? Decision, DateTimeOffset? DecidedAt,
    DateOnly? ConditionsDue, bool Lapsed, DateTimeOffset? SubmittedAt, DateTimeOffset UpdatedAt, string? Health, DateOnly? NextCheckInDue);

public sealed record PortfolioPageDto(
    IReadOnlyList<PortfolioItemDto> Items, int Page, int PageSize, int Total, int TotalPages, string Sort, string Dir);

public sealed record KillerDto(string Key, string Label, int Count);

public sealed record KillersDto(string? MostCommon, IReadOnlyList<KillerDto> Counts);

public sealed record BusinessUnitHeatDto(string BusinessUnit, int Pilots, IReadOnlyDictionary<string, double> Sections);

public sealed record PilotHeatDto(Guid Id, string Title, IReadOnlyDictionary<string, int> Sections);

public sealed record HeatMapDto(IReadOnlyList<BusinessUnitHeatDto> BusinessUnits, bool MoreBusinessUnits, int Page, int PageSize, IReadOnlyList<PilotHeatDto> Pilots);

public sealed record AttentionItemDto(Guid Id, Guid PilotId, string Title, string BusinessUnit, DateTimeOffset? Since, DateOnly? Due, IReadOnlyList<string> Gates);

public sealed record AttentionDto(string Kind, string Label, int Count, IReadOnlyList<AttentionItemDto> Items);

public sealed record AfterLaunchItemDto(Guid PilotId, string Title, string BusinessUnit, string Health, DateOnly NextCheckInDue);

/// <summary>The selection's live pilots (monitoring not ended) by health today, and the worst of them first.</summary>
public sealed record AfterLaunchDto(int Live, IReadOnlyDictionary<string, int> Health, IReadOnlyList<AfterLaunchItemDto> Pilots);

public sealed record PortfolioSummaryDto(
    int Total, IReadOnlyDictionary<string, int> Verdicts, IReadOnlyDictionary<string, double?> SectionAverages, HeatMapDto HeatMap,
    KillersDto Killers, IReadOnlyList<AttentionDto> NeedsAttention, AfterLaunchDto AfterLaunch, DateTimeOffset AsOf, int AveragedPilots);

/// <summary><c>/api/portfolio</c>: the portfolio table and its figures for reviewers and admins, with the dashboard's filters.</summary>
public static class PortfolioEndpoints
{
    public static IEndpointRouteBuilder MapPortfolioEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/portfolio").WithTags("Portfolio")
            .RequireAuthorization(Policies.Portfolio).RequireRateLimiting(SecuritySetup.ApiLimit);
        group.MapGet("/", List).WithName("ListPortfolio")
            .WithSummary("The current version of every pilot, filtered, searched, sorted and paged as on the dashboard, with its stored score.");
        group.MapGet("/summary", Summary).WithName("GetPortfolioSummary")
            .WithSummary("Figures for the pilots the filters select: counts by verdict, section averages, heat map, rollout killers and what needs attention.");
        return app;
    }

    private static async Task<Results<Ok<PortfolioPageDto>, ValidationProblem>> List(
        [AsParameters] PortfolioRequest request, PortfolioQueries portfolio, IValidator<PortfolioRequest> validator, CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(request, ct);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.ToApiErrors());
        }

        var page = await portfolio.PageAsync(request.ToFilter(), clampPage: false, ct);
        var today = portfolio.Today;
        return TypedResults.Ok(new PortfolioPageDto(
            [.. page.Rows.Select(r => r.ToDto(today))], page.Filter.Page, page.Filter.PageSize, page.Total, page.TotalPages,
            page.Filter.Sort.ToKey(), page.Filter.Descending ? "desc" : "asc"));
    }

    /// <summary>
    /// The figures of a view, kept whole (with the heat map of the requested page) for the figures' lifetime, per view,
    /// like the dashboard page (docs/decisions/0005-portfolio-summary.md).
    /// </summary>
    private static async Task<Results<Ok<PortfolioSummaryDto>, ValidationProblem>> Summary(
        [AsParameters] PortfolioRequest request, AppDbContext db, PortfolioCache cache, TimeProvider time,
        IValidator<PortfolioRequest> validator, CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(request, ct);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.ToApiErrors());
        }

        var filter = request.ToFilter();
        return TypedResults.Ok(await cache.GetAsync("summary-view|" + PortfolioFilter.ToQueryString(filter), db, async (context, token) =>
        {
            var portfolio = new PortfolioQueries(context, cache, time);
            var summary = await portfolio.SummaryAsync(filter, token);
            var page = await portfolio.PageAsync(filter, clampPage: false, token, summary);
            return summary.ToDto(page);
        }, ct));
    }

    public static PortfolioItemDto ToDto(this PortfolioRow row, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new PortfolioItemDto(row.Id, row.PilotId, row.Revision, row.Title, row.BusinessUnit, row.Sponsor, row.Status.ToKey(),
            row.Verdict.ToKey(), row.Overall, Sections(row), [.. row.Gates.Each().Select(g => g.ToKey())], row.Decision?.ToKey(),
            row.DecidedAt, row.ConditionsDue, row.IsLapsed(today), row.SubmittedAt, row.UpdatedAt, row.Health(today)?.ToKey(),
            row.Health(today) is null ? null : row.NextCheckInDue);
    }

    public static PortfolioSummaryDto ToDto(this PortfolioSummary summary, PortfolioPage page)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(page);
        return new PortfolioSummaryDto(
            summary.Total,
            summary.Verdicts.ToDictionary(v => v.Verdict.ToKey(), v => v.Count, StringComparer.Ordinal),
            summary.SectionAverages.ToDictionary(s => s.SectionKey, s => s.Average, StringComparer.Ordinal),
            new HeatMapDto(
                [.. summary.BusinessUnits.Select(u => new BusinessUnitHeatDto(u.BusinessUnit, u.Pilots,
                    SectionKeys.All.Select((key, i) => (key, i)).ToDictionary(s => s.key, s => u.Sections[s.i], StringComparer.Ordinal)))],
                summary.MoreBusinessUnits, page.Filter.Page, page.Filter.PageSize,
                [.. page.Rows.Select(r => new PilotHeatDto(r.Id, r.Title, Sections(r)))]),
            new KillersDto(summary.MostCommonKiller?.Key, [.. summary.Killers.Select(k => new KillerDto(k.Killer.Key, k.Killer.Label, k.Count))]),
            [.. summary.Attention.Select(a => new AttentionDto(a.Kind.ToKey(), a.Kind.ToLabel(), a.Count,
                [.. a.Items.Select(i => new AttentionItemDto(i.Id, i.PilotId, i.Title, i.BusinessUnit, i.Since, i.Due, [.. i.Gates.Each().Select(g => g.ToKey())]))]))],
            new AfterLaunchDto(summary.AfterLaunch.Live,
                summary.AfterLaunch.Counts.ToDictionary(c => c.Health.ToKey(), c => c.Count, StringComparer.Ordinal),
                [.. summary.AfterLaunch.Pilots.Select(p => new AfterLaunchItemDto(p.PilotId, p.Title, p.BusinessUnit, p.Health.ToKey(), p.NextCheckInDue))]),
            summary.AsOf,
            summary.Averaged);
    }

    private static Dictionary<string, int> Sections(PortfolioRow row) =>
        SectionKeys.All.Select((key, i) => (key, i)).ToDictionary(s => s.key, s => row.Sections[s.i], StringComparer.Ordinal);
}
