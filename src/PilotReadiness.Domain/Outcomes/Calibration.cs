using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Domain.Outcomes;

/// <summary>One pilot with a recorded outcome: the readiness it had before launch, and how it turned out.</summary>
public sealed record CalibrationCase(Readiness Assessed, OutcomeKind Outcome);

/// <summary>An interval for a share, both ends between 0 and 1.</summary>
public readonly record struct Interval(double Low, double High);

/// <summary>
/// How many of <see cref="Total"/> pilots went wrong (<see cref="Count"/>), with a 90% Wilson interval for the share,
/// or "too few to tell" under <see cref="Calibration.MinimumPilots"/> pilots.
/// </summary>
public sealed record Rate(int Count, int Total)
{
    public bool TooFewToTell => Total < Calibration.MinimumPilots;

    /// <summary>The 90% Wilson score interval, or null when there are too few pilots to tell.</summary>
    public Interval? Interval => TooFewToTell ? null : Calibration.Wilson(Count, Total);

    /// <summary>"7 of 23 (90% interval 18%–48%)", or "2 of 6: too few to tell".</summary>
    public string Describe() => Interval is { } i
        ? $"{Count:N0} of {Total:N0} (90% interval {Live.LiveNames.Percent(i.Low)}–{Live.LiveNames.Percent(i.High)})"
        : $"{Count:N0} of {Total:N0}: too few to tell";
}

/// <summary>Pilots that had a warning (a gate, a section score band) against those that did not.</summary>
public sealed record WarningRow(string Key, string Label, Rate With, Rate Without);

/// <summary>For one section, each score band against the rest.</summary>
public sealed record SectionBands(string SectionKey, IReadOnlyList<WarningRow> Bands);

/// <summary>The calibration of the organisation's own pilots: what was recommended or warned before, and what happened.</summary>
public sealed record CalibrationReport(
    int Pilots,
    int Launched,
    IReadOnlyList<(Verdict Verdict, IReadOnlyDictionary<OutcomeKind, int> Outcomes)> VerdictOutcomes,
    IReadOnlyList<WarningRow> Gates,
    IReadOnlyList<SectionBands> Sections);

/// <summary>
/// Turns pilots with an outcome into the calibration figures: counts of outcome by recommended verdict; and for each
/// gate and each section-score band, how many of the launched pilots that had it went wrong (stalled or rolled back)
/// against those that did not, with a 90% Wilson interval. Pure.
/// </summary>
public static class Calibration
{
    /// <summary>Under this many pilots in a group, its share is "too few to tell".</summary>
    public const int MinimumPilots = 10;

    /// <summary>The normal quantile of a two-sided 90% interval.</summary>
    public const double Z90 = 1.6448536269514722;

    /// <summary>The Wilson score interval of <paramref name="count"/> successes in <paramref name="total"/> trials.</summary>
    public static Interval Wilson(int count, int total, double z = Z90)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(total);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, total);
        var p = count / (double)total;
        var z2 = z * z;
        var denominator = 1 + (z2 / total);
        var centre = (p + (z2 / (2 * total))) / denominator;
        var half = z / denominator * Math.Sqrt((p * (1 - p) / total) + (z2 / (4.0 * total * total)));
        return new Interval(Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    public static CalibrationReport Compute(IReadOnlyList<CalibrationCase> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var verdicts = new[] { Verdict.Go, Verdict.GoWithConditions, Verdict.NotReady, Verdict.NoGo }
            .Select(v => (v, (IReadOnlyDictionary<OutcomeKind, int>)OutcomeNames.All.ToDictionary(
                o => o, o => cases.Count(c => c.Assessed.Verdict == v && c.Outcome == o))))
            .ToList();

        var launched = cases.Where(c => c.Outcome.Launched()).ToList();
        WarningRow Row(string key, string label, Func<CalibrationCase, bool> has)
        {
            var with = launched.Where(has).ToList();
            var without = launched.Where(c => !has(c)).ToList();
            return new WarningRow(key, label,
                new Rate(with.Count(c => c.Outcome.WentWrong()), with.Count),
                new Rate(without.Count(c => c.Outcome.WentWrong()), without.Count));
        }

        var gates = GateSetNames.All.Select(g => Row(g.ToKey(), g.ToLabel(), c => (c.Assessed.Gates & g) != GateSet.None)).ToList();
        var sections = SectionKeys.All.Select(section => new SectionBands(section,
            [.. ScoreBands.All.Select(band => Row(band.Key, $"{band.Range} ({band.Label})", c => band.Contains(c.Assessed.SectionScore(section))))])).ToList();
        return new CalibrationReport(cases.Count, launched.Count, verdicts, gates, sections);
    }
}
