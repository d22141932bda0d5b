using Azure.Messaging.EventHubs;
using Lyg.Hub.Api;
using Lyg.Hub.Features.Alerts;
using Lyg.Hub.Features.Sensors;
using Lyg.Hub.Features.Streams;
using Lyg.Hub.Telemetry;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Readings;

/// <summary>
/// Sensor telemetry from every channel: each event's body is one telemetry document (<see cref="TelemetryDocument"/>),
/// as POST v1/telemetry takes it, of registered sensors with values their kind defines (<see cref="SensorReadingChecks"/>).
/// A document with a fault is a poison event, named with its faults; the readings of
/// the others are stored together (<see cref="ReadingStore"/>), idempotent by (sensor, time), so a replayed batch writes
/// the same rows. Before each sensor's state moves, its rules are evaluated over its new readings
/// (<see cref="SensorRuleEvaluator"/>) and what changed goes to the alert desk; what the rules hold is stored with the
/// state, so a replay, whose readings are no newer than the state, signals nothing again. Counted per channel:
/// readings in = stored + rejected.
/// </summary>
public sealed partial class TelemetryBatchHandler(
    ReadingStore store, SensorRegistry sensors, SensorRuleEvaluator rules, IAlertSink alerts, IOptions<TelemetryOptions> options, TimeProvider clock,
    ILogger<TelemetryBatchHandler> logger)
    : IStreamBatchHandler
{
    public const string HttpChannel = "http";
    public const string EventHubsChannel = "eventhubs";
    public const string InProcessChannel = "in-process";

    /// <summary>Which channel the events came by, for the count: the processor and the in-process channel each make their own handler.</summary>
    public string Channel { get; private init; } = EventHubsChannel;

    /// <summary>The same handler, counting as <paramref name="channel"/>.</summary>
    public TelemetryBatchHandler For(string channel) => new(store, sensors, rules, alerts, options, clock, logger) { Channel = channel };

    public async Task<StreamBatchOutcome> HandleAsync(IReadOnlyList<EventData> events, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var readings = new List<SensorReading>();
        var poison = new List<PoisonEvent>();
        var rejected = 0;
        foreach (var data in events)
        {
            var (taken, errors, offered) = await ReadAsync(data.EventBody.ToMemory(), cancellationToken);
            if (errors.Count > 0)
            {
                poison.Add(new PoisonEvent(data, FieldErrors.Describe(errors)));
                rejected += offered;
            }
            else
            {
                readings.AddRange(taken);
            }
        }

        await TakeAsync(readings, Channel, rejected, durable, cancellationToken);
        return new StreamBatchOutcome(poison);
    }

    /// <summary>
    /// Reads one telemetry document and checks its readings against the registry: the readings, or every fault by
    /// path (the readings then empty), and how many readings it offered.
    /// </summary>
    public async Task<(IReadOnlyList<SensorReading> Readings, IReadOnlyDictionary<string, string[]> Errors, int Offered)> ReadAsync(
        ReadOnlyMemory<byte> utf8, CancellationToken cancellationToken)
    {
        var (readings, errors, offered) = TelemetryDocument.Read(utf8, options.Value, clock.GetUtcNow());
        if (errors.Count > 0)
        {
            return (readings, errors, offered);
        }

        var registered = await sensors.FindAsync(readings.Select(r => r.SensorId), cancellationToken);
        var faults = SensorReadingChecks.Check(readings, registered, sensors.Kinds);
        return faults.Count > 0 ? ([], faults, offered) : (readings, faults, offered);
    }

    /// <summary>Stores readings whose document passed with what they mean for their sensors' rules, and counts them with those rejected.</summary>
    public async Task TakeAsync(IReadOnlyList<SensorReading> readings, string channel, int rejected, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readings);
        if (readings.Count > 0)
        {
            await store.StoreAsync(readings, (histories, token) => EvaluateAsync(histories, durable, token), cancellationToken);
        }

        HubMetrics.ReadingsTaken(channel, readings.Count, rejected);
        LogTaken(logger, channel, readings.Count, rejected);
    }

    /// <summary>The rules of each sensor over its new readings: the changes to the desk first, then what the rules hold, to be stored.</summary>
    private async Task<IReadOnlyDictionary<string, string?>> EvaluateAsync(IReadOnlyList<SensorHistory> histories, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var held = new Dictionary<string, string?>(StringComparer.Ordinal);
        var signals = new List<AlertSignal>();
        foreach (var history in histories)
        {
            // Readings were checked against the registry: a sensor it no longer holds keeps what its rules held.
            if (sensors.Held(history.SensorId) is not { } sensor)
            {
                held[history.SensorId] = history.Before?.Rules;
                continue;
            }

            var (levels, changes) = rules.Evaluate(sensor, history.Before, history.Newer);
            held[history.SensorId] = RuleLevels.Serialize(levels);
            signals.AddRange(changes);
        }

        if (signals.Count > 0)
        {
            await alerts.TakeAsync(signals, durable, cancellationToken);
        }

        return held;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Telemetry by {Channel}: {Stored} readings stored, {Rejected} rejected")]
    private static partial void LogTaken(ILogger logger, string channel, int stored, int rejected);
}
