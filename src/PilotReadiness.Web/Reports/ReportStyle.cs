using System.Globalization;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Web.Reports;

/// <summary>A colour of the report as 0xRRGGBB.</summary>
public readonly record struct ReportColor(int Rgb)
{
    public byte R => (byte)((Rgb >> 16) & 0xff);

    public byte G => (byte)((Rgb >> 8) & 0xff);

    public byte B => (byte)(Rgb & 0xff);

    /// <summary>"A11D2B", as Word writes a colour.</summary>
    public string Hex => Rgb.ToString("X6", CultureInfo.InvariantCulture);

    /// <summary>"#a11d2b", as CSS writes it.</summary>
    public string Css => "#" + Rgb.ToString("x6", CultureInfo.InvariantCulture);
}

/// <summary>How a state reads at a glance. Each state has one tone; each tone has one colour and one wash.</summary>
public enum ReportTone
{
    Good,
    Caution,
    Bad,
    Quiet,
}

/// <summary>
/// The report's look, shared by the PDF, the Word document and the print page: its colours, the colour of each verdict,
/// the tone of each severity and state, and the type sizes the PDF and Word share. The formats read these and choose no
/// colour of their own; the print page receives the tones as CSS custom properties (<see cref="CssProperties"/>).
/// </summary>
public static class ReportStyle
{
    public static readonly ReportColor Ink = new(0x1c2430);
    public static readonly ReportColor Muted = new(0x4f5b6b);
    public static readonly ReportColor Rule = new(0xd5dbe3);
    public static readonly ReportColor Wash = new(0xf4f6f9);
    public static readonly ReportColor Accent = new(0x0b5d6b);
    public static readonly ReportColor AccentDark = new(0x073f49);

    /// <summary>The middle band of the section score bars (the low band is <see cref="ReportTone.Bad"/>'s colour).</summary>
    public static readonly ReportColor ScoreMid = new(0xb7791f);

    // Type sizes in points, where the PDF and the Word document share them.
    public const double TitleSize = 18;
    public const double HeadingSize = 14;
    public const double SubheadingSize = 11;
    public const double BodySize = 9.5;
    public const double SmallSize = 8;
    public const double VerdictSize = 24;

    /// <summary>The verdict's colour (its text and border) and the wash behind it.</summary>
    public static (ReportColor Color, ReportColor Wash) Verdict(Verdict verdict) => verdict switch
    {
        Domain.Scoring.Verdict.Go => (new(0x17623a), new(0xe2f3e8)),
        Domain.Scoring.Verdict.GoWithConditions => (new(0x7a4d00), new(0xfdf0d5)),
        Domain.Scoring.Verdict.NotReady => (new(0x9a3b00), new(0xfde6d8)),
        _ => (new(0xa11d2b), new(0xfbe3e6)),
    };

    public static ReportColor Color(ReportTone tone) => Tones(tone).Color;

    public static ReportColor WashOf(ReportTone tone) => Tones(tone).Wash;

    public static ReportTone Tone(Severity severity) => severity switch
    {
        Severity.Critical => ReportTone.Bad,
        Severity.Major => ReportTone.Caution,
        _ => ReportTone.Quiet,
    };

    /// <summary>A named person's confirmation: confirmed is good, declined is bad, waiting or lapsed needs attention.</summary>
    public static ReportTone Tone(ClaimState state) => state switch
    {
        ClaimState.Confirmed => ReportTone.Good,
        ClaimState.Declined => ReportTone.Bad,
        ClaimState.Pending or ClaimState.Expired => ReportTone.Caution,
        _ => ReportTone.Quiet,
    };

    /// <summary>A condition of a decision: met is good, lapsed is bad, open needs attention.</summary>
    public static ReportTone Tone(ConditionState state) => state switch
    {
        ConditionState.Met => ReportTone.Good,
        ConditionState.Lapsed => ReportTone.Bad,
        _ => ReportTone.Caution,
    };

    /// <summary>The colour of a section's score bar: low, middle or high band.</summary>
    public static ReportColor ScoreBar(int score) => score < 40 ? Color(ReportTone.Bad) : score < 70 ? ScoreMid : Accent;

    /// <summary>"good", "caution", "bad" or "quiet".</summary>
    public static string Key(this ReportTone tone) => tone.ToString().ToLowerInvariant();

    /// <summary>"report-tone-bad": the print page's class that colours an element in a tone (see report.css).</summary>
    public static string CssClass(this ReportTone tone) => "report-tone-" + tone.Key();

    /// <summary>
    /// The tones as CSS custom properties (<c>--report-good</c>, <c>--report-good-wash</c>, …), set on the print page's
    /// article so that its stylesheet takes every state colour from here.
    /// </summary>
    public static string CssProperties { get; } = string.Concat(Enum.GetValues<ReportTone>().Select(tone =>
        $"--report-{tone.Key()}:{Color(tone).Css};--report-{tone.Key()}-wash:{WashOf(tone).Css};"));

    /// <summary>The verdict's colour and wash as the CSS custom properties <c>--verdict</c> and <c>--verdict-wash</c>.</summary>
    public static string VerdictCss(Verdict verdict)
    {
        var (color, wash) = Verdict(verdict);
        return $"--verdict:{color.Css};--verdict-wash:{wash.Css};";
    }

    private static (ReportColor Color, ReportColor Wash) Tones(ReportTone tone) => tone switch
    {
        ReportTone.Good => (new(0x17623a), new(0xe2f3e8)),
        ReportTone.Caution => (new(0x8a5a00), new(0xfdf0d5)),
        ReportTone.Bad => (new(0xa11d2b), new(0xfbe3e6)),
        _ => (Muted, Wash),
    };
}
