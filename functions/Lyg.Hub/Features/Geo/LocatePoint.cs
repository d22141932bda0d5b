using System.Globalization;
using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Features.Codes;
using Lyg.Hub.Features.Places;
using Lyg.Hub.Features.Routing;
using Lyg.Orchestrations.Geo;
using Lyg.Orchestrations.Routing;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Features.Geo;

/// <summary>
/// GET v1/geo/locate?lat=&amp;lon=&amp;crs=[&amp;category=]: the unit grid, community, street and district of a point
/// and the units that answer for it. The three coordinates are required, because the same numbers in GCJ-02 or BD-09
/// land hundreds of metres from their WGS84 reading; the point is converted to WGS84 before the lookup and answered
/// back in WGS84. A point in no grid is a 422. With a category, the units are those answering for it, and routing's
/// suggestion comes along.
/// </summary>
public sealed class LocatePoint(CurrentPlaces places, CurrentRouting routing, CaseRouting caseRouting)
{
    public IResult Handle(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var query = new QueryParameters(http.Request.Query);
        var lat = query.Number("lat", -90, 90);
        var lon = query.Number("lon", -180, 180);
        var crs = query.Enum<CoordinateSystem>("crs");
        var category = query.Text("category", 5);
        if (category is not null && CategoryCode.Check(category) is { } categoryError)
        {
            query.Errors["category"] = [categoryError];
        }

        query.Require("lat", lat);
        query.Require("lon", lon);
        query.Require("crs", crs);
        if (lat is null || lon is null || crs is null || query.Errors.Count > 0)
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

        var responsible = routing.UnitsServing(CaseRouting.PlacesOf(found))
            .Where(s => category is null || s.Unit.ServiceArea!.Categories.Any(key => RoutingRules.Covers(key, category)))
            .Select(s => new ResponsibleUnitView(s.Unit.Code, s.Unit.Name, s.Unit.Kind, s.Place, s.Unit.ServiceArea!.Categories))
            .ToList();
        var suggestion = category is null ? null : caseRouting.Suggest(category, found);
        return TypedResults.Json(
            new LocateResult(
                found.Grid,
                View(found.Community),
                View(found.Street),
                View(found.District),
                new GeoLocation(wgs84.Lat, wgs84.Lon, CoordinateSystem.Wgs84),
                responsible,
                suggestion is null ? null : new RouteSuggestionView(suggestion.Unit, suggestion.Rule)),
            LygJsonContext.Wire.LocateResult);
    }

    private static PlaceView View(Place place) => new(place.Code, place.Name);
}
