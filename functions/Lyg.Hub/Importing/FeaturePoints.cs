using System.Globalization;
using Lyg.Contracts;
using Lyg.Orchestrations.Geo;
using NetTopologySuite.Geometries;

namespace Lyg.Hub.Importing;

/// <summary>The one point of a record of a registry of points (components, cameras, advertisements), in WGS84, or why it has none.</summary>
public static class FeaturePoints
{
    /// <param name="what">What one record is, for the problem's words: "a component", "a camera".</param>
    public static (GeoPoint? Point, string? Problem) Read(SourceFeature feature, CoordinateSystem crs, string what)
    {
        ArgumentNullException.ThrowIfNull(feature);
        var geometry = feature.Geometry;
        if (feature.GeometryError is { } error)
        {
            return (null, $"the location cannot be read: {error}");
        }

        var point = geometry switch
        {
            Point single when !single.IsEmpty => single,
            MultiPoint { NumGeometries: 1 } multi when !multi.IsEmpty => (Point)multi.GetGeometryN(0),
            _ => null,
        };
        if (point is null)
        {
            return (null, geometry is null || geometry.IsEmpty
                ? $"the record has no location; {what} is one point"
                : $"the geometry is a {geometry.GeometryType}; {what} is one point");
        }

        if (Math.Abs(point.Y) > 90 || Math.Abs(point.X) > 180)
        {
            return (null, string.Create(
                CultureInfo.InvariantCulture,
                $"the coordinates ({point.X}, {point.Y}) are not longitude and latitude in degrees; convert projected coordinates (such as CGCS2000 Gauss-Krüger) to longitude/latitude first"));
        }

        return (CoordinateConversion.ToWgs84(new GeoPoint(point.Y, point.X), crs), null);
    }
}
