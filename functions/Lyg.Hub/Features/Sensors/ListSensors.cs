using System.Globalization;
using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Features.Places;
using Lyg.Hub.Features.Readings;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Features.Sensors;

/// <summary>
/// GET v1/monitoring/sensors?kind=&amp;place=&amp;limit=&amp;continuationToken=: the registry in id order for the
/// operations centre, from the host's memory of it, each sensor with its latest values. <c>place</c> is a grid,
/// community, street or district code of the place map. Empty parameters count as absent.
/// </summary>
public sealed class ListSensors(SensorRegistry registry, ReadingStore readings, CurrentPlaces places)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    public async Task<IResult> HandleAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var query = http.Request.Query;
        var errors = new Dictionary<string, string[]>();
        var kind = Parameter(query, "kind");
        if (kind is not null && registry.Kinds.Find(kind) is null)
        {
            errors["kind"] = [registry.Kinds.Expected()];
        }

        var place = Parameter(query, "place");
        if (place is not null && places.Map.Find(place) is null)
        {
            errors["place"] = [$"No grid, community, street or district {place} in the place map ({places.Map.Label})."];
        }

        var limit = DefaultLimit;
        if (Parameter(query, "limit") is { } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            errors["limit"] = [$"A whole number from 1 to {MaxLimit}."];
        }

        // The token is the last id of the previous page; ids never hold characters outside the wire's shape.
        var after = Parameter(query, "continuationToken");
        if (after is not null && !TelemetryDocument.IsSensorId(after))
        {
            errors["continuationToken"] = ["Pass back the continuationToken of the previous page unchanged."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var matching = registry.All
            .Where(s => (kind is null || s.Kind == kind) && (place is null || s.IsIn(place)) && (after is null || string.CompareOrdinal(s.Id, after) > 0))
            .OrderBy(s => s.Id, StringComparer.Ordinal)
            .Take(limit + 1)
            .ToList();
        var page = matching.Take(limit).ToList();
        var states = await readings.FindStatesAsync(page.Select(s => s.Id), http.RequestAborted);
        var items = page.Select(s =>
        {
            var state = states.GetValueOrDefault(s.Id);
            return new SensorSummary(
                s.Id, s.Kind, s.Name, new GeoLocation(s.Location.Lat, s.Location.Lon, CoordinateSystem.Wgs84), s.Place.Grid, s.UnitCode, s.Interval,
                state?.ObservedAt, state is null ? null : ReadingStore.ValuesOf(state.Values));
        }).ToList();
        return TypedResults.Json(new SensorPage(items, matching.Count > limit ? page[^1].Id : null), LygJsonContext.Wire.SensorPage);
    }

    private static string? Parameter(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.ToString() is { Length: > 0 } value ? value : null;
}
