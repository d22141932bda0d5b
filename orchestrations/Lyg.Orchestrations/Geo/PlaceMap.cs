namespace Lyg.Orchestrations.Geo;

/// <summary>
/// The place hierarchy in force: every district, street, community and grid by code, and the grid index that places
/// points. Immutable, so a new import replaces the whole map at once and a lookup never sees half of one.
/// </summary>
public sealed class PlaceMap
{
    private readonly Dictionary<string, Place> _places;

    public PlaceMap(string label, IReadOnlyCollection<UnitGrid> grids)
    {
        ArgumentNullException.ThrowIfNull(grids);
        Label = label;
        Grids = new GridIndex(grids);
        _places = new Dictionary<string, Place>(StringComparer.Ordinal);
        foreach (var grid in grids)
        {
            _places.TryAdd(grid.District.Code, grid.District);
            _places.TryAdd(grid.Street.Code, grid.Street);
            _places.TryAdd(grid.Community.Code, grid.Community);
            _places.TryAdd(grid.Code, new Place(grid.Code, grid.Code));
        }
    }

    /// <summary>Where the map came from (an import, or the synthetic sample), for the health endpoint and logs.</summary>
    public string Label { get; }

    public GridIndex Grids { get; }

    /// <summary>The place of any level with this code, or null when the map has none.</summary>
    public Place? Find(string code) => _places.GetValueOrDefault(code);
}
