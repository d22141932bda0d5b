namespace Lyg.Contracts;

/// <summary>A point as the client measured it; <see cref="Crs"/> is mandatory because Chinese maps disagree by hundreds of metres.</summary>
public sealed record GeoLocation(double? Lat, double? Lon, CoordinateSystem? Crs);
