namespace Lyg.Orchestrations.Geo;

/// <summary>A unit grid and how far its boundary lies from a point, in metres (0 when the grid covers the point).</summary>
public sealed record NearbyGrid(UnitGrid Grid, double Metres);
