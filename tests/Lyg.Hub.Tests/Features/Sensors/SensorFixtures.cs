using Lyg.Contracts;
using Lyg.Hub.Features.Sensors;
using Lyg.Hub.Importing;
using Lyg.Hub.Tests.Features.Components;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Codes;
using Lyg.Orchestrations.Geo;
using Microsoft.Extensions.Options;
using NetTopologySuite.Geometries;

namespace Lyg.Hub.Tests.Features.Sensors;

/// <summary>
/// Sensors on the synthetic sample city: records as a sensor file gives them, registered sensors in a grid of 海州区,
/// and registries over a table of a test's own.
/// </summary>
internal static class SensorFixtures
{
    public static readonly SensorKindCatalog Kinds = SensorKindCatalog.BuiltIn;

    public static readonly IReadOnlySet<string> SeededUnitCodes = ComponentFixtures.SeededUnits.Keys.ToHashSet(StringComparer.Ordinal);

    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    public static SensorValidator Validator(CoordinateSystem crs = CoordinateSystem.Wgs84) =>
        new(CaseFixtures.Places.Map, Kinds, SeededUnitCodes, crs);

    /// <summary>A sensor of <paramref name="kind"/> at the centre of <paramref name="grid"/> (海州区's inner grid by default), as an import leaves it.</summary>
    public static Sensor Sensor(string id, string kind = "water-level", UnitGrid? grid = null, IReadOnlyList<SensorRuleOverride>? overrides = null)
    {
        var at = grid ?? ComponentFixtures.Haizhou;
        var centre = CaseFixtures.CentreOf(at);
        return new Sensor(
            id, kind, "测试 " + id, centre, CaseFixtures.Places.Locate(centre.Lat, centre.Lon)!, "ENT-DRAINAGE",
            Kinds.Find(kind)!.DefaultInterval, overrides ?? []);
    }

    /// <summary>A record of a sensor file at <paramref name="point"/>; attributes given as (field, value) replace or add to the defaults.</summary>
    public static SourceFeature Feature(long record, GeoPoint point, string? id, params (string Field, object? Value)[] attributes) =>
        Feature(record, Factory.CreatePoint(new Coordinate(point.Lon, point.Lat)), id, attributes);

    public static SourceFeature Feature(long record, Geometry? geometry, string? id, params (string Field, object? Value)[] attributes)
    {
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            [SensorValidator.IdField] = id,
            [SensorValidator.KindField] = "water-level",
            [SensorValidator.NameField] = "样例 积水点",
            [SensorValidator.UnitField] = "ENT-DRAINAGE",
        };
        foreach (var (field, value) in attributes)
        {
            values[field] = value;
        }

        return new SourceFeature(record, geometry, values);
    }

    /// <summary>A store over a fresh table, so a test sees only what it wrote.</summary>
    public static async Task<SensorStore> NewStoreAsync(AzuriteFixture azurite)
    {
        var store = new SensorStore(azurite.Tables, "Sensors" + Guid.NewGuid().ToString("N"));
        await store.EnsureTableAsync(CancellationToken.None);
        return store;
    }

    /// <summary>A registry over a fresh table holding <paramref name="sensors"/>, loaded.</summary>
    public static async Task<SensorRegistry> RegistryAsync(AzuriteFixture azurite, params Sensor[] sensors)
    {
        var store = await NewStoreAsync(azurite);
        await store.WriteAsync(sensors, CancellationToken.None);
        var registry = new SensorRegistry(store, Kinds, Options.Create(new SensorsOptions()), TimeProvider.System);
        await registry.RefreshAsync(CancellationToken.None);
        return registry;
    }

    /// <summary>The built-in kinds file, parsed, for tests that change one kind and load it again.</summary>
    public static SensorKindFile BuiltInFile() => SensorKindCatalog.BuiltInFile();

    public static SensorKindCatalog Load(params SensorKindEntry[] over) =>
        SensorKindCatalog.From(BuiltInFile(), new SensorKindFile(null, over), CodeCatalog.Default);
}
