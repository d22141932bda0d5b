using Lyg.Hub.Features.Readings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lyg.Hub;

public static class ReadingsServiceCollectionExtensions
{
    /// <summary>Sensor telemetry: its limits, the reading store, the batch handler every channel feeds, and the in-process channel.</summary>
    public static IServiceCollection AddReadings(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReadingStore>();
        services.AddSingleton<TelemetryBatchHandler>();
        services.AddSingleton<TelemetryChannel>();
        return services;
    }
}
