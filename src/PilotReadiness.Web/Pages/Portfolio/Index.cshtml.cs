using System.Globalization;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Web.Portfolio;

namespace PilotReadiness.Web.Pages.Portfolio;

/// <summary>
/// The leadership dashboard: figures, needs-attention and the table of pilots, for reviewers and admins. The URL holds
/// the whole view (filters, search, sort, page); a view that cannot be read is replaced by the default one, with a
/// message naming what was wrong.
/// </summary>
public sealed class IndexModel(PortfolioQueries portfolio, IValidator<PortfolioRequest> validator, PortfolioCache cache) : PageModel
{
    public const string Path = "/portfolio";

    public PortfolioFilter Filter { get; private set; } = PortfolioFilter.Default;

    public PortfolioPage Results { get; private set; } = new(PortfolioFilter.Default, [], 0);

    public PortfolioSummary Summary { get; private set; } = null!;

    public IReadOnlyList<string> BusinessUnits { get; private set; } = [];

    /// <summary>The sponsors the sponsor filter suggests.</summary>
    public IReadOnlyList<string> Sponsors { get; private set; } = [];

    /// <summary>What was wrong with the requested view, by query-string name; empty when it was fine.</summary>
    public IReadOnlyList<(string Field, string Message)> Problems { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public TimeSpan CacheLifetime => cache.Lifetime;

    public async Task OnGetAsync(CancellationToken ct)
    {
        ViewData["Nav"] = "portfolio";
        Today = portfolio.Today;
        var request = PortfolioRequest.FromQuery(Request.Query);
        var validation = await validator.ValidateAsync(request, ct);
        if (validation.IsValid)
        {
            Filter = request.ToFilter();
        }
        else
        {
            Problems = [.. validation.Errors.Select(e => (JsonNamingPolicy.CamelCase.ConvertName(e.PropertyName), e.ErrorMessage))];
        }

    }

    /// <summary>
    /// Reads the rows, figures and business units of the view. Called by the view while it renders, so a view kept in
    /// the cache (for <see cref="CacheLifetime"/>) costs no query at all.
    /// </summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        Summary = await portfolio.SummaryAsync(Filter, ct);
        Results = await portfolio.PageAsync(Filter, clampPage: true, ct, Summary);
        Filter = Results.Filter;
        BusinessUnits = await portfolio.BusinessUnitsAsync(ct);
        Sponsors = await portfolio.SponsorsAsync(ct);
    }

    /// <summary>What a filter box shows: what was typed when the view could not be read (so it can be corrected), else the view's value.</summary>
    public string? Shown(string name, string? valid) =>
        Problems.Count > 0 ? PortfolioRequest.Blank(Request.Query[name].ToString()) : valid;

    /// <summary>Why the value of query-string <paramref name="name"/> could not be used, or null.</summary>
    public string? ProblemWith(string name) =>
        string.Join(" ", Problems.Where(p => p.Field == name).Select(p => p.Message)) is { Length: > 0 } message ? message : null;

    public static string ViewUrl(PortfolioFilter filter) =>
        PortfolioFilter.ToQueryString(filter) is { Length: > 0 } query ? Path + "?" + query : Path;

    /// <summary>The link of a column header, and the header's aria-sort.</summary>
    public string SortUrl(PortfolioSort sort) => ViewUrl(Filter.SortedBy(sort));

    public string? AriaSort(PortfolioSort sort) => Filter.Sort != sort ? null : Filter.Descending ? "descending" : "ascending";

    public string PageUrl(int page) => ViewUrl(Filter with { Page = page });

    /// <summary>
    /// The export of every pilot the current view selects, in its order, as <paramref name="format"/> (csv, xlsx or
    /// json): the view's filters and sort, without its page and page size.
    /// </summary>
    public string ExportUrl(string format) => "/api/portfolio/export?format=" + Uri.EscapeDataString(format) + AndQuery(ExportView);

    /// <summary>The ZIP of the go/no-go reports of every pilot the current view selects.</summary>
    public string ReportsZipUrl => "/api/portfolio/reports.zip" + (ExportView is { Length: > 0 } query ? "?" + query : "");

    private string ExportView => PortfolioFilter.ToQueryString(Filter with { Page = 1, PageSize = PortfolioFilter.DefaultPageSize });

    private static string AndQuery(string query) => query.Length > 0 ? "&" + query : "";

    /// <summary>The heat-map band of a score (the domain's <see cref="ScoreBands"/>); the legend explains each.</summary>
    public static string HeatClass(double score) => "heat heat-" + ScoreBands.Level(score).ToString(CultureInfo.InvariantCulture);

    public static IReadOnlyList<(string Class, string Range, string Meaning)> HeatLegend { get; } =
        [.. ScoreBands.All.Select(b => (HeatClass(b.From), b.Range, b.Label))];

    /// <summary>A column label with soft hyphens, so the narrow score columns can break long words.</summary>
    public static string Hyphenated(string label) => label
        .Replace("Commitment", "Commit\u00ADment", StringComparison.Ordinal)
        .Replace("Involvement", "Involve\u00ADment", StringComparison.Ordinal)
        .Replace("Integration", "Integra\u00ADtion", StringComparison.Ordinal)
        .Replace("Workflow", "Work\u00ADflow", StringComparison.Ordinal)
        .Replace("Ownership", "Owner\u00ADship", StringComparison.Ordinal);

    public static string Date(DateTimeOffset? when) =>
        when?.ToString("d MMM yyyy", CultureInfo.InvariantCulture) ?? "—";

    /// <summary>A short date for the table: the year only when it is not this year.</summary>
    public string ShortDate(DateTimeOffset? when)
    {
        if (when is not { } at)
        {
            return "—";
        }

        var local = TimeZoneInfo.ConvertTime(at, HttpContext.TimeZone());
        return local.ToString(local.Year == Today.Year ? "d MMM" : "d MMM yyyy", CultureInfo.InvariantCulture);
    }

    public static string Date(DateOnly? day) => day?.ToString("d MMM yyyy", CultureInfo.InvariantCulture) ?? "—";

    public static string DecisionClass(DecisionOutcome outcome) => "verdict verdict-" + outcome switch
    {
        DecisionOutcome.Go => Verdict.Go.ToKey(),
        DecisionOutcome.GoWithConditions => Verdict.GoWithConditions.ToKey(),
        _ => Verdict.NoGo.ToKey(),
    };

    public static string Percent(int part, int whole) =>
        whole == 0 ? "0%" : (part * 100.0 / whole).ToString("0", CultureInfo.InvariantCulture) + "%";

    public static string OneDecimal(double? value) => value?.ToString("0.#", CultureInfo.InvariantCulture) ?? "—";

    public static string Plural(int count, string one, string many) =>
        count.ToString("N0", CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many);
}
