using Lyg.Hub.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Beside AddLygHub's namespace, so the hub registers each area with one line and no extra using.
namespace Lyg.Hub;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The storage account, its table client, the tables' creation at start, and the stores every area shares.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var storage = StorageAccount.FromConfiguration(configuration);
        services.AddSingleton(storage);
        services.AddSingleton(storage.CreateTableServiceClient());
        services.AddHostedService<StorageInitializer>();
        services.AddOptions<IdempotencyOptions>().Bind(configuration.GetSection(IdempotencyOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IdempotencyStore>();
        return services;
    }
}
