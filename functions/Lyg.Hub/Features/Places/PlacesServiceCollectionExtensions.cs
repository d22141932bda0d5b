using Lyg.Hub.Storage;
using Lyg.Orchestrations.Geo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lyg.Hub.Features.Places;

public static class PlacesServiceCollectionExtensions
{
    /// <summary>
    /// The place map every request reads, its store in Blob storage, and the refresher that loads it at start and swaps
    /// in new imports. Needs the <see cref="StorageAccount"/> and <see cref="TimeProvider"/> the hub registers.
    /// </summary>
    public static IServiceCollection AddPlaces(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PlacesOptions>().Bind(configuration.GetSection(PlacesOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(_ => new CurrentPlaces(PlaceMap.Empty(PlaceRefresher.NotLoadedLabel)));
        services.AddSingleton(sp => new PlaceStore(
            sp.GetRequiredService<StorageAccount>().CreateBlobServiceClient().GetBlobContainerClient(PlaceStore.ContainerName),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<PlaceRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<PlaceRefresher>());
        return services;
    }
}
