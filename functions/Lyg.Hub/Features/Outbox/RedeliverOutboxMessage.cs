using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lyg.Hub.Features.Outbox;

/// <summary>
/// POST v1/outbox/messages/{messageId}/redeliver: an administrator puts a dead message back to pending, its attempts
/// and age reset, after fixing what made it fail; 202 with the message. A pending message is left as it is (the same
/// 202), so the request may be repeated; a delivered one is 422, an unknown one 404.
/// </summary>
public sealed partial class RedeliverOutboxMessage(OutboxStore outbox, ILogger<RedeliverOutboxMessage> logger)
{
    public async Task<IResult> HandleAsync(HttpContext http, string messageId)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!OutboxMessageId.TryParse(messageId, out var id))
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["messageId"] = ["An outbox message id, {caseId}.{sequence}.{kind}.{destination}, as GET v1/outbox/messages lists it."],
            });
        }

        var (outcome, message) = await outbox.RedeliverAsync(id, http.RequestAborted);
        switch (outcome)
        {
            case RedeliveryOutcome.NotFound:
                return Problems.NotFound($"There is no outbound message {id}.");
            case RedeliveryOutcome.Delivered:
                return Problems.Unprocessable("already-delivered", "The message was delivered.", $"{id} was taken by its destination; there is nothing to redeliver.");
            case RedeliveryOutcome.Redelivered:
                var admin = http.GetCaller().Subject;
                LogRedelivered(logger, id.CaseId, id, admin);
                break;
        }

        return TypedResults.Json(message!, LygJsonContext.Wire.OutboxMessageView, statusCode: StatusCodes.Status202Accepted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId}: dead outbound message {MessageId} put back to pending by {Admin}")]
    private static partial void LogRedelivered(ILogger logger, string caseId, OutboxMessageId messageId, string admin);
}
