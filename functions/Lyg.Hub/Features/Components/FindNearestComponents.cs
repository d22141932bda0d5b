using System.Globalization;
using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Features.Codes;
using Lyg.Hub.Features.Places;
using Lyg.Orchestrations.Codes;
using Lyg.Orchestrations.Geo;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Features.Components;

/// <summary>
/// GET v1/components/nearest?lat=&amp;lon=&amp;crs=&amp;type=&amp;radius=&amp;limit=: the components within the radius
/// of a point (converted to WGS84 first), nearest first, then by id. Only the grids whose boundaries come within the
/// radius are read, each narrowed to the radius's bounding box and to the type when one is asked. A point with no grid
/// within the radius is outside the city: 422, as for locate; a point in the city with nothing near answers an empty list.
/// </summary>
public sealed class FindNearestComponents(ComponentStore components, CurrentPlaces places, CodeCatalog catalog)
{
    public const double DefaultRadiusMetres = 50;
    public const double MaxRadiusMetres = 500;
    public const int DefaultLimit = 5;
    public const int MaxLimit = 50;

    private const double BoxMarginMetres = 1;

    public async Task<IResult> HandleAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var query = new QueryParameters(http.Request.Query);
        var lat = query.Number("lat", -90, 90);
        var lon = query.Number("lon", -180, 180);
        var crs = query.Enum<CoordinateSystem>("crs");
        var radius = query.Number("radius", 0, MaxRadiusMetres) ?? DefaultRadiusMetres;
        var limit = query.Number("limit", 1, MaxLimit);
        if (query.Errors.ContainsKey("limit") || limit is { } asked && !double.IsInteger(asked))
        {
            query.Errors["limit"] = [$"A whole number from 1 to {MaxLimit}."];
        }

        var type = query.Text("type", 5);
        if (type is not null && TypeError(type) is { } typeError)
        {
            query.Errors["type"] = [typeError];
        }

        query.Require("lat", lat);
        query.Require("lon", lon);
        query.Require("crs", crs);
        if (lat is null || lon is null || crs is null || query.Errors.Count > 0)
        {
            return Problems.Validation(query.Errors);
        }

        var wgs84 = CoordinateConversion.ToWgs84(new GeoPoint(lat.Value, lon.Value), crs.Value);
        var nearby = await FindAsync(wgs84, radius, type, (int)(limit ?? DefaultLimit), http.RequestAborted);
        if (nearby is null)
        {
            return Problems.Unprocessable(
                "outside-grids",
                "The point lies outside the city's unit grids.",
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"({wgs84.Lat:F6}, {wgs84.Lon:F6}) in WGS84 is more than {radius} m from every grid: outside Lianyungang, or sent in the wrong crs."));
        }

        return TypedResults.Json(
            new NearestComponents(new GeoLocation(wgs84.Lat, wgs84.Lon, CoordinateSystem.Wgs84), radius, type, nearby),
            LygJsonContext.Wire.NearestComponents);
    }

    /// <summary>
    /// The components within <paramref name="radiusMetres"/> of the WGS84 point, nearest first, then by id, at most
    /// <paramref name="limit"/>; null when no grid comes within the radius. Distances are haversine, to the centimetre.
    /// </summary>
    public async Task<IReadOnlyList<NearbyComponent>?> FindAsync(GeoPoint wgs84, double radiusMetres, string? typeCode, int limit, CancellationToken cancellationToken)
    {
        var grids = places.Map.Grids.Near(wgs84.Lat, wgs84.Lon, radiusMetres);
        if (grids.Count == 0)
        {
            return null;
        }

        // Only the components in the radius's box are read; the box is a metre wider than the radius so that its flat
        // scale, taken at the point, can never leave out a component the haversine puts inside.
        var box = wgs84.BoxAround(radiusMetres + BoxMarginMetres);
        var candidates = await components.ListInGridsAsync(grids.Select(g => g.Grid), typeCode, box, cancellationToken);
        return [.. candidates
            .Select(c => (Metres: wgs84.DistanceTo(new GeoPoint(c.Location.Lat!.Value, c.Location.Lon!.Value)), Component: c))
            .Where(n => n.Metres <= radiusMetres)
            .OrderBy(n => n.Metres)
            .ThenBy(n => n.Component.Id, StringComparer.Ordinal)
            .Take(limit)
            .Select(n => new NearbyComponent(Math.Round(n.Metres, 2), n.Component))];
    }

    private string? TypeError(string type)
    {
        if (!CategoryCode.IsWellFormed(type))
        {
            return "A component type code has 4 digits (gb2013) or 5 digits (gb2026).";
        }

        var scheme = CodeSchemes.OfCategoryCode(type)!;
        return catalog.IsKnown(scheme, CodeKind.Component, type)
            ? null
            : $"{type} is not a component type of scheme {scheme}; GET /api/v1/codes?scheme={scheme}&kind=component lists them.";
    }
}
