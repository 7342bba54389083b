using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Web.Auth;

namespace PilotReadiness.Web.Data.Configurations;

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    /// <summary>The current go and conditional-go decisions, oldest first (the needs-attention lists that start from them).</summary>
    public const string GoDecisionsIndex = "IX_Assessments_Current_GoDecisions_DecidedAt";

    /// <summary>The current submitted pilots, oldest submission first (the needs-attention list of those waiting for a decision).</summary>
    public const string SubmittedIndex = "IX_Assessments_Current_Submitted_SubmittedAt";

    public static readonly string SubmittedFilter = $"\"SupersededAt\" IS NULL AND \"Status\" = '{AssessmentStatus.Submitted.ToKey()}'";

    public static readonly string GoDecisionsFilter =
        $"\"SupersededAt\" IS NULL AND \"Decision\" IN ('{DecisionOutcome.Go.ToKey()}', '{DecisionOutcome.GoWithConditions.ToKey()}')";

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
        builder.Ignore(a => a.IsCurrent);
        builder.Ignore(a => a.AwaitsDecision);
        builder.Ignore(a => a.DecidedAboveRecommendation);

        // The portfolio reads these columns only; see docs/decisions/0005-portfolio-summary.md.
        // The verdict is empty only on rows stored before this column existed, until DatabaseSetup scores them.
        builder.ComplexProperty(a => a.Readiness, ReadinessColumns.Configure);
        builder.Property(a => a.Decision)
            .HasConversion(d => d!.Value.ToKey(), d => DecisionNames.FromKey(d)!.Value)
            .HasMaxLength(20);
        builder.Property(a => a.DecisionRecommendation)
            .HasConversion(v => v!.Value.ToKey(), v => VerdictNames.FromKey(v)!.Value)
            .HasMaxLength(20);

        builder.HasMany(a => a.Answers).WithOne().HasForeignKey("AssessmentId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Answers).UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();

        builder.Property(a => a.OwnerId).HasMaxLength(450).IsRequired();
        builder.HasOne<AppUser>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Collaborators).WithOne().HasForeignKey("AssessmentId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Collaborators).UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();

        builder.HasMany(a => a.Confirmations).WithOne().HasForeignKey("AssessmentId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Confirmations).UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();

        builder.HasMany(a => a.NotApplicable).WithOne().HasForeignKey("AssessmentId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.NotApplicable).UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
        builder.Ignore(a => a.NotApplicableReasons);

        builder.HasMany(a => a.Evidence).WithOne().HasForeignKey("AssessmentId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Evidence).UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();

        builder.HasMany(a => a.Waivers).WithOne().HasForeignKey("AssessmentId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Waivers).UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();

        builder.HasIndex(a => a.OwnerId);
        builder.HasIndex(a => new { a.PilotId, a.Revision }).IsUnique();

        // The portfolio lists current versions only: one partial index per filter and sort column, with the id as
        // the tie-breaker that makes paging stable.
        const string current = "\"SupersededAt\" IS NULL";
        builder.HasIndex(a => new { a.UpdatedAt, a.Id }).HasFilter(current).HasDatabaseName("IX_Assessments_Current_UpdatedAt");
        builder.HasIndex(a => new { a.Title, a.Id }).HasFilter(current).HasDatabaseName("IX_Assessments_Current_Title");
        builder.HasIndex(a => new { a.BusinessUnit, a.Id }).HasFilter(current).HasDatabaseName("IX_Assessments_Current_BusinessUnit");
        // A business unit's view in the default order (latest change first): the most common view of a large portfolio
        // reads its page from here, not from every pilot's latest change filtered by unit.
        builder.HasIndex(a => new { a.BusinessUnit, a.UpdatedAt, a.Id }).HasFilter(current).HasDatabaseName("IX_Assessments_Current_BusinessUnit_UpdatedAt");
        builder.HasIndex(a => new { a.Sponsor, a.Id }).HasFilter(current).HasDatabaseName("IX_Assessments_Current_Sponsor");
        builder.HasIndex(a => new { a.Status, a.Id }).HasFilter(current).HasDatabaseName("IX_Assessments_Current_Status");
        builder.HasIndex(a => new { a.SubmittedAt, a.Id }).HasFilter(current).HasDatabaseName("IX_Assessments_Current_SubmittedAt");
        builder.HasIndex(a => new { a.ConditionsDue }).HasFilter(current).HasDatabaseName("IX_Assessments_Current_ConditionsDue");
        builder.HasIndex(a => new { a.Decision, a.Id }).HasFilter(current).HasDatabaseName("IX_Assessments_Current_Decision");
        // Two needs-attention lists, "go without a confirmed owner" and "decided above the recommendation", are subsets
        // of the current go and conditional-go decisions and show the oldest decisions first: this index holds those
        // rows in that order, so each list reads its first few entries instead of sorting every decided pilot. Its
        // filter restates no rule (any go or conditional go); a test checks both lists' queries use it.
        builder.HasIndex(a => new { a.DecidedAt, a.Id }).HasFilter(GoDecisionsFilter).HasDatabaseName(GoDecisionsIndex);
        // The submitted pilots by submission, with the decision date beside them: the list "waiting for a decision" reads
        // its oldest entries in order, and the count of those submitted in the last days reads the index alone. Its
        // filter restates no rule (any submitted pilot).
        builder.HasIndex(a => new { a.SubmittedAt, a.Id, a.DecidedAt }).HasFilter(SubmittedFilter).HasDatabaseName(SubmittedIndex);
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

internal sealed class NotApplicableMarkConfiguration : IEntityTypeConfiguration<NotApplicableMark>
{
    public void Configure(EntityTypeBuilder<NotApplicableMark> builder)
    {
        builder.ToTable("AssessmentNotApplicable");
        builder.Property<Guid>("AssessmentId");
        builder.HasKey("AssessmentId", nameof(NotApplicableMark.QuestionKey));
        builder.Property(m => m.QuestionKey).HasMaxLength(Limits.QuestionKeyMaxLength);
        builder.Property(m => m.Reason).HasMaxLength(NotApplicableAnswer.ReasonMaxLength).IsRequired();
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
