using Lyg.Hub.Features.Units;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lyg.Hub;

public static class UnitsServiceCollectionExtensions
{
    /// <summary>The unit registry, seeded with the sample set where configuration asks for it.</summary>
    public static IServiceCollection AddUnits(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<UnitStore>();
        if (configuration.GetValue<bool>(UnitSeeder.SeedSampleSetting))
        {
            services.AddHostedService<UnitSeeder>();
        }

        return services;
    }
}
