using System.Text.Json.Serialization;

namespace Lyg.Contracts;

/// <summary>What a registered vehicle does: 智慧环卫 sanitation, 智慧渣土 muck trucks, and enforcement (执法) cars.</summary>
[JsonConverter(typeof(WireEnumConverter<VehicleKind>))]
public enum VehicleKind
{
    [JsonStringEnumMemberName("sanitation")]
    Sanitation,
    [JsonStringEnumMemberName("muck")]
    Muck,
    [JsonStringEnumMemberName("enforcement")]
    Enforcement,
}

/// <summary>
/// POST v1/vehicles/positions, and the body of each event of <c>EventHubs:Vehicles</c>: GPS fixes of registered
/// vehicles, each in the coordinate system its terminal reports (<c>wgs84</c>, <c>gcj02</c>, <c>cgcs2000</c>, <c>bd09</c>).
/// </summary>
public sealed record VehiclePositionBatch(IReadOnlyList<VehiclePositionReport> Positions);

/// <param name="Speed">km/h, optional.</param>
/// <param name="Heading">Degrees clockwise from north, 0 to 360, optional.</param>
public sealed record VehiclePositionReport(string VehicleId, DateTimeOffset ObservedAt, double Lat, double Lon, CoordinateSystem Crs, double? Speed, double? Heading);

/// <summary>202 of POST v1/vehicles/positions: every position of the request stored (a repeat stores the same rows again).</summary>
public sealed record VehiclePositionsAccepted(int Stored);

/// <summary>A vehicle's latest position (WGS84), as GET v1/monitoring/vehicles lists it.</summary>
public sealed record VehiclePositionView(
    string VehicleId, VehicleKind Kind, string Unit, DateTimeOffset ObservedAt, GeoLocation Location, double? Speed, double? Heading);

public sealed record VehiclePositionList(IReadOnlyList<VehiclePositionView> Items);

/// <summary>A point of a track (WGS84).</summary>
public sealed record VehicleTrackPoint(DateTimeOffset ObservedAt, GeoLocation Location, double? Speed, double? Heading);

/// <summary>GET v1/monitoring/vehicles/{id}/track: the points from <see cref="From"/> to <see cref="To"/> in time order, a page at a time.</summary>
public sealed record VehicleTrack(
    string VehicleId, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<VehicleTrackPoint> Items, string? ContinuationToken);
