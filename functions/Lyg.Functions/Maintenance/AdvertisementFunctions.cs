using Lyg.Hub.Features.Advertisements;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Lyg.Functions.Maintenance;

/// <summary>The advertisement permit job on its timer; the job (and the alert desk it needs) is resolved per invocation.</summary>
public sealed class AdvertisementFunctions(AdvertisementPermitAlerts permits)
{
    [Function(nameof(AdvertisementPermitAlerts))]
    public Task AdvertisementPermitAlerts(
        [TimerTrigger(Hub.Features.Advertisements.AdvertisementPermitAlerts.Schedule)] TimerInfo timer,
        [DurableClient] DurableTaskClient durable,
        FunctionContext function) =>
        permits.RunAsync(durable, function?.CancellationToken ?? CancellationToken.None);
}
