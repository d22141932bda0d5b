using Lyg.Hub.Features.Maintenance;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lyg.Hub;

public static class MaintenanceServiceCollectionExtensions
{
    /// <summary>The timer jobs both hosts run: the daily purge and clean-up, and the sweeper that resumes stranded workflows.</summary>
    public static IServiceCollection AddMaintenance(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PurgeWorkflowHistory.Settings>().Bind(configuration.GetSection(PurgeWorkflowHistory.Settings.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PurgeWorkflowHistory>();
        services.AddSingleton<ResumeStrandedWorkflows>();
        services.AddSingleton<DailyMaintenance>();
        return services;
    }
}
