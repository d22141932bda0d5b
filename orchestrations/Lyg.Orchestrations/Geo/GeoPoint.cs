namespace Lyg.Orchestrations.Geo;

/// <summary>A latitude and longitude in degrees; which datum they are in is the caller's to know.</summary>
public readonly record struct GeoPoint(double Lat, double Lon)
{
    private const double MeanEarthRadiusMetres = 6_371_008.8;

    // A tenth of a millidegree (about 11 m): short enough that haversine over it is linear to far below a millimetre.
    private const double ScaleStepDegrees = 1e-4;

    /// <summary>Great-circle (haversine) distance; ample for comparing points metres apart.</summary>
    public double DistanceTo(GeoPoint other)
    {
        var dLat = DegreesToRadians(other.Lat - Lat);
        var dLon = DegreesToRadians(other.Lon - Lon);
        var h = Math.Pow(Math.Sin(dLat / 2), 2)
            + Math.Cos(DegreesToRadians(Lat)) * Math.Cos(DegreesToRadians(other.Lat)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * MeanEarthRadiusMetres * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>
    /// Metres per degree of latitude and of longitude at the point, by this haversine: the scale of a flat projection
    /// centred here, which over a few hundred metres errs by millimetres.
    /// </summary>
    public (double Lat, double Lon) MetresPerDegree()
    {
        return (DistanceTo(this with { Lat = Lat + ScaleStepDegrees }) / ScaleStepDegrees,
            DistanceTo(this with { Lon = Lon + ScaleStepDegrees }) / ScaleStepDegrees);
    }

    /// <summary>The latitude and longitude ranges reaching <paramref name="metres"/> from the point in each direction.</summary>
    public GeoBox BoxAround(double metres)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(metres);
        var (perDegreeLat, perDegreeLon) = MetresPerDegree();
        return new GeoBox(Lat - metres / perDegreeLat, Lon - metres / perDegreeLon, Lat + metres / perDegreeLat, Lon + metres / perDegreeLon);
    }

    private static double DegreesToRadians(double degrees) => degrees * Math.PI / 180.0;
}

/// <summary>A latitude and longitude range in degrees.</summary>
public readonly record struct GeoBox(double South, double West, double North, double East);
