using System.Globalization;
using FluentValidation;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Live;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Web.Assessments;

namespace PilotReadiness.Web.Portfolio;

/// <summary>The columns the portfolio can be sorted by; the keys are the <c>sort</c> values of the page and the API.</summary>
public enum PortfolioSort
{
    Updated,
    Title,
    BusinessUnit,
    Sponsor,
    Status,
    Verdict,
    Overall,
    Commitment,
    Involvement,
    AfterDemo,
    Integration,
    Workflow,
    Ownership,
    Decision,
    Submitted,
}

public static class PortfolioSortNames
{
    private static readonly (PortfolioSort Sort, string Key, string Label)[] Names =
    [
        (PortfolioSort.Title, "title", "Pilot"),
        (PortfolioSort.BusinessUnit, "business-unit", "Business unit"),
        (PortfolioSort.Sponsor, "sponsor", "Sponsor"),
        (PortfolioSort.Status, "status", "Status"),
        (PortfolioSort.Verdict, "verdict", "Verdict"),
        (PortfolioSort.Overall, "overall", "Overall"),
        (PortfolioSort.Commitment, SectionKeys.Commitment, "Commitment"),
        (PortfolioSort.Involvement, SectionKeys.Involvement, "Involvement"),
        (PortfolioSort.AfterDemo, SectionKeys.AfterDemo, "After the demo"),
        (PortfolioSort.Integration, SectionKeys.Integration, "Integration"),
        (PortfolioSort.Workflow, SectionKeys.Workflow, "Workflow"),
        (PortfolioSort.Ownership, SectionKeys.Ownership, "Ownership"),
        (PortfolioSort.Decision, "decision", "Decision"),
        (PortfolioSort.Updated, "updated", "Last change"),
        (PortfolioSort.Submitted, "submitted", "Submitted"),
    ];

    /// <summary>Every sort key, in the order of the table's columns.</summary>
    public static IReadOnlyList<string> Keys { get; } = [.. Names.Select(n => n.Key)];

    public static string ToKey(this PortfolioSort sort) => Names.Single(n => n.Sort == sort).Key;

    public static string ToLabel(this PortfolioSort sort) => Names.Single(n => n.Sort == sort).Label;

    public static PortfolioSort? FromKey(string? key) =>
        Array.Find(Names, n => n.Key == key) is { Key: not null } n ? n.Sort : null;

    /// <summary>The direction a first click sorts in: the newest dates first, everything else from the lowest (the weakest) up.</summary>
    public static bool DescendingByDefault(this PortfolioSort sort) => sort is PortfolioSort.Updated or PortfolioSort.Submitted;

    /// <summary>The section a section column shows, or null for the other columns.</summary>
    public static string? SectionKey(this PortfolioSort sort) => sort switch
    {
        PortfolioSort.Commitment => SectionKeys.Commitment,
        PortfolioSort.Involvement => SectionKeys.Involvement,
        PortfolioSort.AfterDemo => SectionKeys.AfterDemo,
        PortfolioSort.Integration => SectionKeys.Integration,
        PortfolioSort.Workflow => SectionKeys.Workflow,
        PortfolioSort.Ownership => SectionKeys.Ownership,
        _ => null,
    };
}

