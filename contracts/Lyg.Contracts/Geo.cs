namespace Lyg.Contracts;

/// <summary>An administrative place as the locate answer names it.</summary>
public sealed record PlaceView(string Code, string Name);

/// <summary>
/// GET v1/geo/locate: the unit grid a point lies in and the places above it. <see cref="Point"/> is the input after
/// conversion to WGS84, the system grids are stored in.
/// </summary>
public sealed record LocateResult(string Grid, PlaceView Community, PlaceView Street, PlaceView District, GeoLocation Point);
