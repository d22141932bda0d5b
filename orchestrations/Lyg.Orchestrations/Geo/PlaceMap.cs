namespace Lyg.Orchestrations.Geo;

/// <summary>
/// The place hierarchy in force: every district, street and community with its boundary, every grid, and the grid
/// index that places points. Immutable, so a new import replaces the whole map at once and a lookup never sees half
/// of one.
/// </summary>
public sealed class PlaceMap
{
    private readonly Dictionary<string, Place> _places;

    public PlaceMap(string label, IReadOnlyCollection<PlaceArea> areas, IReadOnlyCollection<UnitGrid> grids)
    {
        ArgumentNullException.ThrowIfNull(areas);
        ArgumentNullException.ThrowIfNull(grids);
        Label = label;
        Areas = [.. areas.OrderBy(a => a.Place.Code, StringComparer.Ordinal)];
        UnitGrids = [.. grids.OrderBy(g => g.Code, StringComparer.Ordinal)];
        Grids = new GridIndex(UnitGrids);
        _places = new Dictionary<string, Place>(StringComparer.Ordinal);
        foreach (var area in Areas)
        {
            _places.TryAdd(area.Place.Code, area.Place);
        }

        foreach (var grid in UnitGrids)
        {
            _places.TryAdd(grid.District.Code, grid.District);
            _places.TryAdd(grid.Street.Code, grid.Street);
            _places.TryAdd(grid.Community.Code, grid.Community);
            _places.TryAdd(grid.Code, new Place(grid.Code, grid.Name ?? grid.Code));
        }
    }

    /// <summary>A map without places: every point lies outside, until a dataset is imported.</summary>
    public static PlaceMap Empty(string label) => new(label, [], []);

    /// <summary>Where the map came from (an import, or the synthetic sample), for the health endpoint and logs.</summary>
    public string Label { get; }

    public GridIndex Grids { get; }

    /// <summary>The districts, streets and communities with their boundaries, in code order.</summary>
    public IReadOnlyList<PlaceArea> Areas { get; }

    /// <summary>The unit grids in code order.</summary>
    public IReadOnlyList<UnitGrid> UnitGrids { get; }

    /// <summary>The place of any level with this code, or null when the map has none.</summary>
    public Place? Find(string code) => _places.GetValueOrDefault(code);
}
