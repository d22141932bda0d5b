using Lyg.Hub.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Sensors;

/// <summary>
/// Loads the sensor registry into memory before the host serves requests, then reads what changed every
/// <see cref="SensorsOptions.RefreshInterval"/>. Storage that does not answer never stops the host: readings of sensors
/// not yet held are looked up one by one meanwhile (<see cref="SensorRegistry.FindAsync"/>).
/// </summary>
public sealed partial class SensorRefresher(SensorRegistry registry, IOptions<SensorsOptions> options, TimeProvider time, ILogger<SensorRefresher> logger)
    : StorageRefresher(options.Value.RefreshInterval, time, logger)
{
    private bool _loaded;

    protected override string Subject => "Sensor registry";

    /// <summary>10^5 sensors are about a hundred pages of a thousand rows.</summary>
    protected override TimeSpan FirstAttemptBudget => TimeSpan.FromSeconds(30);

    protected override async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var read = await registry.RefreshAsync(cancellationToken);
        if (!_loaded)
        {
            _loaded = true;
            LogLoaded(logger, read, registry.Kinds.Kinds.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sensor registry: {Sensors} sensors held in memory, {Kinds} sensor kinds in force")]
    private static partial void LogLoaded(ILogger logger, int sensors, int kinds);
}
