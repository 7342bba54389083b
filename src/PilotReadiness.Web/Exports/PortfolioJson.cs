using System.Text.Json;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Live;
using PilotReadiness.Domain.Outcomes;
using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Web.Exports;

public sealed record ExportedCondition(string Description, string Owner, DateOnly DueDate, string State, DateTimeOffset? MetAt);

public sealed record ExportedDecision(
    string Outcome, string Rationale, string? KillCriteria, string DecidedBy, DateTimeOffset DecidedAt, int Revision,
    bool Lapsed, IReadOnlyList<ExportedCondition> Conditions);

/// <summary>A pilot after launch: <see cref="Health"/> is null once monitoring ended (see <see cref="Outcome"/>).</summary>
public sealed record ExportedAfterLaunch(
    string? Health, DateOnly GoLiveDate, string UsingTeam, string Owner, int CadenceWeeks, DateOnly? NextCheckInDue, string? Outcome, DateOnly? OutcomeDate);

public sealed record ExportedAction(string Section, string Severity, string Finding, string Action);

public sealed record ExportedPilot(
    Guid Id, Guid PilotId, int Revision, string Title, string BusinessUnit, string Sponsor, string Status,
    string Verdict, int Overall, IReadOnlyDictionary<string, int> Sections, IReadOnlyList<string> Gates,
    ExportedDecision? Decision, ExportedAfterLaunch? AfterLaunch, DateTimeOffset? SubmittedAt, DateTimeOffset UpdatedAt, IReadOnlyList<ExportedAction> Actions);

/// <summary>What <see cref="PortfolioJson.WriteAsync"/> writes, as the API document declares it.</summary>
public sealed record ExportedPortfolio(DateTimeOffset GeneratedAt, IReadOnlyList<ExportedPilot> Pilots);

/// <summary>
/// The portfolio as JSON: <c>{"generatedAt": ..., "pilots": [...]}</c>, each pilot with its scores, current
/// decision and whole action plan. Written pilot by pilot, so it streams. Values are data, not cells: not neutralised.
/// </summary>
public static class PortfolioJson
{
    public const string ContentType = "application/json; charset=utf-8";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static async Task WriteAsync(Stream output, IAsyncEnumerable<PilotRecord> pilots, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pilots);
        var today = now.Day();
        // The serializer flushes synchronously; the spool takes that and sends it on asynchronously.
        await using var spool = new Spool(output);
        await using var writer = new Utf8JsonWriter(spool);
        writer.WriteStartObject();
        writer.WriteString("generatedAt", now);
        writer.WriteStartArray("pilots");
        await foreach (var pilot in pilots.WithCancellation(ct))
        {
            JsonSerializer.Serialize(writer, ToExported(pilot, today), Options);
            if (spool.Pending > 32 * 1024)
            {
                await spool.DrainAsync(ct);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(ct);
        await spool.DrainAsync(ct);
    }

    public static ExportedPilot ToExported(PilotRecord pilot, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(pilot);
        var a = pilot.Assessment;
        var decision = pilot.CurrentDecision;
        return new ExportedPilot(
            a.Id, a.PilotId, a.Revision, a.Title, a.BusinessUnit, a.Sponsor, a.Status.ToKey(),
            pilot.Score.Verdict.ToKey(), pilot.Score.Overall,
            pilot.Score.Sections.ToDictionary(s => s.Key, s => s.Score, StringComparer.Ordinal),
            [.. pilot.Score.Gates.Select(g => g.Key)],
            decision is null ? null : new ExportedDecision(
                decision.Outcome.ToKey(), decision.Rationale, decision.KillCriteria, decision.DecidedByName, decision.DecidedAt,
                decision.Revision, decision.IsLapsed(today),
                [.. decision.Conditions.Select(c => new ExportedCondition(c.Description, c.Owner, c.DueDate, c.State(today).ToKey(), c.MetAt))]),
            pilot.Live is not { } live ? null : new ExportedAfterLaunch(
                live.HealthOn(today)?.ToKey(), live.Plan.GoLiveDate, live.Plan.UsingTeam, live.Plan.OwnerName, live.Plan.CadenceWeeks,
                live.Ended ? null : live.NextCheckInDue, live.Outcome?.ToKey(), live.OutcomeDate),
            a.SubmittedAt, a.UpdatedAt,
            [.. pilot.Score.Findings.Select(f => new ExportedAction(f.SectionKey, f.Severity.ToKey(), f.Message, f.Action))]);
    }
}
