using Lyg.Hub.Features.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Lyg.Hub;

public static class ComponentsServiceCollectionExtensions
{
    /// <summary>
    /// The component registry's store (its lookups are catalogue handlers). Needs the table client, the current places
    /// and the code catalogue the hub registers. Imports run in the import tool, not in the hosts.
    /// </summary>
    public static IServiceCollection AddComponents(this IServiceCollection services)
    {
        services.AddSingleton<ComponentStore>();
        return services;
    }
}
