using System.Globalization;
using PilotReadiness.Domain.Live;
using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Web.Pages.Live;

/// <summary>How the after-launch pages write health, severities and days.</summary>
public static class LiveDisplay
{
    public static string HealthClass(LiveHealth health) => "health health-" + health.ToKey();

    public static string SeverityClass(Severity severity) => "finding finding-" + severity.ToString().ToLowerInvariant();

    public static string Day(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string IsoDay(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Number(int? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "—";

    /// <summary>"12 of 20 (60%)", or a dash when there is no sample.</summary>
    public static string Sample(int? met, int? reviewed) =>
        reviewed is > 0 ? $"{met:N0} of {reviewed:N0} ({LiveNames.Percent(met!.Value / (double)reviewed.Value)})" : "—";

    /// <summary>"12 of 40 (30%)".</summary>
    public static string Share(int? part, int whole) =>
        part is { } p && whole > 0 ? $"{p:N0} of {whole:N0} ({LiveNames.Percent(p / (double)whole)})" : "—";

    public static string Source(FigureSource source) => source switch
    {
        FigureSource.CheckIn => "check-in",
        FigureSource.Signals => "production system",
        _ => "none",
    };

    public static string Days(int days) => days == 1 ? "1 day" : $"{days:N0} days";
}
