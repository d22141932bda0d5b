using NetTopologySuite.Geometries;

namespace Lyg.Orchestrations.Geo;

/// <summary>An administrative place: a district or county, a street or town, or a community.</summary>
public sealed record Place(string Code, string Name);

/// <summary>A unit grid (单元网格) with its WGS84 boundary (x = longitude, y = latitude) and the places it nests in.</summary>
public sealed record UnitGrid(string Code, Polygon Boundary, Place Community, Place Street, Place District);

/// <summary>Where a point lies: its grid and the places above it.</summary>
public sealed record GridLocation(string Grid, Place Community, Place Street, Place District);
