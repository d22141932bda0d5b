using NetTopologySuite.Geometries;

namespace Lyg.Orchestrations.Geo;

/// <summary>An administrative place: a district or county, a street or town, or a community.</summary>
public sealed record Place(string Code, string Name);

/// <summary>
/// A district, street or community with its WGS84 boundary (x = longitude, y = latitude): a Polygon or MultiPolygon,
/// since a town can own islands.
/// </summary>
public sealed record PlaceArea(Place Place, Geometry Boundary);

/// <summary>
/// A unit grid (单元网格) with its WGS84 boundary (x = longitude, y = latitude), the places it nests in, and its name
/// when the source gives one (many grid layers name grids by code only).
/// </summary>
public sealed record UnitGrid(string Code, Polygon Boundary, Place Community, Place Street, Place District, string? Name = null);

/// <summary>Where a point lies: its grid and the places above it.</summary>
public sealed record GridLocation(string Grid, Place Community, Place Street, Place District);
