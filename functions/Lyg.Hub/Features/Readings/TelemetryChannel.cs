using System.Threading.Channels;
using Azure.Messaging.EventHubs;

namespace Lyg.Hub.Features.Readings;

/// <summary>
/// Telemetry documents sent within the process (a simulator, a local bridge), read in batches by the standalone host
/// into the same <see cref="TelemetryBatchHandler"/> as Event Hubs. Bounded, so a writer faster than storage waits
/// instead of filling memory. Each document becomes an event numbered in arrival order, which names its dead letter.
/// </summary>
public sealed class TelemetryChannel
{
    public const int Capacity = 10_000;
    public const string PartitionId = "0";

    private readonly Channel<EventData> _channel = Channel.CreateBounded<EventData>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    private long _sequence;

    public ValueTask WriteAsync(BinaryData document, CancellationToken cancellationToken)
    {
        var sequence = Interlocked.Increment(ref _sequence);
        var data = EventHubsModelFactory.EventData(document, sequenceNumber: sequence, offsetString: sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), enqueuedTime: DateTimeOffset.UtcNow);
        return _channel.Writer.WriteAsync(data, cancellationToken);
    }

    /// <summary>The next batch: waits for one document, then takes up to <paramref name="maxCount"/> of those already waiting.</summary>
    public async Task<IReadOnlyList<EventData>> ReadBatchAsync(int maxCount, CancellationToken cancellationToken)
    {
        var batch = new List<EventData> { await _channel.Reader.ReadAsync(cancellationToken) };
        while (batch.Count < maxCount && _channel.Reader.TryRead(out var next))
        {
            batch.Add(next);
        }

        return batch;
    }
}
