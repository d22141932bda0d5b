using Azure.Data.Tables;
using Lyg.Contracts;
using Lyg.Hub.Features.Components;
using Lyg.Hub.Features.Units;
using Lyg.Hub.Importing;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Codes;
using Lyg.Orchestrations.Geo;
using NetTopologySuite.Geometries;

namespace Lyg.Hub.Tests.Features.Components;

/// <summary>
/// Components on the synthetic sample city: source features as a file would give them, points placed by metres from
/// a grid, the seeded unit registry, and component tables of a test's own.
/// </summary>
internal static class ComponentFixtures
{
    public static readonly SampleCity City = CaseFixtures.City;

    public static readonly IReadOnlyDictionary<string, UnitView> SeededUnits = UnitSeed.Load().Units.ToDictionary(u => u.Code, StringComparer.Ordinal);

    /// <summary>A grid of 海州区 whose east, west, north and south neighbours are all grids (no hole, no district edge).</summary>
    public static readonly UnitGrid Haizhou = InnerGrid("320706");

    /// <summary>The grid east of <see cref="Haizhou"/>.</summary>
    public static readonly UnitGrid HaizhouEast = Neighbour(Haizhou, east: 1);

    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    public static ComponentValidator Validator(ComponentImportOptions? options = null) =>
        new(CaseFixtures.Places.Map, CodeCatalog.Default, SeededUnits, options ?? new ComponentImportOptions(CoordinateSystem.Wgs84));

    /// <summary>A WGS84 point <paramref name="east"/> and <paramref name="north"/> metres from <paramref name="origin"/>.</summary>
    public static GeoPoint Offset(GeoPoint origin, double east = 0, double north = 0)
    {
        const double Step = 1e-4;
        var perDegreeLat = origin.DistanceTo(origin with { Lat = origin.Lat + Step }) / Step;
        var perDegreeLon = origin.DistanceTo(origin with { Lon = origin.Lon + Step }) / Step;
        return new GeoPoint(origin.Lat + north / perDegreeLat, origin.Lon + east / perDegreeLon);
    }

    /// <summary>The middle of the grid's east edge.</summary>
    public static GeoPoint EastEdgeOf(UnitGrid grid)
    {
        var box = grid.Boundary.EnvelopeInternal;
        return new GeoPoint((box.MinY + box.MaxY) / 2, box.MaxX);
    }

    /// <summary>A sample component id: <paramref name="sequence"/> of type <paramref name="type"/> in <paramref name="division"/>.</summary>
    public static string Id(int sequence, string type = "0101", string division = "320706") => $"{division}{type}{sequence:D6}";

    /// <summary>A point record with the 2013 fields; attributes given as (field, value) replace or add to the defaults.</summary>
    public static SourceFeature Feature(long record, GeoPoint point, string? id, params (string Field, object? Value)[] attributes) =>
        Feature(record, Factory.CreatePoint(new Coordinate(point.Lon, point.Lat)), id, attributes);

    public static SourceFeature Feature(long record, Geometry? geometry, string? id, params (string Field, object? Value)[] attributes)
    {
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["ObjID"] = id,
            ["ObjName"] = "上水井盖",
            ["DeptCode1"] = "DEPT-CGJ",
            ["DeptCode2"] = "ENT-WATER",
            ["DeptName2"] = "市区供水",
            ["DeptCode3"] = "ENT-WATER",
            ["ObjState"] = "完好",
            ["ORDate"] = "2024-05-20",
            ["CHDate"] = "20250101",
            ["DataSource"] = "普查",
            ["Note"] = "样例",
        };
        foreach (var (field, value) in attributes)
        {
            values[field] = value;
        }

        return new SourceFeature(record, geometry, values);
    }

    public static Geometry MultiPoint(params GeoPoint[] points) =>
        Factory.CreateMultiPointFromCoords([.. points.Select(p => new Coordinate(p.Lon, p.Lat))]);

    /// <summary>A valid component in <paramref name="grid"/> at <paramref name="point"/> (its centre by default), as an import leaves it.</summary>
    public static ComponentView Component(string id, UnitGrid grid, GeoPoint? point = null, ComponentState state = ComponentState.Intact)
    {
        var at = point ?? CaseFixtures.CentreOf(grid);
        var parsed = ComponentId.TryParse(id, out var componentId) ? componentId : throw new ArgumentException("Bad test id.", nameof(id));
        return new ComponentView(
            id, "井盖" + id[^3..], parsed.Scheme, parsed.TypeCode,
            new ComponentUnit("DEPT-CGJ", "连云港市城市管理局"), new ComponentUnit(null, "某小区物业"), null,
            grid.Code, state, new GeoLocation(at.Lat, at.Lon, CoordinateSystem.Wgs84),
            new DateOnly(2024, 5, 20), null, "普查", null);
    }

    /// <summary>A store over tables of its own, so a test sees only what it wrote.</summary>
    /// <summary>A store over fresh tables; with <paramref name="tables"/>, through that client (a recording one) instead of the fixture's.</summary>
    public static async Task<ComponentStore> NewStoreAsync(AzuriteFixture azurite, TableServiceClient? tables = null)
    {
        var suffix = Guid.NewGuid().ToString("N");
        var store = new ComponentStore(tables ?? azurite.Tables, "Components" + suffix, "ComponentIds" + suffix);
        await store.EnsureTablesAsync(CancellationToken.None);
        return store;
    }

    public static UnitGrid Neighbour(UnitGrid grid, int east = 0, int north = 0) =>
        TryNeighbour(grid, east, north) ?? throw new InvalidOperationException($"Grid {grid.Code} has no neighbour there.");

    private static UnitGrid InnerGrid(string district) =>
        City.Grids.First(g => g.District.Code == district && TryNeighbour(g, 1, 0) is not null && TryNeighbour(g, -1, 0) is not null
            && TryNeighbour(g, 0, 1) is not null && TryNeighbour(g, 0, -1) is not null && TryNeighbour(g, 2, 0) is not null);

    private static UnitGrid? TryNeighbour(UnitGrid grid, int east, int north)
    {
        var box = grid.Boundary.EnvelopeInternal;
        var centre = CaseFixtures.CentreOf(grid);
        var target = new Coordinate(centre.Lon + east * box.Width, centre.Lat + north * box.Height);
        return City.Grids.FirstOrDefault(g => g.Boundary.EnvelopeInternal.Contains(target));
    }
}
