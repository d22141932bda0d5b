using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Orchestrations.Geo;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Inspection;

/// <summary>
/// GET v1/inspector/tasks[?lat=&amp;lon=&amp;crs=]: the calling inspector's own tasks, read from their partition only —
/// the open ones, then those completed or cancelled within <see cref="InspectionOptions.RecentlyEnded"/>, latest first.
/// With the app's position (crs as elsewhere, WGS84 when left out) open tasks come nearest first, each with its distance;
/// without it, soonest due first. Every open task is checked against its case first (<see cref="OpenTaskCheck"/>).
/// </summary>
public sealed class ListInspectorTasks(InspectionTaskStore tasks, OpenTaskCheck check, IOptions<InspectionOptions> options, TimeProvider clock)
{
    public async Task<IResult> HandleAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var cancellationToken = http.RequestAborted;
        var query = new QueryParameters(http.Request.Query);
        var lat = query.Number("lat", -90, 90);
        var lon = query.Number("lon", -180, 180);
        var crs = query.Enum<CoordinateSystem>("crs");
        if (lat is null != lon is null && query.Errors.Count == 0)
        {
            query.Errors[lat is null ? "lat" : "lon"] = ["A position is lat and lon together."];
        }

        if (crs is not null && lat is null && query.Errors.Count == 0)
        {
            query.Errors["crs"] = ["A coordinate system goes with a position: send lat and lon too."];
        }

        if (query.Errors.Count > 0)
        {
            return Problems.Validation(query.Errors);
        }

        var here = lat is { } la && lon is { } lo ? CoordinateConversion.ToWgs84(new GeoPoint(la, lo), crs ?? CoordinateSystem.Wgs84) : (GeoPoint?)null;
        var now = clock.GetUtcNow();
        var rows = await tasks.ListAsync(http.GetCaller().Subject, now - options.Value.RecentlyEnded, cancellationToken);
        var open = new List<InspectionTaskView>();
        var ended = new List<InspectionTaskView>();
        foreach (var row in rows)
        {
            if (row.StateValue == InspectionTaskState.Open && await check.StillOpenAsync(row, cancellationToken))
            {
                var distance = here is { } point ? Math.Round(point.DistanceTo(new GeoPoint(row.Latitude, row.Longitude)), 1) : (double?)null;
                open.Add(row.ToView(now, distance));
            }
            else
            {
                ended.Add(row.ToView(now));
            }
        }

        var ordered = here is null
            ? open.OrderBy(t => t.DueAt).ThenBy(t => t.TaskId, StringComparer.Ordinal)
            : open.OrderBy(t => t.DistanceMetres).ThenBy(t => t.DueAt).ThenBy(t => t.TaskId, StringComparer.Ordinal);
        var items = ordered.Concat(ended.OrderByDescending(t => t.CompletedAt).ThenBy(t => t.TaskId, StringComparer.Ordinal)).ToList();
        return TypedResults.Json(new InspectionTaskList(items), LygJsonContext.Wire.InspectionTaskList);
    }
}
