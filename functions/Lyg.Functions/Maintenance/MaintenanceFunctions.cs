using Lyg.Hub.Features.Maintenance;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Lyg.Functions.Maintenance;

public sealed class MaintenanceFunctions(DailyMaintenance maintenance, ResumeStrandedWorkflows sweep)
{
    [Function(nameof(DailyMaintenance))]
    public Task DailyMaintenance(
        [TimerTrigger(Hub.Features.Maintenance.DailyMaintenance.Schedule)] TimerInfo timer,
        [DurableClient] DurableTaskClient durable,
        FunctionContext function) =>
        maintenance.RunAsync(durable, function?.CancellationToken ?? CancellationToken.None);

    [Function(nameof(ResumeStrandedWorkflows))]
    public Task ResumeStrandedWorkflows(
        [TimerTrigger(Hub.Features.Maintenance.ResumeStrandedWorkflows.Schedule)] TimerInfo timer,
        [DurableClient] DurableTaskClient durable,
        FunctionContext function) =>
        sweep.RunAsync(durable, function?.CancellationToken ?? CancellationToken.None);
}
