using Lyg.Orchestrations.Geo;

namespace Lyg.Hub.Features.Places;

/// <summary>The place map every request reads; an import swaps in a new map whole.</summary>
public sealed class CurrentPlaces(PlaceMap initial)
{
    private PlaceMap _map = initial;

    public PlaceMap Map => Volatile.Read(ref _map);

    public void Replace(PlaceMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        Volatile.Write(ref _map, map);
    }

    /// <summary>The grid covering the WGS84 point in the current map, or null.</summary>
    public GridLocation? Locate(double lat, double lon) => Map.Grids.Locate(lat, lon);
}
