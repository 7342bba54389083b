using PilotReadiness.Domain.Questionnaires;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PilotReadiness.Web.Api;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Live;

namespace PilotReadiness.Web.Pages.Calibration;

/// <summary>
/// Did the warnings before the pilots come true? The organisation's pilots with an outcome, as the domain counts them
/// (<see cref="Domain.Outcomes.Calibration"/>): for reviewers and admins, as the portfolio.
/// </summary>
[Authorize(Policy = Policies.Portfolio)]
public sealed class IndexModel(AppDbContext db, IQuestionnaireCatalog catalog, TimeProvider time) : PageModel
{
    public CalibrationDto Figures { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        ViewData["Nav"] = "calibration";
        Figures = CalibrationDto.From(await CalibrationFigures.ComputeAsync(db, ct), catalog.Current.Questionnaire, time.GetUtcNow());
    }

    /// <summary>A share as an SVG coordinate from 0 to 100.</summary>
    public static string At(double share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture);
}
