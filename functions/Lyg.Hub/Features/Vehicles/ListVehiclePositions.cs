using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Features.Places;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Features.Vehicles;

/// <summary>
/// GET v1/monitoring/vehicles?kind=&amp;place=: the latest position of every registered vehicle that has reported, in
/// vehicle id order, for the operations centre's map. <c>place</c> is a district, street, community or grid code; a
/// vehicle is in it when its latest position lies in the place by the place map in force.
/// </summary>
public sealed class ListVehiclePositions(TrackStore tracks, VehicleRegistry registry, CurrentPlaces places)
{
    public const int MaxPlaceCodeLength = 32;

    public async Task<IResult> HandleAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var query = new QueryParameters(http.Request.Query);
        var kind = query.Enum<VehicleKind>("kind");
        var place = query.Text("place", MaxPlaceCodeLength);
        if (place is not null && !place.All(char.IsAsciiLetterOrDigit))
        {
            query.Errors["place"] = ["A district, street, community or grid code."];
        }

        if (query.Errors.Count > 0)
        {
            return Problems.Validation(query.Errors);
        }

        var vehicles = await registry.CurrentAsync(http.RequestAborted);
        var items = new List<VehiclePositionView>();
        foreach (var row in (await tracks.ReadAllLatestAsync(http.RequestAborted)).OrderBy(r => r.RowKey, StringComparer.Ordinal))
        {
            if (!vehicles.TryGetValue(row.RowKey, out var vehicle) || (kind is { } k && vehicle.Kind != k) || (place is not null && !IsIn(row, place)))
            {
                continue;
            }

            items.Add(new VehiclePositionView(
                vehicle.VehicleId, vehicle.Kind, vehicle.Unit, row.ObservedAt, new GeoLocation(row.Lat, row.Lon, CoordinateSystem.Wgs84), row.Speed, row.Heading));
        }

        return TypedResults.Json(new VehiclePositionList(items), LygJsonContext.Wire.VehiclePositionList);
    }

    private bool IsIn(PositionRow row, string place) =>
        places.Locate(row.Lat, row.Lon) is { } at
        && (at.Grid == place || at.Community.Code == place || at.Street.Code == place || at.District.Code == place);
}
