using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.Pages.Assessments;

/// <summary>Every version of a pilot with its scores, the trend across versions, and the choice of two to compare.</summary>
public sealed class VersionsModel(AppDbContext db, IQuestionnaireCatalog catalog) : PageModel
{
    public PilotHistory History { get; private set; } = null!;

    public IReadOnlyList<TrendChart> Charts { get; private set; } = [];

    /// <summary>The version the page was opened from (any version of the pilot).</summary>
    public Guid OpenedFrom { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var history = await PilotVersions.LoadAsync(db, User, id, ct);
        if (history is null)
        {
            return NotFound();
        }

        History = history;
        OpenedFrom = id;
        Charts = TrendChart.For(history.Trend, catalog.Get(history.Current.QuestionnaireVersion).Questionnaire);
        return Page();
    }

    public string SectionTitle(VersionRow version, string sectionKey) =>
        catalog.Find(version.QuestionnaireVersion)?.Questionnaire.FindSection(sectionKey)?.Title ?? sectionKey;
}
