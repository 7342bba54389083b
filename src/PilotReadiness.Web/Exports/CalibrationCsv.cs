using System.Globalization;
using System.Text;
using System.Text.Json;
using PilotReadiness.Web.Api;

namespace PilotReadiness.Web.Exports;

/// <summary>
/// The calibration figures as files. CSV: one row per figure, as the portfolio's CSV is written (RFC 4180, UTF-8 with
/// a byte-order mark, text neutralised against formula injection): the table it belongs to, what it is about, the group,
/// how many went wrong of how many pilots, the 90% interval (empty when too few to tell) and the reading in words.
/// JSON: the API's document.
/// </summary>
public static class CalibrationCsv
{
    public const string ContentType = PortfolioCsv.ContentType;

    public static IReadOnlyList<string> Header { get; } =
        ["Table", "Key", "Label", "Group", "Count", "Pilots", "Interval low (90%)", "Interval high (90%)", "Reading"];

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static byte[] Json(CalibrationDto figures) => JsonSerializer.SerializeToUtf8Bytes(figures, Options);

    public static async Task<byte[]> WriteAsync(CalibrationDto figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        await PortfolioCsv.WriteRecordAsync(text, Header);
        foreach (var row in Rows(figures))
        {
            await PortfolioCsv.WriteRecordAsync(text, row.Select(CellText.Neutralise));
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>The rows under the header: verdicts by outcome (counts only), then each gate and section band with and without.</summary>
    public static IEnumerable<IReadOnlyList<string>> Rows(CalibrationDto figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        foreach (var verdict in figures.Verdicts)
        {
            foreach (var (outcome, count) in verdict.Outcomes)
            {
                yield return ["verdict", verdict.Verdict, verdict.Label, outcome, Number(count), Number(verdict.Pilots), "", "",
                    string.Create(CultureInfo.InvariantCulture, $"{count:N0} of {verdict.Pilots:N0} pilots recommended {verdict.Label.ToLowerInvariant()}")];
            }
        }

        foreach (var gate in figures.Gates)
        {
            yield return Rate("gate", gate.Key, gate.Label, "with", gate.With);
            yield return Rate("gate", gate.Key, gate.Label, "without", gate.Without);
        }

        foreach (var section in figures.Sections)
        {
            foreach (var band in section.Bands)
            {
                var label = $"{section.Title} {band.Label}";
                yield return Rate("section-band", $"{section.Key}.{band.Key}", label, "with", band.With);
                yield return Rate("section-band", $"{section.Key}.{band.Key}", label, "without", band.Without);
            }
        }
    }

    private static string[] Rate(string table, string key, string label, string group, RateDto rate) =>
        [table, key, label, group, Number(rate.WentWrong), Number(rate.Pilots), Share(rate.Low), Share(rate.High), rate.Reading];

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Share(double? share) => share is { } s ? s.ToString("0.0000", CultureInfo.InvariantCulture) : "";
}
