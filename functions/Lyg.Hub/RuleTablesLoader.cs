using Lyg.Hub.Auth;
using Lyg.Hub.Features.Hotline12345;
using Lyg.Orchestrations.Routing;
using Lyg.Orchestrations.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lyg.Hub;

/// <summary>
/// Builds at start what DI would otherwise build on first use — the time-limit, routing and 12345 category tables and
/// the calendar (from their configured files) and the token keys — so a malformed file or key stops the host at start, with every problem
/// listed, instead of failing the first request that needs it.
/// </summary>
public sealed class RuleTablesLoader(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<TimeLimitRules>();
        services.GetRequiredService<RoutingRules>();
        services.GetRequiredService<CalendarInForce>();
        services.GetRequiredService<TokenKeys>();
        services.GetRequiredService<HotlineCategoryMap>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
