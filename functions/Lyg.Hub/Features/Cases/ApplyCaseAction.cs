using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Inspection;
using Lyg.Hub.Features.Slips;
using Lyg.Hub.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Lyg.Hub.Features.Cases;

/// <summary>
/// POST v1/cases/{caseId}/actions/{action}: a thin adapter over <see cref="CaseCommands"/> — the body, the caller and
/// the Idempotency-Key become a command, its outcome a 202 or the problem. Acknowledging a slip is not a transition
/// of the case and has its own handler; assigning an inspector writes a task besides its command, in its own handler.
/// </summary>
public sealed class ApplyCaseAction(CaseCommands commands, AcknowledgeSlip acknowledgeSlip, AssignInspector assignInspector)
{
    public async Task<IResult> HandleAsync(HttpContext http, DurableTaskClient durable, string caseId, string action)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (action == CaseActionNames.AcknowledgeSlip)
        {
            return await acknowledgeSlip.HandleAsync(http, caseId);
        }

        if (action == CaseActionNames.AssignInspector)
        {
            return await assignInspector.HandleAsync(http, durable, caseId);
        }

        if (!commands.PeoplesActions.Contains(action))
        {
            var known = commands.PeoplesActions.Append(CaseActionNames.AcknowledgeSlip).Order(StringComparer.Ordinal);
            return Problems.NotFound($"There is no case action '{action}'. Known: {string.Join(", ", known)}.");
        }

        var (body, unreadable) = await JsonBody.ReadBytesAsync(http.Request, http.RequestAborted);
        if (body is null)
        {
            return unreadable!;
        }

        var keyErrors = new Dictionary<string, string[]>();
        var key = IdempotencyKeyHeader.Read(http.Request, keyErrors);
        if (keyErrors.Count > 0)
        {
            return Problems.Validation(keyErrors);
        }

        var outcome = await commands.ApplyAsync(new CaseCommand(caseId, action, body, http.GetCaller(), key), durable, http.RequestAborted);
        if (outcome is CaseCommandOutcome.Refused refused)
        {
            return refused.Problem;
        }

        var state = ((CaseCommandOutcome.Applied)outcome).State;
        var statusUrl = ApiRoutes.CaseUrl(caseId);
        http.Response.Headers.Location = statusUrl;
        return TypedResults.Json(new CaseActionAccepted(caseId, state, statusUrl), LygJsonContext.Wire.CaseActionAccepted, statusCode: StatusCodes.Status202Accepted);
    }
}
