using PilotReadiness.Domain.Questionnaires;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.Pages.Assessments;

/// <summary>
/// Two versions of one pilot side by side, from the older to the newer: verdict and score, section deltas, gates opened
/// and closed, and the answers that changed. Without <c>with</c>, a version is compared with its neighbour.
/// </summary>
public sealed class CompareModel(AppDbContext db, IQuestionnaireCatalog catalog, TimeProvider time) : PageModel
{
    public PilotHistory History { get; private set; } = null!;

    public Assessment? Older { get; private set; }

    public Assessment? Newer { get; private set; }

    /// <summary>The questionnaire the newer version is on (its sections' titles name the changes).</summary>
    public Questionnaire? NewerQuestionnaire => Newer?.VersionIn(catalog).Questionnaire;

    public VersionComparison? Comparison { get; private set; }

    public CompareForm Form { get; private set; } = null!;

    /// <summary>Why the chosen versions cannot be compared, shown with the form to choose again.</summary>
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? with, string? from, CancellationToken ct)
    {
        // The form on the versions page sends both versions; the canonical address names the first in the path.
        if (Guid.TryParse(from, out var fromId) && fromId != id)
        {
            return Redirect($"/assessments/{fromId}/compare?with={Uri.EscapeDataString(with ?? "")}");
        }

        var history = await PilotVersions.LoadAsync(db, User, id, ct);
        if (history is null)
        {
            return NotFound();
        }

        History = history;
        if (string.IsNullOrWhiteSpace(with) && history.Versions.Count > 1)
        {
            // Compare with the neighbour: the previous version, or for version 1 the next one.
            var self = history.Versions.Single(v => v.Id == id);
            with = (history.Versions.LastOrDefault(v => v.Revision < self.Revision) ?? history.Versions.First(v => v.Revision > self.Revision)).Id.ToString();
        }

        var (refusal, older, newer) = await PilotVersions.LoadPairAsync(db, User, id, with, ct);
        if (refusal != CompareRefusal.None)
        {
            Form = CompareForm.Default(history);
            Problem = history.Versions.Count < 2
                ? "This pilot has only one version, so there is nothing to compare it with yet."
                : PilotVersions.Message(refusal);
            Response.StatusCode = refusal == CompareRefusal.OtherNotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
            return Page();
        }

        Older = older;
        Newer = newer;
        Comparison = PilotVersions.Compare(older!, newer!, catalog, time.GetUtcNow());
        Form = new CompareForm(history.Current.Id, history.Versions, older!.Id, newer!.Id);
        return Page();
    }

    public static string KindLabel(AnswerChangeKind kind) => kind switch
    {
        AnswerChangeKind.Added => "Answered",
        AnswerChangeKind.Removed => "Cleared",
        _ => "Changed",
    };
}
