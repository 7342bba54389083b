using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PilotReadiness.Web.Questionnaires;

namespace PilotReadiness.Web.Data.Configurations;

internal sealed class StoredQuestionnaireConfiguration : IEntityTypeConfiguration<StoredQuestionnaire>
{
    public void Configure(EntityTypeBuilder<StoredQuestionnaire> builder)
    {
        builder.ToTable("QuestionnaireVersions");
        builder.HasKey(q => q.Version);
        builder.Property(q => q.Version).ValueGeneratedNever();
        builder.Property(q => q.Definition).IsRequired();
        builder.Property(q => q.PublishedBy).HasMaxLength(StoredQuestionnaire.ByMaxLength);
        builder.Property(q => q.UpdatedBy).HasMaxLength(StoredQuestionnaire.ByMaxLength);
        builder.Property(q => q.Revision).IsConcurrencyToken();
        builder.Ignore(q => q.IsDraft);
    }
}
