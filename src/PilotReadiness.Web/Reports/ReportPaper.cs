namespace PilotReadiness.Web.Reports;

/// <summary>The paper a report is laid out for.</summary>
public enum ReportPaper
{
    A4,
    Letter,
}

public static class ReportPaperNames
{
    public const string QueryHelp = "Use paper=a4 or paper=letter.";

    /// <summary>The paper named by the <c>paper</c> query value: empty means A4; an unknown name is null.</summary>
    public static ReportPaper? FromQuery(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "a4" => ReportPaper.A4,
        "letter" => ReportPaper.Letter,
        _ => null,
    };

    /// <summary>Width and height in points (1/72 inch).</summary>
    public static (double Width, double Height) SizeInPoints(this ReportPaper paper) => paper switch
    {
        ReportPaper.Letter => (612, 792),
        _ => (595.28, 841.89),
    };
}
