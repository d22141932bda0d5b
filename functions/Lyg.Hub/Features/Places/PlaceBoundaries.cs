using System.Globalization;
using Lyg.Contracts;
using Lyg.Orchestrations.Geo;
using NetTopologySuite.Densify;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;

namespace Lyg.Hub.Features.Places;

/// <summary>
/// The checks of one place's boundary: present, a Polygon or MultiPolygon (a unit grid one polygon), in
/// longitude/latitude, and valid once converted to WGS84. Each answers the boundary to keep, or the problem in words
/// an administrator can act on.
/// </summary>
internal static class PlaceBoundaries
{
    // GCJ-02 and BD-09 offsets bend straight lines: a 3 km community edge converted by its corners alone passes up to
    // half a metre from the converted vertices of the grids along it. Segments of at most ~200 m bend by millimetres.
    private const double MaxConvertedSegmentDegrees = 0.002;

    public static Geometry? Check(Geometry? geometry, string? geometryError, PlaceLevel? level, CoordinateSystem crs, out string? problem)
    {
        problem = geometryError is not null
            ? $"its geometry cannot be read: {geometryError}"
            : geometry is null || geometry.IsEmpty
                ? "it has no geometry: every place needs its boundary polygon."
                : geometry is not (Polygon or MultiPolygon)
                    ? $"its geometry is a {geometry.GeometryType}; a place's boundary must be a Polygon or MultiPolygon."
                    : level == PlaceLevel.Grid && geometry.NumGeometries > 1
                        ? $"its geometry is a MultiPolygon of {geometry.NumGeometries.ToString(CultureInfo.InvariantCulture)} parts; a unit grid must be one polygon (split it into several grids or join the parts)."
                        : NotLongitudeLatitude(geometry!);
        if (problem is not null)
        {
            return null;
        }

        // A MultiPolygon of one part is a polygon as far as a grid is concerned.
        var boundary = ToWgs84(level == PlaceLevel.Grid ? geometry!.GetGeometryN(0) : geometry!, crs);
        var validity = new IsValidOp(boundary);
        if (!validity.IsValid)
        {
            var error = validity.ValidationError;
            problem = $"its boundary is not a valid polygon: {error.Message} at {Position(error.Coordinate)}. Repair it (e.g. QGIS \"Fix geometries\") and import again.";
            return null;
        }

        return boundary;
    }

    /// <summary>A problem when a coordinate cannot be longitude/latitude, with the likely reason.</summary>
    private static string? NotLongitudeLatitude(Geometry geometry)
    {
        foreach (var c in geometry.Coordinates)
        {
            if (double.IsFinite(c.X) && double.IsFinite(c.Y) && Math.Abs(c.X) <= 180 && Math.Abs(c.Y) <= 90)
            {
                continue;
            }

            return Math.Abs(c.X) <= 90 && Math.Abs(c.Y) <= 180
                ? $"it has the coordinate {Position(c)}, which is latitude first: x must be the longitude and y the latitude. Swap the axes and import again."
                : $"it has the coordinate {Position(c)}, which is not longitude/latitude: the data looks projected (metres). Reproject it to WGS84 or CGCS2000 longitude/latitude and import again.";
        }

        return null;
    }

    private static Geometry ToWgs84(Geometry geometry, CoordinateSystem crs)
    {
        if (crs is CoordinateSystem.Wgs84 or CoordinateSystem.Cgcs2000)
        {
            return geometry;
        }

        // Densifying leaves short segments' sequences shared, so it works on a copy: the source is never changed.
        var converted = Densifier.Densify(geometry.Copy(), MaxConvertedSegmentDegrees);
        converted.Apply(new ToWgs84Filter(crs));
        return converted;
    }

    private static string Position(Coordinate? c) =>
        c is null ? "an unknown position" : string.Create(CultureInfo.InvariantCulture, $"({c.X:0.######}, {c.Y:0.######})");

    /// <summary>Converts every coordinate in place; shared vertices convert alike, so shared edges stay shared.</summary>
    private sealed class ToWgs84Filter(CoordinateSystem crs) : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var wgs84 = CoordinateConversion.ToWgs84(new GeoPoint(seq.GetY(i), seq.GetX(i)), crs);
            seq.SetX(i, wgs84.Lon);
            seq.SetY(i, wgs84.Lat);
        }
    }
}
