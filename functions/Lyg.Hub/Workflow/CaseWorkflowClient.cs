using Lyg.Contracts;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Cases;
using Lyg.Orchestrations.Time;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Workflow;

/// <summary>Starts, signals and reads case workflows through whichever <see cref="DurableTaskClient"/> the host provides.</summary>
public sealed class CaseWorkflowClient(IOptions<CaseWorkflowOptions> options, CalendarInForce calendars)
{
    /// <summary>A case's instance is never replaced, whatever state it is in: one instance per case lifecycle.</summary>
    private static readonly IReadOnlyList<string> EveryStatus = Enum.GetNames<OrchestrationRuntimeStatus>();

    /// <summary>The statuses in which a workflow is supervising its case; in any other (or none) it must be restarted.</summary>
    public static IReadOnlyList<OrchestrationRuntimeStatus> Supervising { get; } =
        [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Suspended];

    /// <summary>
    /// Starts the workflow of a case a first intake is about to store. Its number is fresh, so no workflow can exist
    /// and none is looked up; the workflow starts on the reading of <paramref name="newCase"/> instead of reading
    /// storage, which saves an activity and an episode per report.
    /// </summary>
    public Task StartForNewCaseAsync(DurableTaskClient durable, NewCase newCase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        ArgumentNullException.ThrowIfNull(newCase);
        var input = options.Value.InputFor(newCase.CaseId);
        var expected = CaseClockReading.Of(newCase.CaseId, CaseStore.FactsOf(newCase), [], input.Ladder, calendars.Calendar);
        return StartAsync(durable, newCase.CaseId, input with { Expected = expected }, cancellationToken);
    }

    /// <summary>Starts the case's workflow unless it already exists; safe to call on every retry. It reads the case first.</summary>
    public async Task EnsureStartedAsync(DurableTaskClient durable, string caseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        if (await durable.GetInstanceAsync(CaseWorkflowNames.InstanceId(caseId), getInputsAndOutputs: false, cancellationToken) is not null)
        {
            return;
        }

        await StartAsync(durable, caseId, options.Value.InputFor(caseId), cancellationToken);
    }

    /// <summary>
    /// For a case that is stored and open: a workflow that is missing or no longer runs cannot be supervising it — it
    /// gave up waiting for an intake that a retry has just completed, failed on an outage longer than its retries, or
    /// was terminated by hand. It is purged and started afresh with the input it had (the ladder fixed when the case
    /// began), or the current one when it is gone; slips already issued keep their ids, so none is issued twice.
    /// True when the workflow was (re)started.
    /// </summary>
    public async Task<bool> RestartIfEndedAsync(DurableTaskClient durable, string caseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        var instanceId = CaseWorkflowNames.InstanceId(caseId);
        var instance = await durable.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (instance is not null && Supervising.Contains(instance.RuntimeStatus))
        {
            return false;
        }

        var input = instance?.SerializedInput is null ? null : instance.ReadInputAs<CaseWorkflowInput>();
        if (instance is not null)
        {
            await durable.PurgeInstanceAsync(instanceId, cancellation: cancellationToken);
        }

        // The reading an intake started it on is stale by now: the restarted workflow reads the stored case.
        await StartAsync(durable, caseId, input is null ? options.Value.InputFor(caseId) : input with { Expected = null }, cancellationToken);
        return true;
    }

    /// <summary>
    /// For a case a retried intake has just stored: its workflow, started by the attempt that failed, either gave up
    /// waiting (it is started again) or still waits, reading the case only now and then: the nudge makes it read now.
    /// </summary>
    public async Task SuperviseLateCaseAsync(DurableTaskClient durable, string caseId, CancellationToken cancellationToken)
    {
        if (!await RestartIfEndedAsync(durable, caseId, cancellationToken))
        {
            await NotifyStateChangedAsync(durable, caseId, CaseState.Reported, cancellationToken);
        }
    }

    private static async Task StartAsync(DurableTaskClient durable, string caseId, CaseWorkflowInput input, CancellationToken cancellationToken)
    {
        var instanceId = CaseWorkflowNames.InstanceId(caseId);
        try
        {
            await durable.ScheduleNewOrchestrationInstanceAsync(
                nameof(CaseOrchestrator), input, new StartOrchestrationOptions(instanceId) { DedupeStatuses = EveryStatus }, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Refused because a concurrent retry created it first: that is success. Anything else is a real failure.
            if (await durable.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is null)
            {
                throw;
            }
        }
    }

    /// <summary>Tells the workflow the stored state changed; the workflow re-reads storage on its next timer if this is lost.</summary>
    public static Task NotifyStateChangedAsync(DurableTaskClient durable, string caseId, CaseState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        return durable.RaiseEventAsync(
            CaseWorkflowNames.InstanceId(caseId), CaseWorkflowNames.StateChangedEvent, new CaseStateChanged(state), cancellationToken);
    }

    public static async Task<WorkflowView?> DescribeAsync(DurableTaskClient durable, string caseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        var instance = await durable.GetInstanceAsync(CaseWorkflowNames.InstanceId(caseId), getInputsAndOutputs: true, cancellationToken);
        if (instance is null)
        {
            return null;
        }

        var status = instance.SerializedCustomStatus is null ? null : instance.ReadCustomStatusAs<CaseWorkflowStatus>();
        var running = instance.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending;
        return new WorkflowView(
            instance.RuntimeStatus.ToString().ToLowerInvariant(),
            running ? status?.Stage : null,
            running ? status?.Deadline : null);
    }
}
