using Lyg.Hub.Hosting;
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

    // The last good snapshot keeps serving when a refresh fails; the next tick tries again.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicRefresh.RunAsync(options.Value.RefreshInterval, time, routing.RefreshAsync, ex => LogRefreshFailed(logger, ex), stoppingToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Routing: re-reading the units' service areas failed; the previous ones stay in force")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
