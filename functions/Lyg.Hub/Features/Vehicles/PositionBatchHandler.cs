using Azure.Messaging.EventHubs;
using Lyg.Hub.Api;
using Lyg.Hub.Features.Alerts;
using Lyg.Hub.Features.Streams;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Vehicles;

/// <summary>
/// Vehicle positions from every channel (POST v1/vehicles/positions, <c>EventHubs:Vehicles</c>): each event's body is
/// one positions document (<see cref="PositionDocument"/>); a document with a fault is a poison event named with its
/// faults. The positions of the others are stored together (<see cref="TrackStore"/>), then each vehicle's latest
/// position of the batch is checked against its rules and the outcome sent to the alert desk, one signal per
/// (vehicle, rule): storing first means a failed send retries the batch, which writes the same rows again.
/// </summary>
public sealed partial class PositionBatchHandler(
    TrackStore tracks, VehicleRegistry registry, IAlertSink alerts, IOptions<VehiclesOptions> options, TimeProvider clock, ILogger<PositionBatchHandler> logger)
    : IStreamBatchHandler
{
    public async Task<StreamBatchOutcome> HandleAsync(IReadOnlyList<EventData> events, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var vehicles = await registry.CurrentAsync(cancellationToken);
        var positions = new List<VehiclePosition>();
        var poison = new List<PoisonEvent>();
        var now = clock.GetUtcNow();
        foreach (var data in events)
        {
            var (taken, errors, _) = PositionDocument.Read(data.EventBody.ToMemory(), vehicles, options.Value, now);
            if (errors.Count > 0)
            {
                poison.Add(new PoisonEvent(data, FieldErrors.Describe(errors)));
            }
            else
            {
                positions.AddRange(taken);
            }
        }

        await TakeAsync(positions, vehicles, durable, cancellationToken);
        return new StreamBatchOutcome(poison);
    }

    /// <summary>Stores positions whose document passed and sends what their vehicles' latest positions mean.</summary>
    public async Task TakeAsync(IReadOnlyList<VehiclePosition> positions, IReadOnlyDictionary<string, Vehicle> vehicles, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(vehicles);
        if (positions.Count is 0)
        {
            return;
        }

        await tracks.StoreAsync(positions, cancellationToken);
        var signals = positions
            .GroupBy(p => p.VehicleId, StringComparer.Ordinal)
            .Select(g => g.MaxBy(p => p.ObservedAt)!)
            .SelectMany(p => vehicles.TryGetValue(p.VehicleId, out var vehicle) ? VehicleRules.Evaluate(vehicle, p) : [])
            .ToList();
        if (signals.Count > 0)
        {
            await alerts.TakeAsync(signals, durable, cancellationToken);
        }

        LogTaken(logger, positions.Count, signals.Count);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Vehicle positions: {Stored} stored, {Signals} alert signals")]
    private static partial void LogTaken(ILogger logger, int stored, int signals);
}
