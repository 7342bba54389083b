using System.Globalization;
using PilotReadiness.Domain.Live;

namespace PilotReadiness.Web.Pages.Live;

/// <summary>
/// The geometry of a live pilot's small line charts: one value per period along the bottom (a gap where a period has
/// none), the scale up the side, and the plan's lines (target, alarm line, acceptable share) drawn across, each point
/// labelled with its value so the chart reads without colour and prints in black and white. The same numbers are in
/// the page's table.
/// </summary>
public sealed record LiveChart(string Key, string Title, string Unit, double Max, IReadOnlyList<LiveChart.Point> Points, IReadOnlyList<LiveChart.Line> Lines)
{
    public const int Width = 320;
    public const int Height = 170;
    private const int Left = 40;
    private const int Right = 12;
    private const int Top = 18;
    private const int Bottom = 30;
    private const int Inset = 16;

    public sealed record Point(int Period, double? Value, string Label)
    {
        public double X { get; init; }

        public double Y { get; init; }
    }

    /// <summary>A line across the chart at <see cref="Value"/> (target, alarm line), with its words.</summary>
    public sealed record Line(string Kind, double Value, string Label)
    {
        public double Y { get; init; }
    }

    public static string ViewBox => $"0 0 {Width} {Height}";

    public static string LeftText => F(Left);

    public static string RightText => F(Width - Right);

    public static string AxisY => F(Height - 9);

    /// <summary>Adoption, cases handled and quality, from the model's series.</summary>
    public static IReadOnlyList<LiveChart> For(MonitoringResult result, MonitoringPlan plan)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(plan);
        var periods = result.Periods;
        var target = plan.TargetShare;
        var adoption = Build("adoption", "Adoption: eligible people active", "%", 100,
            periods.Select(p => (p.Period.Number, p.Adoption(plan.EligibleUsers) * 100)),
            [new Line("target", target, $"target {target}%"), new Line("alarm", target / 2.0, $"alarm under {Num(target / 2.0)}%")]);
        var casesMax = Math.Max(10, periods.Select(p => p.CasesHandled ?? 0).DefaultIfEmpty(0).Max() * 1.15);
        var cases = Build("cases", "Cases handled", "", casesMax, periods.Select(p => (p.Period.Number, (double?)p.CasesHandled)), []);
        var quality = Build("quality", "Quality: sampled outputs judged good", "%", 100,
            periods.Select(p => (p.Period.Number, p.QualityShare * 100)),
            [new Line("target", plan.AcceptableShare, $"agreed {plan.AcceptableShare}%")]);
        return [adoption, cases, quality];
    }

    public bool HasValues => Points.Any(p => p.Value is not null);

    /// <summary>The polyline segments between periods that have values (a gap breaks the line).</summary>
    public IReadOnlyList<string> Segments
    {
        get
        {
            var segments = new List<string>();
            var current = new List<Point>();
            foreach (var point in Points)
            {
                if (point.Value is null)
                {
                    Flush();
                    continue;
                }

                current.Add(point);
            }

            Flush();
            return segments;

            void Flush()
            {
                if (current.Count > 1)
                {
                    segments.Add(string.Join(" ", current.Select(p => $"{F(p.X)},{F(p.Y)}")));
                }

                current.Clear();
            }
        }
    }

    /// <summary>Gridlines at the bottom, the middle and the top of the scale.</summary>
    public IReadOnlyList<(string Label, string Y)> Grid => [(Num(0), F(YFor(0))), (Num(Max / 2), F(YFor(Max / 2))), (Num(Max), F(YFor(Max)))];

    /// <summary>What the chart shows, in words, for screen readers.</summary>
    public string Description
    {
        get
        {
            var known = Points.Where(p => p.Value is not null).ToList();
            var values = known.Count == 0 ? "no figures yet" : string.Join(", ", known.Select(p => $"{p.Label} in period {p.Period}"));
            var lines = Lines.Count == 0 ? "" : "; " + string.Join("; ", Lines.Select(l => l.Label));
            var gaps = Points.Count(p => p.Value is null);
            return $"{Title} per period: {values}{(gaps > 0 ? $" ({gaps} {(gaps == 1 ? "period" : "periods")} without figures)" : "")}{lines}.";
        }
    }

    public static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Num(double value) => value.ToString(value >= 100 ? "N0" : "0.#", CultureInfo.InvariantCulture);

    private double YFor(double value) => Top + ((Height - Top - Bottom) * (1 - (Math.Min(value, Max) / Max)));

    private static LiveChart Build(string key, string title, string unit, double max, IEnumerable<(int Period, double? Value)> values, IReadOnlyList<Line> lines)
    {
        var list = values.ToList();
        var chart = new LiveChart(key, title, unit, max, [], []);
        var plot = Width - Left - Right - (2 * Inset);
        var step = list.Count > 1 ? plot / (double)(list.Count - 1) : 0;
        var points = list.Select((v, i) => new Point(v.Period, v.Value, v.Value is { } x ? Num(Math.Round(x, 1)) + unit : "no figures")
        {
            X = Left + Inset + (list.Count > 1 ? i * step : plot / 2.0),
            Y = chart.YFor(v.Value ?? 0),
        }).ToList();
        return chart with
        {
            Points = points,
            Lines = [.. lines.Select(l => l with { Y = chart.YFor(l.Value) })],
        };
    }
}
