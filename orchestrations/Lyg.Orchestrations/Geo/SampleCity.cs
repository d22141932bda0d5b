using System.Globalization;
using NetTopologySuite.Geometries;

namespace Lyg.Orchestrations.Geo;

/// <summary>Shape of the generated sample; the defaults give about 5,300 grids, <see cref="Large"/> about 106,000.</summary>
public sealed record SampleCityOptions(
    int Seed = SampleCity.DefaultSeed,
    int StreetsPerDistrict = 3,
    int CommunitiesPerStreet = 3,
    int GridsPerCommunitySide = 10,
    double HoleShare = 0.02)
{
    /// <summary>The upper end of the scale the platform is sized for (10^5 grids): for benchmarks and import trials.</summary>
    public static SampleCityOptions Large { get; } = new(StreetsPerDistrict: 4, CommunitiesPerStreet: 5, GridsPerCommunitySide: 30);
}

/// <summary>A district of the sample: its real code and name, the seat the lattice is centred on, and its extent.</summary>
public sealed record SampleDistrict(Place Place, GeoPoint Seat, Envelope Extent);

/// <summary>
/// SYNTHETIC sample places for Lianyungang, generated the same way on every start so local runs and tests need no data
/// file. The six division codes and names are real (GB/T 2260); the seats are approximate WGS84 centres of each
/// built-up area; every street, community and grid is made up and named 样例 (sample). Each district gets a box of
/// ~100 m × 100 m cells around its seat: streets side by side west to east, communities stacked south to north, and a
/// seeded share of cells left without a grid as holes (parks, water). The seat's own cell is never a hole. Districts,
/// streets and communities get the boxes of the lattice they cover as boundaries, so the sample passes the same import
/// checks as surveyed data.
/// </summary>
public sealed class SampleCity
{
    public const int DefaultSeed = 320700;
    public const string Label = "synthetic sample (样例), not surveyed data";

    private const double CellMetres = 100.0;

    private static readonly (string Code, string Name, GeoPoint Seat)[] Divisions =
    [
        ("320703", "连云区", new GeoPoint(34.7450, 119.3650)),
        ("320706", "海州区", new GeoPoint(34.5967, 119.2215)),
        ("320707", "赣榆区", new GeoPoint(34.8420, 119.1730)),
        ("320722", "东海县", new GeoPoint(34.5420, 118.7700)),
        ("320723", "灌云县", new GeoPoint(34.2840, 119.2390)),
        ("320724", "灌南县", new GeoPoint(34.0900, 119.3150)),
    ];

    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    private SampleCity(IReadOnlyList<PlaceArea> areas, IReadOnlyList<UnitGrid> grids, IReadOnlyList<Envelope> holes, IReadOnlyList<SampleDistrict> districts)
    {
        Areas = areas;
        Grids = grids;
        Holes = holes;
        Districts = districts;
    }

    /// <summary>The districts, streets and communities with their lattice boxes.</summary>
    public IReadOnlyList<PlaceArea> Areas { get; }

    public IReadOnlyList<UnitGrid> Grids { get; }

    /// <summary>Cells of the lattice deliberately left without a grid.</summary>
    public IReadOnlyList<Envelope> Holes { get; }

    public IReadOnlyList<SampleDistrict> Districts { get; }

    public GridIndex ToIndex() => new(Grids);

    public PlaceMap ToMap() => new(Label, [.. Areas], [.. Grids]);

    public static SampleCity Generate(SampleCityOptions? options = null)
    {
        options ??= new SampleCityOptions();
        // The grid sequence has three digits, so a community holds at most 999 grids.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.GridsPerCommunitySide * options.GridsPerCommunitySide, 999, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.StreetsPerDistrict, 999, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.CommunitiesPerStreet, 999, nameof(options));

        var random = new Random(options.Seed);
        var areas = new List<PlaceArea>();
        var grids = new List<UnitGrid>();
        var holes = new List<Envelope>();
        var districts = new List<SampleDistrict>();
        var side = options.GridsPerCommunitySide;
        foreach (var (code, name, seat) in Divisions)
        {
            var district = new Place(code, name);
            var columns = options.StreetsPerDistrict * side;
            var rows = options.CommunitiesPerStreet * side;
            var lonStep = CellMetres / MetresPerDegreeLongitude(seat.Lat);
            var latStep = CellMetres / MetresPerDegreeLatitude(seat.Lat);
            // Offset by half a cell so the seat falls in the middle of a cell, not on a corner.
            var west = seat.Lon - (columns / 2 + 0.5) * lonStep;
            var south = seat.Lat - (rows / 2 + 0.5) * latStep;
            double X(int column) => west + column * lonStep;
            double Y(int row) => south + row * latStep;
            // A box of lattice cells: columns west to east, rows south to north, the end ones excluded.
            Polygon Box(int firstColumn, int endColumn, int firstRow, int endRow) => Factory.CreatePolygon(
            [
                new Coordinate(X(firstColumn), Y(firstRow)),
                new Coordinate(X(endColumn), Y(firstRow)),
                new Coordinate(X(endColumn), Y(endRow)),
                new Coordinate(X(firstColumn), Y(endRow)),
                new Coordinate(X(firstColumn), Y(firstRow)),
            ]);

            districts.Add(new SampleDistrict(district, seat, new Envelope(X(0), X(columns), Y(0), Y(rows))));
            areas.Add(new PlaceArea(district, Box(0, columns, 0, rows)));

            for (var s = 0; s < options.StreetsPerDistrict; s++)
            {
                var streetCode = code + Three(s + 1);
                var street = new Place(streetCode, $"{name}样例街道{s + 1}");
                areas.Add(new PlaceArea(street, Box(s * side, (s + 1) * side, 0, rows)));
                for (var c = 0; c < options.CommunitiesPerStreet; c++)
                {
                    var communityCode = streetCode + Three(c + 1);
                    var community = new Place(communityCode, $"{street.Name}样例社区{c + 1}");
                    areas.Add(new PlaceArea(community, Box(s * side, (s + 1) * side, c * side, (c + 1) * side)));
                    var sequence = 0;
                    for (var row = c * side; row < (c + 1) * side; row++)
                    {
                        for (var column = s * side; column < (s + 1) * side; column++)
                        {
                            var isSeat = column == columns / 2 && row == rows / 2;
                            // Drawn for every cell, seat included, so the holes do not shift if the seat moves.
                            if (random.NextDouble() < options.HoleShare && !isSeat)
                            {
                                holes.Add(new Envelope(X(column), X(column + 1), Y(row), Y(row + 1)));
                                continue;
                            }

                            grids.Add(new UnitGrid(communityCode + Three(++sequence), Box(column, column + 1, row, row + 1), community, street, district));
                        }
                    }
                }
            }
        }

        return new SampleCity(areas, grids, holes, districts);
    }

    private static string Three(int value) => value.ToString("D3", CultureInfo.InvariantCulture);

    // Series expansions on the WGS84 ellipsoid; good to a few centimetres per degree.
    private static double MetresPerDegreeLatitude(double lat)
    {
        var phi = lat * Math.PI / 180.0;
        return 111_132.954 - 559.822 * Math.Cos(2 * phi) + 1.175 * Math.Cos(4 * phi);
    }

    private static double MetresPerDegreeLongitude(double lat)
    {
        var phi = lat * Math.PI / 180.0;
        return 111_412.84 * Math.Cos(phi) - 93.5 * Math.Cos(3 * phi);
    }
}
