using System.Text.Json;
using System.Text.Json.Serialization;
using Lyg.Contracts;
using Lyg.Hub.Features.Places;
using Lyg.Hub.Importing;
using Lyg.Hub.Storage;
using Lyg.Orchestrations;
using Microsoft.Extensions.Logging;
using NetTopologySuite.Geometries;

namespace Lyg.Hub.Features.Sensors;

/// <summary>
/// Plants the labelled sample sensors (sensors.seed.json, one or more of every kind) at startup when
/// <c>Sensors:SeedSample</c> is true (Development): each is checked as an import checks it, against the places in
/// force (the sample city) and the unit registry, and added when missing. Sensors already there are never touched;
/// a sample sensor that no longer fits (places imported over the sample) is left out with a warning.
/// </summary>
public sealed partial class SensorSeeder(SensorStore sensors, ImportSensors import, CurrentPlaces places, SensorRegistry registry, ILogger<SensorSeeder> logger)
    : SampleSeeder<SourceFeature>(logger)
{
    private const string ResourceName = "Lyg.Hub.Features.Sensors.sensors.seed.json";

    private static readonly GeometryFactory Points = new(new PrecisionModel(), 4326);

    /// <summary>The sample as records of a sensor file, WGS84.</summary>
    public static IReadOnlyList<SourceFeature> Sample() =>
        [.. EmbeddedJson.Read(typeof(SensorSeeder).Assembly, ResourceName, SensorSeedJsonContext.Default.SensorSeedFile).Sensors.Select((s, i) => new SourceFeature(
            i + 1,
            Points.CreatePoint(new Coordinate(s.Lon, s.Lat)),
            new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
            {
                [SensorValidator.IdField] = s.SensorId,
                [SensorValidator.KindField] = s.Kind,
                [SensorValidator.NameField] = s.Name,
                [SensorValidator.UnitField] = s.Unit,
                [SensorValidator.IntervalField] = s.Interval,
                [SensorValidator.OverridesField] = JsonSerializer.Serialize(s.Overrides, SensorJsonContext.Default.IReadOnlyListSensorRuleOverride),
            }) { Source = "sensors.seed.json" })];

    protected override string Registry => "Sensor registry";

    protected override IReadOnlyList<SourceFeature> LoadSample() => Sample();

    protected override Task EnsureTableAsync(CancellationToken cancellationToken) => sensors.EnsureTableAsync(cancellationToken);

    protected override async Task<int> AddMissingAsync(IReadOnlyList<SourceFeature> sample, CancellationToken cancellationToken)
    {
        var (valid, problems) = await import.ValidateAsync(sample, places.Map, CoordinateSystem.Wgs84, cancellationToken);
        foreach (var problem in problems)
        {
            LogLeftOut(Logger, problem.ToString());
        }

        var added = await sensors.SeedAsync(valid, cancellationToken);
        await registry.RefreshAsync(cancellationToken);
        return added;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sensor registry: a sample sensor was left out: {Problem}")]
    private static partial void LogLeftOut(ILogger logger, string problem);
}

internal sealed record SensorSeedFile(string Note, IReadOnlyList<SensorSeedEntry> Sensors);

internal sealed record SensorSeedEntry(
    string SensorId, string Kind, string Name, double Lat, double Lon, string? Unit, string? Interval, IReadOnlyList<SensorRuleOverride> Overrides);

/// <summary>Strict reading: a seed entry missing a member fails startup instead of planting a broken sensor.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(SensorSeedFile))]
internal sealed partial class SensorSeedJsonContext : JsonSerializerContext;
