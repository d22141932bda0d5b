using Lyg.Contracts;
using Lyg.Hub.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Lyg.Hub.Features.Readings;

/// <summary>
/// POST v1/telemetry: a gateway's readings, the HTTP twin of the telemetry event on Event Hubs, through the same
/// <see cref="TelemetryBatchHandler"/>. All or nothing: a bad reading (of its shape, or of a sensor not registered,
/// or a value its kind does not define or cannot physically take) is a 400 naming its path
/// (<c>readings[3].observedAt</c>, <c>readings[0].sensorId</c>) and nothing is stored; else 202 once every reading is stored. Repeating a request
/// stores the same rows again, so a gateway that saw no answer sends it again.
/// </summary>
public sealed class PostTelemetry(TelemetryBatchHandler handler)
{
    public async Task<IResult> HandleAsync(HttpContext http, DurableTaskClient durable)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (body, unreadable) = await JsonBody.ReadBytesAsync(http.Request, http.RequestAborted);
        if (body is null)
        {
            return unreadable!;
        }

        var (readings, errors, offered) = await handler.ReadAsync(body, http.RequestAborted);
        if (errors.Count > 0)
        {
            await handler.TakeAsync([], TelemetryBatchHandler.HttpChannel, rejected: offered, durable, http.RequestAborted);
            return errors.ContainsKey("$") ? Problems.Malformed(errors["$"][0]) : Problems.Validation(errors.ToDictionary());
        }

        await handler.TakeAsync(readings, TelemetryBatchHandler.HttpChannel, rejected: 0, durable, http.RequestAborted);
        return TypedResults.Json(new TelemetryAccepted(readings.Count), LygJsonContext.Wire.TelemetryAccepted, statusCode: StatusCodes.Status202Accepted);
    }
}
