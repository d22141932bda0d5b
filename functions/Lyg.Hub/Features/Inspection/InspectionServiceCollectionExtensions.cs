using Lyg.Hub.Features.Inspection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lyg.Hub;

public static class InspectionServiceCollectionExtensions
{
    /// <summary>The inspector registry and its patrol areas, inspection tasks, and the sample inspectors where configuration asks for them.</summary>
    public static IServiceCollection AddInspection(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<InspectionOptions>().Bind(configuration.GetSection(InspectionOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<InspectorStore>();
        services.AddSingleton<PatrolAreas>();
        services.AddSingleton<InspectionTaskStore>();
        services.AddSingleton<OpenTaskCheck>();
        services.AddSingleton<GiveInspectionTask>();
        services.AddSingleton<AssignInspector>();
        if (configuration.GetValue<bool>(InspectionOptions.SeedSampleSetting))
        {
            services.AddHostedService<InspectorSeeder>();
        }

        return services;
    }
}
