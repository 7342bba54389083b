using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PilotReadiness.Domain.Answers;

namespace PilotReadiness.Web.Data.Configurations;

internal sealed class OrganisationSettingsConfiguration : IEntityTypeConfiguration<OrganisationSettings>
{
    public void Configure(EntityTypeBuilder<OrganisationSettings> builder)
    {
        builder.ToTable("OrganisationSettings");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Property(s => s.ChangedByName).HasMaxLength(256);
        builder.Property(s => s.CurrencyCode).HasMaxLength(3).IsRequired().HasDefaultValue(Currency.Default.Code);
    }
}
