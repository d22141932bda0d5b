using Lyg.Hub.Features.Maintenance;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Lyg.Functions.Maintenance;

public sealed class MaintenanceFunctions(PurgeWorkflowHistory purge, ResumeStrandedWorkflows sweep)
{
    [Function(nameof(PurgeWorkflowHistory))]
    public Task PurgeWorkflowHistory(
        [TimerTrigger(Hub.Features.Maintenance.PurgeWorkflowHistory.Schedule)] TimerInfo timer,
        [DurableClient] DurableTaskClient durable,
        FunctionContext function) =>
        purge.RunAsync(durable, function?.CancellationToken ?? CancellationToken.None);

    [Function(nameof(ResumeStrandedWorkflows))]
    public Task ResumeStrandedWorkflows(
        [TimerTrigger(Hub.Features.Maintenance.ResumeStrandedWorkflows.Schedule)] TimerInfo timer,
        [DurableClient] DurableTaskClient durable,
        FunctionContext function) =>
        sweep.RunAsync(durable, function?.CancellationToken ?? CancellationToken.None);
}
