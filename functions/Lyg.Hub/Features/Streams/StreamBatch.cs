using Azure.Messaging.EventHubs;

namespace Lyg.Hub.Features.Streams;

/// <summary>
/// Handles one batch of events of one partition: plain code over <see cref="EventData"/>, fed by an Event Hubs
/// processor or an in-process channel. It stores the effects of the batch before it returns and names the events it
/// cannot take; it must be idempotent, since a crash before the checkpoint hands it the same batch again.
/// </summary>
public interface IStreamBatchHandler
{
    Task<StreamBatchOutcome> HandleAsync(IReadOnlyList<EventData> events, CancellationToken cancellationToken);
}

/// <summary>An event the handler cannot take (unparseable, invalid), with why: it goes to a dead-letter blob.</summary>
public sealed record PoisonEvent(EventData Event, string Reason);

public sealed record StreamBatchOutcome(IReadOnlyList<PoisonEvent> Poison)
{
    public static StreamBatchOutcome Clean { get; } = new([]);
}

/// <summary>Where a batch came from: the hub and partition name its dead letters.</summary>
public sealed record StreamPartition(string EventHubName, string PartitionId);
