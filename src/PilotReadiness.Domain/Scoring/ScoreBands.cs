namespace PilotReadiness.Domain.Scoring;

/// <summary>A band of section scores, as the heat map colours them and the calibration page counts them.</summary>
public sealed record ScoreBand(string Key, string Label, int From, int To)
{
    public bool Contains(double score) => score >= From && (score < To + 1);

    /// <summary>"40–54".</summary>
    public string Range => $"{From}–{To}";
}

/// <summary>The five bands of a section score, from weak to strong: the one definition the app uses.</summary>
public static class ScoreBands
{
    public static IReadOnlyList<ScoreBand> All { get; } =
    [
        new("weak", "weak", 0, 39),
        new("at-risk", "at risk", 40, 54),
        new("fair", "fair", 55, 69),
        new("good", "good", 70, 84),
        new("strong", "strong", 85, 100),
    ];

    /// <summary>The band of a score (an average may fall between whole numbers; it takes the band below the next start).</summary>
    public static ScoreBand Of(double score) => All.LastOrDefault(b => score >= b.From) ?? All[0];

    /// <summary>1 for the weakest band up to 5 for the strongest.</summary>
    public static int Level(double score) => All.ToList().IndexOf(Of(score)) + 1;
}
