using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Live;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Web.Portfolio;

namespace PilotReadiness.Web.Tests.Portfolio;

/// <summary><see cref="PortfolioFilter.SelectsEverything"/>: only what narrows the selection counts.</summary>
public sealed class PortfolioFilterTests
{
    public static TheoryData<string, PortfolioFilter> Narrowing => new()
    {
        { "business unit", new PortfolioFilter { BusinessUnit = "Finance" } },
        { "status", new PortfolioFilter { Status = AssessmentStatus.Draft } },
        { "verdict", new PortfolioFilter { Verdict = Verdict.Go } },
        { "gate", new PortfolioFilter { Gate = GateSet.PilotTheatre } },
        { "sponsor", new PortfolioFilter { Sponsor = "Chen" } },
        { "from", new PortfolioFilter { From = new DateOnly(2026, 1, 1) } },
        { "to", new PortfolioFilter { To = new DateOnly(2026, 1, 1) } },
        { "health", new PortfolioFilter { Health = LiveHealth.Healthy } },
        { "search", new PortfolioFilter { Search = "tbd" } },
    };

    [Theory]
    [MemberData(nameof(Narrowing))]
    public void AFilterThatNarrows_DoesNotSelectEverything(string name, PortfolioFilter filter)
    {
        Assert.False(filter.SelectsEverything, name);
    }

    [Fact]
    public void AveragingSortingAndPaging_StillSelectEverything()
    {
        Assert.True(PortfolioFilter.Default.SelectsEverything);
        Assert.True(new PortfolioFilter { DraftsInAverages = true, Sort = PortfolioSort.Title, Descending = false, Page = 3, PageSize = 50 }.SelectsEverything);
    }
}
