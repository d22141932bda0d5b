using Lyg.Contracts;

namespace Lyg.Orchestrations.Geo;

/// <summary>
/// Conversion between WGS84, GCJ-02 (the offset Chinese web maps and WeChat's 'gcj02' use) and BD-09 (Baidu's offset
/// of GCJ-02). CGCS2000 is taken as WGS84: the two differ by centimetres, far below a 100 m grid.
/// </summary>
public static class CoordinateConversion
{
    // The GCJ-02 offset is computed on the Krasovsky 1940 ellipsoid.
    private const double SemiMajorAxis = 6_378_245.0;
    private const double EccentricitySquared = 0.00669342162296594323;
    private const double BaiduAngle = Math.PI * 3000.0 / 180.0;

    // The inverse stops once the forward image is within about a millimetre of the target.
    private const double InverseToleranceDegrees = 1e-9;
    private const int MaxInverseIterations = 20;

    public static GeoPoint ToWgs84(GeoPoint point, CoordinateSystem crs) => crs switch
    {
        CoordinateSystem.Wgs84 or CoordinateSystem.Cgcs2000 => point,
        CoordinateSystem.Gcj02 => Gcj02ToWgs84(point),
        CoordinateSystem.Bd09 => Gcj02ToWgs84(Bd09ToGcj02(point)),
        _ => throw new ArgumentOutOfRangeException(nameof(crs), crs, "Unknown coordinate system."),
    };

    public static GeoPoint FromWgs84(GeoPoint point, CoordinateSystem crs) => crs switch
    {
        CoordinateSystem.Wgs84 or CoordinateSystem.Cgcs2000 => point,
        CoordinateSystem.Gcj02 => Wgs84ToGcj02(point),
        CoordinateSystem.Bd09 => Gcj02ToBd09(Wgs84ToGcj02(point)),
        _ => throw new ArgumentOutOfRangeException(nameof(crs), crs, "Unknown coordinate system."),
    };

    /// <summary>The rough rectangle the published algorithm applies the offset in; outside it GCJ-02 equals WGS84.</summary>
    public static bool IsOutsideChina(GeoPoint point) =>
        point.Lon is < 72.004 or > 137.8347 || point.Lat is < 0.8293 or > 55.8271;

    public static GeoPoint Wgs84ToGcj02(GeoPoint wgs)
    {
        if (IsOutsideChina(wgs))
        {
            return wgs;
        }

        var x = wgs.Lon - 105.0;
        var y = wgs.Lat - 35.0;
        var latRadians = wgs.Lat / 180.0 * Math.PI;
        var magic = 1 - EccentricitySquared * Math.Pow(Math.Sin(latRadians), 2);
        var sqrtMagic = Math.Sqrt(magic);
        var dLat = LatitudeOffset(x, y) * 180.0 / (SemiMajorAxis * (1 - EccentricitySquared) / (magic * sqrtMagic) * Math.PI);
        var dLon = LongitudeOffset(x, y) * 180.0 / (SemiMajorAxis / sqrtMagic * Math.Cos(latRadians) * Math.PI);
        return new GeoPoint(wgs.Lat + dLat, wgs.Lon + dLon);
    }

    /// <summary>
    /// The offset has no closed-form inverse; the common one-step subtraction is off by metres. Fixed-point iteration
    /// on the forward offset converges in a few steps because the offset varies slowly.
    /// </summary>
    public static GeoPoint Gcj02ToWgs84(GeoPoint gcj) => IsOutsideChina(gcj) ? gcj : Invert(Wgs84ToGcj02, gcj, gcj);

    public static GeoPoint Gcj02ToBd09(GeoPoint gcj)
    {
        var z = Math.Sqrt(gcj.Lon * gcj.Lon + gcj.Lat * gcj.Lat) + 0.00002 * Math.Sin(gcj.Lat * BaiduAngle);
        var theta = Math.Atan2(gcj.Lat, gcj.Lon) + 0.000003 * Math.Cos(gcj.Lon * BaiduAngle);
        return new GeoPoint(z * Math.Sin(theta) + 0.006, z * Math.Cos(theta) + 0.0065);
    }

    /// <summary>
    /// Baidu's published inverse is itself an approximation (off by about a decimetre); refining it on the forward
    /// formula makes a round trip exact to the millimetre.
    /// </summary>
    public static GeoPoint Bd09ToGcj02(GeoPoint bd)
    {
        var x = bd.Lon - 0.0065;
        var y = bd.Lat - 0.006;
        var z = Math.Sqrt(x * x + y * y) - 0.00002 * Math.Sin(y * BaiduAngle);
        var theta = Math.Atan2(y, x) - 0.000003 * Math.Cos(x * BaiduAngle);
        return Invert(Gcj02ToBd09, bd, new GeoPoint(z * Math.Sin(theta), z * Math.Cos(theta)));
    }

    /// <summary>The point whose <paramref name="forward"/> image is <paramref name="target"/>, by fixed-point iteration.</summary>
    private static GeoPoint Invert(Func<GeoPoint, GeoPoint> forward, GeoPoint target, GeoPoint start)
    {
        var point = start;
        for (var i = 0; i < MaxInverseIterations; i++)
        {
            var image = forward(point);
            var dLat = image.Lat - target.Lat;
            var dLon = image.Lon - target.Lon;
            if (Math.Abs(dLat) < InverseToleranceDegrees && Math.Abs(dLon) < InverseToleranceDegrees)
            {
                break;
            }

            point = new GeoPoint(point.Lat - dLat, point.Lon - dLon);
        }

        return point;
    }

    private static double LatitudeOffset(double x, double y)
    {
        var offset = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.Sqrt(Math.Abs(x));
        offset += (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        offset += (20.0 * Math.Sin(y * Math.PI) + 40.0 * Math.Sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        offset += (160.0 * Math.Sin(y / 12.0 * Math.PI) + 320.0 * Math.Sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        return offset;
    }

    private static double LongitudeOffset(double x, double y)
    {
        var offset = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.Sqrt(Math.Abs(x));
        offset += (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        offset += (20.0 * Math.Sin(x * Math.PI) + 40.0 * Math.Sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        offset += (150.0 * Math.Sin(x / 12.0 * Math.PI) + 300.0 * Math.Sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        return offset;
    }
}
