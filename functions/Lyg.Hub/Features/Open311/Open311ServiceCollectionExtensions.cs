using Lyg.Hub.Features.Open311;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lyg.Hub;

public static class Open311ServiceCollectionExtensions
{
    /// <summary>Open311 GeoReport v2: its options, the services from the code scheme, and the request view.</summary>
    public static IServiceCollection AddOpen311(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<Open311Options>().Bind(configuration.GetSection(Open311Options.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Open311Services>();
        services.AddSingleton<Open311RequestViews>();
        return services;
    }
}
