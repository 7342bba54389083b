using PilotReadiness.Domain.Questionnaires;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.EvidenceFiles;
using PilotReadiness.Web.Reports;

namespace PilotReadiness.Web.Pages.Assessments;

/// <summary>The go/no-go report as a page made for printing: the same content as the PDF and the Word document.</summary>
public sealed class ReportPageModel(AppDbContext db, IQuestionnaireCatalog catalog, IOptions<EvidenceOptions> evidence, TimeProvider time) : PageModel
{
    public Guid Id { get; private set; }

    public ReportModel Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var report = await ReportQuery.LoadAsync(db, catalog, User, id, time.GetUtcNow(), evidence.Value.StaleAfterDays, ct);
        if (report is null)
        {
            return NotFound();
        }

        Id = id;
        Report = report;
        return Page();
    }

    public static string VerdictKey(ReportModel report) => report.Verdict.ToKey();
}
