using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Live;
using PilotReadiness.Domain.Outcomes;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Web.Data.Configurations;

internal sealed class LivePilotConfiguration : IEntityTypeConfiguration<LivePilot>
{
    public void Configure(EntityTypeBuilder<LivePilot> builder)
    {
        builder.ToTable("LivePilots");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.HasIndex(l => l.PilotId).IsUnique();
        builder.HasOne<Assessment>().WithMany().HasForeignKey(l => l.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(l => l.Version).IsConcurrencyToken();
        builder.Property(l => l.WentLiveBy).HasMaxLength(256).IsRequired();
        builder.Property(l => l.Decision).HasConversion(d => d.ToKey(), d => DecisionNames.FromKey(d)!.Value).HasMaxLength(20);
        builder.Property(l => l.DataHealth).HasConversion(h => h.ToKey(), h => LiveNames.HealthFromKey(h)!.Value).HasMaxLength(20);
        builder.Property(l => l.Outcome).HasConversion(o => o!.Value.ToKey(), o => OutcomeNames.FromKey(o)!.Value).HasMaxLength(30);
        builder.Property(l => l.Schedule).HasConversion(s => s.Encode(), s => Schedule.Decode(s)).HasMaxLength(1000).IsRequired();
        builder.ComplexProperty(l => l.Assessed, ReadinessColumns.Configure);
        builder.ComplexProperty(l => l.Plan, plan =>
        {
            plan.Property(p => p.UsingTeam).HasMaxLength(MonitoringPlan.UsingTeamMaxLength).IsRequired();
            plan.Property(p => p.OwnerName).HasMaxLength(Limits.PersonMaxLength).IsRequired();
            plan.Property(p => p.OwnerEmail).HasMaxLength(EmailRules.MaxLength).IsRequired();
            plan.Property(p => p.ReviewerName).HasMaxLength(Limits.PersonMaxLength).IsRequired();
            plan.Property(p => p.ReviewerEmail).HasMaxLength(EmailRules.MaxLength);
            plan.Property(p => p.GoodOutput).HasMaxLength(MonitoringPlan.GoodOutputMaxLength).IsRequired();
        });
        builder.Ignore(l => l.Ended);
        builder.Ignore(l => l.CurrentCheckIns);
        builder.Ignore(l => l.NextCheckIn);

        builder.HasMany(l => l.CheckIns).WithOne().HasForeignKey("LivePilotId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(l => l.CheckIns).UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
        builder.HasMany(l => l.Keys).WithOne().HasForeignKey("LivePilotId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(l => l.Keys).UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
        builder.HasMany(l => l.Links).WithOne().HasForeignKey("LivePilotId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(l => l.Links).UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();

        // The portfolio's after-launch figures filter on these (LiveQueries).
        builder.HasIndex(l => new { l.DataHealth, l.NextCheckInDue });
        builder.HasIndex(l => l.NextCheckInDue);
    }
}

internal sealed class CheckInConfiguration : IEntityTypeConfiguration<CheckIn>
{
    public void Configure(EntityTypeBuilder<CheckIn> builder)
    {
        builder.ToTable("CheckIns");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property<Guid>("LivePilotId");
        builder.Property(c => c.FiledBy).HasMaxLength(256).IsRequired();
        builder.Property(c => c.Channel).HasConversion(c => c == CheckInChannel.Link ? "link" : "signed-in", c => c == "link" ? CheckInChannel.Link : CheckInChannel.SignedIn).HasMaxLength(20);
        builder.Property(c => c.Workarounds).HasConversion(w => w.ToKey(), w => LiveNames.WorkaroundsFromKey(w)!.Value).HasMaxLength(20);
        builder.Property(c => c.Ownership).HasConversion(o => o.ToKey(), o => LiveNames.OwnershipFromKey(o)!.Value).HasMaxLength(20);
        builder.Property(c => c.IncidentNote).HasMaxLength(CheckIn.NoteMaxLength);
        builder.Property(c => c.WorkaroundNote).HasMaxLength(CheckIn.NoteMaxLength);
        builder.Property(c => c.Successor).HasMaxLength(Limits.PersonMaxLength);
        builder.Property(c => c.ImprovementNote).HasMaxLength(CheckIn.NoteMaxLength);
        builder.Property(c => c.Blockers).HasMaxLength(CheckIn.NoteMaxLength);
        builder.Ignore(c => c.IsCurrent);
        builder.HasIndex("LivePilotId", nameof(CheckIn.Period));
    }
}

internal sealed class IngestionKeyConfiguration : IEntityTypeConfiguration<IngestionKey>
{
    public void Configure(EntityTypeBuilder<IngestionKey> builder)
    {
        builder.ToTable("IngestionKeys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property<Guid>("LivePilotId");
        builder.Property(k => k.Hash).HasMaxLength(64).IsRequired();
        builder.Property(k => k.Prefix).HasMaxLength(IngestionKey.PrefixLength).IsRequired();
        builder.Property(k => k.IssuedBy).HasMaxLength(256).IsRequired();
        builder.Property(k => k.RevokedBy).HasMaxLength(256);
        builder.Ignore(k => k.IsActive);
        builder.HasIndex(k => k.Hash).IsUnique();
    }
}

internal sealed class CheckInLinkConfiguration : IEntityTypeConfiguration<CheckInLink>
{
    public void Configure(EntityTypeBuilder<CheckInLink> builder)
    {
        builder.ToTable("CheckInLinks");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property<Guid>("LivePilotId");
        builder.Property(l => l.Email).HasMaxLength(EmailRules.MaxLength).IsRequired();
        builder.Property(l => l.TokenHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(l => l.TokenHash).IsUnique();
    }
}

internal sealed class DailySignalConfiguration : IEntityTypeConfiguration<DailySignal>
{
    public void Configure(EntityTypeBuilder<DailySignal> builder)
    {
        // One row per pilot and day: sending a day again replaces it.
        builder.ToTable("LiveSignals");
        builder.HasKey(s => new { s.PilotId, s.Date });
        builder.HasOne<LivePilot>().WithMany().HasForeignKey(s => s.PilotId).HasPrincipalKey(l => l.PilotId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CheckInDraftConfiguration : IEntityTypeConfiguration<CheckInDraft>
{
    public void Configure(EntityTypeBuilder<CheckInDraft> builder)
    {
        builder.ToTable("CheckInDrafts");
        builder.HasKey(d => d.PilotId);
        builder.HasOne<LivePilot>().WithOne().HasForeignKey<CheckInDraft>(d => d.PilotId).HasPrincipalKey<LivePilot>(l => l.PilotId).OnDelete(DeleteBehavior.Cascade);
        builder.ComplexProperty(d => d.Form, form =>
        {
            form.Property(f => f.Workarounds).HasConversion(w => w!.Value.ToKey(), w => LiveNames.WorkaroundsFromKey(w)!.Value).HasMaxLength(20);
            form.Property(f => f.Ownership).HasConversion(o => o!.Value.ToKey(), o => LiveNames.OwnershipFromKey(o)!.Value).HasMaxLength(20);
            form.Property(f => f.IncidentNote).HasMaxLength(CheckIn.NoteMaxLength);
            form.Property(f => f.WorkaroundNote).HasMaxLength(CheckIn.NoteMaxLength);
            form.Property(f => f.Successor).HasMaxLength(Limits.PersonMaxLength);
            form.Property(f => f.ImprovementNote).HasMaxLength(CheckIn.NoteMaxLength);
            form.Property(f => f.Blockers).HasMaxLength(CheckIn.NoteMaxLength);
        });
    }
}

internal sealed class PilotOutcomeConfiguration : IEntityTypeConfiguration<PilotOutcome>
{
    public void Configure(EntityTypeBuilder<PilotOutcome> builder)
    {
        builder.ToTable("PilotOutcomes");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.HasOne<Assessment>().WithMany().HasForeignKey(o => o.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(o => o.Kind).HasConversion(k => k.ToKey(), k => OutcomeNames.FromKey(k)!.Value).HasMaxLength(30);
        builder.Property(o => o.Decision).HasConversion(d => d!.Value.ToKey(), d => DecisionNames.FromKey(d)!.Value).HasMaxLength(20);
        builder.Property(o => o.Note).HasMaxLength(PilotOutcome.NoteMaxLength);
        builder.Property(o => o.RecordedById).HasMaxLength(450).IsRequired();
        builder.Property(o => o.RecordedByName).HasMaxLength(256).IsRequired();
        builder.ComplexProperty(o => o.Assessed, ReadinessColumns.Configure);
        builder.Ignore(o => o.IsCurrent);
        // One current outcome per pilot: two reviewers recording at once cannot both supersede the same one.
        builder.HasIndex(o => o.PilotId).IsUnique().HasFilter("\"SupersededAt\" IS NULL").HasDatabaseName("IX_PilotOutcomes_Current_PilotId");
        builder.HasIndex(o => new { o.PilotId, o.RecordedAt });
    }
}

/// <summary>How a kept <see cref="Readiness"/> is stored, wherever it is kept.</summary>
internal static class ReadinessColumns
{
    public static void Configure(ComplexPropertyBuilder<Readiness> readiness)
    {
        readiness.Property(x => x.Verdict).HasConversion(v => v.ToKey(), v => VerdictNames.FromKey(v) ?? Verdict.NoGo).HasMaxLength(20);
        readiness.Ignore(x => x.SectionScores);
        readiness.Ignore(x => x.PilotTheatre);
    }
}
