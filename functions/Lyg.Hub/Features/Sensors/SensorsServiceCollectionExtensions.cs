using Lyg.Hub.Features.Sensors;
using Lyg.Orchestrations.Codes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lyg.Hub;

public static class SensorsServiceCollectionExtensions
{
    /// <summary>
    /// The sensor kinds in force (built in, with Sensors:KindsFile over them), the registry's store, its in-memory
    /// copy and refresher, the import, and the Development sample where configuration asks for it. After the units
    /// and places, which the sample is checked against.
    /// </summary>
    public static IServiceCollection AddSensors(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SensorsOptions>().Bind(configuration.GetSection(SensorsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => SensorKindCatalog.Load(sp.GetRequiredService<IOptions<SensorsOptions>>().Value.KindsFile, sp.GetRequiredService<CodeCatalog>()));
        services.AddSingleton<SensorStore>();
        services.AddSingleton<SensorRegistry>();
        services.AddSingleton<SensorRuleEvaluator>();
        services.AddSingleton<SilentSensorSweep>();
        services.AddSingleton<ImportSensors>();
        if (configuration.GetValue<bool>(SensorsOptions.SeedSampleSetting))
        {
            services.AddHostedService<SensorSeeder>();
        }

        services.AddSingleton<SensorRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<SensorRefresher>());
        return services;
    }
}
