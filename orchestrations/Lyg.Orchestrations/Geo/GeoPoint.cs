namespace Lyg.Orchestrations.Geo;

/// <summary>A latitude and longitude in degrees; which datum they are in is the caller's to know.</summary>
public readonly record struct GeoPoint(double Lat, double Lon)
{
    private const double MeanEarthRadiusMetres = 6_371_008.8;

    /// <summary>Great-circle (haversine) distance; ample for comparing points metres apart.</summary>
    public double DistanceTo(GeoPoint other)
    {
        var dLat = DegreesToRadians(other.Lat - Lat);
        var dLon = DegreesToRadians(other.Lon - Lon);
        var h = Math.Pow(Math.Sin(dLat / 2), 2)
            + Math.Cos(DegreesToRadians(Lat)) * Math.Cos(DegreesToRadians(other.Lat)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * MeanEarthRadiusMetres * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    private static double DegreesToRadians(double degrees) => degrees * Math.PI / 180.0;
}
