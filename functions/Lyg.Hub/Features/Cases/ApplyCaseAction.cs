using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Slips;
using Lyg.Hub.Storage;
using Lyg.Hub.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Lyg.Hub.Features.Cases;

/// <summary>
/// POST v1/cases/{caseId}/actions/{action}. The stored case is the source of truth: the transition is applied to it
/// under optimistic concurrency (of two racing actions one wins, the other gets 409), then the workflow is nudged.
/// </summary>
public sealed class ApplyCaseAction(IEnumerable<ICaseAction> actions, AcknowledgeSlip acknowledgeSlip, CaseStore cases, TimeProvider clock)
{
    private readonly Dictionary<string, ICaseAction> _actions = actions.ToDictionary(a => a.Name, StringComparer.Ordinal);

    public async Task<IResult> HandleAsync(HttpContext http, DurableTaskClient durable, string caseId, string action)
    {
        ArgumentNullException.ThrowIfNull(http);
        var cancellationToken = http.RequestAborted;
        var caller = http.GetCaller();
        if (action == CaseActionNames.AcknowledgeSlip)
        {
            return await acknowledgeSlip.HandleAsync(http, caseId);
        }

        if (!_actions.TryGetValue(action, out var handler))
        {
            var known = _actions.Keys.Append(CaseActionNames.AcknowledgeSlip).Order(StringComparer.Ordinal);
            return Problems.NotFound($"There is no case action '{action}'. Known: {string.Join(", ", known)}.");
        }

        if (caller.ActingRole(handler.AllowedRoles) is null)
        {
            return Problems.Forbidden($"'{action}' needs one of the roles: {string.Join(", ", handler.AllowedRoles.Order(StringComparer.Ordinal))}.");
        }

        var keyHeader = http.Request.Headers[RequestKey.HeaderName].ToString();
        if (keyHeader.Length > 0 && !RequestKey.IsWellFormed(keyHeader))
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                [RequestKey.HeaderName] = [$"Use 1 to {RequestKey.MaxLength} visible ASCII characters."],
            });
        }

        var prepared = await handler.PrepareAsync(http.Request, caseId, caller, clock.GetUtcNow(), cancellationToken);
        if (prepared.Problem is not null)
        {
            return prepared.Problem;
        }

        var key = keyHeader.Length == 0 ? null : prepared.KeyFor!($"action\n{caller.Issuer}\n{caller.Subject}\n{action}", keyHeader);
        var result = await cases.TransitionAsync(caseId, prepared.Transition!, key, cancellationToken);
        switch (result.Outcome)
        {
            case TransitionOutcome.NotFound:
                return Problems.NotFound($"No case {caseId} is visible to you.");
            case TransitionOutcome.StateConflict:
                return Problems.StateConflict($"Case {caseId}: {result.Detail}");
            case TransitionOutcome.NotPermitted:
                return Problems.Forbidden(result.Detail!);
            case TransitionOutcome.KeyReusedForDifferentRequest:
                return Problems.IdempotencyMismatch("This Idempotency-Key was first used with a different request.");
            case TransitionOutcome.Applied:
            case TransitionOutcome.Replayed:
                // A replay nudges too: the first attempt may have committed and then failed before its nudge.
                await CaseWorkflowClient.NotifyStateChangedAsync(durable, caseId, result.State!.Value, cancellationToken);
                break;
        }

        var statusUrl = ApiRoutes.CaseUrl(caseId);
        http.Response.Headers.Location = statusUrl;
        return TypedResults.Json(
            new CaseActionAccepted(caseId, result.State!.Value, statusUrl),
            LygJsonContext.Wire.CaseActionAccepted,
            statusCode: StatusCodes.Status202Accepted);
    }
}
