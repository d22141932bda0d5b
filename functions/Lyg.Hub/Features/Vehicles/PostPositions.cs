using Lyg.Contracts;
using Lyg.Hub.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Vehicles;

/// <summary>
/// POST v1/vehicles/positions: a gateway's vehicle positions, the HTTP twin of the event on <c>EventHubs:Vehicles</c>,
/// through the same <see cref="PositionBatchHandler"/>. All or nothing: a bad position is a 400 naming its path
/// (<c>positions[3].lat</c>) and nothing is stored; else 202 once every position is stored and its alerts sent.
/// Repeating a request stores the same rows again.
/// </summary>
public sealed class PostPositions(PositionBatchHandler handler, VehicleRegistry registry, IOptions<VehiclesOptions> options, TimeProvider clock)
{
    public async Task<IResult> HandleAsync(HttpContext http, DurableTaskClient durable)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (body, unreadable) = await JsonBody.ReadBytesAsync(http.Request, http.RequestAborted);
        if (body is null)
        {
            return unreadable!;
        }

        var vehicles = await registry.CurrentAsync(http.RequestAborted);
        var (positions, errors, _) = PositionDocument.Read(body, vehicles, options.Value, clock.GetUtcNow());
        if (errors.Count > 0)
        {
            return errors.ContainsKey("$") ? Problems.Malformed(errors["$"][0]) : Problems.Validation(errors.ToDictionary());
        }

        await handler.TakeAsync(positions, vehicles, durable, http.RequestAborted);
        return TypedResults.Json(new VehiclePositionsAccepted(positions.Count), LygJsonContext.Wire.VehiclePositionsAccepted, statusCode: StatusCodes.Status202Accepted);
    }
}
