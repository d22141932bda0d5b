using Lyg.Hub.Features.Advertisements;
using Lyg.Hub.Telemetry;
using Microsoft.DurableTask.Client;

namespace Lyg.Standalone.Maintenance;

/// <summary>
/// The standalone twin of the Functions timer: runs <see cref="AdvertisementPermitAlerts"/> daily at 23:00 UTC (07:00
/// China Standard Time); a run that fails is logged and the loop goes on to the next day.
/// </summary>
internal sealed partial class AdvertisementPermitService(AdvertisementPermitAlerts permits, DurableTaskClient durable, TimeProvider clock, ILogger<AdvertisementPermitService> logger)
    : BackgroundService
{
    private static readonly TimeSpan RunAtUtc = TimeSpan.FromHours(23);

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

            await Task.Delay(next - now, clock, stoppingToken);
            using var run = HubTelemetry.Source.StartActivity(nameof(AdvertisementPermitAlerts));
            try
            {
                await permits.RunAsync(durable, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogRunFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The advertisement permit job failed; it runs again tomorrow")]
    private static partial void LogRunFailed(ILogger logger, Exception exception);
}
