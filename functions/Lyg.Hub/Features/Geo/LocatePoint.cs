using System.Globalization;
using Lyg.Contracts;
using Lyg.Hub.Features.Places;
using Lyg.Hub.Api;
using Lyg.Orchestrations.Geo;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Features.Geo;

/// <summary>
/// GET v1/geo/locate?lat=&amp;lon=&amp;crs=: the unit grid, community, street and district of a point. All three
/// parameters are required, because the same numbers in GCJ-02 or BD-09 land hundreds of metres from their WGS84
/// reading; the point is converted to WGS84 before the lookup and answered back in WGS84. A point in no grid is a 422.
/// </summary>
public sealed class LocatePoint(CurrentPlaces places)
{
    public IResult Handle(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var query = new QueryParameters(http.Request.Query);
        var lat = query.Number("lat", -90, 90);
        var lon = query.Number("lon", -180, 180);
        var crs = query.Enum<CoordinateSystem>("crs");
        query.Require("lat", lat);
        query.Require("lon", lon);
        query.Require("crs", crs);
        if (lat is null || lon is null || crs is null)
        {
            return Problems.Validation(query.Errors);
        }

        var wgs84 = CoordinateConversion.ToWgs84(new GeoPoint(lat.Value, lon.Value), crs.Value);
        if (places.Locate(wgs84.Lat, wgs84.Lon) is not { } found)
        {
            return Problems.Unprocessable(
                "outside-grids",
                "The point lies in no unit grid of the city.",
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"({wgs84.Lat:F6}, {wgs84.Lon:F6}) in WGS84 is outside every grid: outside Lianyungang, in a gap between grids, or sent in the wrong crs."));
        }

        return TypedResults.Json(
            new LocateResult(
                found.Grid,
                View(found.Community),
                View(found.Street),
                View(found.District),
                new GeoLocation(wgs84.Lat, wgs84.Lon, CoordinateSystem.Wgs84)),
            LygJsonContext.Default.LocateResult);
    }

    private static PlaceView View(Place place) => new(place.Code, place.Name);
}
