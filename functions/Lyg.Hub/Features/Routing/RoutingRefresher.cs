using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Routing;

/// <summary>
/// Reads the units' service areas before the host serves requests, then again every
/// <see cref="RoutingOptions.RefreshInterval"/>, so changes made on another host reach this one.
/// </summary>
public sealed partial class RoutingRefresher(CurrentRouting routing, IOptions<RoutingOptions> options, TimeProvider time, ILogger<RoutingRefresher> logger)
    : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await routing.RefreshAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await routing.RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The last good snapshot keeps serving; the next tick tries again.
                LogRefreshFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Routing: re-reading the units' service areas failed; the previous ones stay in force")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
