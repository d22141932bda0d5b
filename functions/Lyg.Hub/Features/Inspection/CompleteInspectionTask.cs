using System.Text.Json;
using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Lyg.Hub.Features.Inspection;

/// <summary>
/// POST v1/inspector/tasks/{taskId}/complete: the inspector holding the task reports what was found. A verify task
/// <c>{confirmed, remarks, attachmentIds}</c> becomes the case action <c>verify</c> (confirmed: left for registration
/// with the verification recorded; not confirmed: voided), a check task <c>{passed, remarks, attachmentIds}</c> the
/// action <c>check</c> (passed closes, failed sends to rework): both through <see cref="CaseCommands"/>, so the rules,
/// clocks, outbox and photo claims are the shared ones. The command's idempotency key is the task, so a completion
/// that failed between the case and the task is finished by its retry. A completed task answers the same body the
/// same and refuses a different one (409); another inspector's task is 403.
/// </summary>
public sealed class CompleteInspectionTask(CaseCommands commands, InspectionTaskStore tasks, OpenTaskCheck check, TimeProvider clock)
{
    public async Task<IResult> HandleAsync(HttpContext http, DurableTaskClient durable, string taskId)
    {
        ArgumentNullException.ThrowIfNull(http);
        var cancellationToken = http.RequestAborted;
        var caller = http.GetCaller();
        if (!InspectionTaskStore.TryParse(taskId, out var caseId, out var kind))
        {
            return Problems.NotFound($"There is no task {taskId}.");
        }

        var (request, unreadable) = await JsonBody.ReadAsync(http.Request, LygJsonContext.Default.CompleteInspectionTaskRequest, cancellationToken);
        if (request is null)
        {
            return unreadable!;
        }

        // The holder row decides whose task it is: a task taken away and given to someone else is theirs now.
        var holder = await tasks.HolderAsync(caseId, taskId, cancellationToken);
        if (holder is null)
        {
            return Problems.NotFound($"There is no task {taskId}.");
        }

        if (holder != caller.Subject || await tasks.FindAsync(holder, taskId, cancellationToken) is not { } task)
        {
            return Problems.Forbidden($"Task {taskId} is assigned to another inspector.");
        }

        // What the task kind reads from the body, and only that, is the request: a verify task ignores "passed".
        var (action, body, outcome) = kind == InspectionKind.Verify
            ? (CaseActionNames.Verify,
               JsonSerializer.SerializeToUtf8Bytes(new VerifyCaseRequest(request.Confirmed, request.Remarks, request.AttachmentIds), LygJsonContext.Default.VerifyCaseRequest),
               request.Confirmed == true ? InspectionOutcome.Confirmed : InspectionOutcome.NotConfirmed)
            : (CaseActionNames.Check,
               JsonSerializer.SerializeToUtf8Bytes(new CheckCaseRequest(request.Passed, request.Remarks, request.AttachmentIds), LygJsonContext.Default.CheckCaseRequest),
               request.Passed == true ? InspectionOutcome.Passed : InspectionOutcome.Failed);
        var requestHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body));
        switch (task.StateValue)
        {
            case InspectionTaskState.Completed when task.CompletionHash == requestHash:
                return Answer(task);
            case InspectionTaskState.Completed:
                return Problems.Conflict("task-completed", "The task is done.", $"Task {taskId} was completed with a different answer, which stands.");
            case InspectionTaskState.Cancelled:
                return Problems.Conflict("task-cancelled", "The task was cancelled.", $"Case {caseId} left the task's stage, or the task went to another inspector.");
        }

        // An attempt that got as far as the case may have moved it on: its retry replays the command (by its key)
        // instead of finding the case gone from the stage. Any other completion needs the case still in the task's stage.
        if (task.CompletingHash != requestHash)
        {
            if (!await check.StillOpenAsync(task, cancellationToken))
            {
                return Problems.Conflict("task-cancelled", "The task was cancelled.", $"Case {caseId} left the task's stage, or the task went to another inspector.");
            }

            if (!await tasks.BeginCompletionAsync(task, requestHash, cancellationToken))
            {
                return Problems.Conflict("task-busy", "The task is being completed.", $"Task {taskId} changed while this request read it; send it again.");
            }
        }

        var applied = await commands.ApplyAsync(new CaseCommand(caseId, action, body, caller, "task-" + taskId), durable, cancellationToken);
        if (applied is CaseCommandOutcome.Refused refused)
        {
            return refused.Problem;
        }

        var remarks = string.IsNullOrWhiteSpace(request.Remarks) ? null : request.Remarks.Trim();
        if (!await tasks.CompleteAsync(task, outcome, remarks, request.AttachmentIds ?? [], requestHash, clock.GetUtcNow(), cancellationToken))
        {
            // A racing completion of the same task wrote first: answer as it stands.
            task = (await tasks.FindAsync(caller.Subject, taskId, cancellationToken))!;
            if (task.CompletionHash != requestHash)
            {
                return Problems.Conflict("task-completed", "The task is done.", $"Task {taskId} was completed with a different answer, which stands.");
            }
        }

        return Answer(task);

        IResult Answer(InspectionTaskRow done) =>
            TypedResults.Json(done.ToView(clock.GetUtcNow()), LygJsonContext.Wire.InspectionTaskView);
    }
}
