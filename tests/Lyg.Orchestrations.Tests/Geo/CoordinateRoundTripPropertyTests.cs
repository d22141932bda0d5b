using Lyg.Contracts;
using Lyg.Orchestrations.Geo;
using static Lyg.Orchestrations.Geo.CoordinateConversion;

namespace Lyg.Orchestrations.Tests.Geo;

/// <summary>Round trips over a seeded cloud of points covering Lianyungang's extent and a margin around it.</summary>
public sealed class CoordinateRoundTripPropertyTests
{
    // The city spans about 33.98–35.12 N and 118.40–119.80 E; a margin keeps the property from depending on the edge.
    private const double South = 33.9, North = 35.2, West = 118.3, East = 119.9;
    private const int Samples = 5_000;

    public static IEnumerable<GeoPoint> CityPoints()
    {
        var random = new Random(320700);
        for (var i = 0; i < Samples; i++)
        {
            yield return new GeoPoint(South + random.NextDouble() * (North - South), West + random.NextDouble() * (East - West));
        }
    }

    [Fact]
    public void Gcj02_back_to_wgs84_is_within_a_centimetre_everywhere_in_the_city()
    {
        var worst = CityPoints().Max(wgs => wgs.DistanceTo(Gcj02ToWgs84(Wgs84ToGcj02(wgs))));

        Assert.True(worst < 0.01, $"worst round trip {worst} m");
    }

    [Fact]
    public void The_inverse_is_exact_from_the_gcj02_side_too()
    {
        var worst = CityPoints().Max(gcj => gcj.DistanceTo(Wgs84ToGcj02(Gcj02ToWgs84(gcj))));

        Assert.True(worst < 0.01, $"worst round trip {worst} m");
    }

    [Fact]
    public void Bd09_round_trips_within_a_centimetre()
    {
        var worstBaidu = CityPoints().Max(gcj => gcj.DistanceTo(Bd09ToGcj02(Gcj02ToBd09(gcj))));
        var worstChain = CityPoints().Max(wgs => wgs.DistanceTo(ToWgs84(FromWgs84(wgs, CoordinateSystem.Bd09), CoordinateSystem.Bd09)));

        Assert.True(worstBaidu < 0.01, $"worst BD-09 round trip {worstBaidu} m");
        Assert.True(worstChain < 0.01, $"worst WGS84→BD-09→WGS84 round trip {worstChain} m");
    }

    [Theory]
    [InlineData(CoordinateSystem.Wgs84)]
    [InlineData(CoordinateSystem.Cgcs2000)]
    [InlineData(CoordinateSystem.Gcj02)]
    [InlineData(CoordinateSystem.Bd09)]
    public void Every_system_round_trips_through_wgs84(CoordinateSystem crs)
    {
        Assert.All(CityPoints().Take(500), wgs => Assert.True(wgs.DistanceTo(ToWgs84(FromWgs84(wgs, crs), crs)) < 0.01));
    }
}
