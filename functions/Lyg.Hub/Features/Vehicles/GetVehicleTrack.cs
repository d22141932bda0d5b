using System.Globalization;
using Lyg.Contracts;
using Lyg.Hub.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Vehicles;

/// <summary>
/// GET v1/monitoring/vehicles/{vehicleId}/track?from=&amp;to=&amp;limit=&amp;continuationToken=: a vehicle's points from
/// <c>from</c> (included) to <c>to</c> (excluded) in time order, at most <see cref="VehiclesOptions.MaxTrackRange"/>
/// apart, a page of <c>limit</c> points at a time; the next page is asked for with the same range and the
/// <c>continuationToken</c> of the last one.
/// </summary>
public sealed class GetVehicleTrack(TrackStore tracks, VehicleRegistry registry, IOptions<VehiclesOptions> options)
{
    public const int DefaultLimit = 500;
    public const int MaxLimit = 2000;

    public async Task<IResult> HandleAsync(HttpContext http, string vehicleId)
    {
        ArgumentNullException.ThrowIfNull(http);
        var query = new QueryParameters(http.Request.Query);
        var from = query.Instant("from");
        query.Require("from", from);
        var to = query.Instant("to");
        query.Require("to", to);
        if (from is { } f && to is { } t)
        {
            if (t <= f)
            {
                query.Errors["to"] = ["After from."];
            }
            else if (t - f > options.Value.MaxTrackRange)
            {
                query.Errors["to"] = [$"At most {options.Value.MaxTrackRange} after from; ask for a longer track range by range."];
            }
        }

        var limit = DefaultLimit;
        if (query.Text("limit") is { } limitText && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            query.Errors["limit"] = [$"1 to {MaxLimit}."];
        }

        var start = from;
        if (query.ContinuationToken() is { } token)
        {
            // The token is the instant the next page starts at, inside the range asked for.
            if (long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && from is { } a && to is { } b
                && ticks > a.UtcTicks && ticks < b.UtcTicks)
            {
                start = new DateTimeOffset(ticks, TimeSpan.Zero);
            }
            else
            {
                query.Errors["continuationToken"] = ["Pass back the continuationToken of the previous page unchanged, with the same from and to."];
            }
        }

        if (query.Errors.Count > 0)
        {
            return Problems.Validation(query.Errors);
        }

        if (!(await registry.CurrentAsync(http.RequestAborted)).ContainsKey(vehicleId))
        {
            return Problems.NotFound($"No registered vehicle {vehicleId}.");
        }

        var (points, more) = await tracks.ReadTrackAsync(vehicleId, start!.Value, to!.Value, limit, http.RequestAborted);
        var next = more ? (points[^1].ObservedAt.UtcTicks + 1).ToString(CultureInfo.InvariantCulture) : null;
        return TypedResults.Json(
            new VehicleTrack(
                vehicleId, from!.Value, to.Value,
                [.. points.Select(p => new VehicleTrackPoint(p.ObservedAt, new GeoLocation(p.Lat, p.Lon, CoordinateSystem.Wgs84), p.Speed, p.Heading))], next),
            LygJsonContext.Wire.VehicleTrack);
    }
}
