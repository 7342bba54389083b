using System.Globalization;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;

namespace PilotReadiness.Web.Pages.Assessments;

/// <summary>
/// The geometry of the small trend charts on the versions page: one chart per series (overall, then each section),
/// score 0–100 up the side, one point per version along the bottom, each point labelled with its score, so the charts
/// read without colour and print in black and white.
/// </summary>
public sealed record TrendChart(string Key, string Title, IReadOnlyList<TrendChart.Point> Points)
{
    public const int Width = 260;
    public const int Height = 140;
    private const int Left = 34;
    private const int Right = 10;
    private const int Top = 20;
    private const int Bottom = 28;

    /// <summary>Space between the axis and the first and last points, so their labels clear the axis labels.</summary>
    private const int Inset = 22;

    public sealed record Point(int Revision, int Score, double X, double Y)
    {
        public string XText => Format(X);

        public string YText => Format(Y);
    }

    public static string ViewBox => $"0 0 {Width} {Height}";

    /// <summary>The overall score, then the six sections, each across every version.</summary>
    public static IReadOnlyList<TrendChart> For(ScoreTrend trend, Questionnaire questionnaire)
    {
        ArgumentNullException.ThrowIfNull(trend);
        ArgumentNullException.ThrowIfNull(questionnaire);
        var charts = new List<TrendChart> { Build("overall", "Overall score", trend, trend.Overall) };
        charts.AddRange(SectionKeys.All.Select(key =>
            Build(key, questionnaire.FindSection(key)?.Title ?? key, trend, trend.Section(key))));
        return charts;
    }

    /// <summary>Gridlines at 0, 50 and 100, with their y position.</summary>
    public static IReadOnlyList<(int Score, string Y)> Grid { get; } = [(0, Format(YFor(0))), (50, Format(YFor(50))), (100, Format(YFor(100)))];

    public static string LeftText => Format(Left);

    public static string RightText => Format(Width - Right);

    public static string AxisLabelY => Format(Height - 8);

    public string Polyline => string.Join(" ", Points.Select(p => $"{p.XText},{p.YText}"));

    /// <summary>What the chart shows, in words, for screen readers and as the SVG's description.</summary>
    public string Description
    {
        get
        {
            var values = string.Join(", ", Points.Select(p => $"{p.Score} in version {p.Revision}"));
            if (Points.Count < 2)
            {
                return $"{Title}: {values}.";
            }

            var change = Points[^1].Score - Points[0].Score;
            var direction = change switch
            {
                > 0 => $"up {change} points overall",
                < 0 => $"down {-change} points overall",
                _ => "no change overall",
            };
            return $"{Title}: {values}; {direction}.";
        }
    }

    private static TrendChart Build(string key, string title, ScoreTrend trend, IReadOnlyList<int> scores)
    {
        var count = scores.Count;
        var plotWidth = Width - Left - Right - (2 * Inset);
        var points = trend.Points.Select((p, i) => new Point(
            p.Revision,
            scores[i],
            Left + Inset + (count == 1 ? plotWidth / 2.0 : plotWidth * i / (double)(count - 1)),
            YFor(scores[i]))).ToList();
        return new TrendChart(key, title, points);
    }

    private static double YFor(int score) => Top + ((100 - Math.Clamp(score, 0, 100)) * (Height - Top - Bottom) / 100.0);

    private static string Format(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