/// <summary>
/// One view of the portfolio, as the page's URL and <c>GET /api/portfolio</c> hold it: which pilots (filters and search),
/// in which order, which page. Only the current version of each pilot is ever in the portfolio.
/// Made from a validated <see cref="PortfolioRequest"/>; <see cref="ToQueryString"/> writes it back.
/// </summary>
public sealed record PortfolioFilter
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    public static PortfolioFilter Default { get; } = new();

    public string? BusinessUnit { get; init; }

    public AssessmentStatus? Status { get; init; }

    public Verdict? Verdict { get; init; }

    /// <summary>Part of a sponsor's name, ignoring case ("amira" finds Amira Haddad); the table links each sponsor's full name.</summary>
    public string? Sponsor { get; init; }

    /// <summary>
    /// Whether the section averages (overall and per business unit) take drafts in; by default they are of submitted
    /// assessments only, since a draft's answers are still coming. Counts always include drafts.
    /// </summary>
    public bool DraftsInAverages { get; init; }

    /// <summary>
    /// True when the view narrows nothing: it selects every pilot of the portfolio (how it averages, sorts and pages
    /// aside). A filter added later narrows, so it makes this false until it is set back to its default.
    /// </summary>
    public bool SelectsEverything => this with
    {
        DraftsInAverages = Default.DraftsInAverages, Sort = Default.Sort, Descending = Default.Descending, Page = Default.Page, PageSize = Default.PageSize,
    } == Default;

    /// <summary>Whether pilots of <paramref name="status"/> count in the section averages: submitted ones, and drafts too when <see cref="DraftsInAverages"/>.</summary>
    public bool InAverages(AssessmentStatus status) => DraftsInAverages || status == AssessmentStatus.Submitted;

    public GateSet? Gate { get; init; }

    /// <summary>Live pilots with this health today (<see cref="LivePilot.HealthOn"/>); pilots not live are left out.</summary>
    public LiveHealth? Health { get; init; }

    /// <summary>First day (UTC) of the last change, inclusive.</summary>
    public DateOnly? From { get; init; }

    /// <summary>Last day (UTC) of the last change, inclusive.</summary>
    public DateOnly? To { get; init; }

    /// <summary>Text to find in the title, business unit or sponsor, ignoring case; every character is literal.</summary>
    public string? Search { get; init; }

    public PortfolioSort Sort { get; init; } = PortfolioSort.Updated;

    public bool Descending { get; init; } = true;

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>True when any filter or search narrows the portfolio (sorting and paging do not).</summary>
    public bool IsFiltered => BusinessUnit is not null || Status is not null || Verdict is not null || Sponsor is not null
        || Gate is not null || Health is not null || From is not null || To is not null || Search is not null;

    /// <summary>The same pilots without sorting and paging: what the figures of the summary depend on.</summary>
    public string SelectionKey => ToQueryString(this with { Sort = PortfolioSort.Updated, Descending = true, Page = 1, PageSize = DefaultPageSize });

    /// <summary>
    /// The view as a query string (without "?"), leaving out what is the default, in a fixed order so the same view
    /// always gives the same URL.
    /// </summary>
    public static string ToQueryString(PortfolioFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        Add(PortfolioRequest.Names.BusinessUnit, filter.BusinessUnit);
        Add(PortfolioRequest.Names.Status, filter.Status?.ToKey());
        Add(PortfolioRequest.Names.Verdict, filter.Verdict?.ToKey());
        Add(PortfolioRequest.Names.Sponsor, filter.Sponsor);
        Add(PortfolioRequest.Names.Gate, filter.Gate?.ToKey());
        Add(PortfolioRequest.Names.Health, filter.Health?.ToKey());
        Add(PortfolioRequest.Names.From, filter.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add(PortfolioRequest.Names.To, filter.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add(PortfolioRequest.Names.Search, filter.Search);
        Add(PortfolioRequest.Names.Drafts, filter.DraftsInAverages ? PortfolioRequest.DraftsIn : null);
        if (filter.Sort != PortfolioSort.Updated || !filter.Descending)
        {
            Add(PortfolioRequest.Names.Sort, filter.Sort.ToKey());
            Add(PortfolioRequest.Names.Direction, filter.Descending ? "desc" : "asc");
        }

        if (filter.PageSize != DefaultPageSize)
        {
            Add(PortfolioRequest.Names.PageSize, filter.PageSize.ToString(CultureInfo.InvariantCulture));
        }

        if (filter.Page != 1)
        {
            Add(PortfolioRequest.Names.Page, filter.Page.ToString(CultureInfo.InvariantCulture));
        }

        return string.Join("&", parts);
    }

    public string ToQueryString() => ToQueryString(this);

    /// <summary>The view sorted by <paramref name="sort"/>: the other direction when it is sorted so already. Back to page 1.</summary>
    public PortfolioFilter SortedBy(PortfolioSort sort) => this with
    {
        Sort = sort,
        Descending = sort == Sort ? !Descending : sort.DescendingByDefault(),
        Page = 1,
    };

}

/// <summary>
/// The portfolio view as it arrives in a query string: every value as text, so a bad one gets a message naming its
/// field instead of a bare 400. <see cref="PortfolioRequestValidator"/> checks it; <see cref="ToFilter"/> reads it.
/// </summary>
public sealed record PortfolioRequest(
    string? Bu, string? Status, string? Verdict, string? Sponsor, string? Gate, string? Health, string? From, string? To, string? Q,
    string? Sort, string? Dir, string? Page, string? PageSize, string? Drafts = null)
{
    /// <summary>The value of <c>drafts</c> that takes drafts into the section averages.</summary>
    public const string DraftsIn = "in";

    public const int SearchMaxLength = AssessmentList.SearchMaxLength;

    /// <summary>The query-string names, shared by the page, the API and the links they write.</summary>
    public static class Names
    {
        public const string BusinessUnit = "bu";
        public const string Status = "status";
        public const string Verdict = "verdict";
        public const string Sponsor = "sponsor";
        public const string Gate = "gate";
        public const string Health = "health";
        public const string From = "from";
        public const string To = "to";
        public const string Search = "q";
        public const string Sort = "sort";
        public const string Direction = "dir";
        public const string Page = "page";
        public const string PageSize = "pageSize";
        public const string Drafts = "drafts";
    }

    public static PortfolioRequest FromQuery(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? Get(string name) => query.TryGetValue(name, out var values) ? values.ToString() : null;
        return new PortfolioRequest(Get(Names.BusinessUnit), Get(Names.Status), Get(Names.Verdict), Get(Names.Sponsor), Get(Names.Gate), Get(Names.Health),
            Get(Names.From), Get(Names.To), Get(Names.Search), Get(Names.Sort), Get(Names.Direction), Get(Names.Page), Get(Names.PageSize),
            Get(Names.Drafts));
    }

    /// <summary>The filter this request asks for; call after <see cref="PortfolioRequestValidator"/> found it valid.</summary>
    public PortfolioFilter ToFilter()
    {
        var sort = PortfolioSortNames.FromKey(Blank(Sort)) ?? PortfolioSort.Updated;
        return new PortfolioFilter
        {
            BusinessUnit = Blank(Bu),
            Status = AssessmentStatusNames.FromKey(Blank(Status)),
            Verdict = VerdictNames.FromKey(Blank(Verdict)),
            Sponsor = Blank(Sponsor),
            Gate = GateSetNames.FromKey(Blank(Gate)),
            Health = LiveNames.HealthFromKey(Blank(Health)),
            From = ParseDate(From),
            To = ParseDate(To),
            Search = Blank(Q),
            Sort = sort,
            Descending = Blank(Dir) switch { "asc" => false, "desc" => true, _ => sort.DescendingByDefault() },
            Page = ParseInt(Page) ?? 1,
            PageSize = ParseInt(PageSize) ?? PortfolioFilter.DefaultPageSize,
            DraftsInAverages = Blank(Drafts) == DraftsIn,
        };
    }

    /// <summary>Null for a missing or blank value; otherwise the value trimmed.</summary>
    internal static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    internal static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(Blank(value), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    internal static int? ParseInt(string? value) =>
        int.TryParse(Blank(value), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
}

public sealed class PortfolioRequestValidator : AbstractValidator<PortfolioRequest>
{
    public PortfolioRequestValidator()
    {
        RuleFor(r => r.Bu).Must(v => Length(v) <= Limits.BusinessUnitMaxLength)
            .WithMessage($"A business unit has at most {Limits.BusinessUnitMaxLength} characters.");
        RuleFor(r => r.Status).Must(v => Blank(v) || AssessmentStatusNames.FromKey(v!.Trim()) is not null)
            .WithMessage("Choose a status: draft or submitted.");
        RuleFor(r => r.Verdict).Must(v => Blank(v) || VerdictNames.FromKey(v!.Trim()) is not null)
            .WithMessage("Choose a verdict: go, go-with-conditions, not-ready or no-go.");
        RuleFor(r => r.Sponsor).Must(v => Length(v) <= Limits.SponsorMaxLength)
            .WithMessage($"A sponsor's name has at most {Limits.SponsorMaxLength} characters.");
        RuleFor(r => r.Gate).Must(v => Blank(v) || GateSetNames.FromKey(v!.Trim()) is not null)
            .WithMessage($"Choose a gate: {string.Join(", ", GateSetNames.All.Select(g => g.ToKey()))}.");
        RuleFor(r => r.Health).Must(v => Blank(v) || LiveNames.HealthFromKey(v!.Trim()) is not null)
            .WithMessage($"Choose a health: {string.Join(", ", LiveNames.AllHealth.Select(h => h.ToKey()))}.");
        RuleFor(r => r.From).Must(v => Blank(v) || PortfolioRequest.ParseDate(v) is not null)
            .WithMessage("Write the first day as YYYY-MM-DD.");
        RuleFor(r => r.To).Must(v => Blank(v) || PortfolioRequest.ParseDate(v) is not null)
            .WithMessage("Write the last day as YYYY-MM-DD.");
        RuleFor(r => r.To).Must((r, to) => !(PortfolioRequest.ParseDate(r.From) is { } from && PortfolioRequest.ParseDate(to) is { } last && last < from))
            .WithMessage("The last day is before the first day: swap them, or change one.");
        RuleFor(r => r.Drafts).Must(v => Blank(v) || v!.Trim() is PortfolioRequest.DraftsIn or "out")
            .WithMessage("Drafts in the averages is in or out.");
        RuleFor(r => r.Q).Must(v => Length(v) <= PortfolioRequest.SearchMaxLength)
            .WithMessage($"Search for at most {PortfolioRequest.SearchMaxLength} characters.");
        RuleFor(r => r.Sort).Must(v => Blank(v) || PortfolioSortNames.FromKey(v!.Trim()) is not null)
            .WithMessage($"Sort by one of: {string.Join(", ", PortfolioSortNames.Keys)}.");
        RuleFor(r => r.Dir).Must(v => Blank(v) || v!.Trim() is "asc" or "desc")
            .WithMessage("Sort direction is asc or desc.");
        RuleFor(r => r.Page).Must(v => Blank(v) || PortfolioRequest.ParseInt(v) is >= 1 and <= 1_000_000)
            .WithMessage("The page is a whole number from 1.");
        RuleFor(r => r.PageSize).Must(v => Blank(v) || PortfolioRequest.ParseInt(v) is >= 1 and <= PortfolioFilter.MaxPageSize)
            .WithMessage($"The page size is a whole number from 1 to {PortfolioFilter.MaxPageSize}.");
    }

    private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);

    private static int Length(string? value) => value?.Trim().Length ?? 0;
}
