using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Web.Data.Configurations;

internal sealed class DecisionConfiguration : IEntityTypeConfiguration<Decision>
{
    public void Configure(EntityTypeBuilder<Decision> builder)
    {
        builder.ToTable("Decisions");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Outcome).HasConversion(o => o.ToKey(), o => DecisionNames.FromKey(o)!.Value).HasMaxLength(20);
        builder.Property(d => d.RecommendedVerdict).HasConversion(v => v.ToKey(), v => VerdictNames.FromKey(v)!.Value).HasMaxLength(20);
        builder.Property(d => d.Rationale).HasMaxLength(Decision.RationaleMaxLength).IsRequired();
        builder.Property(d => d.KillCriteria).HasMaxLength(Decision.KillCriteriaMaxLength);
        builder.Property(d => d.DecidedById).HasMaxLength(450).IsRequired();
        builder.Property(d => d.DecidedByName).HasMaxLength(256).IsRequired();
        builder.Ignore(d => d.IsCurrent);
        builder.Ignore(d => d.OpenConditionsDue);
        builder.Ignore(d => d.IsAboveRecommendation);
        builder.HasOne<Assessment>().WithMany().HasForeignKey(d => d.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(d => d.Conditions).WithOne().HasForeignKey("DecisionId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(d => d.Conditions).HasField("_conditions").UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
        builder.HasMany(d => d.AcceptedGates).WithOne().HasForeignKey("DecisionId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(d => d.AcceptedGates).HasField("_acceptedGates").UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
        builder.HasIndex(d => new { d.PilotId, d.DecidedAt });
        builder.HasIndex(d => d.AssessmentId);
    }
}

internal sealed class DecisionConditionConfiguration : IEntityTypeConfiguration<DecisionCondition>
{
    public void Configure(EntityTypeBuilder<DecisionCondition> builder)
    {
        builder.ToTable("DecisionConditions");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property<Guid>("DecisionId");
        builder.Property(c => c.Description).HasMaxLength(Decision.ConditionMaxLength).IsRequired();
        builder.Property(c => c.Owner).HasMaxLength(Limits.PersonMaxLength).IsRequired();
        builder.Property(c => c.MetByName).HasMaxLength(256);
        builder.Property(c => c.GateKey).HasMaxLength(GateKeyMaxLength);
        builder.Ignore(c => c.GateLabel);
        builder.HasIndex("DecisionId");
    }

    internal const int GateKeyMaxLength = 40;
}

internal sealed class AcceptedGateConfiguration : IEntityTypeConfiguration<AcceptedGate>
{
    public void Configure(EntityTypeBuilder<AcceptedGate> builder)
    {
        builder.ToTable("DecisionAcceptedGates");
        builder.Property<Guid>("DecisionId");
        builder.HasKey("DecisionId", nameof(AcceptedGate.GateKey));
        builder.Property(g => g.GateKey).HasMaxLength(DecisionConditionConfiguration.GateKeyMaxLength);
        builder.Property(g => g.Reason).HasMaxLength(Decision.GateReasonMaxLength).IsRequired();
        builder.Ignore(g => g.Label);
    }
}
