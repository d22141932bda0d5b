using Lyg.Contracts;
using Lyg.Hub.Api;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Features.Outbox;

/// <summary>
/// GET v1/outbox/messages?state=pending|dead&amp;destination=&amp;limit=&amp;continuationToken=: the undelivered messages,
/// for administrators, in destination, case and sequence order (pending by default). Delivered messages are not listed:
/// their rows stay with their case.
/// </summary>
public sealed class ListOutboxMessages(OutboxStore outbox)
{
    public async Task<IResult> HandleAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var query = new QueryParameters(http.Request.Query);
        var state = query.Enum<OutboxMessageState>("state") ?? OutboxMessageState.Pending;
        var destination = query.Text("destination");
        if (destination is not null && !OutboxMessageId.IsName(destination))
        {
            query.Errors["destination"] = ["A destination name: lower-case letters, digits and '-'."];
        }

        var limit = query.Limit();
        var continuationToken = query.ContinuationToken();
        if (query.Errors.Count > 0)
        {
            return Problems.Validation(query.Errors);
        }

        var page = await outbox.ListAsync(state, destination, limit, continuationToken, http.RequestAborted);
        return TypedResults.Json(page, LygJsonContext.Wire.OutboxMessagePage);
    }
}
