using System.Text.Json;
using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Lyg.Hub.Features.Inspection;

/// <summary>What became of giving a task: the task as stored, or the problem that says why it was not given.</summary>
public sealed record InspectionTaskGiven(InspectionTaskRow? Task, IResult? Problem);

/// <summary>
/// Gives a case's 核实 or 核查 task to an inspector already chosen: records the assignment as the case action
/// <c>assign-inspector</c> (<see cref="RecordInspectionAssignment"/> through <see cref="CaseCommands"/>, so its rules,
/// timeline entry and Idempotency-Key are the shared ones), then writes the task to the inspector's partition, due when
/// the case's stage is. Used by the center's POST …/actions/assign-inspector and by channels that ask for a
/// verification themselves (a video alert below its confidence threshold).
/// </summary>
public sealed class GiveInspectionTask(CaseCommands commands, CaseStore cases, InspectionTaskStore tasks, TimeProvider clock)
{
    public async Task<InspectionTaskGiven> GiveAsync(
        StoredCase found, InspectionKind kind, InspectorView inspector, string? note, Caller caller, string? idempotencyKey, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(found);
        ArgumentNullException.ThrowIfNull(inspector);
        ArgumentNullException.ThrowIfNull(caller);
        var caseId = found.CaseId;
        var taskId = InspectionTaskStore.TaskIdOf(caseId, kind, found.Facts.Clock!.Sequence);
        if (await tasks.HolderAsync(caseId, taskId, cancellationToken) is { } holder
            && await tasks.FindAsync(holder, taskId, cancellationToken) is { State: nameof(InspectionTaskState.Completed) })
        {
            return new(null, Problems.Conflict("task-completed", "The task is done.", $"Task {taskId} was completed by {holder}; the case awaits the center's next step."));
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(new InspectionAssignment(kind, inspector.InspectorId, note), InspectionAssignmentJson.Default.InspectionAssignment);
        var outcome = await commands.ApplyAsync(new CaseCommand(caseId, CaseActionNames.AssignInspector, body, caller, idempotencyKey), durable, cancellationToken);
        if (outcome is CaseCommandOutcome.Refused refused)
        {
            return new(null, refused.Problem);
        }

        // The stage the entry was recorded in: the clock is read after the commit, and a case that moved on since has no task to give.
        var facts = await cases.FindFactsAsync(caseId, cancellationToken);
        if (facts?.State != RecordInspectionAssignment.StateOf(kind) || facts.Clock is not { } stage
            || InspectionTaskStore.TaskIdOf(caseId, kind, stage.Sequence) != taskId)
        {
            return new(null, Problems.StateConflict($"Case {caseId} left its {(kind == InspectionKind.Verify ? "register" : "check")} stage while the task was being assigned."));
        }

        var task = await tasks.AssignAsync(
            new InspectionTaskRow
            {
                PartitionKey = inspector.InspectorId,
                RowKey = taskId,
                CaseId = caseId,
                Kind = kind.ToString(),
                StageSequence = stage.Sequence,
                AssignedAt = clock.GetUtcNow(),
                AssignedBy = caller.Subject,
                DueAt = stage.Deadline,
                Description = found.Description,
                CategoryCode = facts.CategoryCode,
                Address = found.Address,
                Latitude = found.Location.Lat!.Value,
                Longitude = found.Location.Lon!.Value,
            },
            clock.GetUtcNow(),
            cancellationToken);
        return new(task, null);
    }
}
