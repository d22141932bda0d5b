using Lyg.Hub.Features.Sensors;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Lyg.Functions.Maintenance;

/// <summary>The silent-sensor sweep on its timer.</summary>
public sealed class SensorFunctions(SilentSensorSweep sweep)
{
    [Function(nameof(SilentSensorSweep))]
    public Task SilentSensorSweep(
        [TimerTrigger(Hub.Features.Sensors.SilentSensorSweep.Schedule)] TimerInfo timer,
        [DurableClient] DurableTaskClient durable,
        FunctionContext function) =>
        sweep.RunAsync(durable, function?.CancellationToken ?? CancellationToken.None);
}
