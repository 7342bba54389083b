using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.Pages.Portfolio;

/// <summary>Every question marked "not applicable" on the current version of a pilot, with the sponsor's reason: for reviewers to question.</summary>
public sealed class NotApplicableModel(AppDbContext db, IQuestionnaireCatalog catalog) : PageModel
{
    /// <summary>The most rows shown; a portfolio with more says so.</summary>
    public const int MaxRows = 1000;

    public sealed record Row(Guid AssessmentId, string Title, string BusinessUnit, string Section, string Question, string Reason, DateTimeOffset MarkedAt);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public int Pilots { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var marks =
            from mark in db.Set<NotApplicableMark>()
            join assessment in db.Assessments.Current() on EF.Property<Guid>(mark, "AssessmentId") equals assessment.Id
            select new { assessment.Id, assessment.Title, assessment.BusinessUnit, assessment.QuestionnaireVersion, mark.QuestionKey, mark.Reason, mark.MarkedAt };
        Total = await marks.CountAsync(ct);
        Pilots = await marks.Select(m => m.Id).Distinct().CountAsync(ct);
        var rows = await marks.OrderBy(m => m.Title).ThenBy(m => m.Id).ThenBy(m => m.QuestionKey).Take(MaxRows).ToListAsync(ct);
        Rows = [.. rows.Select(m =>
        {
            var questionnaire = catalog.Get(m.QuestionnaireVersion).Questionnaire;
            var question = questionnaire.FindQuestion(m.QuestionKey);
            var section = question is null ? null : questionnaire.FindSection(question.SectionKey);
            return new Row(m.Id, m.Title, m.BusinessUnit, section?.Title ?? "", question?.Text ?? m.QuestionKey, m.Reason, m.MarkedAt);
        })];
    }
}
