using System.Globalization;
using Lyg.Hub.Features.Alerts;
using Lyg.Hub.Features.Readings;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Lyg.Hub.Features.Sensors;

/// <summary>
/// 离线: the sensors that sent nothing within their stale rules' intervals, found by reading every sensor's latest
/// state (a few pages per shard) on a timer in both hosts. A silence is sent to the alert desk and held in the state,
/// so the next sweep does not send it again; the sensor's next reading ends it (<see cref="SensorRuleEvaluator"/>).
/// A registered sensor that never reported has no state: its silence is counted from its registration and sent again
/// each sweep, which the alert desk takes as nothing new, until its first reading ends it.
/// </summary>
public sealed partial class SilentSensorSweep(
    ReadingStore readings, SensorRegistry sensors, SensorRuleEvaluator rules, IAlertSink alerts, TimeProvider clock, ILogger<SilentSensorSweep> logger)
{
    /// <summary>Every five minutes: the shortest reporting interval is a minute, and a silence is counted in intervals.</summary>
    public const string Schedule = "0 */5 * * * *";

    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    /// <summary>Sends the silences begun since the last sweep; answers how many sensors fell silent.</summary>
    public async Task<int> RunAsync(DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var silent = 0;
        var heard = new HashSet<string>(StringComparer.Ordinal);
        for (var shard = 0; shard < ReadingStore.Shards; shard++)
        {
            await foreach (var state in readings.ReadShardAsync(shard.ToString("D2", CultureInfo.InvariantCulture), cancellationToken))
            {
                heard.Add(state.SensorId);
                if (sensors.Held(state.SensorId) is not { } sensor)
                {
                    continue;
                }

                var (held, signals) = rules.Silence(sensor, state, now);
                if (signals.Count is 0)
                {
                    continue;
                }

                await alerts.TakeAsync(signals, durable, cancellationToken);
                // A reading that moved the state meanwhile ended the silence itself: nothing to hold then.
                await readings.TryHoldRulesAsync(state, RuleLevels.Serialize(held), cancellationToken);
                silent++;
            }
        }

        var neverHeard = sensors.All.Where(s => !heard.Contains(s.Id)).SelectMany(s => rules.NeverHeard(s, now)).ToList();
        if (neverHeard.Count > 0)
        {
            await alerts.TakeAsync(neverHeard, durable, cancellationToken);
        }

        var neverHeardSensors = neverHeard.DistinctBy(s => s.SubjectId).Count();
        if (silent > 0 || neverHeardSensors > 0)
        {
            LogSilent(logger, silent, neverHeardSensors);
        }

        return silent;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} sensors fell silent; {NeverHeard} registered sensors were never heard from")]
    private static partial void LogSilent(ILogger logger, int count, int neverHeard);
}
