using Lyg.Hub.Features.Vehicles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lyg.Hub;

public static class VehiclesServiceCollectionExtensions
{
    /// <summary>The vehicle registry, tracks and latest positions, the positions batch handler every channel feeds, and the sample vehicles where configuration asks for them.</summary>
    public static IServiceCollection AddVehicles(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<VehiclesOptions>().Bind(configuration.GetSection(VehiclesOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<VehicleStore>();
        services.AddSingleton<VehicleRegistry>();
        services.AddSingleton<TrackStore>();
        services.AddSingleton<ImportVehicles>();
        services.AddSingleton<PositionBatchHandler>();
        if (configuration.GetValue<bool>(VehiclesOptions.SeedSampleSetting))
        {
            services.AddHostedService<VehicleSeeder>();
        }

        return services;
    }
}
