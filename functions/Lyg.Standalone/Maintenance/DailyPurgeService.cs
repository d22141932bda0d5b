using Lyg.Hub.Features.Maintenance;
using Microsoft.DurableTask.Client;

namespace Lyg.Standalone.Maintenance;

/// <summary>The standalone twin of the Functions timer: runs <see cref="PurgeWorkflowHistory"/> daily at 19:00 UTC.</summary>
internal sealed partial class DailyPurgeService(PurgeWorkflowHistory purge, DurableTaskClient durable, TimeProvider clock, ILogger<DailyPurgeService> logger)
    : BackgroundService
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

            await Task.Delay(next - now, clock, stoppingToken);
            try
            {
                await purge.RunAsync(durable, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPurgeFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Purging finished workflow history failed; the next run is tomorrow")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
