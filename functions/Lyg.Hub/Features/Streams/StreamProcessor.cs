using Azure.Identity;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Primitives;
using Azure.Messaging.EventHubs.Processor;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Lyg.Hub.Features.Streams;

/// <summary>
/// An Event Hubs consumer on the SDK's processor primitive and <see cref="BlobCheckpointStore"/>: it balances
/// partitions with the other instances of the same consumer group and hands each batch to
/// <see cref="StreamBatchRunner"/>. A batch that fails (storage down) is tried again, with growing pauses, until it
/// passes or the partition is lost: the SDK would otherwise go on to the next batch and its checkpoint would skip this one.
/// </summary>
public sealed partial class StreamProcessor : PluggableCheckpointStoreEventProcessor<EventProcessorPartition>
{
    private static readonly TimeSpan MaxRetryPause = TimeSpan.FromSeconds(30);

    private readonly EventHubsConsumer _consumer;
    private readonly IStreamBatchHandler _handler;
    private readonly StreamBatchRunner _runner;
    private readonly DurableTaskClient _durable;
    private readonly ILogger _logger;

    public StreamProcessor(EventHubsConsumer consumer, CheckpointStore store, IStreamBatchHandler handler, StreamBatchRunner runner, DurableTaskClient durable, ILogger<StreamProcessor> logger)
        : base(
            store, consumer.MaxBatchSize, consumer.ConsumerGroup, consumer.FullyQualifiedNamespace!, consumer.EventHubName!,
            new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = consumer.ClientId }), Options())
    {
        (_consumer, _handler, _runner, _durable, _logger) = (consumer, handler, runner, durable, logger);
    }

    public StreamProcessor(EventHubsConsumer consumer, string connectionString, CheckpointStore store, IStreamBatchHandler handler, StreamBatchRunner runner, DurableTaskClient durable, ILogger<StreamProcessor> logger)
        : base(store, consumer.MaxBatchSize, consumer.ConsumerGroup, connectionString, consumer.EventHubName!, Options())
    {
        (_consumer, _handler, _runner, _durable, _logger) = (consumer, handler, runner, durable, logger);
    }

    public static StreamProcessor Create(EventHubsConsumer consumer, CheckpointStore store, IStreamBatchHandler handler, StreamBatchRunner runner, DurableTaskClient durable, ILogger<StreamProcessor> logger)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        return consumer.ConnectionString is { } connection
            ? new StreamProcessor(consumer, connection, store, handler, runner, durable, logger)
            : new StreamProcessor(consumer, store, handler, runner, durable, logger);
    }

    public string Name => _consumer.Name;

    protected override async Task OnProcessingEventBatchAsync(IEnumerable<EventData> events, EventProcessorPartition partition, CancellationToken cancellationToken)
    {
        var batch = events as IReadOnlyList<EventData> ?? [.. events];
        var source = new StreamPartition(EventHubName, partition.PartitionId);
        var pause = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                await _runner.RunAsync(
                    source, _handler, batch, _durable, (last, token) => UpdateCheckpointAsync(partition.PartitionId, CheckpointPosition.FromEvent(last), token), cancellationToken);
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogBatchFailed(_logger, ex, _consumer.Name, partition.PartitionId, batch.Count, pause);
                await Task.Delay(pause, cancellationToken);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxRetryPause.Ticks));
            }
        }
    }

    protected override Task OnProcessingErrorAsync(Exception exception, EventProcessorPartition partition, string operationDescription, CancellationToken cancellationToken)
    {
        LogProcessorError(_logger, exception, _consumer.Name, partition?.PartitionId, operationDescription);
        return Task.CompletedTask;
    }

    private static EventProcessorOptions Options() => new()
    {
        // No wait for a full batch beyond a second: readings are worth most while fresh.
        MaximumWaitTime = TimeSpan.FromSeconds(1),
        DefaultStartingPosition = Azure.Messaging.EventHubs.Consumer.EventPosition.Earliest,
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream {Consumer} partition {PartitionId}: a batch of {Count} failed; trying it again in {Pause}")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, string consumer, string partitionId, int count, TimeSpan pause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {Consumer} partition {PartitionId}: {Operation} failed")]
    private static partial void LogProcessorError(ILogger logger, Exception exception, string consumer, string? partitionId, string operation);
}
