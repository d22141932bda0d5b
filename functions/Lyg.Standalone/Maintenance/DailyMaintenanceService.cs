using Lyg.Hub.Features.Maintenance;
using Lyg.Hub.Telemetry;
using Microsoft.DurableTask.Client;

namespace Lyg.Standalone.Maintenance;

/// <summary>The standalone twin of the Functions timer: runs <see cref="DailyMaintenance"/> daily at 19:00 UTC.</summary>
internal sealed class DailyMaintenanceService(DailyMaintenance maintenance, DurableTaskClient durable, TimeProvider clock) : BackgroundService
{
    private static readonly TimeSpan RunAtUtc = TimeSpan.FromHours(19);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var next = now.Date + RunAtUtc;
            if (next <= now)
            {
                next = next.AddDays(1);
            }

            // Each step logs its own failure, so a failed run never ends the loop.
            await Task.Delay(next - now, clock, stoppingToken);
            // The span a Functions timer invocation has, so the run's storage calls form one trace.
            using var run = HubTelemetry.Source.StartActivity(nameof(DailyMaintenance));
            await maintenance.RunAsync(durable, stoppingToken);
        }
    }
}
