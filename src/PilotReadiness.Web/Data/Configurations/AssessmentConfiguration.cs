using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Auth;

namespace PilotReadiness.Web.Data.Configurations;

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> builder)
    {
        builder.ToTable("Assessments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Title).HasMaxLength(Limits.TitleMaxLength).IsRequired();
        builder.Property(a => a.BusinessUnit).HasMaxLength(Limits.BusinessUnitMaxLength).IsRequired();
        builder.Property(a => a.Sponsor).HasMaxLength(Limits.SponsorMaxLength).IsRequired();
        builder.Property(a => a.Description).HasMaxLength(Limits.DescriptionMaxLength).IsRequired();
        builder.Property(a => a.ModelVersion).HasMaxLength(20).IsRequired();
        builder.Property(a => a.Status)
            .HasConversion(s => s.ToKey(), s => AssessmentStatusNames.FromKey(s)!.Value)
            .HasMaxLength(20);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Ignore(a => a.Details);
        builder.Ignore(a => a.IsEditable);
        builder.Ignore(a => a.Questionnaire);

        builder.HasMany(a => a.Answers).WithOne().HasForeignKey("AssessmentId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Answers).UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();

        builder.Property(a => a.OwnerId).HasMaxLength(450).IsRequired();
        builder.HasOne<AppUser>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Collaborators).WithOne().HasForeignKey("AssessmentId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Collaborators).UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();

        builder.HasMany(a => a.Confirmations).WithOne().HasForeignKey("AssessmentId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Confirmations).UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();

        builder.HasIndex(a => a.OwnerId);
        builder.HasIndex(a => a.Status);
        builder.HasIndex(a => a.UpdatedAt);
    }
}

internal sealed class AssessmentAnswerConfiguration : IEntityTypeConfiguration<AssessmentAnswer>
{
    public void Configure(EntityTypeBuilder<AssessmentAnswer> builder)
    {
        builder.ToTable("AssessmentAnswers");
        builder.Property<Guid>("AssessmentId");
        builder.HasKey("AssessmentId", nameof(AssessmentAnswer.QuestionKey));
        builder.Property(a => a.QuestionKey).HasMaxLength(Limits.QuestionKeyMaxLength);
        builder.Property(a => a.Value).HasMaxLength(Limits.StoredAnswerMaxLength).IsRequired();
    }
}

internal sealed class AssessmentCollaboratorConfiguration : IEntityTypeConfiguration<AssessmentCollaborator>
{
    public void Configure(EntityTypeBuilder<AssessmentCollaborator> builder)
    {
        builder.ToTable("AssessmentCollaborators");
        builder.Property<Guid>("AssessmentId");
        builder.HasKey("AssessmentId", nameof(AssessmentCollaborator.UserId));
        builder.Property(c => c.UserId).HasMaxLength(450);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => c.UserId);
    }
}

internal sealed class ConfirmationConfiguration : IEntityTypeConfiguration<Confirmation>
{
    public void Configure(EntityTypeBuilder<Confirmation> builder)
    {
        builder.ToTable("Confirmations");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property<Guid>("AssessmentId");
        builder.Property(c => c.QuestionKey).HasMaxLength(Limits.QuestionKeyMaxLength).IsRequired();
        builder.Property(c => c.PersonName).HasMaxLength(Limits.PersonMaxLength).IsRequired();
        builder.Property(c => c.Email).HasMaxLength(Confirmation.EmailMaxLength).IsRequired();
        builder.Property(c => c.TokenHash).HasMaxLength(64).IsRequired();
        builder.Property(c => c.Comment).HasMaxLength(Confirmation.CommentMaxLength);
        builder.Property(c => c.Status)
            .HasConversion(s => s.ToString().ToLowerInvariant(), s => Enum.Parse<ConfirmationStatus>(s, true))
            .HasMaxLength(20);
        builder.HasIndex(c => c.TokenHash).IsUnique();
    }
}
