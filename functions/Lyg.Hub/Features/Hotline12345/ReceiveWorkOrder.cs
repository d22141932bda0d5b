using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Lyg.Hub.Features.Hotline12345;

/// <summary>
/// POST v1/hotline12345/work-orders: the HTTP channel of <see cref="TakeWorkOrder"/> (the 12345 feed on Event Hubs is
/// the other). The body is read in its declared charset, and the order's case is answered with its status URL.
/// </summary>
public sealed class ReceiveWorkOrder(TakeWorkOrder take)
{
    public async Task<IResult> HandleAsync(HttpContext http, DurableTaskClient durable)
    {
        ArgumentNullException.ThrowIfNull(http);
        var clientId = http.GetCaller().Subject;
        var (utf8, unreadable) = await HotlineBody.ReadAsync(http.Request, http.RequestAborted);
        if (utf8 is null)
        {
            return unreadable!;
        }

        var (order, malformed) = JsonBody.Parse(utf8, LygJsonContext.Default.HotlineWorkOrder);
        if (order is null)
        {
            return malformed!;
        }

        switch (await take.TakeAsync(clientId, order, utf8, durable, http.RequestAborted))
        {
            case WorkOrderResult.Taken taken:
                var statusUrl = ApiRoutes.CaseUrl(taken.CaseId);
                http.Response.Headers.Location = statusUrl;
                return TypedResults.Json(
                    new HotlineWorkOrderAccepted(taken.CaseId, taken.Outcome, statusUrl), LygJsonContext.Wire.HotlineWorkOrderAccepted, statusCode: StatusCodes.Status202Accepted);
            case WorkOrderResult.Invalid invalid:
                return Problems.Validation(invalid.Errors);
            case var other:
                throw new System.Diagnostics.UnreachableException($"A work order came to {other.GetType().Name}.");
        }
    }
}
