using Lyg.Hub.Features.Sensors;
using Lyg.Hub.Telemetry;
using Microsoft.DurableTask.Client;

namespace Lyg.Standalone.Maintenance;

/// <summary>The standalone twin of the Functions timer: runs <see cref="SilentSensorSweep"/> every <see cref="SilentSensorSweep.Interval"/>.</summary>
internal sealed partial class SilentSensorSweepService(SilentSensorSweep sweep, DurableTaskClient durable, TimeProvider clock, ILogger<SilentSensorSweepService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SilentSensorSweep.Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            using var run = HubTelemetry.Source.StartActivity(nameof(SilentSensorSweep));
            try
            {
                await sweep.RunAsync(durable, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Looking for silent sensors failed; the next sweep tries again")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
