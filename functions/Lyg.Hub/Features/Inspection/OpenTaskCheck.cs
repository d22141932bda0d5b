using Lyg.Contracts;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Cases;

namespace Lyg.Hub.Features.Inspection;

/// <summary>
/// Keeps tasks true to their cases, checked whenever a task is read: an open task whose case has left the task's
/// stage instance by another path (an operator registered or voided it, someone checked it, a rework began) or that
/// was given to another inspector is cancelled, so no task stays open after its case moved on.
/// </summary>
public sealed class OpenTaskCheck(CaseStore cases, InspectionTaskStore tasks, TimeProvider clock)
{
    /// <summary>True when the task is open and its case still waits for it; an open task that no longer is gets cancelled.</summary>
    public async Task<bool> StillOpenAsync(InspectionTaskRow task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.StateValue != InspectionTaskState.Open)
        {
            return false;
        }

        var facts = await cases.FindFactsAsync(task.CaseId, cancellationToken);
        if (facts is not null && InStage(task, facts) && await tasks.HolderAsync(task.CaseId, task.RowKey, cancellationToken) == task.PartitionKey)
        {
            return true;
        }

        await tasks.CancelAsync(task, clock.GetUtcNow(), cancellationToken);
        return false;
    }

    public static bool InStage(InspectionTaskRow task, CaseFacts facts)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(facts);
        return facts.State == RecordInspectionAssignment.StateOf(task.KindValue) && facts.Clock?.Sequence == task.StageSequence;
    }
}
