using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Outcomes;
using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Domain.Tests.Outcomes;

/// <summary>The calibration figures: Wilson intervals, "too few to tell", and counts by gate, band and verdict.</summary>
public class CalibrationTests
{
    [Theory]
    // Values of the 90% Wilson score interval (z = 1.6449), worked out separately.
    [InlineData(0, 10, 0.000, 0.213)]
    [InlineData(5, 10, 0.269, 0.731)]
    [InlineData(10, 10, 0.787, 1.000)]
    [InlineData(12, 40, 0.197, 0.429)]
    [InlineData(1, 200, 0.001, 0.022)]
    public void Wilson_GivesTheKnownInterval(int count, int total, double low, double high)
    {
        var interval = Calibration.Wilson(count, total);

        Assert.Equal(low, interval.Low, 3);
        Assert.Equal(high, interval.High, 3);
    }

    [Fact]
    public void Rate_UnderTenPilots_IsTooFewToTell_AndIsNeverABarePercentage()
    {
        Assert.Equal("2 of 9: too few to tell", new Rate(2, 9).Describe());
        Assert.Null(new Rate(2, 9).Interval);
        Assert.Equal("12 of 40 (90% interval 20%–43%)", new Rate(12, 40).Describe());
    }

    [Fact]
    public void Compute_CountsVerdictsAgainstOutcomes_AndEachGateWithAgainstWithout_OverLaunchedPilotsOnly()
    {
        static Readiness Assessed(Verdict verdict, GateSet gates, int ownership) =>
            new(60, verdict, 70, 70, 70, 70, 70, ownership, gates, true);
        var cases = new List<CalibrationCase>();
        // 12 pilots with pilot theatre: 9 went wrong. 20 without it: 4 went wrong. 3 stopped before launch (not launched).
        cases.AddRange(Enumerable.Range(0, 12).Select(i => new CalibrationCase(
            Assessed(Verdict.NotReady, GateSet.PilotTheatre, 30), i < 9 ? (i % 2 == 0 ? OutcomeKind.Stalled : OutcomeKind.RolledBack) : OutcomeKind.InDailyUse)));
        cases.AddRange(Enumerable.Range(0, 20).Select(i => new CalibrationCase(
            Assessed(Verdict.Go, GateSet.None, 90), i < 4 ? OutcomeKind.Stalled : i < 18 ? OutcomeKind.InDailyUse : OutcomeKind.RetiredAsPlanned)));
        cases.AddRange(Enumerable.Range(0, 3).Select(_ => new CalibrationCase(Assessed(Verdict.NoGo, GateSet.PilotTheatre, 30), OutcomeKind.StoppedBeforeLaunch)));

        var report = Calibration.Compute(cases);

        Assert.Equal((35, 32), (report.Pilots, report.Launched));
        var theatre = report.Gates.Single(g => g.Key == "pilot-theatre");
        Assert.Equal((9, 12, 4, 20), (theatre.With.Count, theatre.With.Total, theatre.Without.Count, theatre.Without.Total));
        var noOwner = report.Gates.Single(g => g.Key == "no-production-owner");
        Assert.True(noOwner.With.TooFewToTell);
        Assert.Equal(0, noOwner.With.Total);
        var go = report.VerdictOutcomes.Single(v => v.Verdict == Verdict.Go).Outcomes;
        Assert.Equal((4, 14, 2, 0), (go[OutcomeKind.Stalled], go[OutcomeKind.InDailyUse], go[OutcomeKind.RetiredAsPlanned], go[OutcomeKind.RolledBack]));
        Assert.Equal(3, report.VerdictOutcomes.Single(v => v.Verdict == Verdict.NoGo).Outcomes[OutcomeKind.StoppedBeforeLaunch]);
        // Ownership 30 is in the weak band (0-39): the 12 with pilot theatre; 90 in the strong band: the other 20.
        var ownership = report.Sections.Single(s => s.SectionKey == "ownership").Bands;
        Assert.Equal((9, 12), (ownership.Single(b => b.Key == "weak").With.Count, ownership.Single(b => b.Key == "weak").With.Total));
        Assert.Equal((4, 20), (ownership.Single(b => b.Key == "strong").With.Count, ownership.Single(b => b.Key == "strong").With.Total));
        Assert.Equal(0, ownership.Single(b => b.Key == "fair").With.Total);
    }

    [Theory]
    [InlineData(0, "weak")]
    [InlineData(39, "weak")]
    [InlineData(39.9, "weak")]
    [InlineData(40, "at-risk")]
    [InlineData(54, "at-risk")]
    [InlineData(55, "fair")]
    [InlineData(84.5, "good")]
    [InlineData(85, "strong")]
    [InlineData(100, "strong")]
    public void ScoreBands_CoverEveryScoreOnce(double score, string band)
    {
        Assert.Equal(band, ScoreBands.Of(score).Key);
        Assert.Single(ScoreBands.All, b => b.Contains(score));
    }
}
