using Lyg.Hub.Features.Components;
using Microsoft.Extensions.DependencyInjection;

// Beside AddLygHub's namespace, so the hub registers the feature with one line and no extra using.
namespace Lyg.Hub;

public static class ComponentsServiceCollectionExtensions
{
    /// <summary>
    /// The component registry's store and its two lookups (by id, nearest). Needs the table client, the current places
    /// and the code catalogue the hub registers. Imports run in the import tool, not in the hosts.
    /// </summary>
    public static IServiceCollection AddComponents(this IServiceCollection services)
    {
        services.AddSingleton<ComponentStore>();
        services.AddSingleton<GetComponent>();
        services.AddSingleton<FindNearestComponents>();
        return services;
    }
}
