using Lyg.Hub.Features.Streams;
using Lyg.Hub.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lyg.Hub;

public static class StreamsServiceCollectionExtensions
{
    /// <summary>What every stream consumer shares: its containers, the checkpoint store, dead letters and the batch runner.</summary>
    public static IServiceCollection AddStreams(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StreamsOptions>().Bind(configuration.GetSection(StreamsOptions.Section));
        services.AddSingleton(sp => new BlobCheckpointStore(Container(sp, o => o.CheckpointContainer)));
        services.AddSingleton(sp => new DeadLetterStore(Container(sp, o => o.DeadLetterContainer)));
        services.AddSingleton<StreamBatchRunner>();
        return services;
    }

    /// <summary>The container through the hub's storage clients, so each call is bounded by their request budget.</summary>
    private static Azure.Storage.Blobs.BlobContainerClient Container(IServiceProvider services, Func<StreamsOptions, string> name) =>
        services.GetRequiredService<StorageAccount>().CreateBlobServiceClient().GetBlobContainerClient(name(services.GetRequiredService<IOptions<StreamsOptions>>().Value));
}
