using System.Globalization;
using System.Text;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Outcomes;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Web.Exports;

/// <summary>
/// The portfolio as CSV: RFC 4180 (commas, double-quoted fields where needed, CRLF), UTF-8 with a byte-order mark so
/// Excel reads accents right. One row per pilot; the first actions of its plan are in the last column.
/// </summary>
public static class PortfolioCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>How many actions of each pilot's plan go in its row (the XLSX export has them all).</summary>
    public const int ActionsPerRow = 3;

    /// <summary>The columns; the six sections are named as the current questionnaire names them.</summary>
    public static IReadOnlyList<string> Header(Questionnaire current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return
        [
            "Id", "Pilot", "Version", "Business unit", "Sponsor", "Status", "Verdict", "Overall",
            .. current.Sections.Select(s => s.Title),
            "Gates", "Decision", "Lapsed", "After launch", "Live since", "Next check-in", "Outcome", "Submitted", "Updated", "First actions",
        ];
    }

    public static async Task WriteAsync(Stream output, IAsyncEnumerable<PilotRecord> pilots, Questionnaire current, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pilots);
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 16 * 1024, leaveOpen: true);
        await WriteRecordAsync(writer, Header(current));
        await foreach (var pilot in pilots.WithCancellation(ct))
        {
            await WriteRecordAsync(writer, Row(pilot, today));
        }
    }

    /// <summary>One record: fields separated by commas, quoted (quotes doubled) when they hold a comma, quote or line break.</summary>
    internal static async Task WriteRecordAsync(TextWriter writer, IEnumerable<string> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                await writer.WriteAsync(',');
            }

            first = false;
            await writer.WriteAsync(field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field);
        }

        await writer.WriteAsync("\r\n");
    }

    /// <summary>The cells of a pilot's row, text neutralised against formula injection.</summary>
    public static IEnumerable<string> Row(PilotRecord pilot, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(pilot);
        var a = pilot.Assessment;
        var actions = pilot.Score.Findings.Take(ActionsPerRow).Select((f, i) => $"{i + 1}. {f.Action}");
        string[] cells =
        [
            a.Id.ToString(),
            CellText.Neutralise(a.Title),
            a.Revision.ToString(CultureInfo.InvariantCulture),
            CellText.Neutralise(a.BusinessUnit),
            CellText.Neutralise(a.Sponsor),
            a.Status.ToKey(),
            pilot.Score.Verdict.ToKey(),
            pilot.Score.Overall.ToString(CultureInfo.InvariantCulture),
            .. pilot.Score.Sections.Select(s => s.Score.ToString(CultureInfo.InvariantCulture)),
            string.Join(' ', pilot.Score.Gates.Select(g => g.Key)),
            pilot.CurrentDecision?.Outcome.ToKey() ?? "",
            a.IsLapsed(today) ? "yes" : "no",
            pilot.AfterLaunchKey(today),
            pilot.Live?.Plan.GoLiveDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            pilot.Live is { Ended: false } l ? l.NextCheckInDue.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "",
            pilot.Live?.Outcome?.ToKey() ?? "",
            a.SubmittedAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            a.UpdatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            CellText.Neutralise(string.Join('\n', actions)),
        ];
        return cells;
    }
}
