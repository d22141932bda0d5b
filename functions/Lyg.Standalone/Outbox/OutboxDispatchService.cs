using Lyg.Hub.Features.Outbox;
using Microsoft.Extensions.Options;

namespace Lyg.Standalone.Outbox;

/// <summary>The standalone twin of the Functions timer: runs <see cref="OutboxDispatcher"/> every <see cref="OutboxOptions.PollInterval"/>.</summary>
internal sealed class OutboxDispatchService(OutboxDispatcher dispatcher, IOptions<OutboxOptions> options, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            // Each destination logs its own failure, so a failed pass never ends the loop.
            await dispatcher.RunAsync(stoppingToken);
        }
    }
}
