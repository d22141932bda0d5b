using Azure.Messaging.EventHubs;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Lyg.Hub.Features.Streams;

/// <summary>
/// One batch of one partition, in the order that bounds a crash to one replayed batch: the handler stores its effects,
/// the poison events go to dead-letter blobs, and only then is the checkpoint written after the batch's last event.
/// A failure before the checkpoint leaves it where it was, so the same batch comes again; the partition never stops
/// at a poison event.
/// </summary>
public sealed partial class StreamBatchRunner(DeadLetterStore deadLetters, ILogger<StreamBatchRunner> logger)
{
    /// <param name="checkpoint">Writes the checkpoint after the given event; null where the source keeps no checkpoints (the in-process channel).</param>
    public async Task RunAsync(
        StreamPartition partition, IStreamBatchHandler handler, IReadOnlyList<EventData> events, DurableTaskClient durable,
        Func<EventData, CancellationToken, Task>? checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count is 0)
        {
            return;
        }

        var outcome = await handler.HandleAsync(events, durable, cancellationToken);
        foreach (var poison in outcome.Poison)
        {
            await deadLetters.WriteAsync(partition, poison, cancellationToken);
            LogPoison(logger, partition.EventHubName, partition.PartitionId, poison.Event.SequenceNumber, poison.Reason);
        }

        if (checkpoint is not null)
        {
            await checkpoint(events[^1], cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Poison event {SequenceNumber} of {EventHub}/{PartitionId} dead-lettered: {Reason}")]
    private static partial void LogPoison(ILogger logger, string eventHub, string partitionId, long sequenceNumber, string reason);
}
