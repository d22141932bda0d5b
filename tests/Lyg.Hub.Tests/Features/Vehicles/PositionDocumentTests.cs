using System.Text;
using Lyg.Hub.Features.Vehicles;
using Lyg.Orchestrations.Geo;
using static Lyg.Hub.Tests.Features.Vehicles.VehicleSamples;

namespace Lyg.Hub.Tests.Features.Vehicles;

public sealed class PositionDocumentTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlyDictionary<string, Vehicle> Registry = VehicleSamples.Read(File()).ToDictionary(v => v.VehicleId);

    [Fact]
    public void Good_positions_are_read_and_converted_to_wgs84()
    {
        var gcj = CoordinateConversion.Wgs84ToGcj02(new GeoPoint(34.5967, 119.2215));
        var body = FormattableString.Invariant($$"""
            {"positions": [
              {"vehicleId": "苏G-T0001", "observedAt": "2026-12-01T19:30:00+08:00", "lat": 34.5967, "lon": 119.2215, "crs": "wgs84", "speed": 32.5, "heading": 90},
              {"vehicleId": "HW-T0001", "observedAt": "2026-12-01T11:30:00Z", "lat": {{gcj.Lat}}, "lon": {{gcj.Lon}}, "crs": "gcj02"}
            ]}
            """);

        var (positions, errors, offered) = Read(body);

        Assert.Empty(errors);
        Assert.Equal(2, offered);
        Assert.Equal((32.5, 90.0), (positions[0].Speed!.Value, positions[0].Heading!.Value));
        Assert.Null(positions[1].Speed);
        Assert.Equal(34.5967, positions[1].Point.Lat, 6);
        Assert.Equal(119.2215, positions[1].Point.Lon, 6);
    }

    [Theory]
    [InlineData("\"vehicleId\": \"苏G-T0001\"", "\"vehicleId\": \"苏G-NOBODY\"", "positions[0].vehicleId")]
    [InlineData("\"vehicleId\": \"苏G-T0001\"", "\"vehicleId\": \"a b\"", "positions[0].vehicleId")]
    [InlineData("\"vehicleId\": \"苏G-T0001\"", "\"vehicleId\": 7", "positions[0].vehicleId")]
    [InlineData("\"vehicleId\": \"苏G-T0001\", ", "", "positions[0].vehicleId")]
    [InlineData("\"observedAt\": \"2026-12-01T19:30:00+08:00\"", "\"observedAt\": \"2026-12-01 19:30\"", "positions[0].observedAt")]
    [InlineData("\"observedAt\": \"2026-12-01T19:30:00+08:00\"", "\"observedAt\": \"2026-12-01T19:30:00\"", "positions[0].observedAt")]
    [InlineData("\"observedAt\": \"2026-12-01T19:30:00+08:00\"", "\"observedAt\": \"2026-12-01T20:30:00Z\"", "positions[0].observedAt")]
    [InlineData("\"lat\": 34.5967", "\"lat\": 91", "positions[0].lat")]
    [InlineData("\"lat\": 34.5967", "\"lat\": \"34.5967\"", "positions[0].lat")]
    [InlineData("\"lat\": 34.5967, ", "", "positions[0].lat")]
    [InlineData("\"lon\": 119.2215", "\"lon\": -181", "positions[0].lon")]
    [InlineData("\"lon\": 119.2215", "\"lon\": null", "positions[0].lon")]
    [InlineData("\"crs\": \"wgs84\"", "\"crs\": \"WGS84\"", "positions[0].crs")]
    [InlineData("\"crs\": \"wgs84\", ", "", "positions[0].crs")]
    [InlineData("\"speed\": 32.5", "\"speed\": -1", "positions[0].speed")]
    [InlineData("\"speed\": 32.5", "\"speed\": 1e400", "positions[0].speed")]
    [InlineData("\"heading\": 90", "\"heading\": 361", "positions[0].heading")]
    public void Each_bad_field_is_named_and_the_document_gives_no_position(string find, string replace, string path)
    {
        var good = """{"positions": [{"vehicleId": "苏G-T0001", "observedAt": "2026-12-01T19:30:00+08:00", "lat": 34.5967, "lon": 119.2215, "crs": "wgs84", "speed": 32.5, "heading": 90}, {"vehicleId": "HW-T0001", "observedAt": "2026-12-01T19:30:00+08:00", "lat": 34.5967, "lon": 119.2215, "crs": "wgs84"}]}""";
        Assert.Contains(find, good, StringComparison.Ordinal);

        var first = good.IndexOf(find, StringComparison.Ordinal);
        var (positions, errors, _) = Read(string.Concat(good.AsSpan(0, first), replace, good.AsSpan(first + find.Length)));

        Assert.Empty(positions);
        Assert.Equal([path], errors.Keys);
    }

    [Theory]
    [InlineData("""{"positions": [""", "$")]
    [InlineData("""[]""", "positions")]
    [InlineData("""{"positions": {}}""", "positions")]
    [InlineData("""{"positions": []}""", "positions")]
    [InlineData("""{"positions": [7]}""", "positions[0]")]
    public void A_document_without_a_list_of_positions_is_refused_whole(string body, string path)
    {
        var (positions, errors, _) = Read(body);

        Assert.Empty(positions);
        Assert.Equal([path], errors.Keys);
    }

    [Fact]
    public void More_positions_than_the_limit_are_refused()
    {
        var one = """{"vehicleId": "HW-T0001", "observedAt": "2026-12-01T19:30:00+08:00", "lat": 34.5967, "lon": 119.2215, "crs": "wgs84"}""";
        var body = "{\"positions\": [" + string.Join(",", Enumerable.Repeat(one, 3)) + "]}";

        var (_, errors, offered) = PositionDocument.Read(Encoding.UTF8.GetBytes(body), Registry, new VehiclesOptions { MaxPositionsPerDocument = 2 }, Now);

        Assert.Equal(["positions"], errors.Keys);
        Assert.Equal(3, offered);
    }

    private static (IReadOnlyList<VehiclePosition> Positions, IReadOnlyDictionary<string, string[]> Errors, int Offered) Read(string body) =>
        PositionDocument.Read(Encoding.UTF8.GetBytes(body), Registry, new VehiclesOptions(), Now);
}
