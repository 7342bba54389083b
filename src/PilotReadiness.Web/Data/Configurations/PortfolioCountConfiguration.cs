using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Web.Portfolio;

namespace PilotReadiness.Web.Data.Configurations;

internal sealed class PortfolioCountConfiguration : IEntityTypeConfiguration<PortfolioCount>
{
    public void Configure(EntityTypeBuilder<PortfolioCount> builder)
    {
        // Keyed and stored like the assessment columns they count (see AssessmentConfiguration).
        builder.ToTable("PortfolioCounts");
        builder.HasKey(c => new { c.BusinessUnit, c.Status, c.Verdict, c.Gates });
        builder.Property(c => c.BusinessUnit).HasMaxLength(Limits.BusinessUnitMaxLength);
        builder.Property(c => c.Status)
            .HasConversion(s => s.ToKey(), s => AssessmentStatusNames.FromKey(s)!.Value)
            .HasMaxLength(20);
        builder.Property(c => c.Verdict).HasConversion(v => v.ToKey(), v => VerdictNames.FromKey(v) ?? Verdict.NoGo).HasMaxLength(20);
        builder.Ignore(c => c.IsZero);
    }
}
