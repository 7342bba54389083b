using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.EvidenceFiles;

namespace PilotReadiness.Web.Data.Configurations;

internal sealed class EvidenceConfiguration : IEntityTypeConfiguration<Evidence>
{
    public void Configure(EntityTypeBuilder<Evidence> builder)
    {
        builder.ToTable("Evidence");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property<Guid>("AssessmentId");
        builder.Property(e => e.QuestionKey).HasMaxLength(Limits.QuestionKeyMaxLength).IsRequired();
        builder.Property(e => e.Kind).HasConversion(k => k.ToString().ToLowerInvariant(), k => Enum.Parse<EvidenceKind>(k, true)).HasMaxLength(10);
        builder.Property(e => e.Url).HasMaxLength(EvidenceRules.UrlMaxLength);
        builder.Property(e => e.FileName).HasMaxLength(EvidenceRules.FileNameMaxLength);
        builder.Property(e => e.FileType)
            .HasConversion(t => t!.Value.ToKey(), t => EvidenceRules.FileTypeFromKey(t)!.Value)
            .HasMaxLength(10);

        // The content is in EvidenceFiles, read and written as a stream (Evidence/EvidenceStore); versions share it.
        builder.HasOne<StoredFile>().WithMany().HasForeignKey(e => e.FileId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex("AssessmentId", nameof(Evidence.QuestionKey));
    }
}

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> builder)
    {
        builder.ToTable("EvidenceFiles");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).ValueGeneratedNever();
        // bytea on PostgreSQL, BLOB on SQLite.
        builder.Property(f => f.Content).IsRequired();
    }
}
