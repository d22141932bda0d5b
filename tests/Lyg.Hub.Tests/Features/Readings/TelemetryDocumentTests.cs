using System.Text;
using Lyg.Hub.Features.Readings;

namespace Lyg.Hub.Tests.Features.Readings;

public sealed class TelemetryDocumentTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void A_good_document_gives_its_readings_with_times_and_values()
    {
        var (readings, errors, offered) = Read("""
            {"readings": [
              {"sensorId": "WL-0001", "observedAt": "2026-12-01T07:59:00+08:00", "values": {"waterLevel": 2.31, "rainfall": 0}},
              {"sensorId": "gas.17", "observedAt": "2026-11-30T23:59:59.5Z", "values": {"ch4": 1e-3}}
            ]}
            """);

        Assert.Empty(errors);
        Assert.Equal(2, offered);
        Assert.Equal("WL-0001", readings[0].SensorId);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 23, 59, 0, TimeSpan.Zero), readings[0].ObservedAt.ToUniversalTime());
        Assert.Equal(2.31, readings[0].Values["waterLevel"]);
        Assert.Equal(0.001, readings[1].Values["ch4"]);
    }

    [Fact]
    public void Every_bad_reading_is_named_by_its_path_and_no_reading_is_taken()
    {
        var (readings, errors, offered) = Read("""
            {"readings": [
              {"sensorId": "ok-1", "observedAt": "2026-12-01T07:59:00+08:00", "values": {"level": 1}},
              {"sensorId": "has space", "observedAt": "2026-12-01T07:59:00+08:00", "values": {"level": 1}},
              {"sensorId": "ok-2", "observedAt": "2026-12-01 07:59:00", "values": {"level": 1}},
              {"sensorId": "ok-3", "observedAt": "2026-12-01T09:00:00+08:00", "values": {"level": 1}},
              {"sensorId": "ok-4", "observedAt": "2026-12-01T07:59:00+08:00", "values": {"level": "high"}},
              {"sensorId": "ok-5", "observedAt": "2026-12-01T07:59:00+08:00", "values": {}},
              {"sensorId": "ok-6", "observedAt": "2026-12-01T07:59:00+08:00", "values": {"1st": 2}},
              42
            ]}
            """);

        Assert.Empty(readings);
        Assert.Equal(8, offered);
        Assert.Equal(
            ["readings[1].sensorId", "readings[2].observedAt", "readings[3].observedAt", "readings[4].values.level", "readings[5].values", "readings[6].values", "readings[7]"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("future", errors["readings[3].observedAt"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[1, 2]""", "readings")]
    [InlineData("""{"readings": []}""", "readings")]
    [InlineData("""{"readings": {"sensorId": "a"}}""", "readings")]
    [InlineData("""{"readings": [""", "$")]
    [InlineData("""{"readings": [{"sensorId": "a", "observedAt": "2026-12-01T07:59:00Z", "values": {"x": 1, "x": 2}}]}""", "readings[0].values.x")]
    public void A_document_that_is_not_a_list_of_readings_is_refused_naming_where(string json, string field)
    {
        var (readings, errors, _) = Read(json);

        Assert.Empty(readings);
        Assert.True(errors.ContainsKey(field), string.Join(", ", errors.Keys));
    }

    [Fact]
    public void More_readings_than_the_limit_are_refused_whole()
    {
        var one = """{"sensorId": "s", "observedAt": "2026-12-01T07:59:00Z", "values": {"v": 1}}""";
        var (readings, errors, offered) = Read($$"""{"readings": [{{string.Join(",", Enumerable.Repeat(one, 4))}}]}""", new TelemetryOptions { MaxReadingsPerDocument = 3 });

        Assert.Empty(readings);
        Assert.Equal(4, offered);
        Assert.Equal(["1 to 3 readings."], errors["readings"]);
    }

    private static (IReadOnlyList<SensorReading> Readings, IReadOnlyDictionary<string, string[]> Errors, int Offered) Read(string json, TelemetryOptions? options = null) =>
        TelemetryDocument.Read(Encoding.UTF8.GetBytes(json), options ?? new TelemetryOptions(), Now);
}
