using System.Globalization;
using System.Text.Json;
using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Storage;
using Lyg.Hub.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Hotline12345;

/// <summary>
/// POST v1/hotline12345/callbacks: 12345 reports its follow-up call (回访) on a work order — satisfaction, whether the
/// problem was solved, the reason, when. It is stored on the case as a <c>hotline-callback</c> timeline entry that also
/// records the satisfaction; with <c>Hotline12345:ReopenWhenDissatisfiedAndUnsolved</c> (default on), dissatisfied and
/// unsolved sends a closed case back for rework (重办) through the case commands, the hotline client as actor, and its
/// ended workflow is started again. The same callback sent again changes nothing. An order this client never pushed is 404.
/// </summary>
public sealed class ReceiveCallback(
    CaseStore cases, HotlineOrderStore orders, CaseCommands commands, CaseWorkflowClient workflows, IOptions<HotlineOptions> options, TimeProvider clock)
{
    public async Task<IResult> HandleAsync(HttpContext http, DurableTaskClient durable)
    {
        ArgumentNullException.ThrowIfNull(http);
        var caller = http.GetCaller();
        var (utf8, unreadable) = await HotlineBody.ReadAsync(http.Request, http.RequestAborted);
        if (utf8 is null)
        {
            return unreadable!;
        }

        var (callback, malformed) = JsonBody.Parse(utf8, LygJsonContext.Default.HotlineCallback);
        if (callback is null)
        {
            return malformed!;
        }

        var errors = new Dictionary<string, string[]>();
        var number = WorkOrderNumber.Check(callback.WorkOrderNo, errors);
        var satisfaction = EnumFields.Required(callback.Satisfaction, "satisfaction", "satisfied (满意), basicallySatisfied (基本满意) or dissatisfied (不满意).", errors);
        if (callback.Solved is null)
        {
            errors["solved"] = ["State whether the problem was solved: true or false."];
        }

        if (callback.Reason is { Length: > CaseAction<ReasonedRequest>.MaxTextLength })
        {
            errors["reason"] = [$"At most {CaseAction<ReasonedRequest>.MaxTextLength} characters."];
        }

        DateTimeOffset? visitedAt = null;
        if (callback.VisitedAt is { ValueKind: not JsonValueKind.Null } visited && (visitedAt = HotlineTime.Parse(visited)) is null)
        {
            errors["visitedAt"] = [$"Not a time: {HotlineTime.Formats}"];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var order = await orders.FindAsync(caller.Subject, number!, http.RequestAborted);
        if (order is null)
        {
            return Problems.NotFound($"No work order {number} of {caller.Subject} is known here.");
        }

        var solved = callback.Solved!.Value;
        var reason = callback.Reason?.Trim();
        var summary = string.Create(
            CultureInfo.InvariantCulture,
            $"12345 回访: {WireNames.Of(satisfaction!.Value)}, {(solved ? "solved" : "unsolved")}{(visitedAt is { } at ? $", {at:yyyy-MM-dd HH:mm:ssK}" : "")}{(string.IsNullOrEmpty(reason) ? "" : ": " + reason)}");

        var entryKey = HotlineOrderStore.Hash(Convert.ToBase64String(utf8));
        await HotlineTimeline.AddAsync(
            cases, order.CaseId, HotlineTimeline.Callback, caller.Subject, summary, entryKey, clock.GetUtcNow(),
            facts => facts with { Satisfaction = satisfaction }, http.RequestAborted);

        var reopened = false;
        if (options.Value.ReopenWhenDissatisfiedAndUnsolved && satisfaction == Satisfaction.Dissatisfied && !solved)
        {
            var stored = await cases.FindAsync(order.CaseId, http.RequestAborted);
            if (stored?.Facts.State == CaseState.Closed)
            {
                var body = JsonSerializer.SerializeToUtf8Bytes(new ReasonedRequest(reason is { Length: > 0 } ? $"12345 回访不满意: {reason}" : "12345 回访不满意，未解决"), LygJsonContext.Default.ReasonedRequest);
                var outcome = await commands.ApplyAsync(new CaseCommand(order.CaseId, ReopenCase.ActionName, body, caller, $"callback-{entryKey[..32]}"), durable, http.RequestAborted);
                if (outcome is CaseCommandOutcome.Refused refused)
                {
                    return refused.Problem;
                }

                // The workflow ended when the case closed: the reopened case needs its clock again.
                await workflows.RestartIfEndedAsync(durable, order.CaseId, http.RequestAborted);
                reopened = true;
            }
        }

        var state = (await cases.FindAsync(order.CaseId, http.RequestAborted))?.Facts.State ?? CaseState.Closed;
        return TypedResults.Json(
            new HotlineCallbackAccepted(order.CaseId, state, reopened, ApiRoutes.CaseUrl(order.CaseId)), LygJsonContext.Wire.HotlineCallbackAccepted,
            statusCode: StatusCodes.Status202Accepted);
    }
}
