using Lyg.Hub.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lyg.Hub;

public static class ApiServiceCollectionExtensions
{
    /// <summary>The handler of every catalogue entry, so adding an endpoint needs no registration of its own.</summary>
    public static IServiceCollection AddApiHandlers(this IServiceCollection services)
    {
        foreach (var endpoint in ApiEndpoints.All)
        {
            services.TryAddSingleton(endpoint.HandlerType);
        }

        return services;
    }
}
