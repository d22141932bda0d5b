using Lyg.Hub.Features.Streams;
using Lyg.Hub.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Lyg.Standalone.Streams;

/// <summary>
/// Runs one <see cref="StreamProcessor"/> while the host runs: creates the checkpoint and dead-letter containers,
/// starts processing, and stops it (releasing its partitions) when the host stops.
/// </summary>
internal sealed partial class StreamProcessorService(StreamProcessor processor, StorageAccount storage, IOptions<StreamsOptions> options, ILogger<StreamProcessorService> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var blobs = storage.CreateBlobServiceClient();
        await blobs.GetBlobContainerClient(options.Value.CheckpointContainer).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await blobs.GetBlobContainerClient(options.Value.DeadLetterContainer).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await processor.StartProcessingAsync(cancellationToken);
        LogStarted(logger, processor.Name, processor.FullyQualifiedNamespace, processor.EventHubName, processor.ConsumerGroup);
    }

    public Task StopAsync(CancellationToken cancellationToken) => processor.StopProcessingAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream {Consumer} consuming {Namespace}/{EventHub} as {ConsumerGroup}")]
    private static partial void LogStarted(ILogger logger, string consumer, string @namespace, string eventHub, string consumerGroup);
}

/// <summary>Registers a processor per configured Event Hubs consumer; a consumer without settings is not hosted.</summary>
internal static class StreamProcessorRegistration
{
    public static IServiceCollection AddStreamProcessor<THandler>(this IServiceCollection services, IConfiguration configuration, string name)
        where THandler : class, IStreamBatchHandler
    {
        if (EventHubsConsumer.From(configuration, name) is not { } consumer)
        {
            return services;
        }

        services.TryAddSingleton<THandler>();

        // Not AddHostedService: it keeps one registration per service type, and each consumer needs its own.
        services.AddSingleton<IHostedService>(sp => new StreamProcessorService(
            StreamProcessor.Create(
                consumer, sp.GetRequiredService<BlobCheckpointStore>(), sp.GetRequiredService<THandler>(), sp.GetRequiredService<StreamBatchRunner>(),
                sp.GetRequiredService<ILogger<StreamProcessor>>()),
            sp.GetRequiredService<StorageAccount>(), sp.GetRequiredService<IOptions<StreamsOptions>>(), sp.GetRequiredService<ILogger<StreamProcessorService>>()));
        return services;
    }
}
