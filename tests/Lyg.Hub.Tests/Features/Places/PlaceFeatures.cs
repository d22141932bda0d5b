using Lyg.Hub.Importing;
using NetTopologySuite.Geometries;

namespace Lyg.Hub.Tests.Features.PlaceDatasets;

/// <summary>
/// Hand-built place records for the import tests: a small valid dataset in Haizhou — one district, street and
/// community sharing one box of 0.04° and two unit grids splitting it west and east — and boxes to vary it.
/// </summary>
internal static class PlaceFeatures
{
    public const string District = "320706";
    public const string Street = "320706001";
    public const string Community = "320706001001";
    public const string WestGrid = "320706001001001";
    public const string EastGrid = "320706001001002";

    public const double West = 119.20;
    public const double Middle = 119.22;
    public const double East = 119.24;
    public const double South = 34.58;
    public const double North = 34.62;

    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    /// <summary>A record as the readers give it: code, name (when not null) and geometry.</summary>
    public sealed record Row(string Code, string? Name, Geometry? Geometry);

    public static Row[] ValidRows() =>
    [
        new(District, "海州区", Box(West, South, East, North)),
        new(Street, "新海街道", Box(West, South, East, North)),
        new(Community, "测试社区", Box(West, South, East, North)),
        new(WestGrid, null, Box(West, South, Middle, North)),
        new(EastGrid, "东格", Box(Middle, South, East, North)),
    ];

    /// <summary>The rows as numbered source records of one file.</summary>
    public static List<SourceFeature> Records(IEnumerable<Row> rows, string source = "places.geojson") =>
        [.. rows.Select((row, index) => Record(index + 1, row, source))];

    public static SourceFeature Record(long number, Row row, string source = "places.geojson")
    {
        ArgumentNullException.ThrowIfNull(row);
        var attributes = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["code"] = row.Code };
        if (row.Name is not null)
        {
            attributes["name"] = row.Name;
        }

        return new SourceFeature(number, row.Geometry, attributes) { Source = source };
    }

    public static Polygon Box(double west, double south, double east, double north) => Factory.CreatePolygon(
    [
        new Coordinate(west, south),
        new Coordinate(east, south),
        new Coordinate(east, north),
        new Coordinate(west, north),
        new Coordinate(west, south),
    ]);

    /// <summary>The valid rows with the row of <paramref name="code"/> replaced (or removed when null).</summary>
    public static Row[] ValidRowsWith(string code, Row? replacement) =>
        [.. ValidRows().SelectMany(r => r.Code != code ? [r] : replacement is null ? [] : new[] { replacement })];
}
