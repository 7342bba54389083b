using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain.Outcomes;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.Live;

/// <summary>
/// The organisation's calibration: every pilot's current outcome with the readiness it had when it went ahead, handed
/// to the domain (<see cref="Calibration.Compute"/>), which owns every figure. The page, the API and the exports read
/// this one report.
/// </summary>
public static class CalibrationFigures
{
    public static async Task<CalibrationReport> ComputeAsync(AppDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var cases = await db.PilotOutcomes.AsNoTracking().Where(o => o.SupersededAt == null)
            .Select(o => new { o.Assessed, o.Kind }).ToListAsync(ct);
        return Calibration.Compute([.. cases.Select(c => new CalibrationCase(c.Assessed, c.Kind))]);
    }
}
