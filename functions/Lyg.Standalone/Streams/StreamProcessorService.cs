using Lyg.Hub.Features.Streams;
using Lyg.Hub.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Lyg.Standalone.Streams;

/// <summary>
/// Runs one <see cref="StreamProcessor"/> while the host runs: creates the checkpoint and dead-letter containers and
/// starts processing, trying again with growing pauses while the namespace or storage does not answer (the host and
/// its API stay up meanwhile), and stops it, releasing its partitions, when the host stops.
/// </summary>
internal sealed partial class StreamProcessorService(StreamProcessor processor, StorageAccount storage, IOptions<StreamsOptions> options, ILogger<StreamProcessorService> logger)
    : BackgroundService
{
    private static readonly TimeSpan MaxPause = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pause = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var blobs = storage.CreateBlobServiceClient();
                await blobs.GetBlobContainerClient(options.Value.CheckpointContainer).CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                await blobs.GetBlobContainerClient(options.Value.DeadLetterContainer).CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                await processor.StartProcessingAsync(stoppingToken);
                LogStarted(logger, processor.Name, processor.FullyQualifiedNamespace, processor.EventHubName, processor.ConsumerGroup);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogStartFailed(logger, ex, processor.Name, pause);
                await Task.Delay(pause, stoppingToken);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (processor.IsRunning)
        {
            await processor.StopProcessingAsync(cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream {Consumer} consuming {Namespace}/{EventHub} as {ConsumerGroup}")]
    private static partial void LogStarted(ILogger logger, string consumer, string @namespace, string eventHub, string consumerGroup);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream {Consumer} could not start; trying again in {Pause}")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, string consumer, TimeSpan pause);
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
                sp.GetRequiredService<Microsoft.DurableTask.Client.DurableTaskClient>(), sp.GetRequiredService<ILogger<StreamProcessor>>()),
            sp.GetRequiredService<StorageAccount>(), sp.GetRequiredService<IOptions<StreamsOptions>>(), sp.GetRequiredService<ILogger<StreamProcessorService>>()));
        return services;
    }
}
