using Azure.Messaging.EventHubs;
using Microsoft.DurableTask.Client;

namespace Lyg.Hub.Features.Streams;

/// <summary>
/// Handles one batch of events of one partition: plain code over <see cref="EventData"/>, fed by an Event Hubs
/// processor or an in-process channel. It stores the effects of the batch before it returns and names the events it
/// cannot take; it must be idempotent, since a crash before the checkpoint hands it the same batch again.
/// </summary>
public interface IStreamBatchHandler
{
    /// <param name="durable">The host's client of the durable task hub, for effects that start or nudge case workflows (an alert's case, a work order).</param>
    Task<StreamBatchOutcome> HandleAsync(IReadOnlyList<EventData> events, DurableTaskClient durable, CancellationToken cancellationToken);
}

/// <summary>An event the handler cannot take (unparseable, invalid), with why: it goes to a dead-letter blob.</summary>
public sealed record PoisonEvent(EventData Event, string Reason);

public sealed record StreamBatchOutcome(IReadOnlyList<PoisonEvent> Poison)
{
    public static StreamBatchOutcome Clean { get; } = new([]);
}

/// <summary>Where a batch came from: the hub and partition name its dead letters.</summary>
public sealed record StreamPartition(string EventHubName, string PartitionId);
