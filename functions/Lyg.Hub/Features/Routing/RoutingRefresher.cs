using Lyg.Hub.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Routing;

/// <summary>
/// Reads the units' service areas while the host starts, then again every <see cref="RoutingOptions.RefreshInterval"/>,
/// so changes made on another host reach this one.
/// </summary>
public sealed class RoutingRefresher(CurrentRouting routing, IOptions<RoutingOptions> options, TimeProvider time, ILogger<RoutingRefresher> logger)
    : StorageRefresher(options.Value.RefreshInterval, time, logger)
{
    protected override string Subject => "Routing (units' service areas)";

    protected override Task RefreshAsync(CancellationToken cancellationToken) => routing.RefreshAsync(cancellationToken);
}
