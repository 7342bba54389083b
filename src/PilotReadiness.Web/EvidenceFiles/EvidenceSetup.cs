using System.ComponentModel.DataAnnotations;
using PilotReadiness.Domain.Assessments;

namespace PilotReadiness.Web.EvidenceFiles;

/// <summary>The <c>Evidence</c> settings.</summary>
public sealed class EvidenceOptions
{
    /// <summary>Evidence dated more than this many days ago is flagged stale on the results and in the report.</summary>
    [Range(1, 36500)]
    public int StaleAfterDays { get; set; } = EvidenceRules.DefaultStaleAfterDays;
}

public static class EvidenceSetup
{
    public static IServiceCollection AddEvidence(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EvidenceOptions>().Bind(configuration.GetSection("Evidence")).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<EvidenceStore>();
        services.AddScoped<EvidenceChanges>();
        return services;
    }
}
