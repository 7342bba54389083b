using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PilotReadiness.Domain.Assessments;

namespace PilotReadiness.Web.Data.Configurations;

internal sealed class GateWaiverConfiguration : IEntityTypeConfiguration<GateWaiver>
{
    public void Configure(EntityTypeBuilder<GateWaiver> builder)
    {
        builder.ToTable("GateWaivers");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).ValueGeneratedNever();
        builder.Property<Guid>("AssessmentId");
        builder.Property(w => w.GateKey).HasMaxLength(64).IsRequired();
        builder.Property(w => w.Reason).HasMaxLength(GateWaiver.ReasonMaxLength).IsRequired();
        builder.Property(w => w.RequestedById).HasMaxLength(450).IsRequired();
        builder.Property(w => w.RequestedByName).HasMaxLength(256).IsRequired();
        builder.Property(w => w.Status).HasConversion(s => s.ToKey(), s => WaiverStatusNames.FromKey(s)).HasMaxLength(16);
        builder.Property(w => w.DecidedById).HasMaxLength(450);
        builder.Property(w => w.DecidedByName).HasMaxLength(256);
        builder.Property(w => w.Note).HasMaxLength(GateWaiver.ReasonMaxLength);

        // The expiry job's query (WaiverExpiry.LapsedQuery): approved waivers past their expiry not recorded yet.
        builder.HasIndex(w => w.ExpiresAt);
        builder.HasIndex("AssessmentId");
    }
}
